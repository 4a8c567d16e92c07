import { expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.js';
import { applyBallotBatch, branchTrackingCodes, countBallots, type BallotBatch } from './intake.js';

const code = (c: string) => c.repeat(64).slice(0, 64);
const batch = (messageId: string, codes: string[], digest = `d-${messageId}`): BallotBatch => ({
  electionId: 'e1',
  messageId,
  digest,
  deviceSerial: 'V-0001',
  branchId: 'b-0001',
  day: '2024-05-10',
  kind: 'ballots.submit',
  ballots: codes.map((c) => ({ trackingCode: code(c), document: `{"b":"${c}"}` })),
});

describeEachEngine('ballot intake in the store', (ctx) => {
  const apply = (b: BallotBatch) => ctx.store.transaction((trx) => applyBallotBatch(trx, b));

  it('applies a batch once; the same message again is accepted without effect', async () => {
    const first = await apply(batch('m1', ['a', 'b', 'c']));
    expect(first).toEqual({ ok: true, value: { outcome: 'applied', stored: 3, again: 0 } });
    const retry = await apply(batch('m1', ['a', 'b', 'c']));
    expect(retry).toEqual({ ok: true, value: { outcome: 'duplicate', stored: 0, again: 3 } });
    expect(await countBallots(ctx.store.db, 'e1', 'b-0001')).toBe(3);
  });

  it('stores a ballot that arrives by two messages once', async () => {
    await apply(batch('m1', ['a', 'b']));
    const second = await apply(batch('m2', ['b', 'c']));
    expect(second.ok && second.value).toEqual({ outcome: 'applied', stored: 1, again: 1 });
    expect(await branchTrackingCodes(ctx.store.db, 'e1', 'b-0001')).toEqual(
      ['a', 'b', 'c'].map(code),
    );
  });

  it('refuses a message id reused for other content, and stores nothing of it', async () => {
    await apply(batch('m1', ['a']));
    const reused = await apply(batch('m1', ['z'], 'other'));
    expect(reused.ok ? '' : reused.error.code).toBe('BALLOTS_MESSAGE_REUSED');
    expect(await countBallots(ctx.store.db, 'e1')).toBe(1);
  });
});
