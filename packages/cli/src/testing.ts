import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

/**
 * For the CLI's tests: the real `sandogh` in a child process, as an operator runs it, from any
 * folder (tsx by absolute address, since tests run from temporary folders outside the
 * workspace). No store is inherited from the environment unless a test gives one.
 */
export const CLI_MAIN = new URL('./main.ts', import.meta.url).pathname;
export const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const run = promisify(execFile);

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function sandogh(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', TSX_LOADER, CLI_MAIN, ...args],
      {
        cwd,
        env: { ...process.env, SANDOGH_DATABASE_URL: '', ...env },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
