import { canonicalJson, err, ok, problem, type Problem, type Result } from '@sandogh/core';
import {
  contextFromJson,
  encryptBallot,
  revealBallot,
  type ElectionContextJson,
  type EncryptionResult,
} from '@sandogh/crypto';
import type { OpenedPackage } from '../config/package.js';
import { printedVote, trackingSlip, type PrintHeader, type Printout } from '../print/printouts.js';
import type { StationStore } from '../store/stationStore.js';
import {
  choiceIndices,
  idleVoting,
  stepVoting,
  type BallotStyle,
  type VotingEffect,
  type VotingEvent,
  type VotingState,
} from './machine.js';
import { provisionalHandleOf } from './provisional.js';

/**
 * The voting device: the pure machine (machine.ts) driven against the real world — the
 * ballot card, the encryption, the durable store and the printer. The order of effects is the
 * machine's: the ballot is sealed in the station store (synchronous FULL) before anything is
 * printed, and "recorded" comes after the print (law 3).
 */

/** Whether a ballot card may be used here; the poll book's card check plugs in behind it. */
export interface CardCheck {
  accept(token: string): Promise<Result<void, Problem>>;
  /**
   * Tells HQ the voter left this device without casting (law 5: abandoned, not cast). Resolves
   * true once HQ has it (or refused it for good), false when HQ could not be reached.
   */
  reportAbandoned?(token: string): Promise<boolean>;
}

export interface VotingDeviceDeps {
  readonly store: StationStore;
  readonly opened: OpenedPackage;
  readonly cards: CardCheck;
  readonly print: (printout: Printout) => void;
  /** Called after each durable cast, so the outbox sends without waiting for its timer. */
  readonly afterCast?: () => void;
}

export interface VotingView {
  readonly state: VotingState;
  /** The short tracking code shown on the review and recorded screens. */
  readonly shortCode: string | null;
  readonly packageHash: string;
}

export function ballotStyleOf(opened: OpenedPackage): BallotStyle {
  const pkg = opened.package;
  return {
    candidates: pkg.candidates.map((c) => ({ code: c.code, name: c.name })),
    seats: pkg.contest.maxSelections,
    codeLength: pkg.contest.candidateCodeLength,
  };
}

export function printHeaderOf(opened: OpenedPackage): PrintHeader {
  return {
    branchName: opened.package.branch.name.fa,
    branchId: opened.package.branch.id,
    packageShortHash: opened.shortHash,
    electionTitle: opened.package.election.meta.title.fa,
  };
}

export class VotingDevice {
  private state: VotingState = idleVoting;
  private card: string | null = null;
  private encryption: EncryptionResult | null = null;
  private readonly style: BallotStyle;

  constructor(private readonly deps: VotingDeviceDeps) {
    this.style = ballotStyleOf(deps.opened);
  }

  view(): VotingView {
    return {
      state: this.state,
      shortCode: this.encryption?.shortCode ?? null,
      packageHash: this.deps.opened.shortHash,
    };
  }

  async insertCard(token: string): Promise<Result<VotingView, Problem>> {
    if (this.state.screen !== 'idle')
      return err(problem('VOTING_KEY_NOT_NOW', { screen: this.state.screen }));
    if (this.deps.opened.package.trust.electionContext === null)
      return err(
        problem('VOTING_CARD_REFUSED', { reason: 'the election key is not in the package yet' }),
      );
    if (this.deps.store.cardUsed(token))
      return err(problem('VOTING_CARD_REFUSED', { reason: 'this card was already used' }));
    await this.reportCards();
    const accepted = await this.deps.cards.accept(token);
    if (!accepted.ok) return accepted;
    this.card = token;
    return this.press({ type: 'cardAccepted' });
  }

