import { formatJalaliDate, formatJalaliDateTime } from '../jalali.js';
import type { IsoDate } from '../jalali.js';
import { toPersianDigits } from '../persianText.js';
import { shortHash } from '../canonical.js';
import type { AreaTotals, ResultState } from './compute.js';
import type { MinutesSigner, ResultsExportInput } from './exportInput.js';

/**
 * The constituency minutes (صورتجلسهٔ نتیجهٔ حوزهٔ انتخابیه): a print-ready HTML page in Persian
 * with every figure of the constituency, its zone HQs, zones and branches, the candidates'
 * votes and the outcome, and a place for each signer (issue 7). Persian digits and Jalali dates
 * throughout (DESIGN §8, §9); no script and no network: the font is the one shipped with the app,
 * with the system's Persian fonts as fallback. Per-branch votes per candidate are in the CSV,
 * whose SHA-256 the page prints so that the two are bound together.
 */

export interface MinutesInput extends ResultsExportInput {
  readonly signers: readonly MinutesSigner[];
  /** SHA-256 (hex) of the CSV annex, when it is printed beside the minutes. */
  readonly csvHash?: string;
  /** The lot record's seed when a tie was settled by lot (lot.ts). */
  readonly lot?: {
    readonly tied: readonly string[];
    readonly winners: readonly string[];
    readonly seed: string;
  };
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** 1234567 → '۱٬۲۳۴٬۵۶۷' (Persian digits, Persian thousands separator). */
export function faNumber(n: number): string {
  return toPersianDigits(n.toLocaleString('en-US')).replace(/,/g, '٬');
}

/** 789 basis points → '۷٫۸۹٪'. */
export function faPercent(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const hundredths = String(basisPoints % 100).padStart(2, '0');
  return `${toPersianDigits(`${whole}`)}٫${toPersianDigits(hundredths)}٪`;
}

const stateLabel: Record<ResultState, string> = {
  partial: 'ناقص — همهٔ شعبه‌ها نرسیده‌اند',
  provisional: 'موقت — همهٔ شعبه‌ها رسیده‌اند، تطبیق کامل نیست',
  final: 'نهایی — همهٔ شعبه‌ها تطبیق شده‌اند',
  certified: 'قطعی — تأییدشده به امضای هیات نظارت',
};

const roleLabel: Record<MinutesSigner['role'], string> = {
  'executive-board': 'عضو هیات اجرایی',
  'supervisory-board': 'عضو هیات نظارت',
  'governor-representative': 'نمایندهٔ فرماندار',
  'hq-staff': 'ستاد انتخابات',
};

const STYLE = `
@page { size: A4; margin: 15mm; }
body { font-family: Vazirmatn, Tahoma, sans-serif; font-size: 10.5pt; direction: rtl; color: #000; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #000; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
th, td { border: 1px solid #444; padding: 1mm 2mm; text-align: right; }
td.n { text-align: left; direction: ltr; font-variant-numeric: tabular-nums; }
tr { page-break-inside: avoid; }
.meta td { border: none; }
.sign td { height: 18mm; vertical-align: top; }
.hash { font-family: monospace; direction: ltr; unicode-bidi: embed; }`;

function row(cells: readonly string[], header = false): string {
  const tag = header ? 'th' : 'td';
  return `<tr>${cells.map((c) => (c.startsWith('<td') ? c : `<${tag}>${c}</${tag}>`)).join('')}</tr>`;
}

const num = (n: number): string => `<td class="n">${faNumber(n)}</td>`;

function areaTable(
  title: string,
  areas: readonly AreaTotals[],
  names: Map<string, string>,
): string {
  const head = row(['نام', 'شعبه‌های رسیده', 'آرای مأخوذه', 'آرای سفید'], true);
  const body = areas.map((a) =>
    row([
      escapeHtml(names.get(a.id) ?? a.id),
      `<td class="n">${faNumber(a.branchesReported)} از ${faNumber(a.branchesTotal)}</td>`,
      num(a.ballotsCast),
      num(a.blankBallots),
    ]),
  );
  return `<h2>${title}</h2><table>${head}${body.join('')}</table>`;
}

export function constituencyMinutesHtml(input: MinutesInput): string {
  const { definition, results } = input;
  const names = new Map(definition.candidates.map((c) => [c.code, c.name.fa]));
  const winners = new Set(input.winners ?? []);
  const tied = new Set(results.outcome.tiedAtLastSeat?.candidates.map((c) => c.code) ?? []);
  const ranked = [...results.constituency.votes].sort(
    (a, b) => b.votes - a.votes || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  const candidateRows = ranked.map((c, i) =>
    row([
      num(i + 1),
      `<td class="n">${toPersianDigits(c.code)}</td>`,
      escapeHtml(names.get(c.code) ?? ''),
      num(c.votes),
      winners.has(c.code) ? 'منتخب' : tied.has(c.code) ? 'تساوی — قرعه' : '—',
    ]),
  );
  const lot =
    input.lot === undefined
      ? tied.size > 0
        ? `<p>تساوی در آخرین کرسی میان نامزدهای ${[...tied].map((c) => toPersianDigits(c)).join('، ')}؛ با قرعه در نشست مشترک هیات‌های اجرایی و نظارت حل می‌شود.</p>`
        : ''
      : `<p>تساوی میان نامزدهای ${input.lot.tied.map((c) => toPersianDigits(c)).join('، ')} با قرعهٔ وارسی‌پذیر به سود ${input.lot.winners.map((c) => toPersianDigits(c)).join('، ')} حل شد؛ بذر قرعه: <span class="hash">${escapeHtml(input.lot.seed)}</span>.</p>`;
  const branchNames = new Map(definition.branches.map((b) => [b.id, b.name.fa]));
  const branchRows = results.branches.map((b) =>
    row([
      `<td class="n">${escapeHtml(toPersianDigits(b.id))}</td>`,
      escapeHtml(branchNames.get(b.id) ?? ''),
      b.reported ? num(b.ballotsCast) : '<td>نرسیده</td>',
      b.reported ? num(b.blankBallots) : '<td>—</td>',
    ]),
  );
  const signerRows = input.signers.map((s) =>
    row([
      escapeHtml(s.name.fa),
      roleLabel[s.role],
      s.signedAt === undefined ? '' : escapeHtml(formatJalaliDateTime(new Date(s.signedAt), 'fa')),
      '',
    ]),
  );
  const constituencyName = escapeHtml(definition.constituency.name.fa);
  return `<!doctype html>
<html lang="fa" dir="rtl">
<head>
<meta charset="utf-8">
<title>صورتجلسهٔ نتیجهٔ حوزهٔ انتخابیهٔ ${constituencyName}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>صورتجلسهٔ نتیجهٔ شمارش آرای حوزهٔ انتخابیهٔ ${constituencyName}</h1>
<table class="meta">
${row(['انتخابات', escapeHtml(definition.election.title.fa)])}
${row(['روز رای‌گیری', escapeHtml(formatJalaliDate(definition.election.votingDay as IsoDate, 'fa'))])}
${row(['تاریخ تنظیم', escapeHtml(formatJalaliDateTime(new Date(input.generatedAt), 'fa'))])}
${row(['وضعیت نتیجه', `${stateLabel[input.state]} (نسخهٔ ${faNumber(input.version.number)})`])}
${row(['چکیدهٔ نسخه', `<span class="hash">${shortHash(input.version.hash)}</span>`])}
${row(['چکیدهٔ نتیجه', `<span class="hash">${shortHash(input.resultsHash)}</span>`])}
${input.csvHash === undefined ? '' : row(['چکیدهٔ پیوست CSV (آرای هر نامزد در هر شعبه)', `<span class="hash">${escapeHtml(input.csvHash)}</span>`])}
</table>
<h2>خلاصه</h2>
<table>
${row(['واجدان شرایط (دفتر رای‌دهندگان)', num(results.turnout.registeredVoters)])}
${row(['آرای مأخوذه', num(results.constituency.ballotsCast)])}
${row(['آرای سفید', num(results.constituency.blankBallots)])}
${row(['میزان مشارکت', `<td class="n">${faPercent(results.turnout.basisPoints)}</td>`])}
${row(['شعبه‌های رسیده', `<td class="n">${faNumber(results.constituency.branchesReported)} از ${faNumber(results.constituency.branchesTotal)}</td>`])}
${row(['کرسی‌ها', num(results.seats)])}
</table>
<h2>آرای نامزدها</h2>
<table>${row(['رتبه', 'کد', 'نام', 'آرا', 'نتیجه'], true)}${candidateRows.join('')}</table>
${lot}
${areaTable('ستادهای منطقه', results.zoneHqs, new Map(definition.zoneHqs.map((z) => [z.id, z.name.fa])))}
${areaTable('مناطق نمایندگی فرماندار', results.zones, new Map(definition.zones.map((z) => [z.id, z.name.fa])))}
<h2>شعبه‌ها</h2>
<table>${row(['کد شعبه', 'نام', 'آرای مأخوذه', 'آرای سفید'], true)}${branchRows.join('')}</table>
<h2>امضاکنندگان</h2>
<table class="sign">${row(['نام', 'سمت', 'زمان امضا', 'امضا'], true)}${signerRows.join('')}</table>
</body>
</html>
`;
}
