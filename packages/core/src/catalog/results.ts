import type { CatalogEntry } from './entry.js';

/**
 * Results (issue 7, docs/RESULTS.md and docs/RLA.md): the computed result and its versions, the
 * verifiable lot, reconciliation flags (law 5) and the risk-limiting audit. A reconciliation
 * code names one rule of law 5 and is the stable code of the flagged item, whose details carry
 * the numbers that disagree.
 */
export const resultsProblems = {
  // ── the result ────────────────────────────────────────────────────────────────────────────
  RESULTS_UNKNOWN_BRANCH: {
    status: 400,
    fa: 'شعبهٔ «{branch}» در تعریف انتخابات نیست.',
    en: 'Branch "{branch}" is not in the election definition.',
  },
  RESULTS_DUPLICATE_BRANCH: {
    status: 400,
    fa: 'شمارش شعبهٔ «{branch}» دو بار آمده است.',
    en: 'The count of branch "{branch}" is given twice.',
  },
  RESULTS_CANDIDATES_MISMATCH: {
    status: 400,
    fa: 'نامزدهای شمارش شعبهٔ «{branch}» با نامزدهای انتخابات نمی‌خوانند: {reason}',
    en: 'The candidates in the count of branch "{branch}" do not match the election: {reason}',
  },
  RESULTS_COUNTS_IMPOSSIBLE: {
    status: 400,
    fa: 'شمارش شعبهٔ «{branch}» ناممکن است: {reason}',
    en: 'The count of branch "{branch}" is impossible: {reason}',
  },
  RESULTS_STATE_ORDER: {
    status: 409,
    fa: 'نتیجه از وضعیت «{from}» به «{to}» نمی‌رود: {reason}',
    en: 'The result cannot go from "{from}" to "{to}": {reason}',
  },
  RESULTS_VERSION_UNSIGNED: {
    status: 400,
    fa: 'نسخهٔ {version} نتیجه باید دلیل و امضای دست‌کم {minimum} عضو هیات نظارت را داشته باشد.',
    en: 'Result version {version} needs a reason and the signatures of at least {minimum} supervisory board members.',
  },
  DEMO_ELECTION_FAILED: {
    status: 500,
    fa: 'انتخابات نمایشی در مرحلهٔ «{step}» متوقف شد: {reason}',
    en: 'The demo election stopped at the step "{step}": {reason}',
  },
  RESULTS_NOT_PUBLISHED: {
    status: 404,
    fa: 'هنوز نتیجه‌ای در این ستاد منتشر نشده است.',
    en: 'No result has been published at this HQ yet.',
  },
  RESULTS_VERSION_CHAIN_BROKEN: {
    status: 409,
    fa: 'زنجیرهٔ نسخه‌های نتیجه در نسخهٔ {version} گسسته است: {reason}',
    en: 'The chain of result versions is broken at version {version}: {reason}',
  },
  // ── the lot ───────────────────────────────────────────────────────────────────────────────
  LOT_NO_TIE: {
    status: 409,
    fa: 'تساوی‌ای در آخرین کرسی نیست که با قرعه حل شود.',
    en: 'There is no tie at the last seat to settle by lot.',
  },
  LOT_TIE_INVALID: {
    status: 400,
    fa: 'تساوی نامعتبر است: {reason}',
    en: 'The tie is invalid: {reason}',
  },
  LOT_COMMITMENT_DUPLICATE: {
    status: 409,
    fa: 'عضو «{member}» پیش‌تر تعهد داده است.',
    en: 'Member "{member}" has already committed.',
  },
  LOT_COMMITMENTS_CLOSED: {
    status: 409,
    fa: 'آشکارسازی آغاز شده است؛ تعهد تازه پذیرفته نیست.',
    en: 'Reveals have begun; no new commitment is accepted.',
  },
  LOT_TOO_FEW_MEMBERS: {
    status: 409,
    fa: 'دست‌کم {minimum} عضو حاضر باید تعهد و آشکارسازی کنند؛ اکنون {count}.',
    en: 'At least {minimum} members present must commit and reveal; now {count}.',
  },
  LOT_NOT_COMMITTED: {
    status: 409,
    fa: 'عضو «{member}» تعهدی نداده است.',
    en: 'Member "{member}" has not committed.',
  },
  LOT_REVEAL_MISMATCH: {
    status: 409,
    fa: 'مقدار آشکارشدهٔ عضو «{member}» با تعهد او نمی‌خواند؛ پذیرفته نشد.',
    en: 'The value revealed by member "{member}" does not match their commitment; refused.',
  },
  LOT_REVEAL_DUPLICATE: {
    status: 409,
    fa: 'عضو «{member}» پیش‌تر آشکار کرده است.',
    en: 'Member "{member}" has already revealed.',
  },
  LOT_REVEALS_INCOMPLETE: {
    status: 409,
    fa: 'این اعضا هنوز آشکار نکرده‌اند: {missing}',
    en: 'These members have not revealed yet: {missing}',
  },
  // ── reconciliation (law 5): one code per rule ────────────────────────────────────────────
  RECONCILE_AUTHENTICATED: {
    status: 409,
    fa: 'شعبهٔ {branch}: احراز هویت‌شدگان ({authenticated}) برابر رای‌های ریخته ({cast}) به‌علاوهٔ رهاشده ({abandoned}) نیست.',
    en: 'Branch {branch}: voters authenticated ({authenticated}) ≠ ballots cast ({cast}) + abandoned ({abandoned}).',
  },
  RECONCILE_PROVISIONAL_SPLIT: {
    status: 409,
    fa: 'شعبهٔ {branch}: رای‌های مشروط ({provisional}) برابر تأییدشده ({confirmed}) به‌علاوهٔ کنارگذاشته ({excluded}) به‌علاوهٔ بی‌تصمیم ({pending}) نیست یا از رای‌های ریخته ({cast}) بیشتر است.',
    en: 'Branch {branch}: provisional ballots ({provisional}) ≠ confirmed ({confirmed}) + excluded ({excluded}) + undecided ({pending}), or exceed ballots cast ({cast}).',
  },
  RECONCILE_PROVISIONAL_UNDECIDED: {
    status: 409,
    fa: 'شعبهٔ {branch}: دربارهٔ {pending} رای مشروط هنوز تصمیم گرفته نشده است.',
    en: 'Branch {branch}: {pending} provisional ballot(s) still await a decision.',
  },
  RECONCILE_RECEIVED: {
    status: 409,
    fa: 'شعبهٔ {branch}: رای‌های رسیده به ستاد ({received}) با رای‌های شمردنی ({expected} = ریخته {cast} − کنارگذاشته {excluded} − بی‌تصمیم {pending}) برابر نیست.',
    en: 'Branch {branch}: ballots received at HQ ({received}) ≠ countable ballots ({expected} = cast {cast} − excluded {excluded} − undecided {pending}).',
  },
  RECONCILE_TALLY_REPORT_MISSING: {
    status: 409,
    fa: 'شعبهٔ {branch}: صورتجلسهٔ پایان (گزارش شمارش) نرسیده است.',
    en: 'Branch {branch}: no closing tally report has arrived.',
  },
  RECONCILE_TALLY_REPORT: {
    status: 409,
    fa: 'شعبهٔ {branch}: گزارش شمارش در «{field}» {reported} می‌گوید و ستاد {expected} دارد.',
    en: 'Branch {branch}: the tally report says {reported} for "{field}"; HQ has {expected}.',
  },
  RECONCILE_RECEIPTS: {
    status: 409,
    fa: 'شعبهٔ {branch}: رسیدهای چاپ‌شده ({receipts}) با رای‌های ریخته ({cast}) برابر نیست.',
    en: 'Branch {branch}: receipts printed ({receipts}) ≠ ballots cast ({cast}).',
  },
  RECONCILE_DECRYPTED: {
    status: 409,
    fa: 'شعبهٔ {branch}: شمار رای‌های رمزگشایی‌شده ({decrypted}) با رای‌های رسیده به ستاد ({received}) برابر نیست.',
    en: 'Branch {branch}: ballots in the decrypted total ({decrypted}) ≠ ballots received at HQ ({received}).',
  },
  RESULTS_FLAG_UNKNOWN: {
    status: 404,
    fa: 'شعبهٔ «{branch}» اکنون پرچم تطبیق «{flag}» ندارد.',
    en: 'Branch "{branch}" has no reconciliation flag "{flag}" now.',
  },
  RESULTS_FLAGS_UNDECIDED: {
    status: 409,
    fa: 'پرچم‌های تطبیق این شعبه‌ها هنوز تصمیم ناظر ندارند: {branches}',
    en: "These branches have reconciliation flags without a supervisor's decision: {branches}",
  },
  RESULTS_FLAG_DECISION_CONCURRENT: {
    status: 409,
    fa: 'تصمیم دیگری دربارهٔ همین پرچم هم‌زمان ثبت شد؛ دوباره بخوانید.',
    en: 'Another decision on this flag was recorded at the same time; read it again.',
  },
  RESULTS_BRANCH_COUNTS_CONFLICT: {
    status: 409,
    fa: 'شمارش رمزگشایی‌شدهٔ شعبهٔ «{branch}» پیش‌تر با مقدار دیگری ثبت شده است.',
    en: 'The decrypted counts of branch "{branch}" were already stored with other values.',
  },
  // ── the risk-limiting audit ───────────────────────────────────────────────────────────────
  RLA_PARAMETERS_INVALID: {
    status: 400,
    fa: 'پارامترهای ممیزی نامعتبر است: {reason}',
    en: 'The audit parameters are invalid: {reason}',
  },
  RLA_NOT_STARTED: {
    status: 404,
    fa: 'ممیزی محدودکنندهٔ ریسکی در جریان نیست.',
    en: 'No risk-limiting audit is under way.',
  },
  RLA_SEED_INVALID: {
    status: 400,
    fa: 'بذر عمومی ممیزی باید دست‌کم {minimum} رقم (مثلاً از تاس‌های ریخته‌شده در نشست) باشد.',
    en: 'The public audit seed must have at least {minimum} digits (for example from dice rolled in the session).',
  },
  RLA_ENTRY_UNKNOWN_BALLOT: {
    status: 400,
    fa: 'برگهٔ شعبهٔ {branch} جایگاه {position} در نمونه نیست.',
    en: 'The paper at branch {branch}, position {position}, is not in the sample.',
  },
  RLA_ENTRY_UNKNOWN_CANDIDATE: {
    status: 400,
    fa: 'کد نامزد «{code}» در این انتخابات نیست.',
    en: 'Candidate code "{code}" is not in this election.',
  },
  RLA_ENTRY_TOO_MANY_MARKS: {
    status: 400,
    fa: 'برگه بیش از {maximum} نام دارد.',
    en: 'The paper shows more than {maximum} names.',
  },
  RLA_ENTRIES_DISAGREE: {
    status: 409,
    fa: 'دو ورود برگهٔ شعبهٔ {branch} جایگاه {position} یکی نیستند؛ نگاه سوم لازم است.',
    en: 'The two entries of the paper at branch {branch}, position {position}, disagree; a third look is needed.',
  },
  RLA_ENTRIES_INCOMPLETE: {
    status: 409,
    fa: 'هنوز {missing} برگهٔ نمونه ثبت و هم‌خوان نشده است.',
    en: '{missing} sampled paper(s) are not yet entered and agreed.',
  },
} as const satisfies Record<string, CatalogEntry>;
