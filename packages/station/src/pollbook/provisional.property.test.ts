import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { StationStore } from '../store/stationStore.js';
import { provisionalCard } from '../voting/provisional.js';

/**
 * The station's side of the offline rule as a rule (law 1): whatever the order of offline
 * check-ins, casts on provisional cards and HQ's decisions (repeated, contradictory later,
 * for handles never issued), a ballot reaches the outbox's table iff its handle was first
 * decided confirmed; a rejected one is never there; nothing is held once decided; the
 * handle–voter copy lives exactly while its mark is undecided; and cast = confirmed +
 * excluded + pending.
 */
const VOTERS = 6;
const handleOf = (i: number) => createHash('sha256').update(`h${i}`).digest('hex').slice(0, 32);
const trackingOf = (i: number) => createHash('sha256').update(`t${i}`).digest('hex');

const op = fc.oneof(
  fc.record({ kind: fc.constant('issue' as const), voter: fc.nat(VOTERS - 1) }),
  fc.record({ kind: fc.constant('seal' as const), voter: fc.nat(VOTERS - 1) }),
  fc.record({
    kind: fc.constant('decide' as const),
    voters: fc.array(fc.nat(VOTERS), { maxLength: 3 }),
    decision: fc.constantFrom('confirmed' as const, 'rejected' as const),
  }),
);

test.prop([fc.array(op, { maxLength: 40 })], { numRuns: 150 })(
  'releases exactly the confirmed provisional ballots and erases each decided link',
  (ops) => {
    const store = new StationStore(':memory:');
    try {
      const issued = new Set<number>();
      const sealed = new Set<number>();
      const decided = new Map<number, 'confirmed' | 'rejected'>();
      const cards = new Map<number, string>();
      for (const o of ops) {
        if (o.kind === 'issue') {
          const card = provisionalCard(Date.now(), handleOf(o.voter));
          const marked = store.markOffline({
            handle: card.handle,
            nationalCode: `code-${o.voter}`,
            at: new Date().toISOString(),
          });
          expect(marked).toBe(!issued.has(o.voter));
          issued.add(o.voter);
          cards.set(o.voter, card.token);
        } else if (o.kind === 'seal') {
          // The voting device's card check: issued here, not rejected, not used.
          const card = cards.get(o.voter);
          if (card === undefined || sealed.has(o.voter) || decided.get(o.voter) === 'rejected')
            continue;
          store.sealProvisional(
            { trackingCode: trackingOf(o.voter), document: '{}' },
            card,
            handleOf(o.voter),
          );
          sealed.add(o.voter);
        } else {
          store.applyDecisions(
            o.voters.map((v) => ({ handle: handleOf(v), decision: o.decision })),
          );
          for (const v of o.voters)
            if (issued.has(v) && !decided.has(v)) decided.set(v, o.decision);
        }
        const inBallots = new Set(store.allBallots().map((b) => b.trackingCode));
        const held = new Set(
          (
            store.db.prepare('select handle from provisional_ballots').all() as {
              handle: string;
            }[]
          ).map((r) => r.handle),
        );
        const links = new Set(store.offlineMarks(1000).map((m) => m.handle));
        for (let v = 0; v <= VOTERS; v += 1) {
          expect(inBallots.has(trackingOf(v))).toBe(
            sealed.has(v) && decided.get(v) === 'confirmed',
          );
          expect(held.has(handleOf(v))).toBe(sealed.has(v) && !decided.has(v));
          expect(links.has(handleOf(v))).toBe(issued.has(v) && !decided.has(v));
        }
        const counts = store.provisionalCounts();
        expect(counts.cast).toBe(sealed.size);
        expect(counts.confirmed + counts.excluded + counts.pending).toBe(counts.cast);
      }
    } finally {
      store.close();
    }
  },
);
