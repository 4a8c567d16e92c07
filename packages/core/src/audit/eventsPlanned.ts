import type { AuditEventKind } from './types.js';

/**
 * Event kinds declared ahead for the areas still to be built (DESIGN §3), so that each area
 * starts from a reviewed vocabulary and its NIST ids are reserved. An area that finds it needs
 * another kind adds it here; one that emits a kind drops its `planned` mark.
 *
 * Law 2 governs every one of them: no entry may carry a national code, a ballot card or any
 * value that links a voter to a ballot; poll-book entries name the branch, ballot entries the
 * batch.
 */
const planned = true as const;

export const plannedAuditEvents = {
  // ── election phases ──────────────────────────────────────────────────────────────────────
  'election.phase.changed': {
    description: {
      en: 'The election moved to another phase (opening, voting, closing, counting, certification); HQ signs a checkpoint at once',
      fa: 'انتخابات به مرحلهٔ دیگری رفت (گشایش، رای‌گیری، پایان، شمارش، تأیید)؛ ستاد بی‌درنگ نقطهٔ بازبینی امضا می‌کند',
    },
    causedBy: ['hq-staff', 'executive-board', 'supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0110', type: 'user-action', severity: 'notice' },
    planned,
  },
  'election.phase.refused': {
    description: {
      en: 'A phase change was refused (out of order, or a signature or approval missing)',
      fa: 'تغییر مرحله رد شد (خارج از ترتیب، یا امضا یا تأییدی کم است)',
    },
    causedBy: ['hq-staff', 'executive-board', 'supervisory-board'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0111', type: 'user-action', severity: 'warning' },
    planned,
  },
  'election.hours.extended': {
    description: {
      en: 'Voting hours were extended (by the ministry up to 3 hours; beyond, with the supervisory board’s approval)',
      fa: 'ساعت رای‌گیری تمدید شد (تا ۳ ساعت به دستور وزارت کشور؛ بیش از آن با تأیید هیات نظارت)',
    },
    causedBy: ['hq-staff', 'supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0112', type: 'user-action', severity: 'notice' },
    planned,
  },
  // ── poll book ────────────────────────────────────────────────────────────────────────────
  // ── ballots ──────────────────────────────────────────────────────────────────────────────
  // ── branches ─────────────────────────────────────────────────────────────────────────────
  // ── devices ──────────────────────────────────────────────────────────────────────────────
  'devices.device.replaced': {
    description: {
      en: 'A faulty device was replaced by a spare; the old one is marked faulty',
      fa: 'دستگاه معیوب با دستگاه یدکی جایگزین شد؛ دستگاه قبلی معیوب علامت خورد',
    },
    causedBy: ['it-committee'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0802', type: 'user-action', severity: 'warning' },
    planned,
  },
  // ── results ──────────────────────────────────────────────────────────────────────────────
  'results.share.submitted': {
    description: {
      en: 'A board member submitted a partial decryption with its proofs',
      fa: 'یکی از اعضای هیات رمزگشایی جزئی را با اثبات‌هایش فرستاد',
    },
    causedBy: ['supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0902', type: 'user-action', severity: 'notice' },
    planned,
  },
  'results.share.refused': {
    description: {
      en: 'A partial decryption was refused (its proof does not verify)',
      fa: 'رمزگشایی جزئی رد شد (اثبات آن درست نیست)',
    },
    causedBy: ['supervisory-board'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0903', type: 'user-action', severity: 'warning' },
    planned,
  },
  'results.published': {
    description: {
      en: 'Results were published (unofficial); HQ signs a checkpoint at once',
      fa: 'نتایج (غیررسمی) منتشر شد؛ ستاد بی‌درنگ نقطهٔ بازبینی امضا می‌کند',
    },
    causedBy: ['hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0904', type: 'user-action', severity: 'notice' },
    planned,
  },
} as const satisfies Record<string, AuditEventKind>;
