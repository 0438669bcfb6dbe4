// The digest footer's item for the next-window figures (docs/metrics.md, "Next-window figures"): each definition
// with this week's team value.
import type { WindowFigures } from "../figures/week-metrics.js";
import { formatHours, formatPercent } from "./render-figures.js";

const or = (value: number | null, format: (value: number) => string): string =>
  value === null ? "nothing to measure" : format(value);

export function renderWindowDefinitions(team: WindowFigures | undefined, targetHours: number): string {
  const f: WindowFigures = team ?? {
    nextWindowHitRate: null,
    windowSlipMinutes: null,
    batchingBoundHours: null,
    batchingWaitP50Hours: null,
  };
  return (
    "**Next-window figures** (this week): " +
    `*next-window hit rate* ${or(f.nextWindowHitRate, formatPercent)}: of the PRs that became ready before a ` +
    "window opened (a PR ready inside a window is due in the next one), the share whose first review came by the " +
    "end of that window; never reviewed is a miss; counted in the week of that window. " +
    `*Window slip* ${or(f.windowSlipMinutes, (m) => `${Math.round(m)} min`)}: the median minutes from a ` +
    "window's opening to the first review session that starts in it. " +
    `*Batching bound* ${or(f.batchingBoundHours, formatHours)}: the longest business-hours wait the windows ` +
    `imply for a PR ready just after a window closes, against the ${formatHours(targetHours)} target. ` +
    `*Batching-attributable wait* ${or(f.batchingWaitP50Hours, formatHours)} (median): for PRs picked up in a ` +
    "window, the business hours spent waiting for the window they were due in."
  );
}
