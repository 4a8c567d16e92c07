// The election verifier (docs/CRYPTO.md §10, DESIGN law 7): from the published record alone it
// runs every numbered check and reports each with counts and failing items. It imports only the
// profile's definitions and primitives — never the code that produced the record — so a
// candidate's observer can trust it without trusting the HQ (test: verifierImports.test.ts).
import { baseMul, elementEquals, scalarFromInt } from './group.js';
import type { Element } from './group.js';
import { parseElement, toHex } from './codec.js';
import type { Hex } from './codec.js';
import { addCiphertexts, ciphertextFromJson, ZERO_CIPHERTEXT } from './elgamal.js';
import type { Ciphertext, CiphertextJson } from './elgamal.js';
import { merkleRoot } from './merkle.js';
import { verifyReportSignature } from './branchReport.js';
import { publicShareKey } from './ceremonyFormat.js';
import { combinePartials, isIdentityTotals, verifyPartialShare } from './decryptionFormat.js';
import type { PartialDecryption } from './decryptionFormat.js';
import { CheckLog, listOf } from './checks.js';
import type { VerificationReport } from './checks.js';
import { verifyCeremony } from './verifyCeremony.js';
import type { VerifiedContext } from './verifyCeremony.js';
import { chunkBranches, defaultWorkerCount, runChunks } from './verifyPool.js';
import type { BallotVerdict, ChunkVerdict } from './verifyChunk.js';
import type { BranchRecord, ElectionRecord } from './record.js';

