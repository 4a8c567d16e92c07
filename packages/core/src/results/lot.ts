import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { problem } from '../errors.js';
import type { Problem } from '../problem.js';
import { err, ok } from '../result.js';
import type { Result } from '../result.js';
import { problemsFromZod } from '../zodProblems.js';

/**
 * The verifiable lot (DESIGN §2 "Counting": a tie at the last seat is settled by lot, in a joint
 * session of the executive and supervisory boards; issue 7). Commit, then reveal, then a
 * deterministic draw that anyone can recompute from the lot record — `scripts/lot-verify.mjs`
 * does it with Node alone. The exact algorithm, with a worked example, is docs/RESULTS.md §Lot;
 * every byte below follows it, so change both or neither.
 *
 * Why commit first: a member who saw the others' values before choosing their own could steer
 * the draw. With commitments fixed before any reveal, one honest member's random value makes the
 * draw uniform. A member who refuses to reveal can only stop the session (it is then rerun, on
 * the record), not choose the outcome.
 */

export const LOT_FORMAT = 'sandogh/v1/lot';
const memberId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const candidateCode = z.string().regex(/^[0-9]{1,12}$/);

export const lotCommitment = z.strictObject({ memberId, commitment: hex64 });
export const lotReveal = z.strictObject({ memberId, value: hex64 });
export const lotTie = z.strictObject({
  /** SHA-256 of the election record the tie comes from (hex). */
  electionRecordHash: hex64,
  /** The tied candidates' codes. */
  tied: z.array(candidateCode).min(2).max(1_000),
  /** How many of them the lot chooses: the seats left at the cut. */
  places: z.int().min(1),
});

export type LotCommitment = z.infer<typeof lotCommitment>;
export type LotReveal = z.infer<typeof lotReveal>;
export type LotTie = z.infer<typeof lotTie>;

/** The published record of a lot: enough for anyone to recompute it. */
export interface LotRecord extends LotTie {
  readonly format: typeof LOT_FORMAT;
  readonly commitments: readonly LotCommitment[];
  readonly reveals: readonly LotReveal[];
  /** SHA-256 seed of the draw (hex). */
  readonly seed: string;
  /** Every tied candidate, in the drawn order. */
  readonly order: readonly string[];
  /** The first `places` of `order`. */
  readonly winners: readonly string[];
}

const encoder = (text: string): Uint8Array => utf8ToBytes(text);

/** SHA-256("sandogh/v1/lot-commit\n" ‖ memberId ‖ "\n" ‖ value), hex. */
export function lotCommitmentOf(member: string, value: string): string {
  return bytesToHex(sha256(encoder(`sandogh/v1/lot-commit\n${member}\n${value}`)));
}

function byMember(a: { memberId: string }, b: { memberId: string }): number {
  return a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
}

