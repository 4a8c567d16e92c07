import { err, matchesSearch, ok, problem, type Problem, type Result } from '@sandogh/core';
import type { PromptId } from './prompts.js';

/**
 * The voting device as a pure state machine (DESIGN §2 "Casting", §5 Benaloh challenge,
 * issue 5): the screens, the keys and the order of the durable steps. It holds no I/O: each
 * transition returns the next screen and the effects the driver must carry out (encrypt,
 * seal durably, print, speak), whose completion comes back as events. That order is law 3:
 * "recorded" is reachable only through `sealed`, which the driver sends after the ballot is
 * durable on the station.
 *
 *   idle → entering (card accepted) → encrypting (green) → review (tracking code shown)
 *     → sealing (second green: cast) → printing (sealed durably) → recorded → idle
 *     or review → challenged (the encryption revealed for checking) → entering (vote again)
 *
 * The tracking code is shown on the review screen, before the voter decides, so the device is
 * committed to that encryption whether it is then cast or challenged (Benaloh).
 */
export interface BallotCandidate {
  readonly code: string;
  readonly name: { readonly fa: string; readonly en: string };
}

export interface BallotStyle {
  /** In the definition's order: the ballot's order (ciphertext index = position here). */
  readonly candidates: readonly BallotCandidate[];
  readonly seats: number;
  readonly codeLength: number;
}

export type VotingState =
  | { readonly screen: 'idle' }
  | {
      readonly screen: 'entering';
      readonly chosen: readonly string[];
      readonly typed: string;
      readonly notice: Problem | null;
    }
  | { readonly screen: 'encrypting'; readonly chosen: readonly string[] }
  | { readonly screen: 'review'; readonly chosen: readonly string[]; readonly trackingCode: string }
  | { readonly screen: 'sealing'; readonly trackingCode: string }
  | { readonly screen: 'printing'; readonly trackingCode: string }
  | { readonly screen: 'recorded'; readonly trackingCode: string }
  | {
      readonly screen: 'challenged';
      readonly chosen: readonly string[];
      readonly trackingCode: string;
    };

export type VotingScreen = VotingState['screen'];

export type VotingEvent =
  | { readonly type: 'cardAccepted' }
  | { readonly type: 'digit'; readonly digit: string }
  | { readonly type: 'choose'; readonly code: string }
  | { readonly type: 'correction' }
  | { readonly type: 'blank' }
  | { readonly type: 'green' }
  | { readonly type: 'challenge' }
  | { readonly type: 'encrypted'; readonly trackingCode: string }
  | { readonly type: 'sealed' }
  | { readonly type: 'printed' }
  | { readonly type: 'next' };

export type VotingEffect =
  | { readonly kind: 'encrypt'; readonly choices: readonly number[] }
  | { readonly kind: 'seal' }
  | { readonly kind: 'print' }
  | { readonly kind: 'reveal' }
  | {
      readonly kind: 'speak';
      readonly prompt: PromptId;
      readonly params?: Readonly<Record<string, string>>;
    };

export interface Transition {
  readonly state: VotingState;
  readonly effects: readonly VotingEffect[];
}

export const idleVoting: VotingState = { screen: 'idle' };

const speak = (prompt: PromptId, params?: Record<string, string>): VotingEffect =>
  params === undefined ? { kind: 'speak', prompt } : { kind: 'speak', prompt, params };

function notNow(state: VotingState): Result<Transition, Problem> {
  return err(problem('VOTING_KEY_NOT_NOW', { screen: state.screen }));
}

/** Candidate indices (the ballot's order) of the chosen codes. */
export function choiceIndices(style: BallotStyle, chosen: readonly string[]): number[] {
  return chosen
    .map((code) => style.candidates.findIndex((c) => c.code === code))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b);
}

/** Persian-normalised name or code search (DESIGN §8: ي/ی, ك/ک, ZWNJ and digits alike). */
export function searchCandidates(style: BallotStyle, query: string): BallotCandidate[] {
  return style.candidates.filter(
    (c) =>
      matchesSearch(c.name.fa, query) ||
      matchesSearch(c.name.en, query) ||
      matchesSearch(c.code, query),
  );
}

