import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  buildManifest,
  canonicalJson,
  checkEntry,
  checkSeed,
  combineEntries,
  drawSample,
  err,
  evaluateRound,
  ok,
  planAudit,
  problem,
  reportedContestFile,
  problemsFromZod,
  type AuditDecision,
  type AuditPlan,
  type BranchBallots,
  type PaperEntry,
  type PaperVote,
  type Problem,
  type ReportedContestFile,
  type Result,
  type RoundOutcome,
  type SampledBallot,
} from '@sandogh/core';
import { constraintViolation } from '../bulk.js';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { resultsDb } from './tables.js';

/**
 * The risk-limiting audit as the HQ keeps it (docs/RLA.md): the audit's parameters, seed,
 * reported contest and manifest, its rounds, and every look at every sampled paper. The sample
 * is never stored: it is recomputed from the seed and the manifest (sampler.ts), as anyone else
 * recomputes it. The statistics are core's (bravo.ts, entry.ts).
 */

export interface StoredRla {
  readonly id: string;
  readonly electionId: string;
  readonly seed: string;
  readonly reported: ReportedContestFile;
  readonly manifest: readonly BranchBallots[];
  readonly plan: AuditPlan;
  readonly rounds: readonly { round: number; draws: number; outcome: RoundOutcome | null }[];
  /** Every draw so far, rounds in order. */
  readonly sample: readonly SampledBallot[];
  readonly decision: AuditDecision | null;
}

export type Look = 'first' | 'second' | 'third';

async function loadRla(db: Kysely<Database>, id: string): Promise<StoredRla | undefined> {
  const rdb = resultsDb(db);
  const row = await rdb
    .selectFrom('rla_audits')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const rounds = await rdb
    .selectFrom('rla_rounds')
    .selectAll()
    .where('audit_id', '=', id)
    .orderBy('round')
    .execute();
  const reported = JSON.parse(row.reported) as ReportedContestFile;
  const manifestList = JSON.parse(row.manifest) as BranchBallots[];
  const plan = planAudit(JSON.parse(row.parameters), reported);
  const manifest = buildManifest(manifestList);
  if (!plan.ok || !manifest.ok) throw new Error(`stored audit ${id} no longer plans`);
  const drawn = rounds.reduce((sum, r) => sum + r.draws, 0);
  return {
    id,
    electionId: row.election_id,
    seed: row.seed,
    reported,
    manifest: manifestList,
    plan: plan.value,
    rounds: rounds.map((r) => ({
      round: r.round,
      draws: r.draws,
      outcome: r.outcome === null ? null : (JSON.parse(r.outcome) as RoundOutcome),
    })),
    sample: drawn === 0 ? [] : drawSample(row.seed, manifest.value, 1, drawn),
    decision: row.decision === null ? null : (JSON.parse(row.decision) as AuditDecision),
  };
}

