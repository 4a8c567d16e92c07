import type { CatalogEntry } from './entry.js';

/**
 * Election-day operations (issue 8): incidents, supplies, staff in place, mobile branches and
 * the speed of voting. 404 for what does not exist, 409 where the input is well formed but the
 * thing's state refuses it, 403 where the caller's role does not fit the thing.
 */
export const operationsProblems = {
  // ── incidents ─────────────────────────────────────────────────────────────────────────────
  INCIDENT_NOT_FOUND: {
    status: 404,
    fa: 'رخداد «{incident}» در شعبه «{branch}» یافت نشد.',
    en: 'There is no incident "{incident}" in branch "{branch}".',
  },
  INCIDENT_TRANSITION: {
    status: 409,
    fa: 'رخداد در وضعیت «{from}» است و گام «{step}» اکنون مجاز نیست.',
    en: 'The incident is "{from}"; the step "{step}" is not allowed now.',
  },
  INCIDENT_NOT_YOUR_TEAM: {
    status: 403,
    fa: 'این رخداد به «{team}» سپرده شده است؛ نقش «{role}» نمی‌تواند آن را در دست بگیرد.',
    en: 'This incident is routed to "{team}"; the role "{role}" cannot handle it.',
  },
  INCIDENT_SWAP_INVALID: {
    status: 409,
    fa: 'جایگزینی دستگاه پذیرفته نیست: {reason}',
    en: 'The device swap does not fit: {reason}',
  },
  INCIDENT_DEVICE_MISMATCH: {
    status: 409,
    fa: 'پیام دستگاه با نشانی درخواست نمی‌خواند: {reason}',
    en: 'The device message does not match the request: {reason}',
  },
  // ── supplies ──────────────────────────────────────────────────────────────────────────────
  SUPPLY_PLAN_EXISTS: {
    status: 409,
    fa: 'برنامهٔ اقلام این انتخابات پیش‌تر ساخته شده است ({count} محموله).',
    en: 'The supply plan of this election already exists ({count} shipments).',
  },
  SUPPLY_SHIPMENT_NOT_FOUND: {
    status: 404,
    fa: 'محمولهٔ «{shipment}» برای شعبه «{branch}» یافت نشد.',
    en: 'There is no shipment "{shipment}" for branch "{branch}".',
  },
  SUPPLY_TRANSITION: {
    status: 409,
    fa: 'محموله در وضعیت «{from}» است و نمی‌تواند به «{to}» برود.',
    en: 'The shipment is "{from}" and cannot move to "{to}".',
  },
  SUPPLY_ZONE_HQ_NOT_FOUND: {
    status: 404,
    fa: 'ستاد منطقه «{zoneHq}» وجود ندارد.',
    en: 'There is no zone HQ "{zoneHq}".',
  },
  SUPPLY_COUNT_INVALID: {
    status: 400,
    fa: 'شمارش اقلام نادرست است: {reason}',
    en: 'The counts of items are wrong: {reason}',
  },
  // ── staff in place ────────────────────────────────────────────────────────────────────────
  STAFF_NOT_ASSIGNED: {
    status: 404,
    fa: '«{staff}» به شعبه «{branch}» منسوب نیست.',
    en: '"{staff}" is not assigned to branch "{branch}".',
  },
  // ── mobile branches ───────────────────────────────────────────────────────────────────────
  MOBILE_NOT_MOBILE: {
    status: 409,
    fa: 'شعبه «{branch}» سیار نیست.',
    en: 'Branch "{branch}" is not a mobile branch.',
  },
  MOBILE_STOP_NOT_FOUND: {
    status: 404,
    fa: 'توقف «{stop}» در مسیر شعبه «{branch}» نیست.',
    en: 'Stop "{stop}" is not on the itinerary of branch "{branch}".',
  },
  MOBILE_STOP_ORDER: {
    status: 409,
    fa: 'ثبت «{event}» برای توقف «{stop}» اکنون ممکن نیست: {reason}',
    en: 'Cannot record "{event}" at stop "{stop}" now: {reason}',
  },
  // ── device readiness and training mode ────────────────────────────────────────────────────
  DEVICE_STATUS_ZONE_UNKNOWN: {
    status: 404,
    fa: 'ستاد منطقه «{zoneHq}» در این انتخابات نیست.',
    en: 'There is no zone HQ "{zoneHq}" in this election.',
  },
  TRAINING_BALLOT_REFUSED: {
    status: 403,
    fa: 'این پیام یا رای در حالت آموزشی ساخته شده است و هرگز در هیچ شمارشی نمی‌آید.',
    en: 'This message or ballot was made in training mode; it can never enter any count.',
  },
  TRAINING_CODE_UNKNOWN: {
    status: 422,
    fa: 'کد «{code}» در برگهٔ رای آموزشی نیست.',
    en: 'Code "{code}" is not on the training ballot.',
  },
  TRAINING_TOO_MANY: {
    status: 422,
    fa: '{count} نامزد انتخاب شده است؛ در رای آموزشی حداکثر {max} نامزد.',
    en: '{count} candidates chosen; the training ballot allows at most {max}.',
  },
} as const satisfies Record<string, CatalogEntry>;
