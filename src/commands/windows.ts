// `review-coach windows --repo OWNER/NAME`: what other review windows would have cost, replayed on the team's own
// history (docs/metrics.md, "What if the windows were different").
import type { Kysely } from "kysely";
import type { ReviewEvent } from "../ingest/review-event.js";
import { consecutiveWeeks, isoWeekOf, weekBounds } from "../metrics/iso-week.js";
import {
  GRID_MINUTES,
  WHAT_IF_ASSUMPTION,
  type WhatIfReport,
  type WindowSetResult,
  windowsWhatIf,
} from "../metrics/window-what-if.js";
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

/**
 * Only the rows and columns the replay reads (no comment bodies, no pushes or labels): a year of an organisation is
 * hundreds of thousands of rows, and loading all of them would cost more than the simulation.
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
      "repo_full_name",
      "pr_number",
      "pr_author",
      "kind",
      "action",
      "actor_login",
      "is_bot",
      "is_app",
      "review_state",
      "draft",
      "occurred_at",
      "deleted_at",
    ])
    .where("repo_full_name", "=", repo)
    .where("occurred_at", ">=", from)
    .where("occurred_at", "<", to)
    // Of the pull request's own events only those that start or stop the wait (pr-timeline.ts) matter here;
    // pushes, labels, edits and review requests are most of a busy repository's rows.
    .where((eb) => eb.or([eb("kind", "!=", "pull_request"), eb("action", "in", [...LIFECYCLE_ACTIONS])]))
    .execute();
  return rows.map(
    (r): ReviewEvent => ({
      key: r.key,
      installationId: null,
      repoId: Number(r.repo_id),
      repoFullName: r.repo_full_name,
      prId: null,
      prNumber: r.pr_number,
      prAuthor: r.pr_author,
      kind: r.kind as ReviewEvent["kind"],
      action: r.action,
      actorLogin: r.actor_login,
      actorType: r.is_bot === 1 ? "Bot" : "User",
      isBot: r.is_bot === 1,
      isApp: r.is_app === 1,
      githubId: null,
      reviewId: null,
      inReplyToId: null,
      body: null,
      reviewState: r.review_state,
      path: null,
      htmlUrl: null,
      draft: r.draft == null ? null : r.draft === 1,
      requestedReviewers: [],
      subject: null,
      occurredAt: r.occurred_at,
      updatedAt: null,
      deletedAt: r.deleted_at,
    }),
  );
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
