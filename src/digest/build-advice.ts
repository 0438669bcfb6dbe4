// One or two pieces of advice derived from the week's figures, most useful first; none when all is well.
import type { RepoConfig } from "../config/schema.js";
import type { WeekMetrics } from "../figures/week-metrics.js";
import type { Advice } from "./digest-model.js";
import { formatHours, formatPercent } from "./render-figures.js";

const MAX_ADVICE = 2;
/** Below this many sessions or comments a share says more about chance than about habits. */
const MIN_SESSIONS = 5;
const MIN_FEEDBACK = 5;

/**
 * Rules, in priority order:
 * 1. sparse-windows: the longest stretch of business hours between review windows exceeds the pickup target and the
 *    target was missed: the windows alone cannot meet it.
 * 2. slow-pickup: the median pickup is over target although the windows could meet it.
 * 3. interruptions / off-window: many sessions start outside the windows (only one of the two is given).
 * 4. low-teaching: the teaching ratio is under coaching.teaching_ratio_threshold.
 * 5. harsh: any harsh comment (a count; never which).
 * PRs still waiting past the target are not advice: the digest lists them first, with links (build-digest.ts).
 */
export function buildAdvice(
  week: WeekMetrics,
  config: RepoConfig,
  windowAdvice: Advice | null = null,
): Advice[] {
  const rules = config.review_windows;
  const target = rules.first_review_target_hours;
  const team = week.team;
  const sessions = team.reviewSessions ?? 0;
  const p50 = team.pickupP50Hours;
  const p90 = team.pickupP90Hours;
  const breaches = team.targetBreaches ?? 0;
  // A window set that would have done better comes first (build-window-advice.ts, docs/metrics.md).
  const advice: Advice[] = windowAdvice === null ? [] : [windowAdvice];

  const gap = longestWindowGapHours(rules.windows, rules.working_hours);
  const missedTarget = (p90 !== null && p90 > target) || breaches > 0;
  if (gap !== null && gap.hours > target && missedTarget) {
    advice.push({
      id: "sparse-windows",
      text:
        `The review windows are too far apart for the ${formatHours(target)} pickup target: a PR that becomes ready ` +
        `just after the ${gap.after} window waits up to ${formatHours(gap.hours)} of working time for the next one. ` +
        `This week ${breaches} wait${breaches === 1 ? "" : "s"} went over the target` +
        `${p90 === null ? "" : ` (pickup p90 ${formatHours(p90)})`}. Add a window in that stretch, or raise ` +
        "`first_review_target_hours` to what the windows can deliver.",
    });
  } else if (p50 !== null && p50 > target) {
    advice.push({
      id: "slow-pickup",
      text:
        `Half of the PRs waited more than ${formatHours(p50)} for a first review, over the ${formatHours(target)} ` +
        "target, although the windows could meet it. Check who is requested: a rotation, or starting each window " +
        "with the oldest waiting PR, usually helps more than more windows.",
    });
  }

  const interruptions = team.interruptionsPerWorkday;
  const inWindow = team.inWindowShare;
  if (sessions >= MIN_SESSIONS && interruptions !== null && interruptions >= 1.5) {
    advice.push({
      id: "interruptions",
      text:
        `Reviewers started ${interruptions.toFixed(1)} sessions per workday outside the windows. ` +
        (p50 !== null && p50 <= target
          ? `Pickup is within target (p50 ${formatHours(p50)}), so many of these could wait for the next window. `
          : "") +
        "Batching reviews into the windows protects focus time on both sides of the review.",
    });
  } else if (sessions >= MIN_SESSIONS && inWindow !== null && inWindow < 0.4) {
    advice.push({
      id: "off-window",
      text:
        `Only ${formatPercent(inWindow)} of review sessions started inside a window. If the windows ` +
        `(${rules.windows.join(", ") || "none set"}) are at awkward times for the team, move them to when people ` +
        "review anyway; reviewers in other timezones can set their own under `review_windows.reviewers`.",
    });
  }

  const ratio = team.teachingRatio;
  const threshold = config.coaching.teaching_ratio_threshold;
  const feedback = team.feedbackComments ?? 0;
  if (ratio !== null && feedback >= MIN_FEEDBACK && ratio < threshold) {
    // The week's own numbers: how many corrections needed a reason for the ratio to reach the aim.
    const taught = Math.round(ratio * feedback);
    const corrections = feedback - taught;
    const short = Math.max(1, Math.ceil(threshold * feedback - taught - 1e-9));
    advice.push({
      id: "low-teaching",
      text:
        `${taught} of ${feedback} feedback comments explained why (${formatPercent(ratio)}; the team aims for ` +
        `${formatPercent(threshold)}). A reason in ${short} of the ${corrections} corrections would have met it: ` +
        'one clause ("because…", "otherwise…"), a link, or a question that makes the author think.',
    });
  }

  const harsh = team.harshComments ?? 0;
  if (harsh > 0) {
    const from = Object.values(week.reviewers).filter((f) => (f.harshComments ?? 0) > 0).length;
    const spread =
      harsh === 1 || from === 0 ? "" : from === 1 ? ", all from one reviewer" : `, from ${from} reviewers`;
    advice.push({
      id: "harsh",
      text:
        `${harsh} comment${harsh === 1 ? "" : "s"} this week read as harsh${spread} (contempt or ` +
        "blame words, shouting, stacked punctuation). " +
        `${harsh === 1 ? "It is" : "They are"} never quoted here; a remark about the code rather than the person ` +
        "keeps feedback direct and kind.",
    });
  }
  return advice.slice(0, MAX_ADVICE);
}

const minutes = (clock: string): number => {
  const [hours, mins] = clock.split(":").map(Number);
  return (hours ?? 0) * 60 + (mins ?? 0);
};

/**
 * The longest stretch of working time between the end of one window and the start of the next, counting the night
 * as the working time after the last window plus the working time before the first (consecutive workdays). Null
 * when there are no windows or any range spans midnight (too many cases for a one-line advice).
 */
export function longestWindowGapHours(
  windows: readonly string[],
  workingHours: string,
): { hours: number; after: string } | null {
  const parse = (range: string) => {
    const [start, end] = range.split("-");
    return { start: minutes(start ?? ""), end: minutes(end ?? ""), range };
  };
  const work = parse(workingHours);
  const ranges = windows.map(parse);
  if (ranges.length === 0 || work.end <= work.start || ranges.some((r) => r.end <= r.start)) return null;
  const clamp = (m: number) => Math.min(Math.max(m, work.start), work.end);
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let best: { hours: number; after: string } | null = null;
  for (const [index, window] of sorted.entries()) {
    const next = sorted[index + 1];
    const gapMinutes =
      next === undefined
        ? work.end - clamp(window.end) + (clamp((sorted[0] as typeof window).start) - work.start)
        : Math.max(clamp(next.start) - clamp(window.end), 0);
    const hours = gapMinutes / 60;
    if (best === null || hours > best.hours) best = { hours, after: window.range };
  }
  return best;
}
