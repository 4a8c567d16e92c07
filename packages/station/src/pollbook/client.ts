import { randomBytes } from 'node:crypto';
import {
  canonicalJson,
  checkInBody,
  err,
  OFFLINE_AFTER_MS,
  ok,
  parseNationalCode,
  problem,
  problemsFromZod,
  type DeviceMessage,
  type Problem,
  type Result,
} from '@sandogh/core';
import { signDeviceMessage } from '@sandogh/crypto';
import type { StationStore } from '../store/stationStore.js';
import type { DeviceIdentity } from '../sync/outbox.js';
import type { CardPoster } from '../voting/cards.js';
import { provisionalCard } from '../voting/provisional.js';
import {
  answerWithin,
  hqProblem,
  reconcileOfflineMarks,
  type ReconcileOutcome,
} from './reconcile.js';

/**
 * The authentication device's poll-book client (issue 4, law 1; docs/POLLBOOK.md, docs/STATION.md
 * §4 "Check-in and the offline rule"). Each voter is checked in through HQ with a signed
 * `pollbook.checkIn` message; HQ marks the voter and activates a ballot card for this branch's
 * voting device. If HQ does not answer within `offlineAfterMs` (10 s, DESIGN §2 "Offline"), the
 * device checks the voter locally — the registry snapshot if the station has one, and this
 * branch's own marks — and activates a **provisional** card carrying a fresh random handle; the
 * handle–voter copy stays in the station store until HQ decides (`reconcile`), then is erased.
 */
export interface CheckInRequest {
  readonly nationalCode: string;
  readonly document: { readonly kind: string; readonly serial?: string };
  readonly fingerprint: string;
}

export type CheckInAnswer =
  | {
      readonly mode: 'online';
      readonly card: string;
      readonly markedAt: string;
      readonly replay: boolean;
    }
  | { readonly mode: 'provisional'; readonly card: string; readonly handle: string };

/**
 * The registry snapshot's local verdict on a voter (eligible, or the VOTER_* refusal). The
 * configuration package has no snapshot yet (`registrySnapshot: null`); without one the local
 * check is the national code's check digit and this branch's own marks.
 */
export type RegistrySnapshot = (nationalCode: string) => Result<void, Problem>;

export interface PollBookClientOptions {
  /** The authentication device: its serial, key and the branch's package. */
  readonly identity: DeviceIdentity;
  readonly store: StationStore;
  readonly poster: CardPoster;
  /** No answer from HQ within this long: the offline rule (default 10 s). */
  readonly offlineAfterMs?: number;
  readonly snapshot?: RegistrySnapshot;
  readonly now?: () => number;
  /** Called when confirmed provisional ballots joined the outbox (to send them now). */
  readonly onReleased?: () => void;
  /** How long `reconcile` waits for HQ's decisions before trying later (default 10 s). */
  readonly reconcileTimeoutMs?: number;
  /** How often pending offline marks are sent again while HQ is unreachable (default 5 s). */
  readonly retryMs?: number;
}

const HQ_CODES = /^(POLLBOOK_|VOTER_|NATIONAL_CODE_|DEFINITION_|DEVICE_)/;

export class PollBookClient {
  private readonly offlineAfterMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private reconciling: Promise<ReconcileOutcome> | undefined;
  private stopped = false;

  constructor(private readonly options: PollBookClientOptions) {
    this.offlineAfterMs = options.offlineAfterMs ?? OFFLINE_AFTER_MS;
    this.now = options.now ?? Date.now;
  }

  async checkIn(request: CheckInRequest): Promise<Result<CheckInAnswer, Problem>> {
    const body = checkInBody.safeParse(request);
    if (!body.success) return err(firstProblem(problemsFromZod(body.error, ['body'])));
    const code = parseNationalCode(body.data.nationalCode);
    if (!code.ok) return err(code.error);
    const { identity, store } = this.options;
    const message: DeviceMessage = {
      v: 1,
      election: identity.election,
      branch: identity.branch,
      device: identity.serial,
      kind: 'pollbook.checkIn',
      id: randomBytes(16).toString('hex'),
      at: new Date(this.now()).toISOString(),
      body: { ...body.data, nationalCode: code.value },
    };
    const answer = await answerWithin(
      this.options.poster,
      '/api/v1/pollbook/check-in',
      canonicalJson(signDeviceMessage(message, identity.seed)),
      this.offlineAfterMs,
    );
    if (answer === undefined) return this.checkInOffline(code.value);
    if (answer.status >= 200 && answer.status < 300) {
      const parsed = answer.body as {
        status?: unknown;
        card?: { token?: unknown };
        markedAt?: unknown;
        replay?: unknown;
      } | null;
      const token = parsed?.card?.token;
      if (parsed?.status !== 'eligible' || typeof token !== 'string')
        return err(problem('POLLBOOK_OFFLINE_ANSWER_INVALID', { reason: 'check-in answer' }));
      store.markOnline(code.value);
      if (store.offlineMarks(1).length > 0) void this.reconcile();
      return ok({
        mode: 'online',
        card: token,
        markedAt: typeof parsed.markedAt === 'string' ? parsed.markedAt : '',
        replay: parsed.replay === true,
      });
    }
    const refusal = hqProblem(answer.body);
    if (refusal !== undefined && HQ_CODES.test(refusal.code)) return err(refusal);
    return err(
      problem('POLLBOOK_OFFLINE_ANSWER_INVALID', {
        reason: `HQ answered ${String(answer.status)}`,
      }),
    );
  }

  /** The offline rule (law 1): local checks, then a provisional card under a fresh handle. */
  private checkInOffline(nationalCode: string): Result<CheckInAnswer, Problem> {
    const local = this.options.snapshot?.(nationalCode);
    if (local !== undefined && !local.ok) return err(local.error);
    const card = provisionalCard(this.now());
    const marked = this.options.store.markOffline({
      handle: card.handle,
      nationalCode,
      at: new Date(this.now()).toISOString(),
    });
    if (!marked)
      return err(problem('POLLBOOK_OFFLINE_MARKED_HERE', { branch: this.options.identity.branch }));
    this.schedule();
    return ok({ mode: 'provisional', card: card.token, handle: card.handle });
  }

  /**
   * Sends the offline marks to HQ and applies its decisions (law 1): confirmed ballots join
   * the outbox without their handle, rejected ones are deleted unread, and each decided
   * handle–voter copy is erased. One run at a time; a caller during a run shares its outcome.
   */
  reconcile(): Promise<ReconcileOutcome> {
    if (this.reconciling !== undefined) return this.reconciling;
    const run = reconcileOfflineMarks({
      identity: this.options.identity,
      store: this.options.store,
      poster: this.options.poster,
      timeoutMs: this.options.reconcileTimeoutMs ?? OFFLINE_AFTER_MS,
      now: this.now,
    })
      // A store closed under a run (the station shutting down): tried again at the next start.
      .catch((): ReconcileOutcome => ({ kind: 'unreachable' }))
      .then((outcome) => {
        this.reconciling = undefined;
        if (this.stopped) return outcome;
        if (outcome.kind === 'decided' && outcome.released > 0) this.options.onReleased?.();
        if (outcome.kind !== 'decided' || this.options.store.offlineMarks(1).length > 0)
          this.schedule();
        return outcome;
      });
    this.reconciling = run;
    return run;
  }

  private schedule(): void {
    if (this.stopped || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reconcile();
    }, this.options.retryMs ?? 5_000);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function firstProblem(problems: readonly Problem[]): Problem {
  return problems[0] ?? problem('INPUT_INVALID', { reason: 'check-in' });
}
