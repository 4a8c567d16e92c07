import { canonicalJson, electionHash, sampleDefinition } from '@sandogh/core';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.js';
import { tinyDefinition } from '../testing/tinyDefinition.js';
import type { Store } from '../store.js';
import { loadDefinition } from './load.js';
import { currentElection, readDefinition } from './read.js';
import { ROW_TABLES } from './rows.js';

async function counts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['election', ...ROW_TABLES] as const) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = row.n;
  }
  return out;
}

describeEachEngine('loading the election definition', (ctx) => {
  it('returns exactly the document it was given, and one row per element', async () => {
    const d = tinyDefinition();
    const hash = electionHash(d);
    const loaded = await loadDefinition(ctx.store, d, hash);
    expect(loaded).toMatchObject({
      ok: true,
      value: { outcome: 'loaded', electionId: d.election.id, hash },
    });

    const read = await readDefinition(ctx.store);
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.definition).toEqual(d);
    expect(read.value.document).toBe(canonicalJson(d));
    expect(read.value.summary).toMatchObject({
      id: d.election.id,
      hash,
      formatVersion: 1,
      round: 1,
      votingDay: '2024-03-01',
    });
    expect(read.value.summary.loadedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    expect(await counts(ctx.store)).toEqual({
      election: 1,
      counties: 1,
      zone_hqs: 2,
      zones: 2,
      branches: 4,
      itinerary_stops: 2,
      candidates: 4,
      devices: 9,
      staff: 24,
      // 20 trustees with one branch each, and the inspector's 4 branches.
      staff_branches: 24,
    });
    if (loaded.ok)
      expect(loaded.value.rows).toMatchObject({
        branches: 4,
        devices: 9,
        staff: 24,
        staff_branches: 24,
      });
  });

  it('round-trips core’s sample definition (a runoff, with its round-1 results)', async () => {
    const d = sampleDefinition();
    expect(await loadDefinition(ctx.store, d, electionHash(d))).toMatchObject({ ok: true });
    const read = await readDefinition(ctx.store, d.election.id);
    expect(read.ok && read.value.definition).toEqual(d);
    expect(read.ok && read.value.summary.hash).toBe(electionHash(d));
  });

  it('treats a second load with the same hash as a no-op', async () => {
    const d = tinyDefinition();
    const hash = electionHash(d);
    await loadDefinition(ctx.store, d, hash);
    const before = await currentElection(ctx.store);
    const again = await loadDefinition(ctx.store, tinyDefinition(), hash);
    expect(again).toMatchObject({ ok: true, value: { outcome: 'unchanged', hash } });
    expect(await currentElection(ctx.store)).toEqual(before);
    expect((await counts(ctx.store))['branches']).toBe(4);
  });

  it('refuses another definition of an election already loaded, and changes nothing', async () => {
    const d = tinyDefinition();
    await loadDefinition(ctx.store, d, electionHash(d));
    const before = await counts(ctx.store);
    const changed = tinyDefinition({ branches: 8 });
    const refused = await loadDefinition(ctx.store, changed, electionHash(changed));
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'DEFINITION_ALREADY_LOADED', details: { id: d.election.id } },
    });
    expect(await counts(ctx.store)).toEqual(before);
    const read = await readDefinition(ctx.store, d.election.id);
    expect(read.ok && read.value.definition).toEqual(d);
  });

  it('refuses a hash that is not the definition’s', async () => {
    const d = tinyDefinition();
    const refused = await loadDefinition(
      ctx.store,
      d,
      electionHash(tinyDefinition({ electionId: 'x' })),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'DEFINITION_HASH_MISMATCH' } });
    expect((await counts(ctx.store))['election']).toBe(0);
  });

  it('loads two concurrent copies of one definition once', async () => {
    const d = tinyDefinition({ branches: 40 });
    const hash = electionHash(d);
    const outcomes = await Promise.all([
      loadDefinition(ctx.store, d, hash),
      loadDefinition(ctx.store, d, hash),
    ]);
    expect(outcomes.map((o) => (o.ok ? o.value.outcome : o.error.code)).sort()).toEqual([
      'loaded',
      'unchanged',
    ]);
    expect((await counts(ctx.store))['branches']).toBe(40);
  });

  it('keeps elections apart and calls the last one loaded current', async () => {
    const first = tinyDefinition({ electionId: 'round-1' });
    const second = tinyDefinition({ electionId: 'round-2', branches: 8 });
    await loadDefinition(ctx.store, first, electionHash(first));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await loadDefinition(ctx.store, second, electionHash(second));
    expect((await currentElection(ctx.store))?.id).toBe('round-2');
    const read = await readDefinition(ctx.store, 'round-1');
    expect(read.ok && read.value.definition).toEqual(first);
    expect((await counts(ctx.store))['branches']).toBe(12);
  });

  it('says plainly when nothing is loaded', async () => {
    expect(await currentElection(ctx.store)).toBeUndefined();
    expect(await readDefinition(ctx.store)).toMatchObject({
      ok: false,
      error: { code: 'DEFINITION_NOT_LOADED' },
    });
    expect(await readDefinition(ctx.store, 'nope')).toMatchObject({
      ok: false,
      error: { code: 'DEFINITION_NOT_LOADED' },
    });
  });

  it('will not hand out a stored document changed behind its back', async () => {
    const d = tinyDefinition();
    await loadDefinition(ctx.store, d, electionHash(d));
    await sql`update election set document = replace(document, 'Test election', 'Tampered')`.execute(
      ctx.store.db,
    );
    expect(await readDefinition(ctx.store)).toMatchObject({
      ok: false,
      error: { code: 'STORE_INTEGRITY' },
    });
  });
});
