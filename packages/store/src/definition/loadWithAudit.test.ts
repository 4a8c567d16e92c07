import { expect, it } from 'vitest';
import { electionHash } from '@sandogh/core';
import { describeEachEngine } from '../testing/engines.js';
import { tinyDefinition } from '../testing/tinyDefinition.js';
import { currentElection } from './read.js';
import { loadDefinition } from './load.js';

describeEachEngine('a load and its audit entry (law 6)', (ctx) => {
  it('commit together: when the work done in the same transaction fails, nothing is loaded', async () => {
    const d = tinyDefinition();
    await expect(
      loadDefinition(ctx.store, d, electionHash(d), {
        alsoInTransaction: () => Promise.reject(new Error('the audit log could not be written')),
      }),
    ).rejects.toThrow(/audit log/);
    expect(await currentElection(ctx.store)).toBeUndefined();
    let ran = false;
    const loaded = await loadDefinition(ctx.store, d, electionHash(d), {
      alsoInTransaction: () => {
        ran = true;
        return Promise.resolve();
      },
    });
    expect(loaded.ok && loaded.value.outcome).toBe('loaded');
    expect(ran).toBe(true);
  });
});
