// Nearest-rank percentiles (docs/architecture.md, "Metrics": the method is printed in the digest footer, so it must be this one).

/**
 * The smallest value such that at least `percent`% of the values are at or below it: the value at rank
 * ceil(percent / 100 × n) in ascending order. Always one of the values, never interpolated; null when there are none.
 */
export function nearestRank(values: readonly number[], percent: number): number | null {
  if (!(percent > 0 && percent <= 100)) {
    throw new RangeError(`review-coach metrics: a percentile must be in (0, 100], got ${percent}`);
  }
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // percent × n first: 90 × 10 / 100 is exactly 9, where 0.9 × 10 may not be.
  const rank = Math.ceil((percent * sorted.length) / 100);
  return sorted[Math.max(rank, 1) - 1] ?? null;
}
