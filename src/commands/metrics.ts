// `review-coach metrics --repo OWNER/NAME --week 2026-W47`: the week's figures for the team and each reviewer.
import { readFile } from "node:fs/promises";
import { formatProblems } from "../config/format-problems.js";
import { parseConfigText } from "../config/parse-config-text.js";
import { defaultConfig, type RepoConfig } from "../config/schema.js";
import { loadMetricsInput } from "../digest/load-metrics-input.js";
import { weekSpan } from "../digest/render-digest.js";
import { formatFigure, formatHours } from "../digest/render-figures.js";
import { computeWeekMetrics } from "../figures/compute-weeks.js";
import { weekBounds } from "../figures/iso-week.js";
import {
  METRIC_KEYS,
  type MetricSet,
  type WeekMetrics,
  WINDOW_FIGURE_KEYS,
  type WindowFigures,
} from "../figures/week-metrics.js";
import type { Store } from "../store/open-store.js";
import { getRepoConfig } from "../store/repo-configs-repository.js";
import type { CommandIo } from "./io.js";

export interface MetricsCommandOptions {
  repo: string;
  week: string;
  /** A review-coach.yml to use instead of the stored config. */
  config?: string | undefined;
  json?: boolean | undefined;
}

/**
 * Exit codes: 0 printed (a repository with nothing stored prints empty figures, and says so on stderr), 1 the config
 * file is invalid, 2 a bad argument (repository, week, unreadable file).
 */
export async function printMetrics(
  store: Store,
  options: MetricsCommandOptions,
  io: CommandIo,
  now: () => Date = () => new Date(),
): Promise<number> {
  const repo = checkRepoAndWeek(options, io, "metrics");
  if (repo === null) return 2;
  const resolved = await resolveCommandConfig(store, repo, options.config);
  if (!resolved.ok) {
    io.err(resolved.message);
    return resolved.exitCode;
  }
  const { config } = resolved;
  const timezone = config.review_windows.timezone;
  if (!checkWeek(options.week, timezone, io, "metrics")) return 2;

  await warnIfNothingStored(store, repo, io, "metrics");
  const loaded = await loadMetricsInput(store.db, {
    repos: [repo],
    firstWeek: options.week,
    lastWeek: options.week,
    timezone,
  });
  const metrics = computeWeekMetrics({
    week: options.week,
    events: loaded.events,
    assessments: loaded.verdicts,
    config: config.review_windows,
    ignoreUsers: config.coaching.ignore_users,
    now: now(),
  });

  if (options.json) {
    io.out(JSON.stringify(metricsJson(metrics)));
    return 0;
  }
  printTable(io, repo, metrics, config, resolved.source);
  return 0;
}

/**
 * The --json shape: exactly the MetricSet keys, then the next-window keys (docs/metrics.md), null where there is
 * nothing to measure (JSON has no NaN).
 */
export function metricsJson(metrics: WeekMetrics): {
  week: string;
  team: MetricSet & WindowFigures;
  reviewers: Record<string, MetricSet & WindowFigures>;
} {
  const windows = metrics.windowFigures;
  return {
    week: metrics.week,
    team: { ...pickFigures(metrics.team), ...pickWindowFigures(windows?.team) },
    reviewers: Object.fromEntries(
      Object.entries(metrics.reviewers).map(([login, figures]) => [
        login,
        { ...pickFigures(figures), ...pickWindowFigures(windows?.reviewers[login]) },
      ]),
    ),
  };
}

function pickWindowFigures(figures: WindowFigures | undefined): WindowFigures {
  const picked = {} as Record<keyof WindowFigures, number | null>;
  for (const key of WINDOW_FIGURE_KEYS) {
    const value = figures?.[key];
    picked[key] = typeof value === "number" && Number.isFinite(value) ? value : null;
  }
  return picked;
}

function pickFigures(figures: MetricSet): MetricSet {
  const picked = {} as Record<keyof MetricSet, number | null>;
  for (const key of METRIC_KEYS) {
    const value = figures[key];
    picked[key] = typeof value === "number" && Number.isFinite(value) ? value : null;
  }
  return picked;
}

export type CommandConfig =
  | { ok: true; config: RepoConfig; source: string }
  | { ok: false; exitCode: number; message: string };

/** The config a command runs with: the file given, else the repository's stored config, else the defaults. */
export async function resolveCommandConfig(
  store: Store,
  repo: string,
  file: string | undefined,
): Promise<CommandConfig> {
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return {
        ok: false,
        exitCode: 2,
        message: `review-coach: cannot read ${file}: ${code === "ENOENT" ? "no such file" : String(code ?? error)}`,
      };
    }
    const parsed = parseConfigText(text, file);
    if (!parsed.ok)
      return { ok: false, exitCode: 1, message: formatProblems(parsed.source, parsed.problems) };
    return { ok: true, config: parsed.config, source: file };
  }
  const stored = await getRepoConfig(store.db, repo);
  if (stored !== undefined) {
    return { ok: true, config: stored.config, source: `${repo}'s stored config (${stored.status})` };
  }
  return { ok: true, config: defaultConfig(), source: "defaults (no config stored for this repository)" };
}

/**
 * The arguments a store is not needed to check, checked before one is opened: the repository's form and the week's
 * (a week that exists in one timezone exists in all). Returns the repository, or null after saying what is wrong.
 */
export function checkRepoAndWeek(
  options: { repo: string; week: string },
  io: CommandIo,
  command: string,
): string | null {
  const repo = checkRepo(options.repo, io, command);
  if (repo === null || !checkWeek(options.week, "UTC", io, command)) return null;
  return repo;
}

