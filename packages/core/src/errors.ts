import type { Problem, ProblemPath } from './problem.js';

/**
 * Every stable error code, declared once. Each entry gives the HTTP status the HQ answers
 * with and the Persian and English message; `{name}` placeholders are filled from the
 * problem's details. docs/ERRORS.md is generated from this table (`npm run docs:errors`).
 * Areas with many codes keep them in `catalog/<area>.ts`, spread into the one table below.
 */
import type { CatalogEntry } from './catalog/entry.js';
import { accessProblems } from './catalog/access.js';
import { auditProblems } from './catalog/audit.js';
import { tallyProblems } from './catalog/tally.js';
import { operationsProblems } from './catalog/operations.js';
import { resultsProblems } from './catalog/results.js';
import { deviceProblems } from './catalog/devices.js';
import { registryProblems } from './catalog/registry.js';
import { stationProblems } from './catalog/station.js';
import { pollbookProblems } from './catalog/pollbook.js';

export const generalProblems = {
  // ── generic input ───────────────────────────────────────────────────────────────────────
  INPUT_INVALID: {
    status: 400,
    fa: 'ورودی نامعتبر است: {reason}',
    en: 'Invalid input: {reason}',
  },
  INPUT_REQUIRED: { status: 400, fa: 'این مقدار لازم است.', en: 'This value is required.' },
  INPUT_WRONG_TYPE: {
    status: 400,
    fa: 'نوع مقدار نادرست است؛ {expected} انتظار می‌رفت.',
    en: 'Wrong type of value; expected {expected}.',
  },
  INPUT_UNKNOWN_FIELD: {
    status: 400,
    fa: 'فیلد ناشناخته: «{field}».',
    en: 'Unknown field: "{field}".',
  },
  INPUT_TOO_SMALL: {
    status: 400,
    fa: 'مقدار کوچک‌تر از حد مجاز ({minimum}) است.',
    en: 'Value is below the minimum ({minimum}).',
  },
  INPUT_TOO_BIG: {
    status: 400,
    fa: 'مقدار بزرگ‌تر از حد مجاز ({maximum}) است.',
    en: 'Value is above the maximum ({maximum}).',
  },
  INPUT_BAD_FORMAT: {
    status: 400,
    fa: 'قالب مقدار نادرست است ({format}).',
    en: 'Value has the wrong format ({format}).',
  },
  INPUT_NOT_ALLOWED: {
    status: 400,
    fa: 'مقدار مجاز نیست؛ یکی از این‌ها: {allowed}.',
    en: 'Value not allowed; one of: {allowed}.',
  },
  INPUT_MALFORMED_JSON: {
    status: 400,
    fa: 'بدنهٔ درخواست JSON معتبر نیست.',
    en: 'The request body is not valid JSON.',
  },
  INPUT_TOO_LARGE: {
    status: 413,
    fa: 'حجم ورودی از حد مجاز ({limit} بایت) بیشتر است.',
    en: 'The input is larger than allowed ({limit} bytes).',
  },
  INPUT_UNSUPPORTED_MEDIA: {
    status: 415,
    fa: 'نوع محتوا پشتیبانی نمی‌شود ({contentType}).',
    en: 'Unsupported content type ({contentType}).',
  },
  // ── HTTP ───────────────────────────────────────────────────────────────────────────────
  HTTP_NOT_FOUND: { status: 404, fa: 'مسیر یافت نشد.', en: 'No such route.' },
  HTTP_URI_TOO_LONG: {
    status: 414,
    fa: 'نشانی درخواست بیش از حد بلند است.',
    en: 'The request address is too long.',
  },
  HTTP_METHOD_NOT_ALLOWED: { status: 405, fa: 'این روش مجاز نیست.', en: 'Method not allowed.' },
  HTTP_RATE_LIMITED: {
    status: 429,
    fa: 'درخواست‌ها بیش از حد است؛ کمی بعد دوباره تلاش کنید.',
    en: 'Too many requests; try again shortly.',
  },
  SERVER_NOT_READY: {
    status: 503,
    fa: 'سرور هنوز آماده نیست.',
    en: 'The server is not ready yet.',
  },
  SERVER_SHUTTING_DOWN: {
    status: 503,
    fa: 'سرور در حال خاموش شدن است.',
    en: 'The server is shutting down.',
  },
  INTERNAL: {
    status: 500,
    fa: 'خطای داخلی؛ شناسهٔ پیگیری: {requestId}.',
    en: 'Internal error; reference: {requestId}.',
  },
  // ── files (CLI) ────────────────────────────────────────────────────────────────────────
  FILE_NOT_FOUND: { status: 400, fa: 'پرونده یافت نشد: {file}', en: 'File not found: {file}' },
  FILE_UNREADABLE: {
    status: 400,
    fa: 'پرونده خوانده نشد: {file} ({reason})',
    en: 'Could not read file: {file} ({reason})',
  },
  FILE_NOT_JSON: {
    status: 400,
    fa: 'پرونده JSON معتبر نیست: {file} ({reason})',
    en: 'File is not valid JSON: {file} ({reason})',
  },
  FILE_EXISTS: {
    status: 400,
    fa: 'پرونده از پیش وجود دارد: {file}',
    en: 'File already exists: {file}',
  },
  CLI_HQ_UNREACHABLE: {
    status: 503,
    fa: 'ستاد در {url} پاسخ درستی نداد: {reason}',
    en: 'The HQ at {url} did not answer as expected: {reason}',
  },
  CLI_USAGE: {
    status: 400,
    fa: 'فرمان نادرست است: {reason}',
    en: 'Wrong command usage: {reason}',
  },
  // ── national code and dates ────────────────────────────────────────────────────────────
  NATIONAL_CODE_FORMAT: {
    status: 400,
    fa: 'کد ملی باید ۱۰ رقم باشد.',
    en: 'A national code has exactly 10 digits.',
  },
  NATIONAL_CODE_CHECK_DIGIT: {
    status: 400,
    fa: 'رقم کنترل کد ملی درست نیست.',
    en: 'The national code check digit is wrong.',
  },
  NATIONAL_CODE_NOT_ISSUED: {
    status: 400,
    fa: 'این کد ملی صادر نمی‌شود (همهٔ رقم‌ها یکسان است).',
    en: 'This national code is never issued (all its digits are the same).',
  },
  DATE_INVALID: {
    status: 400,
    fa: 'تاریخ نامعتبر است: {value}',
    en: 'Invalid date: {value}',
  },
  // ── election definition ────────────────────────────────────────────────────────────────
  DEFINITION_INVALID: {
    status: 400,
    fa: 'تعریف انتخابات {count} مشکل دارد.',
    en: 'The election definition has {count} problem(s).',
  },
  DEFINITION_DUPLICATE_ID: {
    status: 400,
    fa: 'شناسهٔ تکراری «{id}» (نخستین بار در {first}).',
    en: 'Duplicate identifier "{id}" (first used at {first}).',
  },
  DEFINITION_UNKNOWN_REFERENCE: {
    status: 400,
    fa: '{kind} «{id}» تعریف نشده است.',
    en: '{kind} "{id}" is not defined.',
  },
  DEFINITION_CANDIDATE_CODE_LENGTH: {
    status: 400,
    fa: 'کد نامزد «{code}» باید {length} رقم باشد.',
    en: 'Candidate code "{code}" must have {length} digits.',
  },
  DEFINITION_TOO_FEW_CANDIDATES: {
    status: 400,
    fa: 'تعداد نامزدها ({candidates}) کمتر از کرسی‌ها ({seats}) است.',
    en: 'There are fewer candidates ({candidates}) than seats ({seats}).',
  },
  DEFINITION_HOURS_ORDER: {
    status: 400,
    fa: 'ساعت پایان رای‌گیری باید پس از ساعت آغاز باشد.',
    en: 'Polls must close after they open.',
  },
  DEFINITION_MOBILE_ITINERARY: {
    status: 400,
    fa: 'شعبهٔ سیار باید دست‌کم یک توقف داشته باشد و شعبهٔ ثابت هیچ.',
    en: 'A mobile branch needs at least one stop; a fixed branch has none.',
  },
  DEFINITION_ITINERARY_ORDER: {
    status: 400,
    fa: 'توقف‌های شعبهٔ سیار باید به ترتیب زمان و بدون هم‌پوشانی باشند.',
    en: 'A mobile branch’s stops must be in time order without overlap.',
  },
  DEFINITION_ITINERARY_OUTSIDE_HOURS: {
    status: 400,
    fa: 'توقف خارج از ساعات رای‌گیری است.',
    en: 'The stop lies outside polling hours.',
  },
  DEFINITION_DEVICE_KIND_MISMATCH: {
    status: 400,
    fa: 'دستگاه «{serial}» از نوع «{kind}» است و نمی‌تواند نقش «{role}» را داشته باشد.',
    en: 'Device "{serial}" is a {kind} device and cannot serve as {role}.',
  },
  DEFINITION_BRANCH_DEVICES: {
    status: 400,
    fa: 'شعبه «{branch}» باید دقیقاً یک دستگاه احراز هویت و یک دستگاه اخذ رای داشته باشد.',
    en: 'Branch "{branch}" needs exactly one authentication and one voting device.',
  },
  DEFINITION_BRANCH_STAFF: {
    status: 400,
    fa: 'شعبه «{branch}» باید پنج عضو (یک رئیس) داشته باشد؛ اکنون {count} عضو و {chairs} رئیس.',
    en: 'Branch "{branch}" needs five trustees including one chair; it has {count} and {chairs} chair(s).',
  },
  DEFINITION_SELECTIONS_SEATS: {
    status: 400,
    fa: 'حداکثر انتخاب‌ها ({maxSelections}) باید برابر کرسی‌ها ({seats}) باشد.',
    en: 'The maximum number of selections ({maxSelections}) must equal the seats ({seats}).',
  },
  DEFINITION_TRUSTEE_FIELDS: {
    status: 400,
    fa: '«{id}»: نقش رئیس/منشی و کاربر دستگاه فقط برای اعضای شعبه است و هر عضو شعبه نقش دارد.',
    en: '"{id}": chair/secretary and device operator apply to branch trustees only, and every trustee has one.',
  },
  DEFINITION_TRUSTEE_SCOPE: {
    status: 400,
    fa: 'عضو شعبه «{id}» باید دقیقاً به یک شعبه منسوب باشد.',
    en: 'Branch trustee "{id}" must be assigned to exactly one branch.',
  },
  DEFINITION_ROUND1_REFERENCE: {
    status: 400,
    fa: 'انتخابات دور دوم باید به نتایج دور اول ارجاع دهد.',
    en: 'A runoff must refer to its round-1 results.',
  },
  DEFINITION_RUNOFF_MISMATCH: {
    status: 400,
    fa: 'فهرست نامزدهای دور دوم با قاعدهٔ قانون (دو برابر کرسی‌های باقی‌مانده) سازگار نیست: {reason}',
    en: 'The runoff candidate list does not follow the rule (twice the remaining seats): {reason}',
  },
  DEFINITION_NOT_LOADED: {
    status: 404,
    fa: 'هنوز هیچ انتخاباتی بارگذاری نشده است.',
    en: 'No election has been loaded yet.',
  },
  DEFINITION_ALREADY_LOADED: {
    status: 409,
    fa: 'انتخابات «{id}» از پیش بارگذاری شده است.',
    en: 'Election "{id}" is already loaded.',
  },
  BRANCH_NOT_FOUND: {
    status: 404,
    fa: 'شعبه «{branch}» وجود ندارد.',
    en: 'There is no branch "{branch}".',
  },
  DEFINITION_HASH_MISMATCH: {
    status: 400,
    fa: 'چکیدهٔ داده‌شده ({hash}) با چکیدهٔ تعریف ({computed}) یکی نیست.',
    en: 'The given election hash ({hash}) does not match the definition ({computed}).',
  },
  DEFINITION_STORE_CONSTRAINT: {
    status: 400,
    fa: 'تعریف با قیدهای پایگاه داده سازگار نیست ({kind}): {reason}',
    en: 'The definition breaks a store constraint ({kind}): {reason}',
  },
  // ── rounds ─────────────────────────────────────────────────────────────────────────────
  ROUND1_RESULTS_INVALID: {
    status: 400,
    fa: 'نتایج دور اول نامعتبر است: {reason}',
    en: 'Round-1 results are invalid: {reason}',
  },
  ROUND1_VOTES_EXCEED_BALLOTS: {
    status: 400,
    fa: 'آرای نامزد ({votes}) از تعداد آرای صحیح ({validBallots}) بیشتر است.',
    en: 'A candidate has more votes ({votes}) than there are valid ballots ({validBallots}).',
  },
  ROUND1_TOTAL_VOTES_EXCEED: {
    status: 400,
    fa: 'جمع آرا ({total}) از حاصل‌ضرب کرسی‌ها در آرای صحیح ({maximum}) بیشتر است.',
    en: 'Total votes ({total}) exceed seats × valid ballots ({maximum}).',
  },
  ROUND1_WINNERS_MISMATCH: {
    status: 400,
    fa: 'فهرست منتخبان دور اول با قانون سازگار نیست ({reason}).',
    en: 'The declared round-1 winners do not follow the law ({reason}).',
  },
  // ── store ──────────────────────────────────────────────────────────────────────────────
  STORE_UNAVAILABLE: {
    status: 503,
    fa: 'پایگاه داده در دسترس نیست.',
    en: 'The database is unavailable.',
  },
  STORE_INTEGRITY: {
    status: 500,
    fa: 'تعریف ذخیره‌شدهٔ انتخابات «{id}» با چکیدهٔ آن نمی‌خواند؛ پایگاه داده دست‌کاری شده است.',
    en: 'The stored definition of election "{id}" does not match its hash; the store has been altered.',
  },
  STORE_URL_INVALID: {
    status: 400,
    fa: 'نشانی پایگاه داده نامعتبر است: {url}',
    en: 'Invalid database address: {url}',
  },
} as const satisfies Record<string, CatalogEntry>;

