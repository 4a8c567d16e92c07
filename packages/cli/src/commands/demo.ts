import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { problem, shortHash, type Problem } from '@sandogh/core';
import {
  DEFAULT_SEED,
  FULL_BRANCHES,
  MIN_BRANCHES,
  writeDemo,
  type WrittenDemo,
} from '@sandogh/demo';
import { action } from '../program.js';
import { progressBar, say } from '../output.js';
import { boundedInteger } from '../flags.js';

interface DemoFlags {
  out: string;
  seed: string;
  voters: string;
  branches: string;
  force?: boolean;
}

/** Writes the Tehran demo with a progress bar over the registry. */
export async function generateDemoFiles(
  dir: string,
  options: { seed: string; voters: number; branches: number },
): Promise<WrittenDemo> {
  const bar = progressBar('registry', options.voters);
  try {
    return await writeDemo(dir, {
      seed: options.seed,
      branches: options.branches,
      registryRows: options.voters,
      onRegistryProgress: (done) => {
        bar.update(done);
      },
    });
  } finally {
    bar.stop();
  }
}

/** `sandogh demo`: the deterministic Tehran demo (issue 2). */
export function registerDemoCommands(program: Command): void {
  program
    .command('demo')
    .description(
      'Generate the Tehran runoff demo: definition, round-1 results, photos, device keys, voter registry',
    )
    .option('-o, --out <dir>', 'output folder', 'demo-data')
    .option('--seed <seed>', 'generator seed (same seed, same files)', DEFAULT_SEED)
    .option('--voters <n>', 'voters in registry.csv', '10000')
    .option('--branches <n>', 'branches (2,874 in Tehran)', String(FULL_BRANCHES))
    .option('-f, --force', 'overwrite an existing demo in the folder')
    .action(
      action(async (flags: DemoFlags) => {
        const voters = boundedInteger(flags.voters, 'voters', 1, 100_000_000);
        const branches = boundedInteger(flags.branches, 'branches', MIN_BRANCHES, 100_000);
        const problems = [voters, branches].filter((v): v is Problem => typeof v !== 'number');
        if (problems.length > 0 || typeof voters !== 'number' || typeof branches !== 'number')
          return problems;
        if (existsSync(join(flags.out, 'election.json')) && flags.force !== true) {
          return [problem('FILE_EXISTS', { file: join(flags.out, 'election.json') })];
        }
        const written = await generateDemoFiles(flags.out, { seed: flags.seed, voters, branches });
        say(
          `✔ Tehran demo written to ${written.dir} (election hash ${shortHash(written.electionHash)}):`,
        );
        for (const file of written.files.filter((f) => !f.startsWith('photos/'))) say(`  ${file}`);
        say(
          `  photos/ (${written.files.filter((f) => f.startsWith('photos/')).length} candidate photos)`,
        );
        return undefined;
      }),
    );
}
