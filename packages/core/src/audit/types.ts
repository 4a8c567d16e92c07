import type { StaffRole } from '../definition/schema.js';
import { staffRole } from '../definition/schema.js';
import type { Bilingual } from '../problem.js';

/**
 * The vocabulary of the audit log (law 6, issue 3). Every event kind is declared once, in the
 * table of events.ts, with these properties; the code's union of actions and docs/AUDIT.md are
 * both generated from it (STYLE: the vxsuite habit).
 */

/** Who caused an entry: a person, a registered device, HQ itself, or nobody identified. */
export const auditActorKinds = ['staff', 'device', 'system', 'anonymous'] as const;
export type AuditActorKind = (typeof auditActorKinds)[number];

/** How it ended: done, refused (input or policy said no), or failed (an error on our side). */
export const auditOutcomes = ['succeeded', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/**
 * A state change (something in the election moved), a refusal (law 8: nothing moved, and the
 * refusal is on the record), or an action that changes no election state but is a user's act
 * worth knowing of (an export, a verification run).
 */
export type AuditNature = 'state-change' | 'refusal' | 'action';

/** Who may cause an event kind: a staff role of DESIGN §1, or a non-staff actor. */
export type AuditCauser =
  StaffRole | 'candidate-representative' | 'device' | 'system' | 'anonymous';

/** Every staff role, for kinds any signed-in person may cause (a login, a refusal). */
export const anyStaff: readonly AuditCauser[] = staffRole.options;

/**
 * NIST SP 1500-101 Event.Type values of this log, documented in the export's
 * ElectionEventLogDocumentation (EventTypeDescription).
 */
export const nistEventTypes = {
  'user-action': {
    en: 'An act of a person signed in to HQ',
    fa: 'کاری که کاربرِ واردشده به ستاد انجام داده است',
  },
  'device-action': {
    en: 'A signed message from a registered branch device',
    fa: 'پیام امضاشدهٔ یک دستگاه ثبت‌شدهٔ شعبه',
  },
  'system-action': {
    en: 'HQ acting on its own (start, stop, timers)',
    fa: 'کاری که سرور ستاد خودبه‌خود انجام داده است (آغاز، توقف، زمان‌سنج‌ها)',
  },
  security: {
    en: 'Authentication and authorization: logins, sessions, refusals',
    fa: 'احراز هویت و دسترسی: ورود، نشست‌ها، رد درخواست‌ها',
  },
} as const satisfies Record<string, Bilingual>;
export type NistEventType = keyof typeof nistEventTypes;

/** NIST SP 1500-101 leaves Event.Severity free text; these four are this log's scale. */
export type NistSeverity = 'info' | 'notice' | 'warning' | 'critical';

/** NIST SP 1500-101 EventDispositionType, derived from the entry's outcome. */
export type NistDisposition = 'success' | 'failure' | 'na' | 'other';

export interface AuditEventKind {
  readonly description: Bilingual;
  readonly causedBy: readonly AuditCauser[];
  readonly nature: AuditNature;
  /** The outcomes an entry of this kind may carry (a refusal is always `refused`). */
  readonly outcomes: readonly AuditOutcome[];
  /** NIST SP 1500-101 Event.Id (stable, never reused) and the Type and Severity it carries. */
  readonly nist: {
    readonly id: string;
    readonly type: NistEventType;
    readonly severity: NistSeverity;
  };
  /** Declared ahead for an area still to be built: no code records it yet. */
  readonly planned?: true;
}

/**
 * The areas of the election (DESIGN §3, the HQ's modules); every code starts with its area.
 * `nist` is the hundreds block of the area's NIST event ids (`SDG-0101`…).
 */
export const auditAreas = {
  election: { nist: 1, title: { en: 'Election setup and phases', fa: 'تعریف و مراحل انتخابات' } },
  access: {
    nist: 2,
    title: { en: 'Accounts, sessions and access', fa: 'حساب‌ها، نشست‌ها و دسترسی' },
  },
  audit: { nist: 3, title: { en: 'The audit log itself', fa: 'خودِ دفتر ممیزی' } },
  system: { nist: 4, title: { en: 'The HQ server', fa: 'سرور ستاد' } },
  pollbook: { nist: 5, title: { en: 'Poll book', fa: 'دفتر رای‌دهندگان' } },
  ballots: { nist: 6, title: { en: 'Ballots', fa: 'برگه‌های رای' } },
  branches: { nist: 7, title: { en: 'Branches', fa: 'شعبه‌ها' } },
  devices: { nist: 8, title: { en: 'Devices', fa: 'دستگاه‌ها' } },
  results: { nist: 9, title: { en: 'Tally and results', fa: 'شمارش و نتایج' } },
  incidents: { nist: 10, title: { en: 'Incidents', fa: 'رخدادها' } },
  logistics: { nist: 11, title: { en: 'Logistics', fa: 'پشتیبانی و اقلام' } },
} as const satisfies Record<string, { nist: number; title: Bilingual }>;
export type AuditArea = keyof typeof auditAreas;

/** The area of a code: its first segment. */
export function auditAreaOf(code: string): string {
  return code.slice(0, code.indexOf('.'));
}

/** An entry a caller built wrongly: a programmer error, thrown, never stored. */
export class AuditEntryError extends TypeError {
  override readonly name = 'AuditEntryError';
}