/** Every area's codes in one table; a code defined twice fails to compile (see the test). */
export const problemCatalog = {
  ...generalProblems,
  ...accessProblems,
  ...auditProblems,
  ...tallyProblems,
  ...operationsProblems,
  ...resultsProblems,
  ...deviceProblems,
  ...registryProblems,
  ...stationProblems,
  ...pollbookProblems,
} as const;

export type ProblemCode = keyof typeof problemCatalog;

function fill(template: string, details: Readonly<Record<string, unknown>> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = details?.[key];
    if (value === undefined) return whole;
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** Builds the one error shape for a catalogued code. */
export function problem(
  code: ProblemCode,
  details?: Readonly<Record<string, unknown>>,
  path?: readonly (string | number)[],
): Problem {
  const entry: CatalogEntry = problemCatalog[code];
  return {
    code,
    message: { fa: fill(entry.fa, details), en: fill(entry.en, details) },
    ...(path !== undefined && path.length > 0 ? { path } : {}),
    ...(details !== undefined ? { details } : {}),
  };
}

export function httpStatusOf(code: string): number {
  const entry = (problemCatalog as Record<string, CatalogEntry | undefined>)[code];
  return entry?.status ?? 500;
}

/** An expected failure thrown across layers (e.g. out of a store transaction) as a value. */
export class ProblemError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: Problem | readonly Problem[]) {
    const list = Array.isArray(problems) ? (problems as readonly Problem[]) : [problems as Problem];
    super(list.map((p) => `${p.code}: ${p.message.en}`).join('; '));
    this.name = 'ProblemError';
    this.problems = list;
  }
}

export type { ProblemPath };