export interface VerifyOptions {
  /** Worker threads for the ballot checks; 0 runs them in this thread. Default: every core. */
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

interface BranchOutcome {
  readonly cast: BallotVerdict[];
  readonly challenged: BallotVerdict[];
  sum: Ciphertext[];
}

function sameCiphertexts(a: readonly CiphertextJson[], b: readonly Ciphertext[]): boolean {
  return (
    a.length === b.length &&
    a.every((c, i) => {
      const other = b[i];
      return other !== undefined && c.alpha === toHex(other.alpha) && c.beta === toHex(other.beta);
    })
  );
}

function mergeVerdicts(
  record: ElectionRecord,
  verdicts: readonly ChunkVerdict[],
): Map<string, BranchOutcome> {
  const out = new Map<string, BranchOutcome>();
  const n = record.manifest.candidates.length;
  for (const v of verdicts) {
    const o = out.get(v.branchId) ?? {
      cast: [],
      challenged: [],
      sum: Array.from({ length: n }, () => ZERO_CIPHERTEXT),
    };
    o.cast.push(...v.cast);
    o.challenged.push(...v.challenged);
    o.sum = o.sum.map((c, i) =>
      addCiphertexts(
        c,
        ciphertextFromJson(
          v.sum[i] ?? { alpha: toHex(ZERO_CIPHERTEXT.alpha), beta: toHex(ZERO_CIPHERTEXT.beta) },
        ),
      ),
    );
    out.set(v.branchId, o);
  }
  return out;
}

function ballotChecks(log: CheckLog, branchId: string, o: BranchOutcome): void {
  o.cast.forEach((v, i) => {
    const id = `${branchId}/${v.code ?? `#${i}`}`;
    if (!log.check('V5', v.shapeError === undefined, `${id}: ${v.shapeError ?? ''}`)) return;
    const bad = v.badSelections ?? [];
    log.check('V7', bad.length === 0, `${id}: selections ${bad.join(', ')}`);
    log.check('V8', v.limitOk === true, id);
  });
  o.challenged.forEach((v, i) => {
    const id = `${branchId}/challenged/${v.code ?? `#${i}`}`;
    if (!log.check('V5', v.shapeError === undefined, `${id}: ${v.shapeError ?? ''}`)) return;
    log.check('V9', v.openingOk === true, id);
  });
}

function reportChecks(
  log: CheckLog,
  record: ElectionRecord,
  ctx: VerifiedContext,
  b: BranchRecord,
  o: BranchOutcome | undefined,
): void {
  const r = b.report;
  const castCodes = (o?.cast ?? []).map((v) => v.code ?? '');
  const challengedCodes = (o?.challenged ?? []).map((v) => v.code ?? '');
  if (r === null) {
    log.check(
      'V11',
      castCodes.length === 0 && challengedCodes.length === 0,
      `${b.branchId}: ballots without a closing report`,
    );
    return;
  }
  try {
    const codesOk = [...castCodes, ...challengedCodes].every((c) => c !== '');
    log.check('V11', r.branchId === b.branchId, `${b.branchId}: report names branch ${r.branchId}`);
    // DESIGN law 2: files keep ballots in tracking-code order, never in the order they were cast.
    const sorted = (codes: readonly string[]) =>
      codes.every((c, i) => i === 0 || (codes[i - 1] ?? '') <= c);
    log.check(
      'V11',
      sorted(castCodes) && sorted(challengedCodes),
      `${b.branchId}: ballots not stored in tracking-code order`,
    );
    log.check(
      'V11',
      codesOk && r.castRoot === merkleRoot(castCodes) && r.tally.ballotCount === castCodes.length,
      `${b.branchId}: cast ballots differ from the signed report (${castCodes.length} present, ${r.tally.ballotCount} reported)`,
    );
    log.check(
      'V11',
      codesOk &&
        r.challengedRoot === merkleRoot(challengedCodes) &&
        r.challengedCount === challengedCodes.length,
      `${b.branchId}: challenged ballots differ from the signed report`,
    );
    const keys = record.manifest.branches.find((m) => m.id === b.branchId)?.reportKeys ?? [];
    for (const s of r.signatures) {
      log.check(
        'V12',
        verifyReportSignature(ctx.extendedHash, r, s) &&
          (keys.length === 0 || keys.includes(s.publicKey)),
        `${b.branchId}: signature by ${s.publicKey.slice(0, 16)}… invalid or not a registered key`,
      );
    }
    if (keys.length > 0)
      log.check(
        'V12',
        r.signatures.some((s) => keys.includes(s.publicKey)),
        `${b.branchId}: not signed by a registered key`,
      );
    log.check(
      'V13',
      sameCiphertexts(r.tally.totals, o?.sum ?? []),
      `${b.branchId}: encrypted totals are not the product of its ballots`,
    );
  } catch (e) {
    log.fail(
      'V11',
      `${b.branchId}: unreadable report (${e instanceof Error ? e.message : String(e)})`,
    );
  }
}

function resultChecks(log: CheckLog, record: ElectionRecord, ctx: VerifiedContext): void {
  const { result, manifest } = record;
  const n = manifest.candidates.length;
  let totals: Ciphertext[] = Array.from({ length: n }, () => ZERO_CIPHERTEXT);
  let ballots = 0;
  for (const b of record.branches) {
    if (!b.report) continue;
    try {
      const add = b.report.tally.totals.map(ciphertextFromJson);
      totals = totals.map((c, i) => addCiphertexts(c, add[i] ?? ZERO_CIPHERTEXT));
      ballots += b.report.tally.ballotCount;
    } catch {
      log.fail('V14', `${b.branchId}: report totals unreadable`);
    }
  }
  log.check(
    'V14',
    result.contestId === manifest.contestId,
    `result is for contest ${result.contestId}`,
  );
  log.check(
    'V14',
    result.ballotCount === ballots,
    `result counts ${result.ballotCount} ballots, the reports ${ballots}`,
  );
  log.check(
    'V14',
    sameCiphertexts(result.totals, totals),
    'encrypted totals are not the product of the branch reports',
  );

  decryptionChecks(log, ctx, manifest, '', {
    totals: result.totals,
    counts: result.counts,
    ballotCount: result.ballotCount,
    present: result.present,
    partials: result.partials,
  });
  branchResultChecks(log, record, ctx);
}

interface Decrypted {
  readonly totals: readonly CiphertextJson[];
  readonly counts: readonly number[];
  readonly ballotCount: number;
  readonly present: readonly number[];
  readonly partials: readonly PartialDecryption[];
}

/** V15–V16 for one set of decrypted totals: the constituency's, or a branch's (`where`). */
function decryptionChecks(
  log: CheckLog,
  ctx: VerifiedContext,
  manifest: ElectionRecord['manifest'],
  where: string,
  d: Decrypted,
): void {
  const n = manifest.candidates.length;
  const { k, n: members } = manifest.board;
  const present = listOf(d.present);
  const indices = listOf(d.partials).map((p) => p.index);
  log.check(
    'V15',
    present.length >= k,
    `${where}only ${present.length} members decrypted, ${k} needed`,
  );
  log.check(
    'V15',
    new Set(present).size === present.length &&
      present.every((i) => Number.isInteger(i) && i >= 1 && i <= members),
    `${where}present members are not distinct board members`,
  );
  log.check(
    'V15',
    indices.length === present.length && present.every((i) => indices.includes(i)),
    `${where}partial decryptions do not match the present members`,
  );
  let cts: Ciphertext[];
  try {
    cts = listOf(d.totals).map(ciphertextFromJson);
  } catch {
    log.fail('V15', `${where}totals unreadable`);
    return;
  }
  const shares = cts.map(() => new Map<number, Element>());
  for (const p of listOf(d.partials)) {
    const key = publicShareKey(ctx.jointCommitments, p.index);
    cts.forEach((ct, c) => {
      const share = listOf(p.shares)[c];
      const ok =
        share !== undefined && verifyPartialShare(ctx.extendedHash, key, ct, p.index, share);
      if (
        log.check(
          'V15',
          ok,
          `${where}member ${p.index}, candidate ${manifest.candidates[c] ?? c}`,
        ) &&
        share
      )
        shares[c]?.set(p.index, parseElement(share.m));
    });
  }
  const counts = listOf(d.counts);
  log.check('V16', counts.length === n, `${where}${counts.length} counts for ${n} candidates`);
  const sum = counts.reduce((a, b) => a + b, 0);
  log.check('V16', sum <= manifest.seats * d.ballotCount, `${where}more votes than ballots allow`);
  cts.forEach((ct, c) => {
    const t = counts[c];
    const id = `${where}candidate ${manifest.candidates[c] ?? c}`;
    if (t === undefined || !Number.isSafeInteger(t) || t < 0 || t > d.ballotCount) {
      log.fail('V16', `${id}: count ${String(t)} out of range`);
      return;
    }
    try {
      const m = combinePartials(ct, present, shares[c] ?? new Map());
      log.check(
        'V16',
        elementEquals(baseMul(scalarFromInt(t)), m),
        `${id}: ${t} is not the decryption`,
      );
    } catch {
      log.fail('V16', `${id}: partial decryptions missing`);
    }
  });
}

/**
 * V17 for a branch whose totals are the identity pair (no ballots): its decryption is 0 under
 * any key, so the result must be 0 for every candidate with no members nor partials (§9.2).
 */
function identityBranchChecks(
  log: CheckLog,
  manifest: ElectionRecord['manifest'],
  branchId: string,
  r: {
    readonly counts: readonly number[];
    readonly present: readonly number[];
    readonly partials: readonly PartialDecryption[];
  },
): void {
  const counts = listOf(r.counts);
  log.check(
    'V17',
    counts.length === manifest.candidates.length && counts.every((t) => t === 0),
    `${branchId}: identity totals (no ballots) published with counts other than 0`,
  );
  log.check(
    'V17',
    listOf(r.present).length === 0 && listOf(r.partials).length === 0,
    `${branchId}: identity totals (no ballots) published with partial decryptions`,
  );
}

/**
 * V17, when the record carries results per branch: one for every branch with a report, each
 * decrypting that report's own totals (V15–V16 again, named by branch) — or, for totals equal
 * to the identity pair, 0 for every candidate without partials — and together adding up to
 * the constituency's counts.
 */
function branchResultChecks(log: CheckLog, record: ElectionRecord, ctx: VerifiedContext): void {
  const branches = record.result.branches;
  if (branches === undefined) return;
  const byId = new Map(listOf(branches).map((b) => [b.branchId, b]));
  const sums = record.manifest.candidates.map(() => 0);
  for (const b of record.branches) {
    if (!b.report) continue;
    const r = byId.get(b.branchId);
    if (!log.check('V17', r !== undefined, `${b.branchId}: no result for a branch with a report`))
      continue;
    if (r === undefined) continue;
    log.check(
      'V17',
      r.ballotCount === b.report.tally.ballotCount,
      `${b.branchId}: result counts ${r.ballotCount} ballots, the report ${b.report.tally.ballotCount}`,
    );
    if (isIdentityTotals(b.report.tally.totals))
      identityBranchChecks(log, record.manifest, b.branchId, r);
    else {
      log.check(
        'V17',
        listOf(r.partials).length > 0,
        `${b.branchId}: totals other than the identity published without partial decryptions`,
      );
      decryptionChecks(log, ctx, record.manifest, `${b.branchId}: `, {
        totals: b.report.tally.totals,
        counts: r.counts,
        ballotCount: r.ballotCount,
        present: r.present,
        partials: r.partials,
      });
    }
    listOf(r.counts).forEach((t, c) => {
      sums[c] = (sums[c] ?? 0) + t;
    });
    byId.delete(b.branchId);
  }
  for (const extra of byId.keys())
    log.fail('V17', `${extra}: a result for a branch without a report`);
  log.check(
    'V17',
    sums.every((t, c) => t === record.result.counts[c]),
    "the branches' counts do not add up to the constituency's",
  );
}

export async function verifyRecord(
  record: ElectionRecord,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const started = performance.now();
  const workers = options.workers ?? defaultWorkerCount();
  const log = new CheckLog();
  const ctx = verifyCeremony(record, log);
  const branches = listOf(record.branches);
  const castBallots = branches.reduce((a, b) => a + b.cast.length, 0);
  const challengedBallots = branches.reduce((a, b) => a + b.challenged.length, 0);
  const finish = (): VerificationReport => {
    const checks = log.outcomes();
    return {
      ok: checks.every((c) => c.passed),
      checks,
      castBallots,
      challengedBallots,
      branches: branches.length,
      workers,
      milliseconds: performance.now() - started,
    };
  };
  if (ctx === null) {
    log.fail('V5', 'not checked: the election context could not be established (V1–V4)');
    return finish();
  }
  const known = new Set(record.manifest.branches.map((b) => b.id));
  const seen = new Set<string>();
  for (const b of branches) {
    log.check(
      'V5',
      known.has(b.branchId) && !seen.has(b.branchId),
      `branch ${b.branchId}: not in the manifest or listed twice`,
    );
    seen.add(b.branchId);
  }
  const verdicts = await runChunks(
    {
      extendedHash: toHex(ctx.extendedHash),
      jointKey: toHex(ctx.jointKey),
      seats: record.manifest.seats,
      candidateCount: record.manifest.candidates.length,
      days: record.manifest.days,
    },
    chunkBranches(
      branches.map((b) => ({ branchId: b.branchId, cast: b.cast, challenged: b.challenged })),
    ),
    workers,
    options.onProgress,
  );
  const outcomes = mergeVerdicts(record, verdicts);
  const castCount = new Map<Hex, number>();
  for (const [branchId, o] of outcomes) {
    ballotChecks(log, branchId, o);
    for (const v of o.cast) if (v.code) castCount.set(v.code, (castCount.get(v.code) ?? 0) + 1);
  }
  for (const [code, count] of castCount)
    log.check('V6', count === 1, `${code} cast ${count} times`);
  for (const [branchId, o] of outcomes) {
    for (const v of o.challenged)
      if (v.code)
        log.check(
          'V10',
          !castCount.has(v.code),
          `${branchId}/${v.code} was challenged and also counted`,
        );
  }
  for (const b of branches) reportChecks(log, record, ctx, b, outcomes.get(b.branchId));
  // Every branch of the manifest closes with a signed report, even with no ballots: otherwise a
  // whole branch could vanish from the record together with its share of the totals.
  for (const id of known)
    if (!seen.has(id)) log.fail('V11', `${id}: no closing report in the record`);
  try {
    resultChecks(log, record, ctx);
  } catch (e) {
    log.fail('V16', `unreadable result (${e instanceof Error ? e.message : String(e)})`);
  }
  return finish();
}