  /** The voter left without casting: the card is spent and counted as abandoned (law 5). */
  abandon(): Result<VotingView, Problem> {
    if (this.card === null)
      return err(problem('VOTING_KEY_NOT_NOW', { screen: this.state.screen }));
    // A provisional card is the station's own (law 1): HQ never knew it, nothing to report.
    this.deps.store.abandonCard(
      this.card,
      this.deps.cards.reportAbandoned !== undefined && provisionalHandleOf(this.card) === null,
    );
    this.reset();
    void this.reportCards();
    return ok(this.view());
  }

  /**
   * Sends HQ the abandonments it has not heard of yet (kept in the store until it answers);
   * also before each card and at closing. Returns how many are still waiting.
   */
  async reportCards(): Promise<number> {
    const cards = this.deps.cards;
    if (cards.reportAbandoned === undefined) return 0;
    let waiting = 0;
    for (const token of this.deps.store.pendingCardReports()) {
      if (await cards.reportAbandoned(token)) this.deps.store.cardReported(token);
      else waiting += 1;
    }
    return waiting;
  }

  private reset(): void {
    this.card = null;
    this.encryption = null;
    this.state = idleVoting;
  }

  async press(event: VotingEvent): Promise<Result<VotingView, Problem>> {
    const step = stepVoting(this.style, this.state, event);
    if (!step.ok) return step;
    this.state = step.value.state;
    for (const effect of step.value.effects) {
      const follow = await this.perform(effect);
      if (follow !== undefined) {
        const next = await this.press(follow);
        if (!next.ok) return next;
      }
    }
    if (this.state.screen === 'idle') this.reset();
    return ok(this.view());
  }

  private async perform(effect: VotingEffect): Promise<VotingEvent | undefined> {
    const pkg = this.deps.opened.package;
    switch (effect.kind) {
      case 'speak':
        return undefined;
      case 'encrypt': {
        const context = contextFromJson(
          pkg.trust.electionContext as unknown as ElectionContextJson,
        );
        this.encryption = encryptBallot(
          context,
          { branchId: pkg.branch.id, day: pkg.election.meta.votingDay },
          effect.choices,
        );
        return { type: 'encrypted', trackingCode: this.encryption.trackingCode };
      }
      case 'seal': {
        if (this.encryption === null || this.card === null)
          throw new Error('seal without a ballot');
        // Law 3: durable first. If this throws, nothing is printed and "recorded" never shows.
        const sealed = {
          trackingCode: this.encryption.trackingCode,
          document: canonicalJson(this.encryption.ballot),
        };
        // Law 1: a ballot cast on a provisional card is held under its handle until HQ decides.
        const handle = provisionalHandleOf(this.card);
        if (handle === null) this.deps.store.sealBallot(sealed, this.card);
        else this.deps.store.sealProvisional(sealed, this.card, handle);
        this.deps.afterCast?.();
        return { type: 'sealed' };
      }
      case 'print': {
        if (this.encryption === null) throw new Error('print without a ballot');
        const header = printHeaderOf(this.deps.opened);
        const chosen = this.encryption.secret.choices.map((i) => {
          const c = pkg.candidates[i];
          return { code: c?.code ?? '', name: c?.name.fa ?? '' };
        });
        this.deps.print(await printedVote(header, chosen));
        this.deps.print(
          await trackingSlip(header, this.encryption.shortCode, this.encryption.trackingCode),
        );
        // The seed and choices are wiped once cast (CRYPTO.md §7.2).
        this.encryption = { ...this.encryption, secret: { seed: '', choices: [] } };
        return { type: 'printed' };
      }
      case 'reveal': {
        if (this.encryption === null) throw new Error('reveal without a ballot');
        const challenged = revealBallot(this.encryption);
        this.deps.store.keepChallenged(this.encryption.trackingCode, canonicalJson(challenged));
        return undefined;
      }
    }
  }

  /** The indices the machine would encrypt for the current choice (for screens and tests). */
  choiceIndices(chosen: readonly string[]): number[] {
    return choiceIndices(this.style, chosen);
  }
}
