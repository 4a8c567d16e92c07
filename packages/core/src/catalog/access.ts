import type { CatalogEntry } from './entry.js';

/**
 * Staff accounts, sessions and the access policy (issue 3). A refusal says enough to act on
 * (sign in, ask for the right role, reload the page) and nothing an attacker can use: a failed
 * sign-in never says which of username, password or code was wrong (the audit log does).
 */
export const accessProblems = {
  ACCESS_NOT_SIGNED_IN: {
    status: 401,
    fa: 'برای این کار ابتدا وارد شوید.',
    en: 'Sign in first.',
  },
  ACCESS_SESSION_ENDED: {
    status: 401,
    fa: 'نشست شما پایان یافته است (خروج، بیکاری طولانی یا پایان مهلت)؛ دوباره وارد شوید.',
    en: 'Your session has ended (signed out, idle too long, or past its limit); sign in again.',
  },
  ACCESS_FORBIDDEN: {
    status: 403,
    fa: 'نقش یا حوزهٔ شما اجازهٔ این کار را نمی‌دهد ({action}).',
    en: 'Your role or scope does not allow this ({action}).',
  },
  ACCESS_NO_POLICY: {
    status: 403,
    fa: 'این مسیر در سیاست دسترسی کاری اعلام نکرده است، پس برای همه بسته است.',
    en: 'This route declares no action of the access policy, so it is closed to everyone.',
  },
  ACCESS_DEVICE_ONLY: {
    status: 403,
    fa: 'این کار فقط از دستگاه ثبت‌شدهٔ شعبه و با امضای آن پذیرفته می‌شود ({action}).',
    en: 'Only a registered branch device may do this, with its signature ({action}).',
  },
  ACCESS_APPROVER_REFUSED: {
    status: 403,
    fa: 'تأیید نفر دوم پذیرفته نشد: نام کاربری، گذرواژه یا کد او درست نیست، یا حسابش بسته است.',
    en: "The second person's approval was not accepted: their username, password or code is wrong, or their account is locked.",
  },
  ACCESS_SECOND_APPROVER_REQUIRED: {
    status: 403,
    fa: 'این کار دونفره است و تأیید نفر دوم ({roles}) را لازم دارد.',
    en: 'This is a two-person action: it needs a second approver ({roles}).',
  },
  ACCESS_CSRF_REFUSED: {
    status: 403,
    fa: 'درخواست از سایتی دیگر آمده یا نشانهٔ ضدجعل (CSRF) ندارد؛ صفحه را دوباره بارگذاری کنید.',
    en: 'The request came from another site or lacks its anti-forgery (CSRF) token; reload the page.',
  },
  ACCESS_PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    fa: 'پیش از هر کاری گذرواژهٔ اولیه را عوض کنید.',
    en: 'Change the initial password before anything else.',
  },
  ACCESS_LOGIN_FAILED: {
    status: 401,
    fa: 'نام کاربری، گذرواژه یا رمز یک‌بارمصرف نادرست است.',
    en: 'The username, password or one-time code is wrong.',
  },
  ACCESS_ACCOUNT_LOCKED: {
    status: 429,
    fa: 'به‌خاطر ورودهای ناموفق پیاپی، این حساب تا {seconds} ثانیهٔ دیگر قفل است.',
    en: 'After repeated failed sign-ins this account is locked for {seconds} more seconds.',
  },
  ACCESS_ACCOUNT_DISABLED: {
    status: 403,
    fa: 'این حساب غیرفعال شده است؛ با ستاد تماس بگیرید.',
    en: 'This account is disabled; contact the HQ.',
  },
  ACCESS_PASSWORD_WRONG: {
    status: 403,
    fa: 'گذرواژهٔ کنونی نادرست است.',
    en: 'The current password is wrong.',
  },
  ACCESS_PASSWORD_WEAK: {
    status: 400,
    fa: 'گذرواژهٔ تازه باید دست‌کم {minimum} نویسه داشته باشد و نام کاربری را در خود نداشته باشد.',
    en: 'The new password needs at least {minimum} characters and must not contain the username.',
  },
  ACCESS_ACCOUNT_NOT_FOUND: {
    status: 404,
    fa: 'حسابی با نام «{username}» وجود ندارد.',
    en: 'There is no account "{username}".',
  },
  ACCESS_ACCOUNT_EXISTS: {
    status: 409,
    fa: 'حساب «{username}» از پیش وجود دارد.',
    en: 'Account "{username}" already exists.',
  },
  ACCESS_SCOPE_UNKNOWN: {
    status: 400,
    fa: 'حوزهٔ حساب به {kind} «{id}» اشاره می‌کند که در انتخابات بارگذاری‌شده نیست.',
    en: 'The account’s scope names {kind} "{id}", which the loaded election does not have.',
  },
  ACCESS_DEMO_ACCOUNT_UNKNOWN: {
    status: 404,
    fa: 'حساب نمایشی «{username}» در {file} نیست.',
    en: 'There is no demo account "{username}" in {file}.',
  },
} as const satisfies Record<string, CatalogEntry>;
