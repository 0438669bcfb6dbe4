// What review-coach proposes to a newly installed repository, from its own recent history (issue #17; README,
// "Onboarding"): the settings of the config and the figures of the preview. Pure: data in, data out.
//
// Steps:
// 1. Guess the team's timezone from the hours reviews happened at (infer-timezone.ts).
// 2. The weeks: the last `weeks` complete ISO weeks in that zone.
// 3. The team's figures as they happened, with no windows (every session is then an interruption).
// 4. The first-review target: the team's own p90 rounded up to whole hours, kept between 4 and 16.
// 5. The windows: the what-if's best set within the target (docs/metrics.md), else the two busiest hours.
// 6. The nudges coaching would have posted under the default thresholds, and one example to show.
import type { Assessment } from "../analysis/assessment.js";
import { decideNudge } from "../coaching/policy.js";
import { teamDay } from "../coaching/policy-day.js";
import { suggestionParts } from "../coaching/render-suggestion.js";
import type { ReviewFacts } from "../coaching/review-facts.js";
import { defaultConfig, ReviewWindowsConfig } from "../config/schema.js";
import { computeWeeks } from "../figures/compute-weeks.js";
import { consecutiveWeeks, isoWeekOf, weekBounds } from "../figures/iso-week.js";
import { nearestRank } from "../figures/percentile.js";
import { prepareActivity } from "../figures/prepare-activity.js";
import type { MetricsInput } from "../figures/week-metrics.js";
import { type WindowSetResult, windowsWhatIf } from "../figures/window-what-if.js";
import { createZoneClock } from "../figures/zone-clock.js";
import type { ReviewEvent } from "../ingest/review-event.js";
import { inferTimezone, type TimezoneGuess } from "./infer-timezone.js";

/** Below either, the history is too thin to draw settings from: the proposal is the defaults, said plainly. */
export const MIN_SESSIONS = 10;
export const MIN_PICKUPS = 5;
/** The proposed target stays within half a working day and two working days. */
export const MIN_TARGET_HOURS = 4;
export const MAX_TARGET_HOURS = 16;

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** One submitted review as the nudge policy sees it, with when it was submitted. */
export interface ReplayedReview {
  facts: ReviewFacts;
  submittedAt: string;
}

export interface OnboardingInput {
  repoFullName: string;
  /** Stored events of the repository, from a few weeks before the weeks replayed up to now. */
  events: readonly ReviewEvent[];
  /** By event key. */
  assessments: ReadonlyMap<string, Assessment>;
  reviews: readonly ReplayedReview[];
  now: Date;
  /** Complete ISO weeks replayed (default 4). */
  weeks?: number;
}

export interface TeamFigures {
  sessions: number;
  pickups: number;
  pickupP50Hours: number | null;
  pickupP90Hours: number | null;
  interruptionsPerWorkday: number | null;
  teaching: number;
  feedback: number;
  teachingRatio: number | null;
  /** Waits over the proposed target. */
  breaches: number;
}

export interface NudgeReplay {
  /** Submitted reviews by people in the weeks (bots and the PR's author left out, as coaching does). */
  reviews: number;
  nudged: number;
  /** Of those, because of a comment's tone (never quoted). */
  forTone: number;
}

/** One correction and the suggestion a nudge would have made, with nothing that identifies anyone. */
export interface ExampleNudge {
  body: string;
  suggestion: string | undefined;
}

export interface OnboardingProposal {
  repoFullName: string;
  weeks: string[];
  enoughHistory: boolean;
  timezone: string;
  timezoneGuess: TimezoneGuess | null;
  windows: string[];
  windowsFrom: "what-if" | "busiest-hours" | "defaults";
  targetHours: number;
  asHappened: TeamFigures;
  /** The proposed windows replayed on the same weeks; null with too little history. */
  withWindows: WindowSetResult | null;
  nudges: NudgeReplay;
  example: ExampleNudge | null;
}

