import { z } from 'zod';
import { registryDocumentKinds } from './registryRow.js';

/**
 * What the authentication device tells HQ at check-in (issue 4, DESIGN §2 "Identity"), the
 * ballot card HQ answers with, and the station's later messages about cards and offline marks
 * (docs/POLLBOOK.md). Each is the `body` of a signed device message (law 4).
 */

/** The five documents a voter may show, all keyed on the national code (DESIGN §2). */
export const identityDocumentKind = z.enum(registryDocumentKinds);
export type IdentityDocumentKind = z.infer<typeof identityDocumentKind>;

/**
 * How the fingerprint step ended: optional, never the only way in (DESIGN §2). After three
 * failed tries the operator's override (`failed-then-override`) lets the voter on.
 */
export const fingerprintOutcome = z.enum([
  'matched',
  'no-fingerprint-on-file',
  'not-attempted',
  'failed-then-override',
]);
export type FingerprintOutcome = z.infer<typeof fingerprintOutcome>;

/**
 * The national code as typed or read from a document; `parseNationalCode` then checks its
 * digits and check digit, so a wrong one gets its own NATIONAL_CODE_* problem. 32 characters
 * leave room for invisible marks pasted from right-to-left text.
 */
export const nationalCodeInput = z.string().min(1).max(32);

export const checkInBody = z.strictObject({
  nationalCode: nationalCodeInput,
  document: z.strictObject({
    kind: identityDocumentKind,
    /** The document's serial, when the reader got one (logged nowhere: personal data). */
    serial: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,32}$/)
      .optional(),
  }),
  fingerprint: fingerprintOutcome,
});
export type CheckInBody = z.infer<typeof checkInBody>;

/**
 * A ballot card token (کارت تعرفه): 192 random bits in hex, a dot, and the card's expiry in
 * Unix seconds. The expiry rides in the token so that HQ stores no exact instant beside the
 * card (law 2: nothing joins a card back to the mark by time); HQ keys the card by SHA-256 of
 * the whole token, so an altered expiry is an unknown card.
 */
export const ballotCardToken = z.string().regex(/^[0-9a-f]{48}\.[0-9]{10}$/, 'a ballot card token');
export type BallotCardToken = z.infer<typeof ballotCardToken>;

/** The expiry (ms since the epoch) a well-formed token carries. */
export function cardTokenExpiry(token: BallotCardToken): number {
  return Number(token.slice(49)) * 1000;
}

/** How long a card stays valid: a voter walks from the desk to the voting device in far less. */
export const CARD_LIFETIME_MS = 10 * 60 * 1000;

export const cardStateBody = z.strictObject({
  token: ballotCardToken,
  /** `used`: the voting device consumed it; `abandoned`: the voter left without voting. */
  state: z.enum(['used', 'abandoned']),
});
export type CardStateBody = z.infer<typeof cardStateBody>;

/** A random handle the voting device attached to one sealed provisional ballot (law 1). */
export const provisionalHandle = z.string().regex(/^[0-9a-f]{32}$/, '32 lowercase hex digits');

/** The most offline marks one message carries; a longer outage sends several messages. */
export const MAX_OFFLINE_MARKS = 500;

export const offlineMarksBody = z.strictObject({
  marks: z
    .array(
      z.strictObject({
        nationalCode: nationalCodeInput,
        /** When the station checked the voter in, by its own clock. */
        at: z.iso.datetime({ offset: false, precision: 3 }),
        handle: provisionalHandle,
      }),
    )
    .min(1)
    .max(MAX_OFFLINE_MARKS),
});
export type OfflineMarksBody = z.infer<typeof offlineMarksBody>;

/** The offline rule's trigger: no answer from HQ within this long (DESIGN §2 "Offline"). */
export const OFFLINE_AFTER_MS = 10_000;
