import type { CatalogEntry } from './entry.js';

/**
 * The voter registry and eligibility (issue 4, DESIGN §2 "Eligibility"). The VOTER_* codes are
 * what the branch operator reads to the voter, so they speak to a person at the desk and never
 * name the national code; the REGISTRY_* codes are the registry import's, one per reason a
 * file or a row of it is refused (docs/FORMATS.md "Voter registry").
 */
export const registryProblems = {
  // ── eligibility: read to the voter ────────────────────────────────────────────────────────
  VOTER_NOT_IN_REGISTRY: {
    status: 404,
    fa: 'این کد ملی در فهرست رای‌دهندگان این انتخابات نیست.',
    en: 'This national code is not in the voter registry of this election.',
  },
  VOTER_UNDER_AGE: {
    status: 409,
    fa: 'رای‌دهنده در روز رای‌گیری {minimumAge} سال تمام ندارد (باید در {ageLine} یا پیش از آن زاده شده باشد؛ میلادی {ageLineGregorian}).',
    en: 'The voter is not {minimumAge} full years old on voting day (must be born on or before {ageLine}, Gregorian {ageLineGregorian}).',
  },
  VOTER_DECEASED: {
    status: 409,
    fa: 'این کد ملی در ثبت احوال به نام فردی درگذشته ثبت شده است.',
    en: 'The civil registry records the holder of this national code as deceased.',
  },
  VOTER_NOT_CITIZEN: {
    status: 409,
    fa: 'دارندهٔ این کد ملی در ثبت احوال تبعهٔ ایران ثبت نشده است.',
    en: 'The civil registry does not record the holder of this national code as an Iranian citizen.',
  },
  VOTER_WRONG_CONSTITUENCY: {
    status: 409,
    fa: 'در دور دوم، کسی که در دور اول رای داده فقط در همان حوزه ({round1Constituency}) می‌تواند رای دهد.',
    en: 'In the runoff, a person who voted in round 1 may vote only in that constituency ({round1Constituency}).',
  },
  // ── the file ──────────────────────────────────────────────────────────────────────────────
  REGISTRY_FILE_EMPTY: {
    status: 400,
    fa: 'پروندهٔ فهرست رای‌دهندگان خالی است؛ دست‌کم سطر سرستون‌ها لازم است.',
    en: 'The registry file is empty; it needs at least the header line.',
  },
  REGISTRY_HEADER_MISSING: {
    status: 400,
    fa: 'ستون «{column}» در سطر سرستون‌ها نیست.',
    en: 'The header line has no "{column}" column.',
  },
  REGISTRY_HEADER_UNKNOWN: {
    status: 400,
    fa: 'ستون ناشناختهٔ «{column}» در سطر سرستون‌ها.',
    en: 'Unknown column "{column}" in the header line.',
  },
  REGISTRY_HEADER_DUPLICATE: {
    status: 400,
    fa: 'ستون «{column}» در سطر سرستون‌ها دو بار آمده است.',
    en: 'The column "{column}" appears twice in the header line.',
  },
  REGISTRY_CSV_MALFORMED: {
    status: 400,
    fa: 'پرونده در سطر {line} قالب CSV درستی ندارد ({reason})؛ هیچ سطری وارد نشد.',
    en: 'The file is not well-formed CSV at line {line} ({reason}); nothing was imported.',
  },
  REGISTRY_NO_VALID_ROWS: {
    status: 400,
    fa: 'هیچ سطر درستی در پرونده نیست ({rejected} سطر رد شد)؛ هیچ چیز وارد نشد.',
    en: 'The file has no valid row ({rejected} rejected); nothing was imported.',
  },
  REGISTRY_IMPORT_FAILED: {
    status: 500,
    fa: 'ورود فهرست رای‌دهندگان پیش از پایان شکست خورد ({reason})؛ همهٔ آن برگردانده شد و هیچ سطری وارد نشد.',
    en: 'The registry import failed before it finished ({reason}); all of it was rolled back and no row was imported.',
  },
  REGISTRY_IMPORT_RUNNING: {
    status: 409,
    fa: 'ورود دیگری از فهرست رای‌دهندگان همین اکنون در جریان است؛ پس از پایان آن دوباره تلاش کنید.',
    en: 'Another registry import is under way; try again once it has finished.',
  },
  // ── one row: written to the rejects file with its line number ────────────────────────────
  REGISTRY_ROW_FIELD_COUNT: {
    status: 400,
    fa: 'سطر {found} ستون دارد اما سرستون‌ها {expected} ستون.',
    en: 'The row has {found} fields but the header has {expected}.',
  },
  REGISTRY_ROW_REQUIRED: {
    status: 400,
    fa: 'ستون «{column}» خالی است.',
    en: 'The "{column}" column is empty.',
  },
  REGISTRY_ROW_DATE: {
    status: 400,
    fa: 'ستون «{column}» تاریخ درستی نیست (جلالی ۱۳۸۵/۰۲/۲۱ یا میلادی 2006-05-11).',
    en: 'The "{column}" column is not a valid date (Jalali 1385/02/21 or ISO 2006-05-11).',
  },
  REGISTRY_ROW_DATE_ORDER: {
    status: 400,
    fa: 'تاریخ‌ها ناسازگارند: {reason}.',
    en: 'The dates do not agree: {reason}.',
  },
  REGISTRY_ROW_FLAG: {
    status: 400,
    fa: 'ستون «{column}» باید ۰ یا ۱ باشد.',
    en: 'The "{column}" column must be 0 or 1.',
  },
  REGISTRY_ROW_IDENTIFIER: {
    status: 400,
    fa: 'ستون «{column}» شناسهٔ درستی نیست (حرف و رقم لاتین، . _ -، حداکثر ۶۴ نویسه).',
    en: 'The "{column}" column is not a valid identifier (Latin letters and digits, . _ -, at most 64).',
  },
  REGISTRY_ROW_TEXT: {
    status: 400,
    fa: 'ستون «{column}» بیش از {maximum} نویسه دارد یا نویسهٔ کنترلی دارد.',
    en: 'The "{column}" column is longer than {maximum} characters or holds a control character.',
  },
  REGISTRY_ROW_DUPLICATE: {
    status: 400,
    fa: 'این کد ملی در سطری پیش‌تر از همین پرونده آمده است؛ آن سطر نخست وارد شد و این یکی رد.',
    en: 'This national code already appears on an earlier line of the same file; that first line was kept and this one refused.',
  },
} as const satisfies Record<string, CatalogEntry>;
