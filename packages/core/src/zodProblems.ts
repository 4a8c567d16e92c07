import type { z } from 'zod';
import { problem } from './errors.js';
import type { Problem, ProblemPath } from './problem.js';

type Issue = z.core.$ZodIssue;

function issuePath(base: ProblemPath, issue: Issue): (string | number)[] {
  return [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
}

/**
 * Turns every issue a zod schema found into the one error shape (DESIGN §9), with a stable
 * code and a Persian and English message. zod's own (English-only) text is never shown.
 * Parse with `{ reportInput: true }` so a missing value can be told from a wrong one; the
 * input itself is never copied into the problem (it may be personal data).
 */
export function problemsFromZod(error: z.ZodError, base: ProblemPath = []): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const path = issuePath(base, issue);
    switch (issue.code) {
      case 'invalid_type':
        out.push(
          issue.input === undefined
            ? problem('INPUT_REQUIRED', undefined, path)
            : problem('INPUT_WRONG_TYPE', { expected: issue.expected }, path),
        );
        break;
      case 'too_small':
        out.push(problem('INPUT_TOO_SMALL', { minimum: Number(issue.minimum) }, path));
        break;
      case 'too_big':
        out.push(problem('INPUT_TOO_BIG', { maximum: Number(issue.maximum) }, path));
        break;
      case 'invalid_format':
        out.push(problem('INPUT_BAD_FORMAT', { format: issue.format }, path));
        break;
      case 'invalid_value':
        out.push(
          problem(
            'INPUT_NOT_ALLOWED',
            { allowed: issue.values.map((v) => String(v)).join(', ') },
            path,
          ),
        );
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys)
          out.push(problem('INPUT_UNKNOWN_FIELD', { field: key }, [...path, key]));
        break;
      case 'custom': {
        const params = issue.params as { problem?: Problem } | undefined;
        const carried = params?.problem;
        out.push(
          carried !== undefined
            ? { ...carried, path }
            : problem('INPUT_INVALID', { reason: issue.message }, path),
        );
        break;
      }
      case 'invalid_union':
      case 'invalid_key':
      case 'invalid_element':
      case 'not_multiple_of':
        out.push(problem('INPUT_INVALID', { reason: issue.code }, path));
        break;
    }
  }
  return out;
}
