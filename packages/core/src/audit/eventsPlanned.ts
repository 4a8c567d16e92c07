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
  'election.lot.drawn': {
    description: {
      en: 'A lot was drawn to settle a tie at the last seat, in a joint session of the boards',
      fa: 'برای تساوی در آخرین کرسی، در نشست مشترک هیات‌ها قرعه کشیده شد',
    },
    causedBy: ['executive-board', 'supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0113', type: 'user-action', severity: 'notice' },
    planned,
  },
  // ── poll book ────────────────────────────────────────────────────────────────────────────
  'pollbook.registry.imported': {
    description: { en: 'The voter registry was imported', fa: 'فهرست رای‌دهندگان وارد شد' },
    causedBy: ['hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0501', type: 'user-action', severity: 'notice' },
    planned,
  },
  'pollbook.voter.checked-in': {
    description: {
      en: 'A voter was checked in and marked as voted at a branch (the entry names the branch, never the voter)',
      fa: 'رای‌دهنده‌ای در شعبه احراز و «رای داده» علامت خورد (ردیف شعبه را نام می‌برد، هرگز رای‌دهنده را)',
    },
    causedBy: ['device'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0502', type: 'device-action', severity: 'info' },
    planned,
  },
  'pollbook.checkin.refused': {
    description: {
      en: 'A check-in was refused (already voted, under age, deceased, wrong constituency)',
      fa: 'احراز رد شد (پیش‌تر رای داده، کمتر از سن قانونی، فوت‌شده، حوزهٔ نادرست)',
    },
    causedBy: ['device'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0503', type: 'device-action', severity: 'notice' },
    planned,
  },
  'pollbook.provisional.decided': {
    description: {
      en: 'HQ confirmed or rejected an offline (provisional) check-in (law 1); details.decision says which',
      fa: 'ستاد احراز آفلاین (مشروط) را تأیید یا رد کرد (قانون ۱)؛ details.decision می‌گوید کدام',
    },
    causedBy: ['system'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0504', type: 'system-action', severity: 'notice' },
    planned,
  },
  'pollbook.registry.purged': {
    description: {
      en: 'Voter personal data was purged after certification, as the retention rule requires',
      fa: 'داده‌های شخصی رای‌دهندگان پس از تأیید نتایج، طبق قاعدهٔ نگهداری پاک شد',
    },
    causedBy: ['hq-staff', 'system'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0505', type: 'user-action', severity: 'notice' },
    planned,
  },
  // ── ballots ──────────────────────────────────────────────────────────────────────────────
  'ballots.batch.received': {
    description: {
      en: 'A signed batch of encrypted ballots from a voting device was accepted; details.count is its size',
      fa: 'دسته‌ای امضاشده از آرای رمزشده از دستگاه اخذ رای پذیرفته شد؛ details.count اندازهٔ آن است',
    },
    causedBy: ['device'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0601', type: 'device-action', severity: 'info' },
    planned,
  },
  'ballots.batch.refused': {
    description: {
      en: 'A ballot batch was refused (bad signature, unregistered device, wrong election, malformed) (law 4)',
      fa: 'دستهٔ آرا رد شد (امضای نادرست، دستگاه ثبت‌نشده، انتخابات دیگر، قالب نادرست) (قانون ۴)',
    },
    causedBy: ['device', 'anonymous'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0602', type: 'device-action', severity: 'warning' },
    planned,
  },
  'ballots.batch.duplicate': {
    description: {
      en: 'A batch already applied arrived again and was acknowledged without effect (law 3, exactly once)',
      fa: 'دسته‌ای که پیش‌تر اعمال شده بود دوباره رسید و بی‌اثر پذیرفته شد (قانون ۳، دقیقاً یک بار)',
    },
    causedBy: ['device'],
    nature: 'action',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0603', type: 'device-action', severity: 'info' },
    planned,
  },
  // ── branches ─────────────────────────────────────────────────────────────────────────────
  'branches.branch.opened': {
    description: {
      en: 'A branch opened: its zero report was signed by the device and the people present',
      fa: 'شعبه گشایش یافت: صورت‌جلسهٔ صفر را دستگاه و حاضران امضا کردند',
    },
    causedBy: ['branch-trustee', 'governor-representative', 'device'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0701', type: 'device-action', severity: 'notice' },
    planned,
  },
  'branches.branch.closed': {
    description: {
      en: 'A branch closed: its tally report was signed and received',
      fa: 'شعبه بسته شد: صورت‌جلسهٔ شمارش امضا و دریافت شد',
    },
    causedBy: ['branch-trustee', 'governor-representative', 'device'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0702', type: 'device-action', severity: 'notice' },
    planned,
  },
  'branches.report.refused': {
    description: {
      en: 'A branch report was refused (signature, counts or timing)',
      fa: 'گزارش شعبه رد شد (امضا، شمارش یا زمان)',
    },
    causedBy: ['branch-trustee', 'governor-representative', 'device'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0703', type: 'device-action', severity: 'warning' },
    planned,
  },
  'branches.reconciliation.flagged': {
    description: {
      en: 'HQ found a branch whose counts do not reconcile (law 5: authenticated = cast + abandoned)',
      fa: 'ستاد شعبه‌ای یافت که شمارش‌هایش هم‌خوان نیست (قانون ۵: احرازشده = ریخته‌شده + رهاشده)',
    },
    causedBy: ['system'],
    nature: 'action',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0704', type: 'system-action', severity: 'warning' },
    planned,
  },
  'branches.stop.reached': {
    description: {
      en: 'A mobile branch reached or left a stop of its itinerary',
      fa: 'شعبهٔ سیار به توقفی از مسیر خود رسید یا آن را ترک کرد',
    },
    causedBy: ['branch-trustee', 'device'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0705', type: 'device-action', severity: 'info' },
    planned,
  },
  // ── devices ──────────────────────────────────────────────────────────────────────────────
  'devices.device.provisioned': {
    description: {
      en: 'A device was provisioned and configured for its branch and election',
      fa: 'دستگاهی برای شعبه و انتخابات خود آماده و پیکربندی شد',
    },
    causedBy: ['it-committee'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0801', type: 'user-action', severity: 'notice' },
    planned,
  },
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
  'devices.device.retired': {
    description: { en: 'A device was retired', fa: 'دستگاهی از رده خارج شد' },
    causedBy: ['it-committee'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0803', type: 'user-action', severity: 'notice' },
    planned,
  },
  // ── results ──────────────────────────────────────────────────────────────────────────────
  'results.ceremony.completed': {
    description: {
      en: 'The key ceremony of the supervisory board completed; the election key is public',
      fa: 'مراسم کلید هیات نظارت به پایان رسید؛ کلید انتخابات منتشر شد',
    },
    causedBy: ['supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0901', type: 'user-action', severity: 'notice' },
    planned,
  },
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
  'results.certified': {
    description: {
      en: 'Results were certified by two people (two-person rule); HQ signs a checkpoint at once',
      fa: 'نتایج با تأیید دو نفر قطعی شد (قاعدهٔ دونفره)؛ ستاد بی‌درنگ نقطهٔ بازبینی امضا می‌کند',
    },
    causedBy: ['supervisory-board', 'hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0905', type: 'user-action', severity: 'critical' },
    planned,
  },
  'results.audit.sampled': {
    description: {
      en: 'A risk-limiting audit sample of the paper trail was drawn',
      fa: 'نمونه‌ای از آرای کاغذی برای ممیزی محدودکنندهٔ ریسک برگزیده شد',
    },
    causedBy: ['supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0906', type: 'user-action', severity: 'notice' },
    planned,
  },
  // ── incidents ────────────────────────────────────────────────────────────────────────────
  'incidents.incident.reported': {
    description: {
      en: 'An incident or irregularity was reported',
      fa: 'رخداد یا تخلفی گزارش شد',
    },
    causedBy: ['inspector', 'observer', 'branch-trustee', 'it-committee', 'supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-1001', type: 'user-action', severity: 'warning' },
    planned,
  },
  'incidents.incident.resolved': {
    description: { en: 'An incident was resolved', fa: 'رخدادی رفع شد' },
    causedBy: ['it-committee', 'hq-staff', 'zone-hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-1002', type: 'user-action', severity: 'notice' },
    planned,
  },
  // ── logistics ────────────────────────────────────────────────────────────────────────────
  'logistics.supplies.dispatched': {
    description: {
      en: 'Supplies were dispatched to a branch',
      fa: 'اقلام به شعبه فرستاده شد',
    },
    causedBy: ['support-committee'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-1101', type: 'user-action', severity: 'info' },
    planned,
  },
  'logistics.supplies.returned': {
    description: {
      en: 'Supplies were taken back from a branch',
      fa: 'اقلام از شعبه پس گرفته شد',
    },
    causedBy: ['support-committee', 'branch-trustee'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-1102', type: 'user-action', severity: 'info' },
    planned,
  },
  'logistics.shortage.reported': {
    description: {
      en: 'A branch reported a shortage of supplies',
      fa: 'شعبه‌ای کمبود اقلام گزارش کرد',
    },
    causedBy: ['branch-trustee', 'support-committee', 'inspector'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-1103', type: 'user-action', severity: 'warning' },
    planned,
  },
} as const satisfies Record<string, AuditEventKind>;