/**
 * A repository with no event stored is most often a typo in --repo or --db: its figures would all be empty, so say
 * so on stderr (stdout keeps the figures, and --json stays one JSON object).
 */
export async function warnIfNothingStored(
  store: Store,
  repo: string,
  io: CommandIo,
  command: string,
): Promise<void> {
  const any = await store.db
    .selectFrom("events")
    .select("key")
    .where("repo_full_name", "=", repo)
    .limit(1)
    .executeTakeFirst();
  if (any === undefined)
    io.err(
      `review-coach ${command}: no activity stored for ${repo} in ${store.location}; ` +
        "check --repo (OWNER/NAME as on GitHub) and --db",
    );
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export function checkRepo(repo: string, io: CommandIo, command: string): string | null {
  if (REPO.test(repo)) return repo;
  io.err(
    `review-coach ${command}: --repo "${repo}" is not a repository; expected OWNER/NAME such as acme/app`,
  );
  return null;
}

export function checkWeek(week: string, timezone: string, io: CommandIo, command: string): boolean {
  try {
    weekBounds(week, timezone);
    return true;
  } catch {
    io.err(
      `review-coach ${command}: --week "${week}" is not an ISO week; expected YYYY-Www such as 2026-W47 ` +
        "(weeks run Monday to Sunday in the team timezone)",
    );
    return false;
  }
}

const LABELS: Record<keyof MetricSet, string> = {
  reviewSessions: "review sessions",
  inWindowShare: "in-window share",
  interruptionsPerWorkday: "interruptions per workday",
  prsPerSession: "PRs per session",
  pickupP50Hours: "pickup p50, business hours",
  pickupP90Hours: "pickup p90, business hours",
  targetBreaches: "target breaches",
  teachingRatio: "teaching ratio",
  harshComments: "harsh comments",
  feedbackComments: "feedback comments",
};

const UNITS: Record<keyof MetricSet, "count" | "percent" | "decimal" | "hours"> = {
  reviewSessions: "count",
  inWindowShare: "percent",
  interruptionsPerWorkday: "decimal",
  prsPerSession: "decimal",
  pickupP50Hours: "hours",
  pickupP90Hours: "hours",
  targetBreaches: "count",
  teachingRatio: "percent",
  harshComments: "count",
  feedbackComments: "count",
};

const SHORT: Record<keyof MetricSet, string> = {
  reviewSessions: "sessions",
  inWindowShare: "in-window",
  interruptionsPerWorkday: "interrupt/day",
  prsPerSession: "PRs/session",
  pickupP50Hours: "pickup p50",
  pickupP90Hours: "pickup p90",
  targetBreaches: "breaches",
  teachingRatio: "teaching",
  harshComments: "harsh",
  feedbackComments: "feedback",
};

function printTable(io: CommandIo, repo: string, m: WeekMetrics, config: RepoConfig, source: string): void {
  const rules = config.review_windows;
  io.out(`${repo} · ${m.week} (${weekSpan(m.start, m.end)}, ${rules.timezone})`);
  io.out(`config: ${source}`);
  io.out("");
  io.out("team");
  const width = Math.max(...METRIC_KEYS.map((key) => LABELS[key].length));
  for (const key of METRIC_KEYS) {
    let value = formatFigure(m.team[key], UNITS[key]);
    if (key === "pickupP50Hours" && m.teamExtras.pickupP50WallClockHours !== null)
      value += `  (wall-clock ${formatHours(m.teamExtras.pickupP50WallClockHours)})`;
    if (key === "pickupP90Hours" && m.teamExtras.pickupP90WallClockHours !== null)
      value += `  (wall-clock ${formatHours(m.teamExtras.pickupP90WallClockHours)})`;
    if (key === "targetBreaches") value += `  (target ${formatHours(rules.first_review_target_hours)})`;
    io.out(`  ${LABELS[key].padEnd(width)}  ${value}`);
  }
  const x = m.excluded;
  io.out(
    `  first reviews ${m.teamExtras.pickups} · still waiting at week end ${m.openEnded.length} · left out: ` +
      `${x.botEvents} by bots, ${x.selfReviews} self-reviews, ${x.draftActivities} on drafts, ${x.ignoredUsers} by ignored users`,
  );

  const w = m.windowFigures?.team;
  if (w !== undefined) {
    // docs/metrics.md, "Next-window figures".
    const minutes = w.windowSlipMinutes === null ? "–" : `${Math.round(w.windowSlipMinutes)} min`;
    io.out(
      `  next-window hit rate ${formatFigure(w.nextWindowHitRate, "percent")} · window slip ${minutes} · ` +
        `batching bound ${formatFigure(w.batchingBoundHours, "hours")} · ` +
        `batching-attributable wait p50 ${formatFigure(w.batchingWaitP50Hours, "hours")}`,
    );
  }

  const logins = Object.keys(m.reviewers);
  io.out("");
  if (logins.length === 0) {
    io.out("no reviewer activity this week");
    return;
  }
  io.out("per reviewer");
  const header = ["reviewer", ...METRIC_KEYS.map((key) => SHORT[key])];
  const rows = logins.map((login) => {
    const figures = m.reviewers[login] as MetricSet;
    return [login, ...METRIC_KEYS.map((key) => formatFigure(figures[key], UNITS[key]))];
  });
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ")}`;
  io.out(line(header));
  for (const row of rows) io.out(line(row));
}
