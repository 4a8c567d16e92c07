import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { err, ok, problem, type Problem, type Result } from '@sandogh/core';
import {
  defaultWorkerCount,
  readRecord,
  verifyRecord,
  type CheckId,
  type CheckOutcome,
  type ElectionRecord,
  type VerificationReport,
} from '@sandogh/crypto';
import { action } from '../program.js';
import { boundedInteger } from '../flags.js';
import { progressBar, say, type Progress } from '../output.js';

/**
 * The checks' names in Persian, beside @sandogh/crypto's English titles (checks.ts), for the
 * candidates' observers who run the verifier (DESIGN §1, law 7). Numbering is CRYPTO.md §10's.
 */
export const CHECK_TITLES_FA: Readonly<Record<CheckId, string>> = {
  V1: 'مانیفست درست است و چکیدهٔ آن (H_M) همان است که در context.json آمده',
  V2: 'هر عضو هیات k تعهد ضریب و یک کلید انتقال، هر یک با اثبات شنور معتبر، اعلام کرده است',
  V3: 'هر عضو به هر عضو دیگر سهمی فرستاده و هیچ شکایتی سهم نادرستی را ثابت نمی‌کند',
  V4: 'کلید مشترک K = Π K_i0 و چکیده‌های H_B و H_E و پارامترهای context.json از نو محاسبه و تأیید شد',
  V5: 'هر رای برای همین انتخابات، شعبهٔ خود و یک روز رای‌گیری درست ساخته شده است',
  V6: 'هیچ کد رهگیری دو بار در میان آرای ماخوذه نیامده است',
  V7: 'هر گزینهٔ هر رای ماخوذه اثبات معتبر «صفر یا یک» دارد',
  V8: 'هر رای ماخوذه ثابت می‌کند شمار انتخاب‌هایش میان ۰ و L است',
  V9: 'هر رای وارسی‌شده (چالش) به همان رمزنگاری که منتشر شده باز می‌شود',
  V10: 'هیچ رای وارسی‌شده‌ای در میان آرای ماخوذه نیست',
  V11: 'هر شعبهٔ مانیفست گزارش پایانی دارد که با آرایش می‌خواند (شمار، ریشه‌های مرکل کدهای رهگیری مرتب) و آرا به ترتیب کد رهگیری ذخیره شده‌اند',
  V12: 'گزارش هر شعبه با کلیدهای ثبت‌شدهٔ آن شعبه امضا شده است',
  V13: 'جمع رمزشدهٔ گزارش هر شعبه حاصل‌ضرب آرای ماخوذهٔ آن است',
  V14: 'جمع رمزشده و شمار آرای نتیجه، حاصل‌ضرب و جمع گزارش‌های شعبه‌هاست',
  V15: 'دست‌کم k عضو متمایز، هر یک با اثبات معتبر چام–پدرسن، رمزگشایی کرده‌اند',
  V16: 'هر شمارش منتشرشدهٔ t در g^t = B / Π M_i^λ_i صدق می‌کند و میان ۰ و شمار آراست',
  V17: 'نتیجهٔ هر شعبه، اگر منتشر شده، رمزگشایی جمع گزارش همان شعبه است و نتایج شعبه‌ها روی هم نتیجهٔ حوزه می‌شود',
  V18: 'هر عضو پیش از آشکار کردن اعلامیه‌اش یک تعهد (چکیده) به آن منتشر کرده و هر اعلامیه همان است که به آن متعهد شده بود',
};

/** Failing items listed per check; the report keeps up to 100, a screen wants fewer. */
const SHOWN_FAILURES = 10;

/** Reads a record directory (docs/CRYPTO.md §11); a missing or unreadable one is a problem. */
export async function readRecordDir(dir: string): Promise<Result<ElectionRecord, Problem>> {
  if (!existsSync(dir)) return err(problem('FILE_NOT_FOUND', { file: dir }));
  try {
    return ok(await readRecord(dir));
  } catch (e) {
    return err(
      problem('RECORD_UNREADABLE', { dir, reason: e instanceof Error ? e.message : String(e) }),
    );
  }
}

function printCheck(c: CheckOutcome): void {
  const counts = `${c.checked} checked${c.failed > 0 ? `, ${c.failed} failed` : ''}`;
  say(`${c.passed ? '✔' : '✘'} ${c.id.padEnd(3)}  ${c.title} (${counts})`);
  say(`       ${CHECK_TITLES_FA[c.id]}`);
  for (const f of c.failures.slice(0, SHOWN_FAILURES)) say(`         ✘ ${f}`);
  if (c.failed > SHOWN_FAILURES) say(`         … and ${c.failed - SHOWN_FAILURES} more`);
}

export function printReport(r: VerificationReport): void {
  for (const c of r.checks) printCheck(c);
  const seconds = (r.milliseconds / 1000).toFixed(1);
  say(
    `${r.ok ? '✔ RECORD VERIFIED / پرونده تأیید شد' : '✘ RECORD FAILED / پرونده رد شد'}: ${r.castBallots} cast and ${r.challengedBallots} challenged ballots in ${r.branches} branches, ${r.workers} worker(s), ${seconds} s`,
  );
}

/** `sandogh verify RECORD`: every numbered check of CRYPTO.md §10, on every core (law 7). */
export function registerVerifyCommands(program: Command): void {
  program
    .command('verify')
    .description('Verify an election record from the record alone: every check V1–V16 (law 7)')
    .argument('<record>', 'the election record folder')
    .option(
      '-w, --workers <n>',
      'worker threads for the ballot checks (0: this thread)',
      String(defaultWorkerCount()),
    )
    .action(
      action(async (dir: string, flags: { workers: string }) => {
        const workers = boundedInteger(flags.workers, 'workers', 0, 1024);
        if (typeof workers !== 'number') return [workers];
        const record = await readRecordDir(dir);
        if (!record.ok) return [record.error];
        const m = record.value.manifest;
        say(`Verifying ${dir}: election ${m.electionId}, ${workers} worker(s)`);
        let bar: Progress | undefined;
        const report = await verifyRecord(record.value, {
          workers,
          onProgress: (done, total) => {
            bar ??= progressBar('ballot chunks', total);
            bar.update(done);
          },
        });
        bar?.stop();
        printReport(report);
        const failed = report.checks.filter((c) => !c.passed).map((c) => c.id);
        return failed.length > 0
          ? [problem('RECORD_VERIFICATION_FAILED', { failed: failed.join(', '), checks: failed })]
          : undefined;
      }),
    );
}