/** The election's open audit, if any. */
export async function openRla(
  db: Kysely<Database>,
  electionId: string,
): Promise<StoredRla | undefined> {
  const row = await resultsDb(db)
    .selectFrom('rla_audits')
    .select('id')
    .where('election_id', '=', electionId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return row === undefined ? undefined : loadRla(db, row.id);
}

export interface RlaStart {
  readonly parameters: unknown;
  readonly seed: string;
  readonly reported: unknown;
  readonly manifest: unknown;
}

/** Starts an audit: the plan, and its first round (or a full hand count straight away). */
export async function startRla(
  store: Store,
  electionId: string,
  start: RlaStart,
  now: Date = new Date(),
): Promise<Result<StoredRla, readonly Problem[]>> {
  const seed = checkSeed(start.seed);
  if (!seed.ok) return err([seed.error]);
  const reported = reportedContestFile.safeParse(start.reported, { reportInput: true });
  if (!reported.success) return err(problemsFromZod(reported.error, ['reported']));
  const manifest = buildManifest(start.manifest);
  if (!manifest.ok) return err(manifest.error);
  if (manifest.value.total !== reported.data.ballotsCast)
    return err([
      problem('RLA_PARAMETERS_INVALID', {
        reason: `the manifest holds ${manifest.value.total} paper votes, the result ${reported.data.ballotsCast} ballots`,
      }),
    ]);
  const plan = planAudit(start.parameters, reported.data);
  if (!plan.ok) return err(plan.error);
  const id = randomUUID();
  const at = now.toISOString();
  const first = plan.value.initialDecision;
  try {
    await store.transaction(async (trx) => {
      const rdb = resultsDb(trx);
      await rdb
        .insertInto('rla_audits')
        .values({
          id,
          election_id: electionId,
          parameters: canonicalJson(plan.value.parameters),
          seed: seed.value,
          reported: canonicalJson(reported.data),
          manifest: canonicalJson(manifest.value.branches),
          started_at: at,
          closed_at: first.kind === 'another-round' ? null : at,
          decision: first.kind === 'another-round' ? null : canonicalJson(first),
        })
        .execute();
      if (first.kind === 'another-round')
        await rdb
          .insertInto('rla_rounds')
          .values({
            audit_id: id,
            round: 1,
            draws: first.additionalDraws,
            created_at: at,
            outcome: null,
          })
          .execute();
    });
  } catch (e) {
    if (constraintViolation(e)?.kind === 'unique')
      return err([problem('RLA_PARAMETERS_INVALID', { reason: 'an audit is already under way' })]);
    throw e;
  }
  const stored = await loadRla(store.db, id);
  if (stored === undefined) throw new Error('the audit vanished');
  return ok(stored);
}

/** Records one look at one sampled paper by the signed-in person. */
export async function addRlaEntry(
  store: Store,
  audit: StoredRla,
  look: Look,
  input: unknown,
  enteredBy: string,
  now: Date = new Date(),
): Promise<Result<PaperEntry, readonly Problem[]>> {
  const entry = checkEntry(
    typeof input === 'object' && input !== null ? { ...input, enteredBy } : input,
    {
      candidates: new Set(audit.reported.votes.map((v) => v.code)),
      maxSelections: audit.reported.maxSelections,
    },
  );
  if (!entry.ok) return err(entry.error);
  const { branchId, position } = entry.value;
  if (!audit.sample.some((s) => s.branchId === branchId && s.position === position))
    return err([problem('RLA_ENTRY_UNKNOWN_BALLOT', { branch: branchId, position })]);
  try {
    await resultsDb(store.db)
      .insertInto('rla_entries')
      .values({
        audit_id: audit.id,
        branch_id: branchId,
        position,
        look,
        marks: JSON.stringify(entry.value.marks),
        entered_by: enteredBy,
        entered_at: now.toISOString(),
      })
      .execute();
  } catch (e) {
    if (constraintViolation(e)?.kind === 'unique')
      return err([
        problem('INPUT_INVALID', { reason: `this paper's ${look} look is already entered` }),
      ]);
    throw e;
  }
  return ok(entry.value);
}

async function entriesOf(db: Kysely<Database>, auditId: string, look: Look): Promise<PaperEntry[]> {
  const rows = await resultsDb(db)
    .selectFrom('rla_entries')
    .selectAll()
    .where('audit_id', '=', auditId)
    .where('look', '=', look)
    .execute();
  return rows.map((r) => ({
    branchId: r.branch_id,
    position: r.position,
    marks: JSON.parse(r.marks) as string[] | null,
    enteredBy: r.entered_by,
  }));
}

/**
 * Ends the current round: every draw must have an agreed reading; then the risk of every pair
 * and the decision — another round (its draws continue the seed's sequence), or the audit ends.
 */
export async function decideRlaRound(
  store: Store,
  audit: StoredRla,
  now: Date = new Date(),
): Promise<Result<RoundOutcome, readonly Problem[]>> {
  const current = audit.rounds[audit.rounds.length - 1];
  if (current === undefined || current.outcome !== null || audit.decision !== null)
    return err([
      problem('RLA_PARAMETERS_INVALID', { reason: 'no round is waiting for a decision' }),
    ]);
  const [first, second, third] = await Promise.all(
    (['first', 'second', 'third'] as const).map((look) => entriesOf(store.db, audit.id, look)),
  );
  const combined = combineEntries(audit.sample, first ?? [], second ?? [], third ?? []);
  if (!combined.ok) return err(combined.error);
  if (combined.value.missing > 0)
    return err([
      ...combined.value.disagreements,
      problem('RLA_ENTRIES_INCOMPLETE', { missing: combined.value.missing }),
    ]);
  const votes = combined.value.votes.filter((v): v is PaperVote => v !== undefined);
  const outcome = evaluateRound(audit.plan, votes, current.round);
  const at = now.toISOString();
  await store.transaction(async (trx) => {
    const rdb = resultsDb(trx);
    await rdb
      .updateTable('rla_rounds')
      .set({ outcome: canonicalJson(outcome) })
      .where('audit_id', '=', audit.id)
      .where('round', '=', current.round)
      .execute();
    if (outcome.decision.kind === 'another-round')
      await rdb
        .insertInto('rla_rounds')
        .values({
          audit_id: audit.id,
          round: current.round + 1,
          draws: outcome.decision.additionalDraws,
          created_at: at,
          outcome: null,
        })
        .execute();
    else
      await rdb
        .updateTable('rla_audits')
        .set({ closed_at: at, decision: canonicalJson(outcome.decision) })
        .where('id', '=', audit.id)
        .execute();
  });
  return ok(outcome);
}