export function proposeOnboarding(input: OnboardingInput): OnboardingProposal {
  const defaults = defaultConfig();
  const ignoreUsers = defaults.coaching.ignore_users;
  const weekCount = input.weeks ?? 4;
  const nowMs = input.now.getTime();
  const metricsInput = (config: ReviewWindowsConfig): MetricsInput => ({
    events: input.events,
    assessments: input.assessments,
    config,
    ignoreUsers,
    now: input.now,
  });

  // 1. Timezone, from the activity of the weeks replayed and the one running.
  const recentFrom = nowMs - (weekCount + 1) * WEEK_MS;
  const prepared = prepareActivity(metricsInput(defaults.review_windows));
  const timezoneGuess = inferTimezone(prepared.activities.filter((a) => a.ms >= recentFrom && a.ms < nowMs));
  const timezone = timezoneGuess?.timezone ?? defaults.review_windows.timezone;

  // 2. Weeks.
  const weeks = consecutiveWeeks(isoWeekOf(new Date(nowMs - WEEK_MS), timezone), weekCount);
  const rangeStart = weekBounds(weeks[0] as string, timezone).start.getTime();
  const rangeEnd = weekBounds(weeks[weeks.length - 1] as string, timezone).end.getTime();

  // 3 and 4. As it happened, then the target from its p90.
  const noWindows = ReviewWindowsConfig.parse({ timezone, windows: [] });
  const measured = teamFigures(computeWeeks(metricsInput(noWindows), weeks));
  const enoughHistory = measured.sessions >= MIN_SESSIONS && measured.pickups >= MIN_PICKUPS;
  const targetHours =
    enoughHistory && measured.pickupP90Hours !== null
      ? Math.min(Math.max(Math.ceil(measured.pickupP90Hours), MIN_TARGET_HOURS), MAX_TARGET_HOURS)
      : defaults.review_windows.first_review_target_hours;
  const rules = ReviewWindowsConfig.parse({ timezone, first_review_target_hours: targetHours });
  const asHappened = teamFigures(computeWeeks(metricsInput({ ...rules, windows: [] }), weeks));

  // 5. Windows.
  let windows = rules.windows;
  let windowsFrom: OnboardingProposal["windowsFrom"] = "defaults";
  let withWindows: WindowSetResult | null = null;
  if (enoughHistory) {
    try {
      const { report, whatIf } = windowsWhatIf(metricsInput(rules), weeks);
      if (report.bestWithinTarget !== null) {
        windows = report.bestWithinTarget.windows;
        windowsFrom = "what-if";
      } else {
        windows = busiestHours(prepared.sessions, rules);
        windowsFrom = "busiest-hours";
      }
      withWindows = whatIf.evaluate(windows);
    } catch (error) {
      // Working hours across midnight cannot be replayed; the defaults have none, so this is only a safeguard.
      if (!(error instanceof RangeError)) throw error;
    }
  }

  // 6. Nudges.
  const inWeeks = input.reviews
    .filter((r) => {
      const ms = Date.parse(r.submittedAt);
      return ms >= rangeStart && ms < rangeEnd;
    })
    .sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt));
  const { nudges, example } = replayNudges(inWeeks, timezone);

  return {
    repoFullName: input.repoFullName,
    weeks,
    enoughHistory,
    timezone,
    timezoneGuess,
    windows: [...windows],
    windowsFrom,
    targetHours,
    asHappened,
    withWindows,
    nudges,
    example,
  };
}

/** The team's figures over all the weeks together: percentiles over every wait, ratios of the sums. */
function teamFigures(weeks: ReturnType<typeof computeWeeks>): TeamFigures {
  const waits = weeks.flatMap((week) => week.waits.map((wait) => wait.businessHours));
  let sessions = 0;
  let interruptions = 0;
  let reviewerDays = 0;
  let teaching = 0;
  let feedback = 0;
  let breaches = 0;
  for (const week of weeks) {
    sessions += week.team.reviewSessions ?? 0;
    interruptions += week.teamExtras.interruptions;
    reviewerDays += week.teamExtras.reviewerDays;
    const weekFeedback = week.team.feedbackComments ?? 0;
    feedback += weekFeedback;
    teaching += Math.round((week.team.teachingRatio ?? 0) * weekFeedback);
    breaches += week.team.targetBreaches ?? 0;
  }
  return {
    sessions,
    pickups: waits.length,
    pickupP50Hours: nearestRank(waits, 50),
    pickupP90Hours: nearestRank(waits, 90),
    interruptionsPerWorkday: reviewerDays > 0 ? interruptions / reviewerDays : null,
    teaching,
    feedback,
    teachingRatio: feedback > 0 ? teaching / feedback : null,
    breaches,
  };
}

