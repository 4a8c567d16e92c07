import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  idleVoting,
  searchCandidates,
  stepVoting,
  type BallotStyle,
  type VotingEffect,
  type VotingEvent,
  type VotingState,
} from './machine.js';
import { promptText, votingPrompts } from './prompts.js';

const style: BallotStyle = {
  candidates: [
    { code: '31', name: { fa: 'علي كاظمي', en: 'Ali Kazemi' } },
    { code: '12', name: { fa: 'محمد‌رضا احمدی', en: 'Mohammadreza Ahmadi' } },
    { code: '47', name: { fa: 'زهرا کریمی', en: 'Zahra Karimi' } },
  ],
  seats: 2,
  codeLength: 2,
};

interface Run {
  state: VotingState;
  effects: VotingEffect[];
}

function drive(events: readonly VotingEvent[], from: VotingState = idleVoting): Run {
  const run: Run = { state: from, effects: [] };
  for (const event of events) {
    const r = stepVoting(style, run.state, event);
    if (!r.ok) throw new Error(`${event.type}: ${r.error.code}`);
    run.state = r.value.state;
    run.effects.push(...r.value.effects);
  }
  return run;
}

const keys = (code: string): VotingEvent[] =>
  code.split('').map((digit) => ({ type: 'digit', digit }));

describe('the voting device', () => {
  it('casts: codes, review with the tracking code, second green, durable seal, print, recorded', () => {
    const r = drive([
      { type: 'cardAccepted' },
      ...keys('47'),
      ...keys('31'),
      { type: 'green' },
      { type: 'encrypted', trackingCode: 'T' },
      { type: 'green' },
    ]);
    expect(r.state).toEqual({ screen: 'sealing', trackingCode: 'T' });
    expect(r.effects.filter((e) => e.kind !== 'speak')).toEqual([
      { kind: 'encrypt', choices: [0, 2] },
      { kind: 'seal' },
    ]);
    const done = drive([{ type: 'sealed' }, { type: 'printed' }], r.state);
    expect(done.state.screen).toBe('recorded');
    expect(drive([{ type: 'next' }], done.state).state).toEqual(idleVoting);
  });

  it('never says "recorded" before the ballot is sealed durably (law 3)', () => {
    const r = drive([
      { type: 'cardAccepted' },
      ...keys('12'),
      { type: 'green' },
      { type: 'encrypted', trackingCode: 'T' },
      { type: 'green' },
    ]);
    const printedEarly = stepVoting(style, r.state, { type: 'printed' });
    expect(printedEarly.ok ? '' : printedEarly.error.code).toBe('VOTING_KEY_NOT_NOW');
  });

  it('refuses unknown codes at entry, caps at the seat count, and counts a repeat once', () => {
    const r = drive([{ type: 'cardAccepted' }, ...keys('99')]);
    expect(r.state.screen === 'entering' && r.state.notice?.code).toBe('VOTING_UNKNOWN_CODE');
    const twice = drive([...keys('31'), ...keys('31')], r.state);
    expect(twice.state.screen === 'entering' && twice.state.chosen).toEqual(['31']);
    const full = drive([...keys('12'), ...keys('47')], twice.state);
    expect(full.state.screen === 'entering' && full.state.chosen).toEqual(['31', '12']);
    expect(full.state.screen === 'entering' && full.state.notice?.code).toBe('VOTING_SEATS_FULL');
  });

  it('corrects a typed digit, then the last chosen code', () => {
    const r = drive([
      { type: 'cardAccepted' },
      ...keys('31'),
      ...keys('4'),
      { type: 'correction' },
    ]);
    expect(r.state).toMatchObject({ screen: 'entering', chosen: ['31'], typed: '' });
    const again = drive([{ type: 'correction' }], r.state);
    expect(again.state).toMatchObject({ chosen: [] });
  });

  it('casts a blank ballot for no one with the blank key', () => {
    const r = drive([{ type: 'cardAccepted' }, ...keys('31'), { type: 'blank' }]);
    expect(r.state).toEqual({ screen: 'encrypting', chosen: [] });
    expect(r.effects).toContainEqual({ kind: 'encrypt', choices: [] });
  });

  it('challenges: reveals the encryption shown, then the voter votes again', () => {
    const r = drive([
      { type: 'cardAccepted' },
      ...keys('12'),
      { type: 'green' },
      { type: 'encrypted', trackingCode: 'T' },
      { type: 'challenge' },
    ]);
    expect(r.state.screen).toBe('challenged');
    expect(r.effects).toContainEqual({ kind: 'reveal' });
    const again = drive([{ type: 'next' }], r.state);
    expect(again.state).toMatchObject({ screen: 'entering', chosen: [] });
  });

  it('finds candidates by name whatever the spelling of ی, ک and the ZWNJ', () => {
    expect(searchCandidates(style, 'علی کاظمی').map((c) => c.code)).toEqual(['31']);
    expect(searchCandidates(style, 'محمدرضا').map((c) => c.code)).toEqual(['12']);
    expect(searchCandidates(style, '۴۷').map((c) => c.code)).toEqual(['47']);
  });

  it('has every voice prompt in Persian and English', () => {
    for (const id of Object.keys(votingPrompts) as (keyof typeof votingPrompts)[]) {
      expect(promptText(id, 'fa').length).toBeGreaterThan(0);
      expect(promptText(id, 'en').length).toBeGreaterThan(0);
    }
    expect(promptText('seatsFull', 'en', { seats: '16' })).toContain('16');
  });
});

const anyEvent: fc.Arbitrary<VotingEvent> = fc.oneof(
  fc.constantFrom<VotingEvent>(
    { type: 'cardAccepted' },
    { type: 'correction' },
    { type: 'blank' },
    { type: 'green' },
    { type: 'challenge' },
    { type: 'encrypted', trackingCode: 'T' },
    { type: 'sealed' },
    { type: 'printed' },
    { type: 'next' },
  ),
  fc
    .constantFrom('1', '2', '3', '4', '7', '9', 'x')
    .map((digit): VotingEvent => ({ type: 'digit', digit })),
  fc.constantFrom('31', '12', '47', '00').map((code): VotingEvent => ({ type: 'choose', code })),
);

describe('the voting device, whatever keys are pressed', () => {
  test.prop([fc.array(anyEvent, { maxLength: 60 })])(
    'reaches "recorded" only through encrypt, second green and a durable seal, never exceeding the seats',
    (events) => {
      let state: VotingState = idleVoting;
      let sealedSinceEncrypt = false;
      for (const event of events) {
        const r = stepVoting(style, state, event);
        if (!r.ok) continue;
        if (event.type === 'encrypted') sealedSinceEncrypt = false;
        if (event.type === 'sealed') sealedSinceEncrypt = true;
        for (const e of r.value.effects)
          if (e.kind === 'encrypt') expect(e.choices.length).toBeLessThanOrEqual(style.seats);
        state = r.value.state;
        if (state.screen === 'recorded') expect(sealedSinceEncrypt).toBe(true);
        if (state.screen === 'entering') {
          expect(state.chosen.length).toBeLessThanOrEqual(style.seats);
          expect(new Set(state.chosen).size).toBe(state.chosen.length);
          for (const code of state.chosen)
            expect(style.candidates.some((c) => c.code === code)).toBe(true);
        }
      }
    },
  );
});
