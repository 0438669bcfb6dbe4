// `review-coach windows --repo OWNER/NAME`: what other review windows would have cost, replayed on the team's own
// history (docs/metrics.md, "What if the windows were different").
import { type Kysely, sql } from "kysely";
import { consecutiveWeeks, isoWeekOf, weekBounds } from "../figures/iso-week.js";
import {
  GRID_MINUTES,
  WHAT_IF_ASSUMPTION,
  type WhatIfReport,
  type WindowSetResult,
  windowsWhatIf,
} from "../figures/window-what-if.js";
import type { ReviewEvent } from "../ingest/review-event.js";
import type { Store } from "../store/open-store.js";
import type { Database } from "../store/schema.js";
import type { CommandIo } from "./io.js";
import { checkRepo, resolveCommandConfig, warnIfNothingStored } from "./metrics.js";

export interface WindowsCommandOptions {
  repo: string;
  /** Weeks replayed, ending with `until` (default 4). */
  weeks?: string | number | undefined;
  /** The last ISO week replayed (default: the last complete week in the team timezone). */
  until?: string | undefined;
  config?: string | undefined;
  json?: boolean | undefined;
}

/** Weeks of history loaded before the first week replayed, as for metrics (a pickup's clock starts at ready). */
const HISTORY_WEEKS = 8;
const WEEK_MS = 7 * 86_400_000;
const MAX_WEEKS = 104;
const LIFECYCLE_ACTIONS = ["opened", "reopened", "ready_for_review", "converted_to_draft", "closed"] as const;

/**
 * Exit codes as for `metrics`: 0 printed, 1 the config file is invalid or the windows cannot be simulated (a
 * window or working hours across midnight), 2 a bad argument.
 */
export async function windowsCommand(
  store: Store,
  options: WindowsCommandOptions,
  io: CommandIo,
  now: () => Date = () => new Date(),
): Promise<number> {
  const repo = checkRepo(options.repo, io, "windows");
  if (repo === null) return 2;
  const count = Number(options.weeks ?? 4);
  if (!Number.isInteger(count) || count < 1 || count > MAX_WEEKS) {
    io.err(`review-coach windows: --weeks "${options.weeks}" must be a whole number from 1 to ${MAX_WEEKS}`);
    return 2;
  }
  const resolved = await resolveCommandConfig(store, repo, options.config);
  if (!resolved.ok) {
    io.err(resolved.message);
    return resolved.exitCode;
  }
  const { config } = resolved;
  const rules = config.review_windows;
  const timezone = rules.timezone;
  const until = options.until ?? isoWeekOf(new Date(now().getTime() - WEEK_MS), timezone);
  try {
    weekBounds(until, timezone);
  } catch {
    io.err(`review-coach windows: --until "${until}" is not an ISO week; expected YYYY-Www such as 2026-W47`);
    return 2;
  }
  const weeks = consecutiveWeeks(until, count);

  await warnIfNothingStored(store, repo, io, "windows");
  const from = new Date(weekBounds(weeks[0] as string, timezone).start.getTime() - HISTORY_WEEKS * WEEK_MS);
  const to = weekBounds(until, timezone).end;
  const events = await loadReplayEvents(store.db, repo, from.toISOString(), to.toISOString());
  let report: WhatIfReport;
  try {
    ({ report } = windowsWhatIf(
      {
        events,
        assessments: new Map(),
        config: rules,
        ignoreUsers: config.coaching.ignore_users,
        now: now(),
      },
      weeks,
    ));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    io.err(error.message);
    return 1;
  }

  if (options.json) {
    io.out(JSON.stringify({ repo, assumption: WHAT_IF_ASSUMPTION, ...report }));
    return 0;
  }
  printReport(io, repo, report, resolved.source, rules.working_hours, timezone);
  return 0;
}

/** Kinds and lifecycle actions as the small integers `loadReplayEvents` selects (see `REPLAY_CODE`). */
const REPLAY_KINDS: ReadonlyArray<readonly [ReviewEvent["kind"], string]> = [
  ["pull_request", "opened"],
  ["pull_request", "reopened"],
  ["pull_request", "ready_for_review"],
  ["pull_request", "converted_to_draft"],
  ["pull_request", "closed"],
  ["review", "submitted"],
  ["review_comment", "created"],
  ["issue_comment", "created"],
];
/**
 * One integer per row for what the replay reads of kind, action and flags: the kind (and lifecycle action) 0 to 7,
 * +8 for a bot, +16 for an app, +32 × draft (0 unknown, 1 draft, 2 not). Reading four columns as one number spares a
 * string or a property per row; the action of an activity is not read (pr-timeline.ts), so it is not kept.
 */
const REPLAY_CODE = sql<number>`(case
  when kind = 'pull_request' then (case action when 'opened' then 0 when 'reopened' then 1
    when 'ready_for_review' then 2 when 'converted_to_draft' then 3 else 4 end)
  when kind = 'review' then 5 when kind = 'review_comment' then 6 else 7 end)
  + (case when is_bot = 1 then 8 else 0 end) + (case when is_app = 1 then 16 else 0 end)
  + 32 * (case when draft is null then 0 when draft = 1 then 1 else 2 end)`;

