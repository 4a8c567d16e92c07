import { fc, test } from '@fast-check/vitest';
import { expect, it } from 'vitest';
import { medianOf, percentileOf } from './stats.js';

it('takes the middle value, or the mean of the two middle ones', () => {
  expect(medianOf([])).toBeNull();
  expect(medianOf([3, 1, 2])).toBe(2);
  expect(medianOf([4, 1, 3, 2])).toBe(2.5);
});

it('takes a percentile by nearest rank: always an observed value', () => {
  expect(percentileOf([], 95)).toBeNull();
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
  expect(percentileOf(hundred, 95)).toBe(95);
  expect(percentileOf([7], 95)).toBe(7);
  expect(percentileOf([1, 2], 95)).toBe(2);
});

test.prop([fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 200 })])(
  'has at least 95% of the values at or below the 95th percentile, and fewer strictly below',
  (values) => {
    const p = percentileOf(values, 95) ?? Number.NaN;
    expect(values).toContain(p);
    expect(values.filter((v) => v <= p).length / values.length).toBeGreaterThanOrEqual(0.95);
    expect(values.filter((v) => v < p).length / values.length).toBeLessThan(0.95);
  },
);
