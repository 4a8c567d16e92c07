import { existsSync, readFileSync } from 'node:fs';
import { err, ok, problem, type Problem, type Result } from '@sandogh/core';

/** Reads a JSON file; a missing, unreadable or malformed file is a Problem, never a crash. */
export function readJsonFile(file: string): Result<unknown, Problem> {
  if (!existsSync(file)) return err(problem('FILE_NOT_FOUND', { file }));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return err(
      problem('FILE_UNREADABLE', { file, reason: e instanceof Error ? e.message : String(e) }),
    );
  }
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    return err(
      problem('FILE_NOT_JSON', { file, reason: e instanceof Error ? e.message : String(e) }),
    );
  }
}

/** Pretty JSON as people edit it: two-space indent and a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