/**
 * Only the rows and columns the replay reads: a year of an organisation is hundreds of thousands of rows, and
 * loading all of them would cost more than the simulation. Left out, because the replay provably ignores them
 * (pr-timeline.ts): a pull request's own events other than those that start or stop the wait (pushes, labels,
 * edits, review requests), pending reviews, and an author's own comments and reviews (excluded as "self" whatever
 * the PR's state; a bot's are kept, they mark a bot's PR). Comment bodies, URLs and deletion times are not read
 * (the replay has no feedback figures), so the events carry null there.
 */
export async function loadReplayEvents(
  db: Kysely<Database>,
  repo: string,
  from: string,
  to: string,
): Promise<ReviewEvent[]> {
  const rows = await db
    .selectFrom("events")
    .select([
      "key",
      "repo_id",
      "pr_number",
      "pr_author",
      "actor_login",
      "occurred_at",
      REPLAY_CODE.as("code"),
    ])
    .where("repo_full_name", "=", repo)
    .where("occurred_at", ">=", from)
    .where("occurred_at", "<", to)
    .where((eb) =>
      eb.or([
        eb.and([eb("kind", "=", "pull_request"), eb("action", "in", [...LIFECYCLE_ACTIONS])]),
        eb.and([
          eb("kind", "in", ["review", "review_comment", "issue_comment"]),
          eb.or([
            eb("kind", "!=", "review"),
            eb("review_state", "is", null),
            eb("review_state", "!=", "pending"),
          ]),
          eb.or([eb("is_bot", "=", 1), eb("is_app", "=", 1), eb("actor_login", "!=", eb.ref("pr_author"))]),
        ]),
      ]),
    )
    .execute();
  const events = new Array<ReviewEvent>(rows.length);
  for (let index = 0; index < rows.length; index += 1) {
    const r = rows[index] as (typeof rows)[number];
    const code = Number(r.code);
    const [kind, action] = REPLAY_KINDS[code % 8] as readonly [ReviewEvent["kind"], string];
    const isBot = (code & 8) !== 0;
    const draft = code >> 5;
    events[index] = {
      key: r.key,
      installationId: null,
      repoId: Number(r.repo_id),
      repoFullName: repo,
      prId: null,
      prNumber: r.pr_number,
      prAuthor: r.pr_author,
      kind,
      action,
      actorLogin: r.actor_login,
      actorType: isBot ? "Bot" : "User",
      isBot,
      isApp: (code & 16) !== 0,
      githubId: null,
      reviewId: null,
      inReplyToId: null,
      body: null,
      reviewState: null,
      path: null,
      htmlUrl: null,
      draft: draft === 0 ? null : draft === 1,
      requestedReviewers: [],
      subject: null,
      occurredAt: r.occurred_at,
      updatedAt: null,
      deletedAt: null,
    };
  }
  return events;
}

const hours = (value: number | null): string => (value === null ? "–" : `${value.toFixed(1)} h`);
const perDay = (value: number | null): string => (value === null ? "–" : value.toFixed(2));

function printReport(
  io: CommandIo,
  repo: string,
  report: WhatIfReport,
  source: string,
  workingHours: string,
  timezone: string,
): void {
  const weeks = report.weeks;
  io.out(
    `${repo} · other review windows, replayed on ${weeks[0]} to ${weeks[weeks.length - 1]} ` +
      `(${weeks.length} week${weeks.length === 1 ? "" : "s"}, ${timezone})`,
  );
  io.out(`config: ${source}`);
  io.out(WHAT_IF_ASSUMPTION);
  io.out(
    `${report.activities} review activities, ${report.pickups} first reviews; ${report.candidates} other window ` +
      `sets (1 to 3 windows a workday on a ${GRID_MINUTES}-minute grid inside ${workingHours}, today's total ` +
      `window time or ${GRID_MINUTES} min less or more)`,
  );
  io.out("");
  const header = ["windows", "interruptions/day", "pickup p50", "pickup p90", "breaches"];
  const row = (label: string, r: WindowSetResult): string[] => [
    `${label}${r.windows.join(", ") || "none"}`,
    perDay(r.interruptionsPerWorkday),
    hours(r.pickupP50Hours),
    hours(r.pickupP90Hours),
    String(r.breaches),
  ];
  const rows = [
    row("today: ", report.today),
    ...report.front.map((r) => row(r === report.today ? "today: " : "", r)),
  ];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((cells) => (cells[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ")}`;
  io.out(line(header));
  io.out(line(rows[0] as string[]));
  io.out("");
  io.out("Pareto front (no other set has both fewer interruptions and a shorter pickup p90):");
  for (const cells of rows.slice(1)) io.out(line(cells));
  io.out("");
  const best = report.bestWithinTarget;
  io.out(
    best === null
      ? `No set keeps pickup p90 within the ${report.targetHours} h target.`
      : `Best set keeping pickup p90 within the ${report.targetHours} h target: ${best.windows.join(", ")} ` +
          `(${perDay(best.interruptionsPerWorkday)} interruptions per day, p90 ${hours(best.pickupP90Hours)}, ` +
          `${best.breaches} breach${best.breaches === 1 ? "" : "es"})` +
          (best === report.today ? ", today's windows." : "."),
  );
}
