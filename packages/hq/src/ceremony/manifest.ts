import {
  canonicalJson,
  electionHash,
  err,
  ok,
  problem,
  type ElectionDefinition,
  type Problem,
  type Result,
} from '@sandogh/core';
import {
  manifestProblems,
  PROFILE,
  type CryptoManifest,
  type ManifestBranch,
} from '@sandogh/crypto';

/**
 * The crypto manifest of docs/CRYPTO.md §4.1, derived from the election definition by one rule,
 * used both by `sandogh ceremony manifest` on an offline machine and by the HQ to check the
 * manifest it is given (docs/CEREMONY.md "The manifest"). What the definition does not say
 * directly is derived so:
 * - `seats` is the contest's `maxSelections` (the definition's validation makes it equal to the
 *   constituency's seats); `candidates` are the codes in ballot order (the definition's order);
 * - `days` is the voting day alone: a ballot carries no time finer than its branch's day
 *   (DESIGN law 2), and a day extended past midnight is still the election's voting day;
 * - each branch's `reportKeys` are the Ed25519 keys (hex) of the devices that may sign its
 *   closing tally report (docs/ARCHITECTURE.md, closing): its voting device(s) and the spares
 *   of its zone HQ, which may replace a failed voting device during the day (check V12);
 * - the board is the supervisory board the definition lists (they hold the key shares, DESIGN §1),
 *   or the part of it named for this ceremony (a rerun without a convicted member, §8.2 step 4):
 *   member i is `extra.boardMembers[i − 1]`. A definition that lists no supervisory board
 *   leaves the members unnamed and `board.n` as given;
 * - `extra.electionHash` binds the whole definition (names, rules, dates) into H_M, so a proof
 *   made for one definition is void for any other (vxsuite's "ballot hash" habit).
 */
export interface BoardChoice {
  /** Staff ids of the members, in member order; default: every supervisory-board member. */
  readonly members?: readonly string[] | undefined;
  /** Number of members; needed only when the definition lists no supervisory board. */
  readonly n?: number | undefined;
  /** Threshold: any k members decrypt, k − 1 learn nothing. */
  readonly k: number;
}

const MAX_MEMBERS = 255;

function hexKey(base64: string): string {
  return Buffer.from(base64, 'base64').toString('hex');
}

export function boardMembersOf(definition: ElectionDefinition): string[] {
  return definition.staff.filter((s) => s.role === 'supervisory-board').map((s) => s.id);
}

/** The members (staff ids, possibly none) and n of the ceremony's board. */
function boardOf(
  definition: ElectionDefinition,
  board: BoardChoice,
): Result<{ members: readonly string[]; n: number }, Problem[]> {
  const listed = boardMembersOf(definition);
  const members = board.members ?? listed;
  const n = listed.length > 0 ? members.length : (board.n ?? 0);
  if (listed.length > 0 && board.n !== undefined && board.n !== n)
    return err([problem('CEREMONY_BOARD_SIZE', { count: n, n: board.n })]);
  const unknown = members.filter((m) => !listed.includes(m));
  if (unknown.length > 0 || new Set(members).size !== members.length)
    return err([
      problem('CEREMONY_MANIFEST_INVALID', {
        reason: `board members must be distinct supervisory-board members of the definition${unknown.length > 0 ? `; not one: ${unknown.join(', ')}` : ''}`,
      }),
    ]);
  if (
    !Number.isSafeInteger(n) ||
    !Number.isSafeInteger(board.k) ||
    board.k < 1 ||
    board.k > n ||
    n > MAX_MEMBERS
  )
    return err([problem('CEREMONY_BOARD_INVALID', { n, k: board.k })]);
  return ok({ members, n });
}

export function cryptoManifestFromDefinition(
  definition: ElectionDefinition,
  board: BoardChoice,
): Result<CryptoManifest, Problem[]> {
  const chosen = boardOf(definition, board);
  if (!chosen.ok) return chosen;
  const { members, n } = chosen.value;
  const zoneHqOf = new Map(definition.branches.map((b) => [b.id, b.zoneHqId]));
  const keysOf = new Map<string, string[]>(definition.branches.map((b) => [b.id, []]));
  for (const d of definition.devices) {
    if (d.kind === 'voting' && d.branchId !== null)
      keysOf.get(d.branchId)?.push(hexKey(d.publicKey));
  }
  for (const d of definition.devices) {
    if (d.kind !== 'spare') continue;
    for (const [branchId, zoneHqId] of zoneHqOf)
      if (zoneHqId === d.zoneHqId) keysOf.get(branchId)?.push(hexKey(d.publicKey));
  }
  const branches: ManifestBranch[] = definition.branches.map((b) => {
    const reportKeys = keysOf.get(b.id) ?? [];
    return reportKeys.length > 0 ? { id: b.id, reportKeys } : { id: b.id };
  });
  const manifest: CryptoManifest = {
    profile: PROFILE,
    electionId: definition.election.id,
    contestId: definition.contest.id,
    seats: definition.contest.maxSelections,
    candidates: definition.candidates.map((c) => c.code),
    branches,
    board: { n, k: board.k },
    days: [definition.election.votingDay],
    extra: {
      electionHash: electionHash(definition),
      ...(members.length > 0 ? { boardMembers: [...members] } : {}),
    },
  };
  const problems = manifestProblems(manifest);
  if (problems.length > 0)
    return err([problem('CEREMONY_MANIFEST_INVALID', { reason: problems.join('; ') })]);
  return ok(manifest);
}

/** The staff ids a manifest names as its board (`extra.boardMembers`), if it names any. */
export function namedBoardMembers(m: CryptoManifest): string[] | undefined {
  const extra: unknown = m.extra;
  if (typeof extra !== 'object' || extra === null || !('boardMembers' in extra)) return undefined;
  const named: unknown = extra.boardMembers;
  return Array.isArray(named) && named.every((x) => typeof x === 'string') ? named : undefined;
}

/** Top-level fields in which a given manifest differs from the one the definition gives. */
export function manifestDifferences(expected: CryptoManifest, given: CryptoManifest): string[] {
  const keys = new Set([...Object.keys(expected), ...Object.keys(given)]);
  const a = expected as unknown as Record<string, unknown>;
  const b = given as unknown as Record<string, unknown>;
  const text = (v: unknown): string => (v === undefined ? '' : canonicalJson(v));
  return [...keys].filter((key) => text(a[key]) !== text(b[key])).sort();
}
