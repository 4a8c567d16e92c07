import { problem, type Problem } from '@sandogh/core';

/** A numeric flag, checked: a Problem names the flag when it is not an integer in range. */
export function boundedInteger(
  value: string,
  field: string,
  min: number,
  max: number,
): number | Problem {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    return problem('INPUT_WRONG_TYPE', { expected: 'integer' }, [field]);
  if (n < min) return problem('INPUT_TOO_SMALL', { minimum: min }, [field]);
  if (n > max) return problem('INPUT_TOO_BIG', { maximum: max }, [field]);
  return n;
}

/** An `--at INSTANT` flag: the instant it names, now when absent, or DATE_INVALID. */
export function instant(text: string | undefined): number | Problem {
  if (text === undefined) return Date.now();
  const t = Date.parse(text);
  return Number.isNaN(t) ? problem('DATE_INVALID', { value: text }) : t;
}
