import type { CatalogEntry } from './entry.js';

/**
 * The branch station and the HQ side that receives it (issue 5, docs/STATION.md): the device
 * registry, the signed configuration package, ballot intake, the branch lifecycle and the
 * voting device. The device layer's own refusals (a message not signed by a registered device
 * of its branch, law 4) are the lead's DEVICE_* codes; these are what comes after it.
 */
export const stationProblems = {
  // ── the device registry (IT committee) ────────────────────────────────────────────────────
  DEVICES_SERIAL_TAKEN: {
    status: 409,
    fa: 'دستگاهی با شمارهٔ سریال «{serial}» از پیش ثبت شده است.',
    en: 'A device with serial "{serial}" is already registered.',
  },
  DEVICES_KEY_TAKEN: {
    status: 409,
    fa: 'کلید عمومی این دستگاه از پیش به دستگاه دیگری تعلق دارد (قانون ۴: هر کلید، یک دستگاه).',
    en: 'This public key already belongs to another device (law 4: one key, one device).',
  },
  DEVICES_NOT_FOUND: {
    status: 404,
    fa: 'دستگاهی با شمارهٔ سریال «{serial}» ثبت نشده است.',
    en: 'No device with serial "{serial}" is registered.',
  },
  DEVICES_RETIRED: {
    status: 409,
    fa: 'دستگاه «{serial}» از رده خارج شده است و دیگر به کار نمی‌رود.',
    en: 'Device "{serial}" has been revoked and cannot be used again.',
  },
  DEVICES_BRANCH_UNKNOWN: {
    status: 404,
    fa: 'شعبه «{branch}» در تعریف انتخابات نیست.',
    en: 'Branch "{branch}" is not in the election definition.',
  },
  DEVICES_SLOT_TAKEN: {
    status: 409,
    fa: 'شعبه «{branch}» از پیش دستگاه {kind} فعال ({serial}) دارد؛ نخست آن را باطل کنید.',
    en: 'Branch "{branch}" already has an active {kind} device ({serial}); revoke it first.',
  },
  DEVICES_SPARE_ONLY: {
    status: 400,
    fa: 'دستگاه یدکی باید پیش از واگذاری به شعبه نقش احراز هویت یا اخذ رای بگیرد.',
    en: 'A spare must be given the authentication or voting role when it is assigned to a branch.',
  },
  // ── the configuration package ─────────────────────────────────────────────────────────────
  PACKAGE_NO_ELECTION: {
    status: 409,
    fa: 'هنوز تعریف انتخاباتی بارگذاری نشده است؛ بستهٔ پیکربندی ساخته نمی‌شود.',
    en: 'No election definition is loaded yet; no configuration package can be built.',
  },
  PACKAGE_MALFORMED: {
    status: 400,
    fa: 'بستهٔ پیکربندی شعبه خوانا نیست: {reason}',
    en: 'The branch configuration package is unreadable: {reason}',
  },
  PACKAGE_SIGNATURE_INVALID: {
    status: 400,
    fa: 'امضای ستاد بر بستهٔ پیکربندی درست نیست: بسته دست‌کاری شده یا امضا نشده است.',
    en: 'The HQ signature on the configuration package is not valid: the package was altered or never signed.',
  },
  PACKAGE_FOREIGN: {
    status: 400,
    fa: 'این بستهٔ پیکربندی برای این ایستگاه نیست: {reason}',
    en: 'This configuration package is not for this station: {reason}',
  },
  // ── ballot intake ─────────────────────────────────────────────────────────────────────────
  BALLOTS_MALFORMED: {
    status: 400,
    fa: 'برگ رای شمارهٔ {index} دسته نادرست است: {reason}',
    en: 'Ballot {index} of the batch is not valid: {reason}',
  },
  BALLOTS_WRONG_BRANCH: {
    status: 400,
    fa: 'برگ رای شمارهٔ {index} برای شعبه یا روز دیگری رمز شده است.',
    en: 'Ballot {index} of the batch was encrypted for another branch or day.',
  },
  BALLOTS_NO_ELECTION_KEY: {
    status: 409,
    fa: 'مراسم کلید هنوز کامل نشده است؛ ستاد برگ رای رمزشده نمی‌پذیرد.',
    en: 'The key ceremony is not complete yet; HQ accepts no encrypted ballot.',
  },
  BALLOTS_MESSAGE_REUSED: {
    status: 409,
    fa: 'شناسهٔ این پیام پیش‌تر برای محتوای دیگری به کار رفته است.',
    en: 'This message id was already used for a different content.',
  },
  BALLOTS_PACKAGE_STALE: {
    status: 409,
    fa: 'این دسته زیر بستهٔ پیکربندی دیگری ساخته شده است؛ ایستگاه باید بستهٔ کنونی شعبه را بارگذاری کند.',
    en: "This batch was made under another configuration package; the station must load the branch's current package.",
  },
  BALLOTS_EXPORT_INVALID: {
    status: 400,
    fa: 'پروندهٔ برگ‌های رای دستگاه معیوب پذیرفته نیست: {reason}',
    en: "The failed device's ballot file is not acceptable: {reason}",
  },
  // ── the branch lifecycle ──────────────────────────────────────────────────────────────────
  BRANCH_TRANSITION_REFUSED: {
    status: 409,
    fa: 'شعبه در وضعیت «{phase}» است و «{event}» در این وضعیت روا نیست.',
    en: 'The branch is "{phase}"; "{event}" is not allowed in that state.',
  },
  BRANCH_NOT_OPEN: {
    status: 409,
    fa: 'شعبه باز نیست ({phase})؛ برگ رای پذیرفته نمی‌شود.',
    en: 'The branch is not open ({phase}); no ballot can be cast.',
  },
  BRANCH_QUEUE_EXHAUSTED: {
    status: 409,
    fa: 'زمان رای‌گیری پایان یافته و همهٔ رای‌دهندگان صف رای داده‌اند.',
    en: 'Voting hours are over and every voter who was in the queue has voted.',
  },
  BRANCH_ZERO_REPORT_NOT_EMPTY: {
    status: 409,
    fa: 'صورت‌جلسهٔ صفر باید نشان دهد که دستگاه هیچ رایی ندارد؛ اکنون {count} رای دارد.',
    en: 'The zero report must show the device holds no ballot; it holds {count}.',
  },
  BRANCH_SIGNATURES_MISSING: {
    status: 409,
    fa: 'صورت‌جلسه امضای {missing} را کم دارد.',
    en: 'The report lacks the signature of: {missing}.',
  },
  BRANCH_REPORT_SIGNATURE_INVALID: {
    status: 403,
    fa: 'امضای صورت‌جلسه پذیرفته نیست: {reason}',
    en: 'A signature on the report is not valid: {reason}',
  },
  BRANCH_COUNTS_MISMATCH: {
    status: 409,
    fa: 'شمارش صورت‌جلسه ({reported}) با شمار آرای ثبت‌شده ({cast}) نمی‌خواند.',
    en: 'The report counts {reported} ballots but {cast} were cast.',
  },
  BRANCH_EXTENSION_LIMIT: {
    status: 409,
    fa: 'تمدید تا {minutes} دقیقه از سقف وزارت ({limit} دقیقه) فراتر است و تأیید هیات نظارت می‌خواهد.',
    en: "An extension to {minutes} minutes exceeds the ministry's limit ({limit} minutes) and needs the supervisory board's approval.",
  },
  BRANCH_NOT_RECONCILED: {
    status: 409,
    fa: 'شمارش شعبه هم‌خوان نیست: احرازشده {authenticated}، ریخته‌شده {cast}، رهاشده {abandoned} (قانون ۵).',
    en: "The branch's counts do not reconcile: {authenticated} authenticated, {cast} cast, {abandoned} abandoned (law 5).",
  },
  // ── the voting device ─────────────────────────────────────────────────────────────────────
  VOTING_UNKNOWN_CODE: {
    status: 400,
    fa: 'کد «{code}» متعلق به هیچ نامزدی نیست.',
    en: 'Code "{code}" belongs to no candidate.',
  },
  VOTING_SEATS_FULL: {
    status: 400,
    fa: 'بیش از {seats} نامزد نمی‌توان برگزید.',
    en: 'No more than {seats} candidates can be chosen.',
  },
  VOTING_KEY_NOT_NOW: {
    status: 409,
    fa: 'این کلید اکنون کاری نمی‌کند ({screen}).',
    en: 'This key does nothing now ({screen}).',
  },
  VOTING_CARD_REFUSED: {
    status: 400,
    fa: 'کارت تعرفه پذیرفته نشد: {reason}',
    en: 'The ballot card was refused: {reason}',
  },
  // ── the station's self-test and training switch (issue 8) ─────────────────────────────────
  STATION_TRAINING_NOT_NOW: {
    status: 409,
    fa: 'دستگاه اکنون در دست رای‌دهنده است ({screen})؛ حالت آموزشی را تنها در صفحهٔ آغاز می‌توان روشن یا خاموش کرد.',
    en: 'A voter is at the device ({screen}); training mode can be switched on or off only at the start screen.',
  },
  STATION_NO_AUTHENTICATION_DEVICE: {
    status: 409,
    fa: 'این برنامهٔ شعبه دستگاه احراز هویت را اجرا نمی‌کند (کلید آن داده نشده یا نشانی ستاد نیست).',
    en: 'This station program does not run the authentication device (no key for it, or no HQ address).',
  },
  STATION_STATUS_NOT_SENT: {
    status: 503,
    fa: 'گزارش خودآزمایی به ستاد نرسید: {reason}',
    en: 'The self-test report did not reach HQ: {reason}',
  },
} as const satisfies Record<string, CatalogEntry>;
