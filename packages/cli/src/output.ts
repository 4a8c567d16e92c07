import { Presets, SingleBar } from 'cli-progress';
import { formatPath, type Problem } from '@sandogh/core';

/**
 * What the operator reads. Failures print in the one error shape the server uses: the code,
 * where, and the message in Persian and English (DESIGN §9).
 */
export function printProblems(
  problems: readonly Problem[],
  stream: NodeJS.WritableStream = process.stderr,
): void {
  stream.write(
    `✘ ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} / ${problems.length.toLocaleString('fa-IR')} مشکل\n`,
  );
  for (const p of problems) {
    stream.write(`\n  ${p.code}  ${formatPath(p.path)}\n`);
    stream.write(`    en: ${p.message.en}\n`);
    stream.write(`    fa: ${p.message.fa}\n`);
  }
}

export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** A progress bar on a terminal; plain periodic lines when output is piped (CI, logs). */
export function progressBar(label: string, total: number): Progress {
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} | eta {eta_formatted}`,
        stream: process.stderr,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return {
      update: (done) => {
        bar.update(done);
      },
      stop: () => {
        bar.stop();
      },
    };
  }
  let lastShown = 0;
  let lastDone = -1;
  return {
    update(done) {
      const now = Date.now();
      if (done === lastDone || (now - lastShown < 2_000 && done < total)) return;
      lastShown = now;
      lastDone = done;
      process.stderr.write(
        `${label}: ${done}/${total} (${Math.floor((100 * done) / Math.max(total, 1))}%)\n`,
      );
    },
    stop() {
      /* the last update already printed 100% */
    },
  };
}
