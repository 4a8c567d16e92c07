import { existsSync, readFileSync } from 'node:fs';
import { err, ok, problem, type Problem, type Result } from '@sandogh/core';

/**
 * A board member's passphrase (docs/CRYPTO.md §8.4): it unlocks the only copy of their part of
 * the election key, so it is never echoed, never logged, never in a problem's details, and
 * never taken from the command line (where `ps` and the shell history would keep it). It comes
 * from, in order: `--passphrase-file` (for scripted runs and tests), the environment variable
 * SANDOGH_PASSPHRASE, or a prompt on the terminal with echo off.
 */
export const PASSPHRASE_ENV = 'SANDOGH_PASSPHRASE';

/** Stricter than the profile's floor of 8: the sealed file is as tempting a target as the HQ. */
export const PASSPHRASE_MIN_LENGTH = 12;

export interface PassphraseSource {
  readonly passphraseFile?: string | undefined;
}

/** Reads a line from the terminal without echoing it (raw mode; backspace and Ctrl-C honoured). */
function promptHidden(question: string): Promise<string | undefined> {
  const stdin = process.stdin;
  return new Promise((resolve) => {
    process.stderr.write(question);
    let value = '';
    const finish = (answer: string | undefined): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      resolve(answer);
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          finish(value);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish(undefined);
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.replace(/.$/u, '');
        else value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

function fromFile(file: string): Result<string, Problem> {
  if (!existsSync(file)) return err(problem('FILE_NOT_FOUND', { file }));
  // One trailing newline is the editor's, not the passphrase's.
  return ok(readFileSync(file, 'utf8').replace(/\r?\n$/, ''));
}

/** The passphrase of an existing secret file. */
export async function askPassphrase(
  source: PassphraseSource,
  purpose: string,
): Promise<Result<string, Problem>> {
  if (source.passphraseFile !== undefined) return fromFile(source.passphraseFile);
  const env = process.env[PASSPHRASE_ENV];
  if (env !== undefined && env !== '') return ok(env);
  if (!process.stdin.isTTY) return err(problem('CEREMONY_PASSPHRASE_REQUIRED'));
  const typed = await promptHidden(`Passphrase for ${purpose} / عبارت عبور: `);
  return typed === undefined || typed === ''
    ? err(problem('CEREMONY_PASSPHRASE_REQUIRED'))
    : ok(typed);
}

/** A new passphrase: long enough, and typed twice when typed at all. */
export async function newPassphrase(
  source: PassphraseSource,
  purpose: string,
): Promise<Result<string, Problem>> {
  const first = await askPassphrase(source, purpose);
  if (!first.ok) return first;
  if (Array.from(first.value).length < PASSPHRASE_MIN_LENGTH)
    return err(problem('CEREMONY_PASSPHRASE_WEAK', { minimum: PASSPHRASE_MIN_LENGTH }));
  const typed = source.passphraseFile === undefined && !process.env[PASSPHRASE_ENV];
  if (!typed) return first;
  const again = await promptHidden('Again, to be sure / دوباره: ');
  return again === first.value ? first : err(problem('CEREMONY_PASSPHRASE_MISMATCH'));
}
