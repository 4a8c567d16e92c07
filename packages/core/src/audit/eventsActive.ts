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
} as const satisfies Record<string, AuditEventKind>;
