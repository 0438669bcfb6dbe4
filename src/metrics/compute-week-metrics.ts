// Metrics for one ISO week (docs/architecture.md, "Metrics"); the definitions and the decisions behind them are in compute-weeks.ts.
import { computeWeeks } from "./compute-weeks.js";
import type { WeekMetrics, WeekMetricsInput } from "./week-metrics.js";

export function computeWeekMetrics(input: WeekMetricsInput): WeekMetrics {
  const [metrics] = computeWeeks(input, [input.week]);
  if (metrics === undefined) throw new Error(`review-coach metrics: no result for week ${input.week}`);
  return metrics;
}
