import { expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.js';
import { addArtefact, currentCeremony, listArtefacts, openCeremony } from './ceremonies.js';
import type { NewArtefact, NewCeremony } from './ceremonies.js';

const manifest = (hash: string, n = 3, k = 2): NewCeremony => ({
  electionId: 'e1',
  manifestHash: hash.repeat(64).slice(0, 64),
  n,
  k,
  manifest: `{"m":"${hash}"}`,
});

const announcement = (sender: number, body = 'a'): NewArtefact => ({
  kind: 'announcement',
  sender,
  recipient: 0,
  document: `{"index":${sender},"x":"${body}"}`,
  digest: `${body}${sender}`,
  verdict: null,
});

describeEachEngine('the key ceremony in the store', (ctx) => {
  it('opens one ceremony per election; the same manifest again changes nothing', async () => {
    const first = await openCeremony(ctx.store, manifest('a'));
    expect(first.ok && first.value.outcome).toBe('opened');
    const again = await openCeremony(ctx.store, manifest('a'));
    expect(again.ok && again.value.outcome).toBe('unchanged');
    const current = await currentCeremony(ctx.store.db, 'e1');
    expect(current?.manifestHash).toBe(manifest('a').manifestHash);
    expect(first.ok && current?.id).toBe(first.ok && first.value.ceremony.id);
    expect(await currentCeremony(ctx.store.db, 'e2')).toBeUndefined();
  });

  it('replaces a ceremony that received nothing, refuses to replace one under way', async () => {
    await openCeremony(ctx.store, manifest('a'));
    const replaced = await openCeremony(ctx.store, manifest('b'));
    expect(replaced.ok && replaced.value.outcome).toBe('replaced');
    if (!replaced.ok) throw new Error('expected the replacement');
    const id = replaced.value.ceremony.id;
    expect((await addArtefact(ctx.store.db, id, announcement(1))).ok).toBe(true);
    const refused = await openCeremony(ctx.store, manifest('c'));
    expect(refused.ok ? refused.value : refused.error.code).toBe('CEREMONY_ALREADY_OPEN');
    expect((await currentCeremony(ctx.store.db, 'e1'))?.id).toBe(id);
  });

  it('lets a convicted ceremony be rerun, even with the same manifest, keeping the failed one', async () => {
    const opened = await openCeremony(ctx.store, manifest('a'));
    if (!opened.ok) throw new Error('expected a ceremony');
    const failedId = opened.value.ceremony.id;
    await addArtefact(ctx.store.db, failedId, {
      kind: 'complaint',
      sender: 2,
      recipient: 3,
      document: '{}',
      digest: 'c',
      verdict: 'sender-at-fault',
    });
    const rerun = await openCeremony(ctx.store, manifest('b', 2, 2));
    expect(rerun.ok && rerun.value.outcome).toBe('replaced');
    expect(rerun.ok && rerun.value.ceremony.id).not.toBe(failedId);
    expect(await listArtefacts(ctx.store.db, failedId)).toHaveLength(1);
  });

  it('keeps one artefact per slot: an identical resubmission is a replay, a different one a conflict', async () => {
    const opened = await openCeremony(ctx.store, manifest('a'));
    if (!opened.ok) throw new Error('expected a ceremony');
    const id = opened.value.ceremony.id;
    expect((await addArtefact(ctx.store.db, id, announcement(2))).ok).toBe(true);
    const replay = await addArtefact(ctx.store.db, id, announcement(2));
    expect(replay.ok ? 'stored' : replay.error.code).toBe('CEREMONY_REPLAY');
    const conflict = await addArtefact(ctx.store.db, id, announcement(2, 'b'));
    expect(conflict.ok ? 'stored' : conflict.error).toMatchObject({
      code: 'CEREMONY_CONFLICT',
      details: { kind: 'announcement', member: 2 },
    });
    expect(await listArtefacts(ctx.store.db, id)).toEqual([
      expect.objectContaining({ sender: 2, document: announcement(2).document }),
    ]);
  });

  it('under concurrent submissions for one slot, exactly one is stored', async () => {
    const opened = await openCeremony(ctx.store, manifest('a'));
    if (!opened.ok) throw new Error('expected a ceremony');
    const id = opened.value.ceremony.id;
    const results = await Promise.all(
      ['p', 'q', 'r', 's'].map((body) => addArtefact(ctx.store.db, id, announcement(1, body))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.flatMap((r) => (r.ok ? [] : [r.error.code]))).toEqual(
      Array.from({ length: 3 }, () => 'CEREMONY_CONFLICT'),
    );
    expect(await listArtefacts(ctx.store.db, id)).toHaveLength(1);
  });

  it('lists artefacts by kind, sender and recipient, never in arrival order', async () => {
    const opened = await openCeremony(ctx.store, manifest('a'));
    if (!opened.ok) throw new Error('expected a ceremony');
    const id = opened.value.ceremony.id;
    for (const [sender, recipient] of [
      [3, 1],
      [1, 2],
      [2, 1],
      [1, 3],
    ] as const)
      await addArtefact(ctx.store.db, id, {
        kind: 'share',
        sender,
        recipient,
        document: '{}',
        digest: `${sender}-${recipient}`,
        verdict: null,
      });
    await addArtefact(ctx.store.db, id, announcement(1));
    const shares = await listArtefacts(ctx.store.db, id, { kind: 'share' });
    expect(shares.map((s) => [s.sender, s.recipient])).toEqual([
      [1, 2],
      [1, 3],
      [2, 1],
      [3, 1],
    ]);
    const toOne = await listArtefacts(ctx.store.db, id, { kind: 'share', recipient: 1 });
    expect(toOne.map((s) => s.sender)).toEqual([2, 3]);
  });
});
