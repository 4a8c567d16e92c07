import type { CatalogEntry } from './entry.js';

/**
 * Signed device messages (law 4; docs/FORMATS.md, device messages): why HQ refused a message
 * that claims to come from a branch device. Each refusal is logged (devices.message.refused).
 * The messages name the device and branch as the message claimed them, nothing more: a
 * station's operator reads them to the IT committee.
 */
export const deviceProblems = {
  DEVICE_NO_ELECTION: {
    status: 409,
    fa: 'هنوز انتخاباتی بارگذاری نشده است؛ پیام دستگاه پذیرفته نمی‌شود.',
    en: 'No election is loaded yet; device messages are not accepted.',
  },
  DEVICE_WRONG_ELECTION: {
    status: 403,
    fa: 'پیام دستگاه برای انتخابات دیگری است (چکیدهٔ {claimed})؛ دستگاه باید با بستهٔ پیکربندی همین انتخابات راه‌اندازی شود.',
    en: 'The device message is for another election (hash {claimed}); the device must be configured with this election’s package.',
  },
  DEVICE_UNKNOWN: {
    status: 403,
    fa: 'دستگاه {device} در این انتخابات ثبت نشده است.',
    en: 'Device {device} is not registered for this election.',
  },
  DEVICE_NOT_IN_SERVICE: {
    status: 403,
    fa: 'دستگاه {device} از خدمت خارج شده است ({status}).',
    en: 'Device {device} is out of service ({status}).',
  },
  DEVICE_WRONG_BRANCH: {
    status: 403,
    fa: 'دستگاه {device} به شعبهٔ {branch} تخصیص داده نشده است.',
    en: 'Device {device} is not assigned to branch {branch}.',
  },
  DEVICE_WRONG_KIND: {
    status: 403,
    fa: 'دستگاه {device} از نوع {kind} است و نمی‌تواند این کار را انجام دهد ({action}).',
    en: 'Device {device} is a {kind} device and may not do this ({action}).',
  },
  DEVICE_WRONG_ACTION: {
    status: 400,
    fa: 'پیام برای کار {claimed} امضا شده، اما به مسیر {action} فرستاده شده است.',
    en: 'The message was signed for {claimed} but sent to {action}.',
  },
  DEVICE_BAD_SIGNATURE: {
    status: 401,
    fa: 'امضای پیام دستگاه {device} معتبر نیست.',
    en: 'The signature of the message from device {device} is not valid.',
  },
} as const satisfies Record<string, CatalogEntry>;
