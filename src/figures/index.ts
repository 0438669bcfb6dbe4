// Public surface of the review figures (the weekly numbers, not the Prometheus metrics): pure functions of stored events and a config (docs/architecture.md, "Metrics").

export { type BatchingBound, batchingBound } from "./batching-bound.js";
export {
  type BusinessCalendar,
  type BusinessHoursRules,
  businessHoursBetween,
  createBusinessCalendar,
} from "./business-calendar.js";
export { computeWeekMetrics, computeWeeks } from "./compute-weeks.js";
export { consecutiveWeeks, isoWeekOf, weekBounds } from "./iso-week.js";
export { nearestRank } from "./percentile.js";
export { buildSessions, type ReviewSession, type SessionActivity } from "./sessions.js";
export type {
  CommentAssessment,
  ExcludedCounts,
  MetricSet,
  MetricsInput,
  OpenEndedPr,
  PrRef,
  PrWait,
  TeamExtras,
  WeekMetrics,
  WeekMetricsInput,
  WindowFigures,
} from "./week-metrics.js";
export { METRIC_KEYS, WINDOW_FIGURE_KEYS } from "./week-metrics.js";
export { createWindowCalendar, type WindowCalendar, type WindowOccurrence } from "./window-calendar.js";
export { createWindowMatcher, isInWindow, type WindowRules } from "./windows.js";