/** Adds a complete code: unknown codes refused at entry, at most `seats`, a repeat counts once. */
function addCode(
  style: BallotStyle,
  state: Extract<VotingState, { screen: 'entering' }>,
  code: string,
): Transition {
  const entering = (chosen: readonly string[], notice: Problem | null, effect: VotingEffect) => ({
    state: { screen: 'entering' as const, chosen, typed: '', notice },
    effects: [effect],
  });
  const candidate = style.candidates.find((c) => c.code === code);
  if (candidate === undefined)
    return entering(
      state.chosen,
      problem('VOTING_UNKNOWN_CODE', { code }),
      speak('unknownCode', { code }),
    );
  if (state.chosen.includes(code))
    return entering(state.chosen, null, speak('alreadyChosen', { name: candidate.name.fa }));
  if (state.chosen.length >= style.seats)
    return entering(
      state.chosen,
      problem('VOTING_SEATS_FULL', { seats: style.seats }),
      speak('seatsFull', { seats: String(style.seats) }),
    );
  return entering([...state.chosen, code], null, speak('chosen', { name: candidate.name.fa }));
}

export function stepVoting(
  style: BallotStyle,
  state: VotingState,
  event: VotingEvent,
): Result<Transition, Problem> {
  switch (event.type) {
    case 'cardAccepted':
      if (state.screen !== 'idle') return notNow(state);
      return ok({
        state: { screen: 'entering', chosen: [], typed: '', notice: null },
        effects: [speak('welcome', { seats: String(style.seats) })],
      });
    case 'digit': {
      if (state.screen !== 'entering') return notNow(state);
      if (!/^[0-9]$/.test(event.digit)) return err(problem('INPUT_BAD_FORMAT', { format: '0-9' }));
      const typed = state.typed + event.digit;
      if (typed.length < style.codeLength)
        return ok({ state: { ...state, typed, notice: null }, effects: [] });
      return ok(addCode(style, state, typed));
    }
    case 'choose':
      if (state.screen !== 'entering') return notNow(state);
      return ok(addCode(style, { ...state, typed: '' }, event.code));
    case 'correction':
      if (state.screen !== 'entering') return notNow(state);
      if (state.typed !== '')
        return ok({
          state: { ...state, typed: state.typed.slice(0, -1), notice: null },
          effects: [],
        });
      return ok({
        state: { ...state, chosen: state.chosen.slice(0, -1), notice: null },
        effects: [speak('corrected')],
      });
    case 'blank':
      // A blank ballot is cast for no one (DESIGN §2): it goes through review like any other.
      if (state.screen !== 'entering') return notNow(state);
      return ok({
        state: { screen: 'encrypting', chosen: [] },
        effects: [{ kind: 'encrypt', choices: [] }, speak('blankChosen')],
      });
    case 'green':
      if (state.screen === 'entering') {
        if (state.typed !== '') return notNow(state);
        return ok({
          state: { screen: 'encrypting', chosen: state.chosen },
          effects: [{ kind: 'encrypt', choices: choiceIndices(style, state.chosen) }],
        });
      }
      if (state.screen === 'review')
        return ok({
          state: { screen: 'sealing', trackingCode: state.trackingCode },
          effects: [{ kind: 'seal' }],
        });
      return notNow(state);
    case 'challenge':
      if (state.screen !== 'review') return notNow(state);
      return ok({
        state: { screen: 'challenged', chosen: state.chosen, trackingCode: state.trackingCode },
        effects: [{ kind: 'reveal' }, speak('challenged')],
      });
    case 'encrypted':
      if (state.screen !== 'encrypting') return notNow(state);
      return ok({
        state: { screen: 'review', chosen: state.chosen, trackingCode: event.trackingCode },
        effects: [speak('review', { count: String(state.chosen.length) })],
      });
    case 'sealed':
      if (state.screen !== 'sealing') return notNow(state);
      return ok({
        state: { screen: 'printing', trackingCode: state.trackingCode },
        effects: [{ kind: 'print' }],
      });
    case 'printed':
      if (state.screen !== 'printing') return notNow(state);
      return ok({
        state: { screen: 'recorded', trackingCode: state.trackingCode },
        effects: [speak('recorded')],
      });
    case 'next':
      if (state.screen === 'recorded') return ok({ state: idleVoting, effects: [] });
      if (state.screen === 'challenged')
        return ok({
          state: { screen: 'entering', chosen: [], typed: '', notice: null },
          effects: [speak('voteAgain')],
        });
      return notNow(state);
  }
}
