import { anyStaff, type AuditEventKind } from './types.js';

/**
 * Event kinds of the areas built so far: setup (issue 2), access and the audit log itself
 * (issue 3), and the server's own life. Spread into the one table of events.ts.
 */
export const activeAuditEvents = {
  // ── election ─────────────────────────────────────────────────────────────────────────────
  'election.definition.loaded': {
    description: {
      en: 'The election definition was loaded (details.status "loaded"), or found already loaded with the same hash ("unchanged")',
      fa: 'تعریف انتخابات بارگذاری شد (status برابر loaded)، یا با همان چکیده از پیش بارگذاری شده بود (unchanged)',
    },
    causedBy: ['hq-staff', 'system'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0101', type: 'user-action', severity: 'notice' },
  },
  'election.definition.refused': {
    description: {
      en: 'An election definition was refused; the reason is its problem code, details.count the number of problems',
      fa: 'تعریف انتخابات پذیرفته نشد؛ علت، کد خطای آن است و details.count شمار مشکل‌ها',
    },
    causedBy: ['hq-staff', 'system', 'anonymous'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0102', type: 'user-action', severity: 'warning' },
  },
  // ── access ───────────────────────────────────────────────────────────────────────────────
  'access.login.succeeded': {
    description: {
      en: 'A staff member signed in with password and second factor; a session began',
      fa: 'یکی از کارکنان با گذرواژه و عامل دوم وارد شد و نشستی آغاز شد',
    },
    causedBy: anyStaff,
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0201', type: 'security', severity: 'info' },
  },
  'access.login.failed': {
    description: {
      en: 'A sign-in was refused (unknown account, wrong password or second factor); never records what was typed',
      fa: 'ورود رد شد (حساب ناشناخته، گذرواژه یا عامل دوم نادرست)؛ آنچه وارد شده هرگز ثبت نمی‌شود',
    },
    causedBy: [...anyStaff, 'anonymous'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0202', type: 'security', severity: 'warning' },
  },
  'access.login.locked': {
    description: {
      en: 'An account was locked after repeated failed sign-ins; details.until is when it may try again',
      fa: 'حساب پس از چند ورود ناموفق قفل شد؛ details.until زمان تلاش دوباره است',
    },
    causedBy: ['system'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0203', type: 'security', severity: 'warning' },
  },
  'access.login.unlocked': {
    description: {
      en: 'A lockout ended: its back-off ran out, or HQ staff lifted it',
      fa: 'قفل حساب برداشته شد: زمان انتظار گذشت یا ستاد آن را برداشت',
    },
    causedBy: ['system', 'hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0204', type: 'security', severity: 'notice' },
  },
  'access.session.ended': {
    description: {
      en: 'A session ended; details.why is logout, idle, absolute or everywhere (logout of every session)',
      fa: 'نشستی پایان یافت؛ details.why یکی از logout، idle، absolute یا everywhere (خروج از همهٔ نشست‌ها) است',
    },
    causedBy: [...anyStaff, 'system'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0205', type: 'security', severity: 'info' },
  },
  'access.refused': {
    description: {
      en: 'A request was refused by the access policy (role, scope, session, CSRF or two-person rule); details.route names the route',
      fa: 'درخواستی به حکم سیاست دسترسی رد شد (نقش، حوزه، نشست، CSRF یا قاعدهٔ دونفره)؛ details.route مسیر را می‌گوید',
    },
    causedBy: [...anyStaff, 'candidate-representative', 'device', 'anonymous'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0206', type: 'security', severity: 'warning' },
  },
  'access.account.created': {
    description: {
      en: 'A staff account was created, one by one or in bulk from the definition’s staff assignments',
      fa: 'حساب کاربری یکی از کارکنان ساخته شد، تکی یا گروهی از روی فهرست کارکنان تعریف انتخابات',
    },
    causedBy: ['hq-staff', 'system'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0207', type: 'user-action', severity: 'notice' },
  },
  'access.account.disabled': {
    description: {
      en: 'A staff account was disabled',
      fa: 'حساب کاربری یکی از کارکنان غیرفعال شد',
    },
    causedBy: ['hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0208', type: 'user-action', severity: 'notice' },
  },
  'access.account.enabled': {
    description: { en: 'A staff account was enabled again', fa: 'حساب کاربری دوباره فعال شد' },
    causedBy: ['hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0209', type: 'user-action', severity: 'notice' },
  },
  'access.credentials.changed': {
    description: {
      en: 'A password or second factor was set, changed or reset; details.what names which (never the value)',
      fa: 'گذرواژه یا عامل دوم تعیین، عوض یا بازنشانی شد؛ details.what می‌گوید کدام (هرگز خود مقدار)',
    },
    causedBy: [...anyStaff, 'system'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0210', type: 'security', severity: 'notice' },
  },
  'access.approval.requested': {
    description: {
      en: 'A two-person action was started and awaits a second person’s approval',
      fa: 'کاری دونفره آغاز شد و در انتظار تأیید نفر دوم است',
    },
    causedBy: anyStaff,
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0211', type: 'user-action', severity: 'notice' },
  },
  'access.approval.granted': {
    description: {
      en: 'A second person approved a two-person action',
      fa: 'نفر دوم کاری دونفره را تأیید کرد',
    },
    causedBy: anyStaff,
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0212', type: 'user-action', severity: 'notice' },
  },
  'access.approval.refused': {
    description: {
      en: 'A two-person approval was refused (declined, expired, or the same person twice)',
      fa: 'تأیید دونفره رد شد (نپذیرفتن، سپری شدن مهلت، یا یک نفر در دو نقش)',
    },
    causedBy: [...anyStaff, 'system'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0213', type: 'security', severity: 'warning' },
  },
  // ── poll book (issue 4) ──────────────────────────────────────────────────────────────────
  'pollbook.registry.import-started': {
    description: {
      en: 'A voter registry import began (details: the file’s SHA-256 and byte size; the import commits whole or not at all)',
      fa: 'ورود فهرست رای‌دهندگان آغاز شد (details: چکیدهٔ SHA-256 یا اندازهٔ پرونده؛ ورود یا همه‌اش ثبت می‌شود یا هیچ)',
    },
    causedBy: ['hq-staff', 'system'],
    nature: 'action',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0520', type: 'user-action', severity: 'info' },
  },
  'pollbook.registry.imported': {
    description: {
      en: 'The voter registry was imported, in one transaction; details hold counts only (rows read, rejected, inserted, updated, absent, total) and the file’s SHA-256. Outcome failed: the store failed midway and all of it was rolled back',
      fa: 'فهرست رای‌دهندگان در یک تراکنش وارد شد؛ details فقط شمارش‌ها (خوانده، ردشده، افزوده، به‌روزشده، غایب، کل) و چکیدهٔ پرونده را دارد. نتیجهٔ failed: پایگاه داده در میانه شکست خورد و همه‌اش برگردانده شد',
    },
    causedBy: ['hq-staff', 'system'],
    nature: 'state-change',
    outcomes: ['succeeded', 'failed'],
    nist: { id: 'SDG-0501', type: 'user-action', severity: 'notice' },
  },
  'pollbook.registry.refused': {
    description: {
      en: 'A voter registry file was refused (bad header, malformed CSV, no valid row, no election) and nothing was written; the reason is its problem code',
      fa: 'پروندهٔ فهرست رای‌دهندگان رد شد (سرستون نادرست، CSV نادرست، بی سطر درست، بی انتخابات) و هیچ چیز نوشته نشد؛ علت، کد خطای آن است',
    },
    causedBy: ['hq-staff', 'system', 'anonymous'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0521', type: 'user-action', severity: 'warning' },
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
  },
  'pollbook.provisional.decided': {
    description: {
      en: 'HQ confirmed or rejected an offline (provisional) check-in (law 1); details.decision says which',
      fa: 'ستاد احراز آفلاین (مشروط) را تأیید یا رد کرد (قانون ۱)؛ details.decision می‌گوید کدام',
    },
    causedBy: ['device', 'system'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0504', type: 'system-action', severity: 'notice' },
  },
  'pollbook.provisional.rejected': {
    description: {
      en: 'An offline check-in was rejected (the voter had voted elsewhere or may not vote): its sealed provisional ballot is excluded undecrypted (law 1); an incident for supervisors. Names the branches and the earlier time, never the voter',
      fa: 'احراز آفلاینی رد شد (رای‌دهنده جای دیگری رای داده بود یا حق رای نداشت): برگهٔ مشروطِ مهروموم‌شدهٔ آن بی‌رمزگشایی کنار گذاشته می‌شود (قانون ۱)؛ رخدادی برای ناظران. شعبه‌ها و زمان پیشین را نام می‌برد، هرگز رای‌دهنده را',
    },
    causedBy: ['system', 'device'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0506', type: 'device-action', severity: 'warning' },
  },
  'pollbook.card.settled': {
    description: {
      en: 'A ballot card was recorded as used by its voting device or abandoned (details.state); never the card itself (law 2)',
      fa: 'کارت تعرفه‌ای «به‌کاررفته» یا «رهاشده» ثبت شد (details.state)؛ هرگز خود کارت (قانون ۲)',
    },
    causedBy: ['device'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0507', type: 'device-action', severity: 'info' },
  },
  'pollbook.card.refused': {
    description: {
      en: 'A ballot card report was refused (unknown, expired, already used, another device)',
      fa: 'گزارش کارت تعرفه رد شد (ناشناخته، منقضی، پیش‌تر به‌کاررفته، دستگاه دیگر)',
    },
    causedBy: ['device'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0508', type: 'device-action', severity: 'warning' },
  },
  'pollbook.override.granted': {
    description: {
      en: "A marked voter was issued a new ballot card on the device operator's request with a second person's approval (details.approver, details.reason)",
      fa: 'برای رای‌دهندهٔ علامت‌خورده به درخواست کاربر شعبه و با تأیید نفر دوم کارت تعرفهٔ تازه صادر شد (details.approver، details.reason)',
    },
    causedBy: ['branch-trustee'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0509', type: 'user-action', severity: 'notice' },
  },
  'pollbook.override.refused': {
    description: {
      en: 'An override was refused (no valid second approver, not marked, marked at another branch)',
      fa: 'درخواست جایگزینی رد شد (تأییدکنندهٔ دوم معتبر نیست، علامت نخورده، در شعبهٔ دیگر علامت خورده)',
    },
    causedBy: ['branch-trustee'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0510', type: 'user-action', severity: 'warning' },
  },
  // ── audit ────────────────────────────────────────────────────────────────────────────────
  'audit.checkpoint.signed': {
    description: {
      en: 'HQ signed the chain head with its Ed25519 key; details.reason says why (periodic, startup, shutdown, phase:…)',
      fa: 'ستاد سرِ زنجیره را با کلید Ed25519 خود امضا کرد؛ details.reason علت را می‌گوید (دوره‌ای، آغاز، توقف، تغییر مرحله)',
    },
    causedBy: ['system', 'hq-staff', 'supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0301', type: 'system-action', severity: 'info' },
  },
  'audit.key.generated': {
    description: {
      en: 'HQ generated its checkpoint key on first start; details.keyId identifies its public half',
      fa: 'ستاد در نخستین اجرا کلید امضای نقاط بازبینی را ساخت؛ details.keyId نیمهٔ عمومی آن را نشان می‌دهد',
    },
    causedBy: ['system'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0302', type: 'system-action', severity: 'notice' },
  },
  'audit.log.verified': {
    description: {
      en: 'The whole chain and every checkpoint were verified and found intact',
      fa: 'کل زنجیره و همهٔ نقاط بازبینی وارسی و سالم یافته شد',
    },
    causedBy: [...anyStaff, 'candidate-representative', 'system'],
    nature: 'action',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0303', type: 'user-action', severity: 'info' },
  },
  'audit.log.breach-found': {
    description: {
      en: 'Verification found the log altered; the reason is the code of the first bad entry, details.sequence its number',
      fa: 'وارسی نشان داد دفتر دست‌کاری شده است؛ علت، کد نخستین ردیف نادرست است و details.sequence شمارهٔ آن',
    },
    causedBy: [...anyStaff, 'candidate-representative', 'system'],
    nature: 'action',
    outcomes: ['failed'],
    nist: { id: 'SDG-0304', type: 'user-action', severity: 'critical' },
  },
  'audit.log.exported': {
    description: {
      en: 'The log was exported; details.format names the format (nist-1500-101)',
      fa: 'دفتر برون‌بری شد؛ details.format قالب را می‌گوید (nist-1500-101)',
    },
    causedBy: [...anyStaff, 'candidate-representative'],
    nature: 'action',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0305', type: 'user-action', severity: 'info' },
  },
  // ── system ───────────────────────────────────────────────────────────────────────────────
  'system.server.started': {
    description: {
      en: 'The HQ server started; details name its version, engine and checkpoint key id',
      fa: 'سرور ستاد آغاز به کار کرد؛ details نسخه، پایگاه داده و شناسهٔ کلید امضا را می‌گوید',
    },
    causedBy: ['system'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0401', type: 'system-action', severity: 'notice' },
  },
  'system.server.stopped': {
    description: {
      en: 'The HQ server stopped gracefully',
      fa: 'سرور ستاد به‌آرامی متوقف شد',
    },
    causedBy: ['system'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0402', type: 'system-action', severity: 'notice' },
  },
  // ── devices ──────────────────────────────────────────────────────────────────────────────
  'devices.message.refused': {
    description: {
      en: 'A message claiming to come from a device was refused (unsigned, unknown key, wrong branch or election) (law 4)',
      fa: 'پیامی به نام یک دستگاه رد شد (بی‌امضا، کلید ناشناخته، شعبه یا انتخابات نادرست) (قانون ۴)',
    },
    causedBy: ['device', 'anonymous'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0804', type: 'device-action', severity: 'warning' },
  },
  // ── results: the key ceremony (issue 6) ─────────────────────────────────────────────────
  'results.ceremony.completed': {
    description: {
      en: 'The key ceremony of the supervisory board completed; the election key is public',
      fa: 'مراسم کلید هیات نظارت به پایان رسید؛ کلید انتخابات منتشر شد',
    },
    causedBy: ['supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0901', type: 'user-action', severity: 'notice' },
  },
  'results.ceremony.opened': {
    description: {
      en: "The key ceremony was opened with the crypto manifest (details.status: 'opened' or 'unchanged'); the manifest's hash is in details",
      fa: 'مراسم کلید با مانیفست رمزنگاری گشوده شد (details.status: opened یا unchanged)؛ چکیدهٔ مانیفست در جزئیات است',
    },
    causedBy: ['hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0920', type: 'user-action', severity: 'notice' },
  },
  'results.announcement.stored': {
    description: {
      en: "A board member's ceremony announcement (commitments and proofs) was checked and stored",
      fa: 'اعلامیهٔ مراسم یکی از اعضای هیات (تعهدها و اثبات‌ها) بررسی و ثبت شد',
    },
    causedBy: ['supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0921', type: 'user-action', severity: 'info' },
  },
  'results.commitment.stored': {
    description: {
      en: "A board member's commitment to their ceremony announcement (the commit round, before any announcement) was stored",
      fa: 'تعهد یکی از اعضای هیات به اعلامیهٔ مراسمش (دور تعهد، پیش از هر اعلامیه) ثبت شد',
    },
    causedBy: ['supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0925', type: 'user-action', severity: 'info' },
  },
  'results.sharebox.stored': {
    description: {
      en: 'A sealed key-share box from one board member to another was stored (details.from, details.to)',
      fa: 'جعبهٔ مهروموم سهم کلید از یک عضو هیات برای عضو دیگر ثبت شد (details.from و details.to)',
    },
    causedBy: ['supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0922', type: 'user-action', severity: 'info' },
  },
  'results.complaint.judged': {
    description: {
      en: 'A complaint against a share box was judged on its evidence (details.verdict)',
      fa: 'شکایتی از یک جعبهٔ سهم بر پایهٔ شواهدش داوری شد (details.verdict)',
    },
    causedBy: ['supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0923', type: 'user-action', severity: 'warning' },
  },
  'results.partial.stored': {
    description: {
      en: "A board member's partial decryption of the totals was checked against the published record and stored (details.member)",
      fa: 'رمزگشایی جزئی یکی از اعضای هیات از جمع آرا با پروندهٔ منتشرشده بررسی و ثبت شد (details.member)',
    },
    causedBy: ['supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0926', type: 'user-action', severity: 'notice' },
  },
  'results.ceremony.refused': {
    description: {
      en: 'A ceremony step was refused (details.step; the reason is its problem code): a bad proof, out of order, or a member acting for another seat',
      fa: 'گامی از مراسم کلید رد شد (details.step؛ علت، کد خطای آن است): اثبات نادرست، خارج از ترتیب، یا عضوی به جای کرسی دیگر',
    },
    causedBy: ['supervisory-board', 'hq-staff'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0924', type: 'user-action', severity: 'warning' },
  },
  // ── results: the lot (issue 7) ─────────────────────────────────────────────────────────
  'election.lot.drawn': {
    description: {
      en: 'A lot was drawn to settle a tie at the last seat, in a joint session of the boards',
      fa: 'برای تساوی در آخرین کرسی، در نشست مشترک هیات‌ها قرعه کشیده شد',
    },
    causedBy: ['executive-board', 'supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0113', type: 'user-action', severity: 'notice' },
  },
  'results.lot.opened': {
    description: {
      en: 'A lot session was opened for a tie at the last seat (details.tied, details.places)',
      fa: 'نشست قرعه برای تساوی در آخرین کرسی گشوده شد (details.tied و details.places)',
    },
    causedBy: ['executive-board', 'supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0930', type: 'user-action', severity: 'notice' },
  },
  'results.lot.committed': {
    description: {
      en: "A board member's commitment to their random value was recorded (details.commitment)",
      fa: 'تعهد یکی از اعضای هیات به مقدار تصادفی‌اش ثبت شد (details.commitment)',
    },
    causedBy: ['executive-board', 'supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0931', type: 'user-action', severity: 'info' },
  },
  'results.lot.revealed': {
    description: {
      en: "A board member's revealed value opened their commitment and was recorded",
      fa: 'مقدار آشکارشدهٔ یکی از اعضای هیات با تعهدش خواند و ثبت شد',
    },
    causedBy: ['executive-board', 'supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0932', type: 'user-action', severity: 'info' },
  },
  'results.lot.refused': {
    description: {
      en: 'A lot step was refused (details.step; the reason is its problem code): a reveal that does not open its commitment, a second commitment, out of order',
      fa: 'گامی از قرعه رد شد (details.step؛ علت، کد خطای آن است): مقداری که با تعهد نمی‌خواند، تعهد دوباره، خارج از ترتیب',
    },
    causedBy: ['executive-board', 'supervisory-board'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0933', type: 'user-action', severity: 'warning' },
  },
  // ── results: the risk-limiting audit (issue 7) ───────────────────────────────────────────
  'results.audit.sampled': {
    description: {
      en: "A round of the risk-limiting audit's sample was drawn from the public seed (details.round, details.draws)",
      fa: 'نمونه‌ای از آرای کاغذی برای ممیزی محدودکنندهٔ ریسک برگزیده شد',
    },
    causedBy: ['supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0906', type: 'user-action', severity: 'notice' },
  },
  'results.audit.started': {
    description: {
      en: 'A risk-limiting audit of the paper votes was started (details.riskLimit; the seed is public in the audit)',
      fa: 'ممیزی محدودکنندهٔ ریسک آرای کاغذی آغاز شد (details.riskLimit؛ بذر در خود ممیزی عمومی است)',
    },
    causedBy: ['supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0934', type: 'user-action', severity: 'notice' },
  },
  'results.audit.entered': {
    description: {
      en: 'One look at a sampled paper vote was entered (details.branch, details.position, details.look)',
      fa: 'یک بار خواندن برگهٔ نمونه ثبت شد (details.branch، details.position، details.look)',
    },
    causedBy: ['supervisory-board', 'executive-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0935', type: 'user-action', severity: 'info' },
  },
  'results.audit.decided': {
    description: {
      en: 'A round of the audit was closed with its measured risk and decision (details.decision, details.risk)',
      fa: 'دوری از ممیزی با ریسک سنجیده و تصمیمش بسته شد (details.decision و details.risk)',
    },
    causedBy: ['supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0936', type: 'user-action', severity: 'notice' },
  },
  'results.audit.refused': {
    description: {
      en: 'An audit step was refused (details.step; the reason is its problem code): a short seed, a paper outside the sample, entries not yet agreed',
      fa: 'گامی از ممیزی رد شد (details.step؛ علت، کد خطای آن است): بذر کوتاه، برگهٔ بیرون از نمونه، ورودهای هنوز ناهم‌خوان',
    },
    causedBy: ['supervisory-board', 'executive-board'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0937', type: 'user-action', severity: 'warning' },
  },
  // ── results: reconciliation flags (issue 7, law 5) ─────────────────────────────────────
  'results.branch-counts.stored': {
    description: {
      en: "The branches' decrypted counts were stored at HQ (details.branches, details.stored, details.digest: SHA-256 of the canonical list)",
      fa: 'شمارش رمزگشایی‌شدهٔ شعبه‌ها در ستاد ثبت شد (details.branches و details.stored و details.digest: چکیدهٔ SHA-256 فهرست)',
    },
    causedBy: ['hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0938', type: 'user-action', severity: 'notice' },
  },
  'results.flag.decided': {
    description: {
      en: "A supervisor recorded a decision on a branch's reconciliation flag (object: branch; details.code, details.field, details.decision, details.sequence); a later decision is a new row",
      fa: 'ناظر دربارهٔ پرچم تطبیق یک شعبه تصمیم ثبت کرد (شیء: شعبه؛ details.code و details.field و details.decision و details.sequence)؛ تصمیم بعدی ردیفی تازه است',
    },
    causedBy: ['supervisory-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0939', type: 'user-action', severity: 'notice' },
  },
  'results.flag.refused': {
    description: {
      en: 'A flag decision or a store of decrypted counts was refused (details.step; the reason is its problem code): a flag that does not exist now, counts that conflict with those stored',
      fa: 'تصمیم دربارهٔ پرچم یا ثبت شمارش رمزگشایی‌شده رد شد (details.step؛ علت، کد خطای آن است): پرچمی که اکنون نیست، شمارشی ناسازگار با شمارش ثبت‌شده',
    },
    causedBy: ['supervisory-board', 'hq-staff'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0940', type: 'user-action', severity: 'warning' },
  },
  // ── devices and ballots: the branch station (issue 5) ──────────────────────────────────
  'devices.device.provisioned': {
    description: {
      en: 'A device was provisioned and configured for its branch and election',
      fa: 'دستگاهی برای شعبه و انتخابات خود آماده و پیکربندی شد',
    },
    causedBy: ['it-committee', 'hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0801', type: 'user-action', severity: 'notice' },
  },
  'devices.device.retired': {
    description: { en: 'A device was retired', fa: 'دستگاهی از رده خارج شد' },
    causedBy: ['it-committee'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0803', type: 'user-action', severity: 'notice' },
  },
  'ballots.batch.received': {
    description: {
      en: 'A signed batch of encrypted ballots from a voting device was accepted; details.count is its size',
      fa: 'دسته‌ای امضاشده از آرای رمزشده از دستگاه اخذ رای پذیرفته شد؛ details.count اندازهٔ آن است',
    },
    causedBy: ['device'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0601', type: 'device-action', severity: 'info' },
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
  },
  'devices.device.self-tested': {
    description: {
      en: 'A station reported the package it runs and its self-test (details: package short hash, passed, failed checks)',
      fa: 'دستگاه شعبه بستهٔ در حال اجرا و نتیجهٔ خودآزمایی خود را گزارش کرد (details: چکیدهٔ کوتاه بسته، قبول، آزمون‌های ناموفق)',
    },
    causedBy: ['device'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0806', type: 'device-action', severity: 'info' },
  },
  'devices.training.refused': {
    description: {
      en: 'A message made in training mode reached the real HQ and was refused: training never enters a count (details.route)',
      fa: 'پیامی ساخته‌شده در حالت آموزشی به ستاد واقعی رسید و رد شد: آموزش هرگز در شمارش نمی‌آید (details.route)',
    },
    causedBy: ['device', 'anonymous'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0807', type: 'device-action', severity: 'warning' },
  },
  'devices.registry.refused': {
    description: {
      en: 'A change to the device registry was refused (details.step: register, assign or revoke; the reason is its problem code)',
      fa: 'تغییری در فهرست دستگاه‌ها رد شد (details.step: ثبت، واگذاری یا ابطال؛ علت، کد خطای آن است)',
    },
    causedBy: ['it-committee', 'hq-staff'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0805', type: 'user-action', severity: 'warning' },
  },
  // ── election-day operations (issue 8) ────────────────────────────────────────────────────
  'branches.stop.reached': {
    description: {
      en: 'A mobile branch reached or left a stop of its itinerary (details.event arrive or depart, details.voters at departure)',
      fa: 'شعبهٔ سیار به توقفی از مسیر خود رسید یا آن را ترک کرد (details.event، و شمار رای‌دهندگان هنگام ترک)',
    },
    causedBy: ['branch-trustee', 'governor-representative', 'zone-hq-staff', 'hq-staff', 'device'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0705', type: 'user-action', severity: 'info' },
  },
  'branches.attendance.recorded': {
    description: {
      en: "A person's attendance at a branch was recorded (details.status present, absent or left)",
      fa: 'حضور یا غیاب یکی از کارکنان شعبه ثبت شد (details.status)',
    },
    causedBy: ['branch-trustee', 'governor-representative', 'zone-hq-staff', 'hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0750', type: 'user-action', severity: 'info' },
  },
  'branches.queue.reported': {
    description: {
      en: 'A branch reported the length of its queue (details.length)',
      fa: 'شعبه طول صف رای‌دهندگان را گزارش کرد (details.length)',
    },
    causedBy: ['branch-trustee', 'governor-representative', 'zone-hq-staff', 'hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0751', type: 'user-action', severity: 'info' },
  },
  'branches.voter-times.received': {
    description: {
      en: "A device's batch of voter-time measurements was stored (counts only; law 2: no voter, no ballot)",
      fa: 'دسته‌ای از زمان‌سنجی رای‌دهندگان از دستگاه ذخیره شد (فقط شمار؛ قانون ۲: بی رای‌دهنده و بی رای)',
    },
    causedBy: ['device'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0752', type: 'device-action', severity: 'info' },
  },
  'incidents.incident.reported': {
    description: {
      en: 'An incident was reported and routed (details: kind, severity, team, source); its free text stays out of the log',
      fa: 'رخدادی گزارش و به تیم مسئول سپرده شد (details: نوع، شدت، تیم، منبع)؛ متن آزاد آن در دفتر نمی‌آید',
    },
    causedBy: [
      'branch-trustee',
      'governor-representative',
      'inspector',
      'it-committee',
      'support-committee',
      'zone-hq-staff',
      'hq-staff',
      'device',
      'system',
    ],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-1001', type: 'user-action', severity: 'warning' },
  },
  'incidents.incident.resolved': {
    description: {
      en: 'An incident was resolved (details.deviceSwap names the faulty and replacement serials when a device was swapped)',
      fa: 'رخدادی رفع شد (details.deviceSwap شمارهٔ دستگاه معیوب و جایگزین را می‌گوید، اگر دستگاهی عوض شد)',
    },
    causedBy: ['it-committee', 'support-committee', 'hq-staff', 'zone-hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-1002', type: 'user-action', severity: 'notice' },
  },
  'incidents.incident.progressed': {
    description: {
      en: 'An incident was acknowledged, assigned or reached on site (details.step)',
      fa: 'رخدادی پذیرفته، واگذار یا در محل پیگیری شد (details.step)',
    },
    causedBy: ['it-committee', 'support-committee', 'hq-staff', 'zone-hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-1003', type: 'user-action', severity: 'info' },
  },
  'incidents.incident.confirmed': {
    description: {
      en: 'The branch confirmed an incident resolved, or reopened it (details.works)',
      fa: 'شعبه رفع رخداد را تأیید کرد یا آن را دوباره گشود (details.works)',
    },
    causedBy: ['branch-trustee', 'governor-representative', 'zone-hq-staff', 'hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-1004', type: 'user-action', severity: 'notice' },
  },
  'incidents.incident.escalated': {
    description: {
      en: 'An incident missed its target (details.breach acknowledge or resolve) and was escalated to the county HQ',
      fa: 'رخدادی از مهلت خود گذشت (details.breach) و به ستاد شهرستان ارجاع شد',
    },
    causedBy: ['system'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-1005', type: 'system-action', severity: 'warning' },
  },
  'logistics.plan.created': {
    description: {
      en: 'The three-day supply plan was created (details.shipments)',
      fa: 'برنامهٔ سه‌روزهٔ اقلام ساخته شد (details.shipments)',
    },
    causedBy: ['hq-staff', 'zone-hq-staff', 'support-committee'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-1104', type: 'user-action', severity: 'notice' },
  },
  'logistics.shipment.moved': {
    description: {
      en: 'A shipment was packed or delivered, or a top-up planned (details.state)',
      fa: 'محموله‌ای بسته‌بندی یا تحویل شد، یا محمولهٔ تکمیلی برنامه‌ریزی شد (details.state)',
    },
    causedBy: ['hq-staff', 'zone-hq-staff', 'support-committee'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-1105', type: 'user-action', severity: 'info' },
  },
  'logistics.supplies.received': {
    description: {
      en: 'A branch confirmed a shipment received with its counts (details.short: items short)',
      fa: 'شعبه دریافت محموله را با شمارش آن تأیید کرد (details.short: اقلام کسری)',
    },
    causedBy: ['branch-trustee', 'support-committee'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-1106', type: 'user-action', severity: 'info' },
  },
  'logistics.supplies.dispatched': {
    description: {
      en: 'Supplies were dispatched to a branch',
      fa: 'اقلام به شعبه فرستاده شد',
    },
    causedBy: ['support-committee'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-1101', type: 'user-action', severity: 'info' },
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
  },
  // ── branches: the lifecycle (issue 5) ──────────────────────────────────────────────────
  'branches.branch.opened': {
    description: {
      en: 'A branch opened: its zero report was signed by the device and the people present',
      fa: 'شعبه گشایش یافت: صورت‌جلسهٔ صفر را دستگاه و حاضران امضا کردند',
    },
    causedBy: ['branch-trustee', 'governor-representative', 'hq-staff', 'zone-hq-staff', 'device'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0701', type: 'device-action', severity: 'notice' },
  },
  'branches.branch.closed': {
    description: {
      en: 'A branch closed: its tally report was signed and received',
      fa: 'شعبه بسته شد: صورت‌جلسهٔ شمارش امضا و دریافت شد',
    },
    causedBy: ['branch-trustee', 'governor-representative', 'hq-staff', 'zone-hq-staff', 'device'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0702', type: 'device-action', severity: 'notice' },
  },
  'branches.report.refused': {
    description: {
      en: 'A branch report was refused (signature, counts or timing)',
      fa: 'گزارش شعبه رد شد (امضا، شمارش یا زمان)',
    },
    causedBy: ['branch-trustee', 'governor-representative', 'hq-staff', 'zone-hq-staff', 'device'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0703', type: 'device-action', severity: 'warning' },
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
  },
  'branches.branch.changed': {
    description: {
      en: 'A branch moved in its lifecycle: paused, resumed, closing time, hours extended, reconciled (details.from, details.to)',
      fa: 'شعبه در چرخهٔ کار خود جابه‌جا شد: توقف، ازسرگیری، زمان پایان، تمدید ساعت، هم‌خوانی (details.from و details.to)',
    },
    causedBy: ['branch-trustee', 'governor-representative', 'hq-staff', 'zone-hq-staff', 'system'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0706', type: 'user-action', severity: 'info' },
  },
  'branches.branch.refused': {
    description: {
      en: 'A branch lifecycle step was refused (out of order, queue rule, extension limit); the reason is its problem code',
      fa: 'گامی از چرخهٔ کار شعبه رد شد (خارج از ترتیب، قاعدهٔ صف، سقف تمدید)؛ علت، کد خطای آن است',
    },
    causedBy: ['branch-trustee', 'governor-representative', 'hq-staff', 'zone-hq-staff'],
    nature: 'refusal',
    outcomes: ['refused'],
    nist: { id: 'SDG-0707', type: 'user-action', severity: 'warning' },
  },
  // ── the voters' data (issue 4; docs/SECURITY.md §9) ─────────────────────────────────────
  'pollbook.registry.purged': {
    description: {
      en: 'Voter personal data was purged after certification, as the retention rule requires',
      fa: 'داده‌های شخصی رای‌دهندگان پس از تأیید نتایج، طبق قاعدهٔ نگهداری پاک شد',
    },
    causedBy: ['hq-staff'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0505', type: 'user-action', severity: 'notice' },
  },
  'results.certified': {
    description: {
      en: 'The result was certified: a new version signed by supervisory-board members present (two-person rule); HQ signs a checkpoint in the same transaction',
      fa: 'نتایج با تأیید دو نفر قطعی شد (قاعدهٔ دونفره)؛ ستاد بی‌درنگ نقطهٔ بازبینی امضا می‌کند',
    },
    causedBy: ['hq-staff', 'executive-board'],
    nature: 'state-change',
    outcomes: ['succeeded'],
    nist: { id: 'SDG-0905', type: 'user-action', severity: 'critical' },
  },
} as const satisfies Record<string, AuditEventKind>;
