import { formatJalaliDate, formatJalaliDateTime, type IsoDate } from '../jalali.js';
import { toPersianDigits } from '../persianText.js';
import { SUPPLY_CATALOGUE, supplyItem, type ShipmentLine, type SupplyDay } from './supplies.js';

/**
 * The pick list a zone HQ's support committee packs from (issue 8): one printable page per
 * zone HQ and day, in Persian, right to left, Persian digits and the Jalali date (DESIGN §2,
 * §9), with a row per branch, the day's totals and the lines the packer and the driver sign.
 * A complete HTML document with its own print styles and no outside resource (no network on
 * the day): open it in a browser and print.
 */

export interface PickListBranch {
  readonly branchId: string;
  readonly branchName: string;
  readonly address: string;
  readonly lines: readonly ShipmentLine[];
}

export interface PickListInput {
  readonly zoneHqName: string;
  readonly day: SupplyDay;
  /** The civil date of `day` (ISO). */
  readonly date: string;
  readonly branches: readonly PickListBranch[];
  readonly generatedAt: Date;
  readonly timeZone: string;
}

const DAY_FA: Readonly<Record<SupplyDay, string>> = {
  'D-3': 'سه روز پیش از رای‌گیری',
  'D-2': 'دو روز پیش از رای‌گیری',
  'D-1': 'یک روز پیش از رای‌گیری',
  D: 'روز رای‌گیری (تکمیلی)',
  'D+1': 'روز پس از رای‌گیری (جمع‌آوری)',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

const fa = (n: number | string) => toPersianDigits(String(n));

function lineRows(lines: readonly ShipmentLine[]): string {
  return lines
    .map(
      (l) =>
        `<tr><td>${escapeHtml(SUPPLY_CATALOGUE[l.item].name.fa)}</td>` +
        `<td class="n">${fa(l.quantity)} ${escapeHtml(SUPPLY_CATALOGUE[l.item].unit.fa)}</td>` +
        '<td class="box"></td><td class="box"></td></tr>',
    )
    .join('');
}

export function pickListHtml(input: PickListInput): string {
  const totals = new Map<string, number>();
  for (const b of input.branches)
    for (const l of b.lines) totals.set(l.item, (totals.get(l.item) ?? 0) + l.quantity);
  const totalRows = supplyItem.options
    .filter((item) => totals.has(item))
    .map(
      (item) =>
        `<tr><td>${escapeHtml(SUPPLY_CATALOGUE[item].name.fa)}</td>` +
        `<td class="n">${fa(totals.get(item) ?? 0)} ${escapeHtml(SUPPLY_CATALOGUE[item].unit.fa)}</td></tr>`,
    )
    .join('');
  const branches = input.branches
    .map(
      (b, i) =>
        `<section class="branch"><h2>${fa(i + 1)}. شعبهٔ ${escapeHtml(fa(b.branchId))} — ${escapeHtml(b.branchName)}</h2>` +
        `<p class="where">${escapeHtml(b.address)}</p>` +
        '<table><thead><tr><th>قلم</th><th>تعداد</th><th>بسته‌بندی شد</th><th>تحویل شد</th></tr></thead>' +
        `<tbody>${lineRows(b.lines)}</tbody></table>` +
        '<p class="sign">امضای تحویل‌گیرندهٔ شعبه: ..................................</p></section>',
    )
    .join('\n');
  const date = formatJalaliDate(input.date as IsoDate, 'fa');
  return `<!doctype html>
<html lang="fa" dir="rtl">
<head>
<meta charset="utf-8">
<title>فهرست برداشت اقلام — ${escapeHtml(input.zoneHqName)} — ${escapeHtml(date)}</title>
<style>
@page { size: A4; margin: 14mm; }
body { font-family: Vazirmatn, Tahoma, sans-serif; font-size: 11pt; color: #000; }
h1 { font-size: 16pt; margin: 0 0 4mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: right; }
td.n { white-space: nowrap; }
td.box { width: 22mm; }
.branch { break-inside: avoid; }
.where, .meta { color: #333; margin: 0 0 2mm; }
.sign { margin-top: 3mm; }
footer { margin-top: 10mm; }
</style>
</head>
<body>
<h1>فهرست برداشت اقلام — ${escapeHtml(input.zoneHqName)}</h1>
<p class="meta">${escapeHtml(DAY_FA[input.day])}، ${escapeHtml(date)} — ${fa(input.branches.length)} شعبه</p>
<h2>جمع اقلام این روز</h2>
<table><thead><tr><th>قلم</th><th>جمع</th></tr></thead><tbody>${totalRows}</tbody></table>
${branches}
<footer>
<p>امضای بسته‌بند (کمیتهٔ پشتیبانی): ..................................</p>
<p>امضای راننده / تحویل‌دهنده: ..................................</p>
<p class="meta">تهیه‌شده در ${escapeHtml(formatJalaliDateTime(input.generatedAt, 'fa', input.timeZone))}</p>
</footer>
</body>
</html>
`;
}
