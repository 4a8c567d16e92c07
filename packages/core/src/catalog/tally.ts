import type { CatalogEntry } from './entry.js';

/**
 * The verifiable tally (issue 6, DESIGN §5 and law 7): the supervisory board's key ceremony,
 * the election record, its verifier and the voters' tracking-code lookup. The same codes in the
 * CLI that each board member runs on their own machine and in the HQ routes that collect the
 * ceremony's public parts (docs/CEREMONY.md). Statuses matter only over HTTP: 409 where the
 * input is well formed but the ceremony's state refuses it.
 */
export const tallyProblems = {
  // ── the ceremony's parameters ─────────────────────────────────────────────────────────────
  CEREMONY_MANIFEST_INVALID: {
    status: 400,
    fa: 'مانیفست رمزنگاری انتخابات نامعتبر است: {reason}',
    en: "The election's cryptographic manifest is invalid: {reason}",
  },
  CEREMONY_MANIFEST_MISMATCH: {
    status: 409,
    fa: 'مانیفست با انتخابات بارگذاری‌شده نمی‌خواند: {reason}',
    en: 'The manifest does not match the loaded election: {reason}',
  },
  CEREMONY_BOARD_INVALID: {
    status: 400,
    fa: 'آستانهٔ رمزگشایی ({k}) باید میان ۱ و شمار اعضای هیات ({n}) باشد و اعضا حداکثر ۲۵۵ نفر.',
    en: 'The decryption threshold ({k}) must lie between 1 and the number of board members ({n}), and there are at most 255 members.',
  },
  CEREMONY_BOARD_SIZE: {
    status: 400,
    fa: 'هیات نظارتِ نامبرده برای مراسم {count} عضو دارد، اما {n} عضو خواسته شده است.',
    en: 'The supervisory board named for the ceremony has {count} members, but {n} were asked for.',
  },
  CEREMONY_MEMBER_INDEX: {
    status: 400,
    fa: 'شمارهٔ عضو ({index}) باید میان ۱ و {n} باشد.',
    en: 'The member number ({index}) must lie between 1 and {n}.',
  },
  CEREMONY_WRONG_ELECTION: {
    status: 400,
    fa: 'پروندهٔ {file} از انتخاباتی دیگر است (چکیدهٔ مانیفست {found} به جای {expected}).',
    en: 'The file {file} belongs to another election (manifest hash {found} instead of {expected}).',
  },
  // ── the member's passphrase and sealed secret ─────────────────────────────────────────────
  CEREMONY_PASSPHRASE_REQUIRED: {
    status: 400,
    fa: 'عبارت عبور داده نشده است: آن را در پایانه وارد کنید، یا SANDOGH_PASSPHRASE یا --passphrase-file را به کار ببرید.',
    en: 'No passphrase: type it at a terminal, or use SANDOGH_PASSPHRASE or --passphrase-file.',
  },
  CEREMONY_PASSPHRASE_WEAK: {
    status: 400,
    fa: 'عبارت عبور باید دست‌کم {minimum} نویسه باشد.',
    en: 'The passphrase must be at least {minimum} characters long.',
  },
  CEREMONY_PASSPHRASE_MISMATCH: {
    status: 400,
    fa: 'دو بار وارد کردن عبارت عبور یکسان نبود.',
    en: 'The two entries of the passphrase differ.',
  },
  CEREMONY_SECRET_LOCKED: {
    status: 400,
    fa: 'پروندهٔ رمز {file} باز نشد: عبارت عبور نادرست است یا پرونده آسیب دیده است.',
    en: 'The secret file {file} did not open: wrong passphrase, or the file is damaged.',
  },
  CEREMONY_SECRET_INVALID: {
    status: 400,
    fa: 'پروندهٔ {file} پروندهٔ رمزِ مهروموم‌شدهٔ عضو هیات نیست: {reason}',
    en: "The file {file} is not a board member's sealed secret: {reason}",
  },
  CEREMONY_SHARE_ALREADY_SET: {
    status: 409,
    fa: 'پروندهٔ رمز عضو {member} از پیش سهمی دیگر از کلید دارد؛ سهم‌های دریافتی با آن نمی‌خوانند.',
    en: 'The secret file of member {member} already holds a different key share; the shares received do not give it.',
  },
  // ── announcements, share boxes and complaints ─────────────────────────────────────────────
  CEREMONY_ANNOUNCEMENT_INVALID: {
    status: 400,
    fa: 'اعلامیهٔ عضو {member} پذیرفته نیست: {reason}',
    en: 'The announcement of member {member} is not acceptable: {reason}',
  },
  CEREMONY_ANNOUNCEMENTS_INCOMPLETE: {
    status: 409,
    fa: 'از هر عضو ۱ تا {n} یک اعلامیه لازم است؛ این اعضا ندارند: {missing}',
    en: 'One announcement is needed from each of members 1 to {n}; missing: {missing}',
  },
  CEREMONY_ANNOUNCEMENT_DUPLICATE: {
    status: 400,
    fa: 'برای عضو {member} دو اعلامیهٔ متفاوت هست: {files}',
    en: 'There are two different announcements for member {member}: {files}',
  },
  CEREMONY_COMMITMENTS_INCOMPLETE: {
    status: 409,
    fa: 'از هر عضو ۱ تا {n} یک تعهد به اعلامیه لازم است؛ این اعضا ندارند: {missing}',
    en: 'One commitment to an announcement is needed from each of members 1 to {n}; missing: {missing}',
  },
  CEREMONY_COMMITMENT_DUPLICATE: {
    status: 409,
    fa: 'برای عضو {member} دو تعهد متفاوت هست ({files})؛ عضو فقط یک بار متعهد می‌شود.',
    en: 'Member {member} has two different commitments ({files}); a member commits once only.',
  },
  CEREMONY_REVEAL_MISMATCH: {
    status: 409,
    fa: 'اعلامیهٔ عضو {member} همان نیست که در دور تعهد به آن متعهد شده بود؛ پذیرفته نشد.',
    en: 'The announcement of member {member} is not the one committed to in the commit round; refused.',
  },
  CEREMONY_OWN_ANNOUNCEMENT_MISMATCH: {
    status: 400,
    fa: 'اعلامیهٔ عضو {member} در پوشه همان نیست که از این پروندهٔ رمز ساخته شد؛ آن را جایگزین کرده‌اند.',
    en: 'The announcement of member {member} in the folder is not the one made from this secret file; it has been replaced.',
  },
  CEREMONY_SHARE_INVALID: {
    status: 400,
    fa: 'بستهٔ سهم از عضو {from} برای عضو {to} پذیرفته نیست: {reason}',
    en: 'The share box from member {from} to member {to} is not acceptable: {reason}',
  },
  CEREMONY_SHARES_INCOMPLETE: {
    status: 409,
    fa: 'بستهٔ سهم این اعضا برای عضو {member} نرسیده است: {missing}',
    en: 'Share boxes for member {member} are missing from: {missing}',
  },
  CEREMONY_SHARE_DUPLICATE: {
    status: 400,
    fa: 'دو بستهٔ سهم متفاوت از عضو {from} برای عضو {to} هست.',
    en: 'There are two different share boxes from member {from} to member {to}.',
  },
  CEREMONY_COMPLAINT_FILED: {
    status: 409,
    fa: 'سهم عضو {from} با تعهدهای اعلام‌شده‌اش نمی‌خواند؛ شکایت با مدرک در {file} نوشته شد. آن را به هیات بدهید.',
    en: 'The share from member {from} does not match their announced commitments; a complaint with evidence was written to {file}. Take it to the board.',
  },
  CEREMONY_COMPLAINT_INVALID: {
    status: 400,
    fa: 'مدرک شکایت عضو {to} از عضو {from} درست نیست؛ شکایت اثری ندارد.',
    en: 'The evidence of the complaint of member {to} against member {from} does not hold; the complaint has no effect.',
  },
  CEREMONY_SENDER_CONVICTED: {
    status: 409,
    fa: 'شکایت ثابت می‌کند که عضو {from} به عضو {to} سهم نادرست داده است؛ مراسم باید بی عضو {from} از نو برگزار شود.',
    en: 'A complaint proves that member {from} gave member {to} a bad share; the ceremony must be run again without member {from}.',
  },
  // ── the HQ's collection of the ceremony ───────────────────────────────────────────────────
  CEREMONY_NOT_OPEN: {
    status: 404,
    fa: 'هنوز مراسم تولید کلیدی در ستاد گشوده نشده است.',
    en: 'No key ceremony has been opened at the HQ yet.',
  },
  CEREMONY_ALREADY_OPEN: {
    status: 409,
    fa: 'مراسم تولید کلید با مانیفست دیگری ({manifestHash}) در جریان است و تنها پس از شکست جایگزین می‌شود.',
    en: 'A key ceremony with another manifest ({manifestHash}) is under way; it can be replaced only once it has failed.',
  },
  CEREMONY_NOT_READY: {
    status: 409,
    fa: 'مراسم هنوز به این گام نرسیده است: {reason}',
    en: 'The ceremony has not reached this step yet: {reason}',
  },
  CEREMONY_NOT_COMPLETE: {
    status: 409,
    fa: 'مراسم تولید کلید هنوز کامل نیست: {reason}',
    en: 'The key ceremony is not complete yet: {reason}',
  },
  CEREMONY_REPLAY: {
    status: 409,
    fa: 'همین پیام عضو {member} پیش‌تر رسیده و ثبت شده است؛ چیزی تغییر نکرد.',
    en: 'This message of member {member} was already received and recorded, identical; nothing changed.',
  },
  CEREMONY_CONFLICT: {
    status: 409,
    fa: 'پیام دیگری از عضو {member} برای همین گام ثبت شده است و جایگزین‌شدنی نیست.',
    en: 'A different message of member {member} is already recorded for this step and cannot be replaced.',
  },
  CEREMONY_NOT_YOUR_SEAT: {
    status: 403,
    fa: 'این پیام از آنِ عضو {member} هیات است؛ حساب شما کرسی {seat} را دارد. هر عضو تنها پیام‌های خود را می‌فرستد.',
    en: 'This message belongs to board member {member}; your account holds seat {seat}. Each member sends only their own messages.',
  },
  // ── decryption by the board (sandogh ceremony decrypt | combine) ─────────────────────────
  DECRYPT_RECORD_UNREADABLE: {
    status: 400,
    fa: 'پروندهٔ انتخابات در {dir} برای رمزگشایی خوانده نشد: {reason}',
    en: 'The election record at {dir} could not be read for decryption: {reason}',
  },
  DECRYPT_CONTEXT_MISMATCH: {
    status: 409,
    fa: 'زمینهٔ انتخابات (context.json) در پرونده با آنچه از مانیفست و اعلامیه‌های اعضا به دست می‌آید نمی‌خواند؛ رمزگشایی نمی‌شود.',
    en: "The record's election context (context.json) is not the one the manifest and the members' announcements give; nothing is decrypted.",
  },
  DECRYPT_TOTALS_REFUSED: {
    status: 409,
    fa: 'جمع آرای پرونده از نو ساخته نشد؛ شعبه‌ها: {branches}. تنها جمعی رمزگشایی می‌شود که عضو خود از برگه‌های رای منتشرشده ساخته باشد.',
    en: "The record's totals could not be recomputed; branches: {branches}. Only totals a member recomputed from the published ballots are decrypted.",
  },
  DECRYPT_PARTIAL_FOREIGN: {
    status: 409,
    fa: 'رمزگشایی جزئی {file} برای انتخابات یا جمع آرای دیگری است.',
    en: 'The partial decryption {file} is for another election or other totals.',
  },
  DECRYPT_PARTIAL_INVALID: {
    status: 400,
    fa: 'رمزگشایی جزئی عضو {member} پذیرفته نیست: {reason}',
    en: 'The partial decryption of member {member} is not acceptable: {reason}',
  },
  DECRYPT_NOT_ENOUGH: {
    status: 409,
    fa: 'برای رمزگشایی دست‌کم {k} رمزگشایی جزئی درست لازم است: {reason}',
    en: 'At least {k} valid partial decryptions are needed: {reason}',
  },
  // ── the election record, its verifier and the tracking-code lookup ────────────────────────
  RECORD_UNREADABLE: {
    status: 503,
    fa: 'پروندهٔ عمومی انتخابات در {dir} خوانده نشد: {reason}',
    en: 'The election record at {dir} could not be read: {reason}',
  },
  RECORD_NOT_PUBLISHED: {
    status: 404,
    fa: 'پروندهٔ عمومی انتخابات هنوز در این ستاد منتشر نشده است.',
    en: 'No election record is published at this HQ yet.',
  },
  RECORD_VERIFICATION_FAILED: {
    status: 400,
    fa: 'پروندهٔ انتخابات در بررسی‌های {failed} رد شد.',
    en: 'The election record failed checks {failed}.',
  },
  TRACKING_CODE_FORMAT: {
    status: 400,
    fa: 'این کد رهگیری نیست: کد ۶۴ نویسه‌ای یا کد کوتاه چاپ‌شده روی رسید (مانند DQ61-QQ45-J1D2-4SZV) را وارد کنید.',
    en: 'Not a tracking code: give the 64-character code or the short code printed on the slip (like DQ61-QQ45-J1D2-4SZV).',
  },
  TRACKING_CODE_NOT_RECEIVED: {
    status: 404,
    fa: 'این کد رهگیری هنوز به ستاد نرسیده است. اگر کمتر از یک ساعت پیش رای داده‌اید، بعداً دوباره ببینید؛ اگر هرگز پیدا نشد، به هیات نظارت خبر دهید.',
    en: 'This tracking code has not reached HQ yet. If you voted less than an hour ago, look again later; if it never appears, tell the supervisory board.',
  },
  TRACKING_CODE_NOT_FOUND: {
    status: 404,
    fa: 'این کد رهگیری در پروندهٔ عمومی انتخابات نیست.',
    en: 'This tracking code is not in the election record.',
  },
} as const satisfies Record<string, CatalogEntry>;
