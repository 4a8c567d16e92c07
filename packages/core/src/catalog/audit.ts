import type { CatalogEntry } from './entry.js';

/**
 * The hash-chained audit log and its checkpoints (issue 3, law 6). The AUDIT_ENTRY_* … codes
 * name what `verifyAuditLog` found at the first bad entry; they answer 409 where an HTTP
 * status is needed (the stored state contradicts itself), though `GET /api/v1/audit/verify`
 * reports them in a 200 answer, since the verification itself succeeded.
 */
export const auditProblems = {
  AUDIT_ENTRY_EDITED: {
    status: 409,
    fa: 'ردیف {sequence} دفتر ممیزی دست‌کاری شده است: مقدارهایش با چکیده‌اش نمی‌خواند.',
    en: 'Audit entry {sequence} was altered: its fields do not match its hash.',
  },
  AUDIT_ENTRY_REMOVED: {
    status: 409,
    fa: 'ردیف {sequence} دفتر ممیزی حذف شده است.',
    en: 'Audit entry {sequence} was removed.',
  },
  AUDIT_ENTRY_REORDERED: {
    status: 409,
    fa: 'ردیف {sequence} دفتر ممیزی جابه‌جا شده است: جای آن پس از ردیف {follows} است.',
    en: 'Audit entry {sequence} was moved: it belongs after entry {follows}.',
  },
  AUDIT_ENTRY_INSERTED: {
    status: 409,
    fa: 'ردیف {sequence} دفتر ممیزی از زنجیره نیست و افزوده شده است.',
    en: 'Audit entry {sequence} is not part of the chain: it was inserted.',
  },
  AUDIT_CHAIN_BROKEN: {
    status: 409,
    fa: 'ردیف {sequence} دفتر ممیزی به ردیف پیش از خود پیوند ندارد (چکیدهٔ پیشین نادرست است).',
    en: 'Audit entry {sequence} does not follow the entry before it (wrong previous hash).',
  },
  AUDIT_LOG_TRUNCATED: {
    status: 409,
    fa: 'ردیف‌های {sequence} تا {last} از انتهای دفتر ممیزی حذف شده است (آخرین نقطهٔ بازبینی امضاشده یا سرِ زنجیره آن‌ها را ثبت کرده است).',
    en: 'Audit entries {sequence} to {last} were cut from the end of the log (the latest signed checkpoint or the chain head records them).',
  },
  AUDIT_HEAD_MISMATCH: {
    status: 409,
    fa: 'سرِ زنجیره ({head}) با آخرین ردیف دفتر ممیزی ({sequence}) نمی‌خواند.',
    en: 'The chain head ({head}) does not match the last audit entry ({sequence}).',
  },
  AUDIT_CHECKPOINT_SIGNATURE: {
    status: 409,
    fa: 'امضای نقطهٔ بازبینی در ردیف {sequence} درست نیست.',
    en: 'The signature of the checkpoint at entry {sequence} is not valid.',
  },
  AUDIT_CHECKPOINT_UNTRUSTED_KEY: {
    status: 409,
    fa: 'نقطهٔ بازبینی در ردیف {sequence} با کلید {keyId} امضا شده که کلید مورد اعتماد ستاد نیست.',
    en: 'The checkpoint at entry {sequence} is signed with key {keyId}, which is not a trusted HQ key.',
  },
  AUDIT_CHECKPOINT_OFF_CHAIN: {
    status: 409,
    fa: 'نقطهٔ بازبینی در ردیف {sequence} چکیده‌ای را امضا کرده که در زنجیره نیست.',
    en: 'The checkpoint at entry {sequence} signs a hash that is not on the chain.',
  },
  AUDIT_CHECKPOINT_MISSING: {
    status: 409,
    fa: 'ردیف {sequence} از امضای نقطهٔ بازبینی خبر می‌دهد، اما آن نقطه در پایگاه داده نیست.',
    en: 'Entry {sequence} announces a signed checkpoint that is missing from the store.',
  },
  AUDIT_WITNESS_MISMATCH: {
    status: 409,
    fa: 'ردیف {sequence} با آنچه نقطهٔ بازبینی منتشرشده در {signedAt} (نسخه‌ای که ناظران نگه داشته‌اند) امضا کرده است نمی‌خواند: دفتر پس از انتشار بازنویسی شده است.',
    en: 'Entry {sequence} differs from what the checkpoint published at {signedAt} (the copy observers kept) signed: the log was rewritten after it was published.',
  },
  AUDIT_WITNESS_FILE_INVALID: {
    status: 400,
    fa: 'پروندهٔ نقاط بازبینی منتشرشده ({file}) خوانا نیست: {reason}',
    en: 'The file of published checkpoints ({file}) cannot be read: {reason}',
  },
  AUDIT_KEY_FILE_UNREADABLE: {
    status: 500,
    fa: 'پروندهٔ کلید ستاد خوانده یا نوشته نشد: {file} ({reason})',
    en: 'The HQ key file could not be read or written: {file} ({reason})',
  },
  AUDIT_KEY_FILE_EXPOSED: {
    status: 500,
    fa: 'پروندهٔ کلید ستاد {file} را دیگران هم می‌توانند بخوانند (مجوز {mode})؛ آن را 0600 کنید.',
    en: 'The HQ key file {file} is readable by others (mode {mode}); make it 0600.',
  },
  AUDIT_KEY_INVALID: {
    status: 500,
    fa: 'پروندهٔ {file} کلید خصوصی Ed25519 ندارد.',
    en: 'The file {file} does not hold an Ed25519 private key.',
  },
  AUDIT_PUBLIC_KEY_INVALID: {
    status: 400,
    fa: 'این کلید عمومی Ed25519 (۳۲ بایت، base64) نیست: {key}',
    en: 'Not an Ed25519 public key (32 bytes, base64): {key}',
  },
} as const satisfies Record<string, CatalogEntry>;