/** The tied codes in the order the draw starts from: ascending by code (ASCII order). */
function startingOrder(tied: readonly string[]): string[] {
  return [...tied].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * seed = SHA-256 of the lines "sandogh/v1/lot-seed", the record hash, the places, the tied codes
 * (ascending, comma-separated), then one line "memberId:value" per reveal in ascending member
 * id; every line ends with "\n".
 */
export function lotSeed(tie: LotTie, reveals: readonly LotReveal[]): string {
  const lines = [
    'sandogh/v1/lot-seed',
    tie.electionRecordHash,
    String(tie.places),
    startingOrder(tie.tied).join(','),
    ...[...reveals].sort(byMember).map((r) => `${r.memberId}:${r.value}`),
  ];
  return bytesToHex(sha256(encoder(lines.map((line) => `${line}\n`).join(''))));
}

/** A stream of 32-bit words: block i = SHA-256(seed bytes ‖ uint32be(i)), read big-endian. */
function wordStream(seedHex: string): () => number {
  const seed = Uint8Array.from(seedHex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
  let block = new Uint8Array(0);
  let counter = 0;
  let offset = 0;
  return () => {
    if (offset + 4 > block.length) {
      const index = new Uint8Array(4);
      new DataView(index.buffer).setUint32(0, counter++);
      block = sha256(concatBytes(seed, index));
      offset = 0;
    }
    const word = new DataView(block.buffer, block.byteOffset + offset, 4).getUint32(0);
    offset += 4;
    return word;
  };
}

/**
 * An unbiased Fisher–Yates shuffle (Knuth's Algorithm P) driven by the word stream: for i from
 * n−1 down to 1, j uniform in 0..i by rejection sampling — a word w is used only if
 * w < 2³² − (2³² mod (i+1)), then j = w mod (i+1) — and positions i and j swap.
 */
export function lotOrder(tied: readonly string[], seedHex: string): string[] {
  const order = startingOrder(tied);
  const next = wordStream(seedHex);
  for (let i = order.length - 1; i >= 1; i--) {
    const range = i + 1;
    const limit = 2 ** 32 - (2 ** 32 % range);
    let word = next();
    while (word >= limit) word = next();
    const j = word % range;
    const a = order[i];
    const b = order[j];
    if (a === undefined || b === undefined) throw new Error('shuffle index out of range');
    order[i] = b;
    order[j] = a;
  }
  return order;
}

/** A lot session in a joint session of the boards: commitments, then reveals, then the draw. */
export interface LotSession {
  readonly tie: LotTie;
  readonly minimumMembers: number;
  readonly commitments: readonly LotCommitment[];
  readonly reveals: readonly LotReveal[];
}

/** Opens a session for a tie; the tie must be real (distinct codes, fewer places than tied). */
export function openLot(
  input: unknown,
  minimumMembers = 2,
): Result<LotSession, readonly Problem[]> {
  const parsed = lotTie.safeParse(input, { reportInput: true });
  if (!parsed.success) return err(problemsFromZod(parsed.error));
  const tie = parsed.data;
  if (new Set(tie.tied).size !== tie.tied.length)
    return err([problem('LOT_TIE_INVALID', { reason: 'a candidate is listed twice' })]);
  if (tie.places >= tie.tied.length)
    return err([problem('LOT_TIE_INVALID', { reason: 'places must be fewer than tied' })]);
  return ok({ tie, minimumMembers, commitments: [], reveals: [] });
}

export function commitToLot(
  session: LotSession,
  input: unknown,
): Result<LotSession, readonly Problem[]> {
  const parsed = lotCommitment.safeParse(input, { reportInput: true });
  if (!parsed.success) return err(problemsFromZod(parsed.error));
  const commitment = parsed.data;
  if (session.reveals.length > 0) return err([problem('LOT_COMMITMENTS_CLOSED')]);
  if (session.commitments.some((c) => c.memberId === commitment.memberId))
    return err([problem('LOT_COMMITMENT_DUPLICATE', { member: commitment.memberId })]);
  return ok({ ...session, commitments: [...session.commitments, commitment] });
}

/** A reveal must open its member's commitment; one that does not is refused (law 8). */
export function revealToLot(
  session: LotSession,
  input: unknown,
): Result<LotSession, readonly Problem[]> {
  const parsed = lotReveal.safeParse(input, { reportInput: true });
  if (!parsed.success) return err(problemsFromZod(parsed.error));
  const reveal = parsed.data;
  const member = reveal.memberId;
  const committed = session.commitments.find((c) => c.memberId === member);
  if (committed === undefined) return err([problem('LOT_NOT_COMMITTED', { member })]);
  if (session.reveals.length === 0 && session.commitments.length < session.minimumMembers)
    return err([
      problem('LOT_TOO_FEW_MEMBERS', {
        minimum: session.minimumMembers,
        count: session.commitments.length,
      }),
    ]);
  if (session.reveals.some((r) => r.memberId === member))
    return err([problem('LOT_REVEAL_DUPLICATE', { member })]);
  if (lotCommitmentOf(member, reveal.value) !== committed.commitment)
    return err([problem('LOT_REVEAL_MISMATCH', { member })]);
  return ok({ ...session, reveals: [...session.reveals, reveal] });
}

/** The draw, once every member who committed has revealed. */
export function drawLot(session: LotSession): Result<LotRecord, readonly Problem[]> {
  if (session.commitments.length < session.minimumMembers)
    return err([
      problem('LOT_TOO_FEW_MEMBERS', {
        minimum: session.minimumMembers,
        count: session.commitments.length,
      }),
    ]);
  const missing = session.commitments
    .filter((c) => !session.reveals.some((r) => r.memberId === c.memberId))
    .map((c) => c.memberId);
  if (missing.length > 0)
    return err([problem('LOT_REVEALS_INCOMPLETE', { missing: missing.join(', ') })]);
  const seed = lotSeed(session.tie, session.reveals);
  const order = lotOrder(session.tie.tied, seed);
  return ok({
    format: LOT_FORMAT,
    ...session.tie,
    commitments: [...session.commitments].sort(byMember),
    reveals: [...session.reveals].sort(byMember),
    seed,
    order,
    winners: order.slice(0, session.tie.places),
  });
}

/**
 * Replays a published lot record — the tie, each commitment, each reveal against it, the draw —
 * and accepts it only when the seed, the order and the winners come out as recorded.
 */
export function verifyLotRecord(input: unknown): Result<LotRecord, readonly Problem[]> {
  const record = (typeof input === 'object' && input !== null ? input : {}) as Partial<LotRecord>;
  let session = openLot({
    electionRecordHash: record.electionRecordHash,
    tied: record.tied,
    places: record.places,
  });
  for (const commitment of Array.isArray(record.commitments) ? record.commitments : []) {
    if (!session.ok) break;
    session = commitToLot(session.value, commitment);
  }
  for (const reveal of Array.isArray(record.reveals) ? record.reveals : []) {
    if (!session.ok) break;
    session = revealToLot(session.value, reveal);
  }
  if (!session.ok) return err(session.error);
  const drawn = drawLot(session.value);
  if (!drawn.ok) return err(drawn.error);
  const same =
    drawn.value.seed === record.seed &&
    JSON.stringify(drawn.value.order) === JSON.stringify(record.order) &&
    JSON.stringify(drawn.value.winners) === JSON.stringify(record.winners);
  return same
    ? ok(drawn.value)
    : err([
        problem('LOT_TIE_INVALID', {
          reason: 'the record does not reproduce: seed, order or winners differ',
        }),
      ]);
}
