import { z } from 'zod';

/**
 * The election definition: one validated document from which everything else is configured
 * (the vxsuite habit). Its canonical SHA-256 is the election hash printed on every screen,
 * report and package (see hash.ts). Schemas are the source of truth; types derive from them.
 * Times of day are civil times in the election's time zone; the voting day is a Gregorian
 * ISO date (people read it in Jalali, DESIGN §9).
 */

export const FORMAT_VERSION = 1;

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const digits = z.string().regex(/^[0-9]{1,12}$/);
const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/);
const isoDate = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/);
/** Raw 32-byte Ed25519 public key, standard base64. */
const ed25519PublicKey = z.string().regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/);

export const bilingualName = z.strictObject({
  fa: z.string().min(1).max(200),
  en: z.string().min(1).max(200),
});

export const electionMeta = z.strictObject({
  id,
  title: bilingualName,
  /** Majlis (Islamic Consultative Assembly) general election. */
  kind: z.enum(['majlis']),
  term: z.int().min(1).max(99),
  round: z.union([z.literal(1), z.literal(2)]),
  votingDay: isoDate,
  timeZone: z.string().min(1).max(64),
  hours: z.strictObject({
    opens: clock,
    closes: clock,
    /** The ministry may extend voting up to this many minutes; beyond needs the board. */
    ministryExtensionLimitMinutes: z.int().min(0).max(720),
  }),
  /** Minimum age in full (Jalali) years on voting day. */
  minimumAge: z.int().min(15).max(25),
});

export const county = z.strictObject({ id, name: bilingualName });

export const constituency = z.strictObject({
  id,
  name: bilingualName,
  counties: z.array(county).min(1).max(100),
  /** Seats of the constituency in this round (in a runoff: the seats still open). */
  seats: z.int().min(1).max(100),
});

export const candidate = z.strictObject({
  code: digits,
  name: bilingualName,
  /** Path of the photo, relative to the definition file. */
  photo: z.string().regex(/^[A-Za-z0-9._/-]{1,200}$/),
});

export const contest = z.strictObject({
  id,
  title: bilingualName,
  /** Codes are numeric strings of exactly this length (configurable, DESIGN §2). */
  candidateCodeLength: z.int().min(1).max(12),
  /** A voter picks 0..maxSelections; zero is a blank ballot. */
  maxSelections: z.int().min(1).max(100),
});

/** Round-1 results a runoff is derived from (DESIGN §2 "Counting"). */
export const round1Results = z.strictObject({
  seats: z.int().min(1).max(100),
  validBallots: z.int().min(0),
  candidates: z
    .array(z.strictObject({ code: digits, name: bilingualName, votes: z.int().min(0) }))
    .min(1)
    .max(10_000),
  /**
   * The round-1 winners declared after a lot, needed only when candidates tied across the
   * last winning place; otherwise the winners follow from the votes.
   */
  lotWinners: z.array(digits).max(100).optional(),
});

export const zoneHq = z.strictObject({ id, name: bilingualName, countyId: id });
/** A governor's-representative zone (منطقه نمایندگی فرماندار). */
export const zone = z.strictObject({ id, name: bilingualName, countyId: id });

export const stopKind = z.enum([
  'hospital',
  'barracks',
  'dormitory',
  'care-home',
  'prison',
  'other',
]);

export const itineraryStop = z.strictObject({
  id,
  place: bilingualName,
  kind: stopKind,
  arrive: clock,
  depart: clock,
});

export const branch = z.strictObject({
  /** The branch code (کد شعبه): a string, leading zeros kept. */
  id,
  name: bilingualName,
  countyId: id,
  zoneId: id,
  zoneHqId: id,
  kind: z.enum(['fixed', 'mobile']),
  address: z.string().min(1).max(300),
  expectedVoters: z.int().min(0).max(100_000),
  itinerary: z.array(itineraryStop).max(24),
});

export const deviceKind = z.enum(['authentication', 'voting', 'spare']);

export const device = z.strictObject({
  serial: id,
  kind: deviceKind,
  publicKey: ed25519PublicKey,
  /** The branch it is assigned to; spares wait at their zone HQ. */
  branchId: id.nullable(),
  zoneHqId: id,
});

export const staffRole = z.enum([
  'hq-staff',
  'zone-hq-staff',
  'governor-representative',
  'executive-board',
  'supervisory-board',
  'observer',
  'inspector',
  'branch-trustee',
  'it-committee',
  'support-committee',
]);

export const staffScope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constituency') }),
  z.strictObject({ kind: z.literal('zoneHq'), zoneHqId: id }),
  z.strictObject({ kind: z.literal('zone'), zoneId: id }),
  z.strictObject({ kind: z.literal('branches'), branchIds: z.array(id).min(1).max(50) }),
]);

export const staffAssignment = z.strictObject({
  id,
  name: bilingualName,
  role: staffRole,
  scope: staffScope,
  /** For branch trustees: the chair (رئیس) or a secretary (منشی). */
  trusteeRole: z.enum(['chair', 'secretary']).optional(),
  /** The trustee trained to run the devices (کاربر شعبه). */
  deviceOperator: z.boolean().optional(),
});

export const electionDefinition = z.strictObject({
  formatVersion: z.literal(FORMAT_VERSION),
  election: electionMeta,
  constituency,
  contest,
  candidates: z.array(candidate).min(1).max(1_000),
  round1: round1Results.optional(),
  zoneHqs: z.array(zoneHq).min(1).max(1_000),
  zones: z.array(zone).min(1).max(1_000),
  branches: z.array(branch).min(1).max(100_000),
  devices: z.array(device).max(300_000),
  staff: z.array(staffAssignment).max(1_000_000),
});

export type BilingualName = z.infer<typeof bilingualName>;
export type ElectionMeta = z.infer<typeof electionMeta>;
export type County = z.infer<typeof county>;
export type Constituency = z.infer<typeof constituency>;
export type Candidate = z.infer<typeof candidate>;
export type Contest = z.infer<typeof contest>;
export type Round1Results = z.infer<typeof round1Results>;
export type ZoneHq = z.infer<typeof zoneHq>;
export type Zone = z.infer<typeof zone>;
export type ItineraryStop = z.infer<typeof itineraryStop>;
export type Branch = z.infer<typeof branch>;
export type DeviceKind = z.infer<typeof deviceKind>;
export type Device = z.infer<typeof device>;
export type StaffRole = z.infer<typeof staffRole>;
export type StaffScope = z.infer<typeof staffScope>;
export type StaffAssignment = z.infer<typeof staffAssignment>;
export type ElectionDefinition = z.infer<typeof electionDefinition>;