/**
 * The two hours in which most review sessions started (team timezone, workdays, inside working hours), earlier
 * first on a tie; two adjacent hours make one window.
 */
export function busiestHours(
  sessions: readonly { startMs: number }[],
  rules: Pick<ReviewWindowsConfig, "timezone" | "working_hours" | "workdays" | "windows">,
): string[] {
  const clock = createZoneClock(rules.timezone);
  const [from = "09:00", to = "17:00"] = rules.working_hours.split("-");
  const firstHour = Number(from.slice(0, 2));
  const lastHour = Number(to.slice(0, 2)) - (to.endsWith(":00") ? 1 : 0);
  const counts = new Map<number, number>();
  const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  for (const session of sessions) {
    const local = clock.local(session.startMs);
    if (!rules.workdays.includes(weekdays[local.weekday - 1] as never)) continue;
    if (local.hour < firstHour || local.hour > lastHour) continue;
    counts.set(local.hour, (counts.get(local.hour) ?? 0) + 1);
  }
  const top = [...counts.entries()]
    .sort(([ha, a], [hb, b]) => b - a || ha - hb)
    .slice(0, 2)
    .map(([hour]) => hour)
    .sort((a, b) => a - b);
  if (top.length === 0) return [...rules.windows];
  const hh = (hour: number) => `${String(hour).padStart(2, "0")}:00`;
  const ranges: [number, number][] = [];
  for (const hour of top) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last[1] === hour) last[1] = hour + 1;
    else ranges.push([hour, hour + 1]);
  }
  return ranges.map(([start, end]) => `${hh(start)}-${hh(end)}`);
}

/** Anything in a comment that could point at a person or into the repository keeps it out of the example. */
const IDENTIFYING = /@[\w-]|https?:\/\/|www\.|#\d|\bGH-\d/i;

function replayNudges(
  reviews: readonly ReplayedReview[],
  timezone: string,
): { nudges: NudgeReplay; example: ExampleNudge | null } {
  const coaching = defaultConfig().coaching;
  const perDay = new Map<string, number>();
  const nudges: NudgeReplay = { reviews: 0, nudged: 0, forTone: 0 };
  let example: ExampleNudge | null = null;
  for (const { facts, submittedAt } of reviews) {
    if (facts.reviewerIsBot || facts.reviewer.toLowerCase() === facts.prAuthor.toLowerCase()) continue;
    nudges.reviews += 1;
    const dayKey = `${facts.reviewer.toLowerCase()} ${teamDay(submittedAt, timezone)}`;
    const decision = decideNudge({
      review: facts,
      config: coaching,
      timezone,
      coach: true,
      optedOut: false,
      nudgesToday: perDay.get(dayKey) ?? 0,
      existing: "none",
    });
    if (decision.action !== "nudge") continue;
    nudges.nudged += 1;
    if (decision.reason === "harsh-tone") nudges.forTone += 1;
    perDay.set(dayKey, (perDay.get(dayKey) ?? 0) + 1);
    if (example !== null) continue;
    const logins = [facts.reviewer, facts.prAuthor].map((login) => login.toLowerCase());
    for (const comment of decision.content.couldTeachMore) {
      const body = comment.body;
      if (comment.assessment.tone !== "ok" || IDENTIFYING.test(body)) continue;
      if (logins.some((login) => login.length > 2 && body.toLowerCase().includes(login))) continue;
      const parts = suggestionParts(body, comment.assessment.suggestion);
      if (!parts.rewrite) continue;
      example = { body, suggestion: comment.assessment.suggestion };
      break;
    }
  }
  return { nudges, example };
}
