import QRCode from 'qrcode';
import { toPersianDigits } from '@sandogh/core';

/**
 * Print-ready pages for the branch's 80 mm receipt printer (issue 5, docs/STATION.md
 * "Printouts"): the zero report, the tally report, the printed vote for the sealed box and the
 * voter's tracking-code slip. Persian, right to left, Persian digits, each with the
 * configuration package's short hash and a QR code. The slip shows no choice (CRYPTO.md §7.3:
 * it proves nothing about the vote); the printed vote shows the choices and no tracking code,
 * so the paper in the box cannot be joined to the slip the voter takes home (law 2).
 */
export type PrintoutKind = 'zero-report' | 'tally-report' | 'vote' | 'tracking-slip';

export interface PrintHeader {
  readonly branchName: string;
  readonly branchId: string;
  readonly packageShortHash: string;
  readonly electionTitle: string;
}

export interface Printout {
  readonly kind: PrintoutKind;
  readonly html: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function page(
  header: PrintHeader,
  title: string,
  rows: readonly (readonly [string, string])[],
  qrText: string,
  footer = '',
): Promise<string> {
  const qr = await QRCode.toString(qrText, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  const body = rows
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
@page { size: 80mm auto; margin: 3mm; }
body { width: 74mm; margin: 0; font-family: Vazirmatn, sans-serif; font-size: 11pt; }
h1 { font-size: 13pt; text-align: center; margin: 0 0 2mm; }
table { width: 100%; border-collapse: collapse; } th { text-align: right; font-weight: normal; }
td { text-align: left; direction: ltr; } .qr svg { width: 34mm; display: block; margin: 2mm auto; }
.hash { text-align: center; font-family: monospace; direction: ltr; }
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(header.electionTitle)}<br>${escapeHtml(header.branchName)} (${escapeHtml(header.branchId)})</p>
<table>${body}</table>
<div class="qr">${qr}</div>
<p class="hash">بسته: ${escapeHtml(header.packageShortHash)}</p>
${footer}
</body></html>
`;
}

const fa = (n: number) => toPersianDigits(String(n));

export async function zeroReport(header: PrintHeader, ballotsHeld: number): Promise<Printout> {
  const html = await page(
    header,
    'صورت‌جلسهٔ صفر',
    [['آرای موجود در دستگاه', fa(ballotsHeld)]],
    `sandogh:zero:${header.branchId}:${header.packageShortHash}:${ballotsHeld}`,
    '<p>امضای کاربر شعبه، عضو شعبه و نمایندهٔ فرماندار:</p><p>............</p>',
  );
  return { kind: 'zero-report', html };
}

export interface TallyFigures {
  readonly authenticated: number;
  readonly cast: number;
  readonly abandoned: number;
  readonly provisional: number;
  readonly challenged: number;
  /** Merkle root of the cast tracking codes (CRYPTO.md §7.4). */
  readonly castRoot: string;
}

export async function tallyReport(header: PrintHeader, t: TallyFigures): Promise<Printout> {
  const html = await page(
    header,
    'صورت‌جلسهٔ شمارش',
    [
      ['رای‌دهندگان احرازشده', fa(t.authenticated)],
      ['آرای ریخته‌شده', fa(t.cast)],
      ['رهاشده', fa(t.abandoned)],
      ['مشروط', fa(t.provisional)],
      ['بازبینی‌شده (شمرده نمی‌شود)', fa(t.challenged)],
    ],
    `sandogh:tally:${header.branchId}:${header.packageShortHash}:${t.cast}:${t.castRoot}`,
    `<p class="hash">${escapeHtml(t.castRoot.slice(0, 16))}</p><p>امضاها:</p><p>............</p>`,
  );
  return { kind: 'tally-report', html };
}

/** The printed vote that drops into the sealed box: the choices, no tracking code. */
export async function printedVote(
  header: PrintHeader,
  chosen: readonly { readonly code: string; readonly name: string }[],
): Promise<Printout> {
  const rows: (readonly [string, string])[] =
    chosen.length === 0
      ? [['رای سفید', '—']]
      : chosen.map((c) => [c.name, toPersianDigits(c.code)] as const);
  const html = await page(
    header,
    'برگهٔ رای',
    rows,
    `sandogh:vote:${chosen.map((c) => c.code).join(',')}`,
  );
  return { kind: 'vote', html };
}

/** The voter's slip: the tracking code and its QR code only (CRYPTO.md §7.3). */
export async function trackingSlip(
  header: PrintHeader,
  shortCode: string,
  fullCode: string,
): Promise<Printout> {
  const html = await page(
    header,
    'رسید کد رهگیری',
    [['کد رهگیری', shortCode]],
    fullCode,
    '<p>با این کد می‌توانید در تابلوی اعلانات عمومی ببینید که رای شما شمرده شده است. این رسید نشان نمی‌دهد به چه کسی رای داده‌اید.</p>',
  );
  return { kind: 'tracking-slip', html };
}
