/** The staff member behind the i-th benchmark entry: one of Tehran's ~14,000 trustees. */
export function benchTrustee(i: number) {
  return {
    kind: 'staff' as const,
    id: `t-${i % 14_370}`,
    role: 'branch-trustee' as const,
    scope: `branch:${i % 2_874}`,
  };
}

/** The i-th entry's time: a millisecond apart from voting-day opening (08:00 Tehran). */
export function benchInstant(i: number): string {
  return new Date(Date.UTC(2024, 4, 10, 4, 30) + i).toISOString();
}
