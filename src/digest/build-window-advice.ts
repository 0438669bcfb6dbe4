// The digest's window advice (docs/metrics.md, "In the digest"): one line when another window set would have beaten
// today's on both axes over the last 4 weeks, beyond noise. Pure: the what-if replays the events it is given.
import type { RepoConfig } from "../config/schema.js";
import { consecutiveWeeks } from "../figures/iso-week.js";
import type { CommentAssessment } from "../figures/week-metrics.js";
import { type WindowSetResult, windowsWhatIf } from "../figures/window-what-if.js";
import type { ReviewEvent } from "../ingest/review-event.js";
import type { Advice } from "./digest-model.js";
import { formatHours } from "./render-figures.js";

/** Weeks replayed, the reported one last. */
export const ADVICE_WEEKS = 4;
/** Fewer first reviews than this over the weeks and a p90 is one or two PRs: no advice. */
export const MIN_PICKUPS = 20;
/** A gain smaller than this is noise: interruptions per reviewer-day, and pickup p90 in business hours. */
export const MIN_INTERRUPTION_GAIN = 0.1;
export const MIN_P90_GAIN_HOURS = 0.5;
/** The set must be no worse than today's, on both axes, in at least this many of the weeks taken one by one. */
export const MIN_CONSISTENT_WEEKS = 3;

export interface WindowAdviceInput {
  events: readonly ReviewEvent[];
  verdicts: ReadonlyMap<string, CommentAssessment>;
  config: RepoConfig;
  /** The reported week. */
  week: string;
  now: Date;
}

/**
 * Noise, as docs/metrics.md defines it: a set counts only when, over the 4 weeks, it is no worse than today's on
 * either axis and better by at least 0.1 interruptions per reviewer-day or 0.5 h of pickup p90 (a p90 over fewer
 * than 20 first reviews gives no advice), and when it is also no worse than today's on both axes in at least 3 of
 * the 4 weeks taken one by one, so one unusual week cannot carry it. Among the sets that count: the fewest
 * breaches, then the shortest p90, then the fewest interruptions.
 */
export function buildWindowAdvice(input: WindowAdviceInput): Advice | null {
  const rules = input.config.review_windows;
  const weeks = consecutiveWeeks(input.week, ADVICE_WEEKS);
  let replay: ReturnType<typeof windowsWhatIf>;
  try {
    replay = windowsWhatIf(
      {
        events: input.events,
        assessments: input.verdicts,
        config: rules,
        ignoreUsers: input.config.coaching.ignore_users,
        now: input.now,
      },
      weeks,
    );
  } catch (error) {
    if (error instanceof RangeError) return null; // windows the what-if cannot replay (across midnight)
    throw error;
  }
  const { report, whatIf } = replay;
  const today = report.today;
  if (
    report.pickups < MIN_PICKUPS ||
    today.interruptionsPerWorkday === null ||
    today.pickupP90Hours === null
  ) {
    return null;
  }
  const todayWeeks = weeks.map((_, index) => whatIf.evaluate(rules.windows, index));
  const noWorse = (a: WindowSetResult, b: WindowSetResult): boolean =>
    a.interruptionsPerWorkday !== null &&
    a.pickupP90Hours !== null &&
    (b.interruptionsPerWorkday === null || a.interruptionsPerWorkday <= b.interruptionsPerWorkday) &&
    (b.pickupP90Hours === null || a.pickupP90Hours <= b.pickupP90Hours);

  const qualifying = report.front.filter((set) => {
    if (set === today || !noWorse(set, today)) return false;
    const interruptionGain =
      (today.interruptionsPerWorkday as number) - (set.interruptionsPerWorkday as number);
    const p90Gain = (today.pickupP90Hours as number) - (set.pickupP90Hours as number);
    if (interruptionGain < MIN_INTERRUPTION_GAIN && p90Gain < MIN_P90_GAIN_HOURS) return false;
    const consistent = weeks.filter((_, index) => {
      const mine = whatIf.evaluate(set.windows, index);
      const theirs = todayWeeks[index] as WindowSetResult;
      // A week without first reviews or activity says nothing either way.
      return mine.pickupP90Hours === null || theirs.pickupP90Hours === null || noWorse(mine, theirs);
    }).length;
    return consistent >= MIN_CONSISTENT_WEEKS;
  });
  const best = qualifying.sort(
    (a, b) =>
      a.breaches - b.breaches ||
      (a.pickupP90Hours as number) - (b.pickupP90Hours as number) ||
      (a.interruptionsPerWorkday as number) - (b.interruptionsPerWorkday as number),
  )[0];
  if (best === undefined) return null;
  return {
    id: "better-windows",
    text: adviceText(today, best, rules.windows, rules.first_review_target_hours),
  };
}

function adviceText(
  today: WindowSetResult,
  best: WindowSetResult,
  configured: string[],
  target: number,
): string {
  const removed = today.windows.filter((w) => !best.windows.includes(w));
  const added = best.windows.filter((w) => !today.windows.includes(w));
  const change =
    removed.length === 1 && added.length === 1
      ? `Moving the ${removed[0]} window to ${added[0]}`
      : removed.length === 0 && added.length === 1
        ? `Adding a ${added[0]} window`
        : removed.length === 1 && added.length === 0
          ? `Dropping the ${removed[0]} window`
          : `Windows ${best.windows.join(", ")} instead of ${(configured.length > 0 ? configured : today.windows).join(", ")}`;
  const waits =
    best.breaches === 0 && today.breaches > 0
      ? `kept every PR inside the ${formatHours(target)} target (today's windows: ${today.breaches} over it)`
      : `cut the pickup p90 from ${formatHours(today.pickupP90Hours as number)} to ${formatHours(best.pickupP90Hours as number)}`;
  const todayInterruptions = today.interruptionsPerWorkday as number;
  const bestInterruptions = best.interruptionsPerWorkday as number;
  const interruptions =
    todayInterruptions - bestInterruptions < MIN_INTERRUPTION_GAIN
      ? "with the same interruptions"
      : `with ${bestInterruptions.toFixed(1)} instead of ${todayInterruptions.toFixed(1)} interruptions per reviewer-day`;
  return (
    `${change} would have ${waits} ${interruptions} over the last ${ADVICE_WEEKS} weeks, replayed on the team's own ` +
    "reviews (assuming work done outside the windows moves to the next one; `review-coach windows` shows the " +
    "alternatives)."
  );
}
