import type { CatalogEntry } from './entry.js';

/**
 * The poll book at the desk (issue 4, law 1): check-and-mark, ballot cards, the operator's
 * override and the offline rule (docs/POLLBOOK.md). Eligibility refusals are the registry's
 * VOTER_* codes (catalog/registry.ts). "Already voted" names the branch and the time of the
 * earlier mark and nothing more (issue 4); no message ever names the national code.
 */
export const pollbookProblems = {
  POLLBOOK_ALREADY_VOTED: {
    status: 409,
    fa: 'این رای‌دهنده پیش‌تر در شعبهٔ {branch} در {atTehran} (به وقت تهران) رای داده است.',
    en: 'This voter already voted at branch {branch} at {atTehran} (Tehran time).',
  },
  POLLBOOK_NO_VOTING_DEVICE: {
    status: 409,
    fa: 'شعبهٔ {branch} دستگاه رای‌گیری فعالی ندارد؛ کارت تعرفه صادر نمی‌شود.',
    en: 'Branch {branch} has no active voting device; no ballot card can be issued.',
  },
  POLLBOOK_BUSY: {
    status: 503,
    fa: 'دفتر رای‌دهندگان اکنون بیش از ظرفیت درخواست دارد؛ چند لحظه بعد همان پیام را دوباره بفرستید.',
    en: 'The poll book has more requests than it can queue; resend the same message in a moment.',
  },
  // ── ballot cards ──────────────────────────────────────────────────────────────────────────
  POLLBOOK_CARD_UNKNOWN: {
    status: 404,
    fa: 'این کارت تعرفه شناخته نیست.',
    en: 'This ballot card is not known.',
  },
  POLLBOOK_CARD_EXPIRED: {
    status: 409,
    fa: 'اعتبار این کارت تعرفه گذشته است؛ برای رای‌دهنده با تأیید رئیس شعبه و نمایندهٔ فرماندار کارت تازه صادر کنید.',
    en: "This ballot card has expired; a new card needs the branch chair's and the governor's representative's override.",
  },
  POLLBOOK_CARD_SETTLED: {
    status: 409,
    fa: 'این کارت تعرفه پیش‌تر «{state}» ثبت شده است و دوباره به کار نمی‌رود.',
    en: 'This ballot card is already recorded as "{state}" and cannot be used again.',
  },
  POLLBOOK_CARD_WRONG_DEVICE: {
    status: 403,
    fa: 'این کارت تعرفه برای دستگاه یا شعبهٔ دیگری صادر شده است.',
    en: 'This ballot card was issued for another device or branch.',
  },
  POLLBOOK_CARD_STATE_NOT_ALLOWED: {
    status: 403,
    fa: 'دستگاه {kind} نمی‌تواند کارت را «{state}» ثبت کند.',
    en: 'A {kind} device may not record a card as "{state}".',
  },
  // ── override ──────────────────────────────────────────────────────────────────────────────
  POLLBOOK_NOT_MARKED: {
    status: 409,
    fa: 'این رای‌دهنده هنوز علامت «رای داده» ندارد؛ مجوز جایگزینی لازم نیست، احراز عادی کنید.',
    en: 'This voter is not marked as voted; no override is needed, check them in normally.',
  },
  POLLBOOK_OVERRIDE_OTHER_BRANCH: {
    status: 409,
    fa: 'این رای‌دهنده در شعبهٔ دیگری ({branch}) علامت خورده است؛ جایگزینی فقط در همان شعبه ممکن است.',
    en: 'This voter was marked at another branch ({branch}); an override is possible only there.',
  },

  // ── offline rule ──────────────────────────────────────────────────────────────────────────
  POLLBOOK_OFFLINE_HANDLE_REUSED: {
    status: 409,
    fa: 'شناسهٔ برگهٔ مشروط {handle} پیش‌تر از شعبهٔ دیگری یا برای تصمیم دیگری آمده است.',
    en: 'The provisional-ballot handle {handle} was already sent by another branch or decided otherwise.',
  },
  POLLBOOK_OFFLINE_MARKED_HERE: {
    status: 409,
    fa: 'این رای‌دهنده امروز در همین شعبه پذیرش شده است (بررسی محلی در قطع ارتباط با ستاد).',
    en: 'This voter was already checked in at this branch today (local check while HQ is unreachable).',
  },
  POLLBOOK_OFFLINE_ANSWER_INVALID: {
    status: 502,
    fa: 'پاسخ ستاد به پذیرش‌های برون‌خط نامعتبر بود؛ چیزی تغییر نکرد و دوباره فرستاده می‌شود: {reason}',
    en: "HQ's answer to the offline check-ins was not valid; nothing changed and they will be sent again: {reason}",
  },
  POLLBOOK_OFFLINE_DUPLICATE: {
    status: 400,
    fa: 'یک کد ملی یا یک شناسهٔ برگهٔ مشروط در همین پیام دو بار آمده است.',
    en: 'A national code or a provisional-ballot handle appears twice in the same message.',
  },
} as const satisfies Record<string, CatalogEntry>;
