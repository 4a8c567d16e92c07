// The verifier's numbered checks (docs/CRYPTO.md §10). One table, so the report, the CLI and the
// documentation all name a failure the same way.
export const CHECKS = {
  V1: 'manifest is well formed and its hash H_M is the one in context.json',
  V2: 'every board member announced k coefficient commitments and a transport key, each with a valid Schnorr proof',
  V3: 'every member sent every other member a share, and no complaint proves a bad share',
  V4: 'joint key K = Π K_i0, and the election hashes H_B, H_E and parameters in context.json are recomputed',
  V5: 'every ballot is well formed for this election, its branch and a voting day',
  V6: 'no tracking code appears twice among cast ballots',
  V7: 'every selection of every cast ballot has a valid 0/1 proof',
  V8: 'every cast ballot proves its number of selections is in 0..L',
  V9: 'every challenged ballot opens to the ciphertexts it was published with',
  V10: 'no challenged ballot is among the cast ballots',
  V11: 'every manifest branch has a closing report matching its ballots (count, Merkle roots of the sorted tracking codes), stored in tracking-code order',
  V12: "each branch report is signed by the branch's registered keys",
  V13: "each branch report's encrypted totals are the product of its cast ballots",
  V14: "the result's encrypted totals and ballot count are the product and sum of the branch reports",
  V15: 'at least k distinct members decrypted, each with a valid Chaum–Pedersen proof',
  V16: 'each published count t satisfies g^t = B / Π M_i^λ_i, within 0..ballots',
  V17: "per-branch results, when published: one per branch report, each the decryption of that report's totals (V15–V16), together adding up to the constituency's counts",
  V18: 'every member published one commitment to its announcement (the commit round), and each announcement is the one committed to',
} as const;

export type CheckId = keyof typeof CHECKS;
export const CHECK_IDS = Object.keys(CHECKS) as CheckId[];

export interface CheckOutcome {
  readonly id: CheckId;
  readonly title: string;
  readonly passed: boolean;
  /** Items examined (ballots, proofs, branches, members…). */
  readonly checked: number;
  readonly failed: number;
  /** Ids of failing items, at most MAX_LISTED. */
  readonly failures: readonly string[];
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly checks: readonly CheckOutcome[];
  readonly castBallots: number;
  readonly challengedBallots: number;
  readonly branches: number;
  readonly workers: number;
  readonly milliseconds: number;
}

const MAX_LISTED = 100;

/**
 * Records are read from anyone (DESIGN law 8): a field typed as a list may be anything in the
 * JSON. The verifier reads lists through this so malformed input is reported, never thrown.
 */
export function listOf<T>(value: readonly T[]): readonly T[] {
  const v: unknown = value;
  return Array.isArray(v) ? (v as readonly T[]) : [];
}

/** A field the type system believes in but the JSON may not have. */
export function claimed(value: unknown): unknown {
  return value;
}

/** Collects outcomes while the verifier runs. */
export class CheckLog {
  private readonly state = new Map<
    CheckId,
    { checked: number; failed: number; failures: string[] }
  >(CHECK_IDS.map((id) => [id, { checked: 0, failed: 0, failures: [] }]));

  pass(id: CheckId, count = 1): void {
    const s = this.state.get(id);
    if (s) s.checked += count;
  }

  fail(id: CheckId, item: string): void {
    const s = this.state.get(id);
    if (!s) return;
    s.checked += 1;
    s.failed += 1;
    if (s.failures.length < MAX_LISTED) s.failures.push(item);
  }

  check(id: CheckId, ok: boolean, item: string): boolean {
    if (ok) this.pass(id);
    else this.fail(id, item);
    return ok;
  }

  outcomes(): CheckOutcome[] {
    return CHECK_IDS.map((id) => {
      const s = this.state.get(id) ?? { checked: 0, failed: 0, failures: [] };
      return {
        id,
        title: CHECKS[id],
        passed: s.failed === 0,
        checked: s.checked,
        failed: s.failed,
        failures: s.failures,
      };
    });
  }
}

/** Human-readable report for the CLI: one line per check, failing items indented below. */
export function formatReport(r: VerificationReport): string {
  const lines = r.checks.map((c) => {
    const head = `${c.passed ? 'PASS' : 'FAIL'} ${c.id.padEnd(3)} ${c.title} (${c.checked} checked${c.failed ? `, ${c.failed} failed` : ''})`;
    return [head, ...c.failures.map((f) => `       ${f}`)].join('\n');
  });
  lines.push(
    `${r.ok ? 'RECORD VERIFIED' : 'RECORD FAILED'}: ${r.castBallots} cast and ${r.challengedBallots} challenged ballots in ${r.branches} branches, ${r.workers} workers, ${(r.milliseconds / 1000).toFixed(1)} s`,
  );
  return lines.join('\n');
}
