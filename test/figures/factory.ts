// Builds ReviewEvents and metric inputs for the metrics tests: one PR at a time, times written in a local zone.
import { DateTime } from "luxon";
import type { Tone, Verdict } from "../../src/analysis/assessment.js";
import { ReviewWindowsConfig } from "../../src/config/schema.js";
import type { WeekMetricsInput } from "../../src/figures/week-metrics.js";
import type { EventKind, ReviewEvent } from "../../src/ingest/review-event.js";

/** "2026-11-20 16:00" in the zone (Berlin unless told) → ISO 8601 UTC. */
export function at(local: string, zone = "Europe/Berlin"): string {
  const time = DateTime.fromFormat(local, "yyyy-MM-dd HH:mm", { zone });
  if (!time.isValid) throw new Error(`bad test time ${local}`);
  return time.toUTC().toISO() as string;
}

export function windowsConfig(overrides: Partial<ReviewWindowsConfig> = {}): ReviewWindowsConfig {
  return ReviewWindowsConfig.parse({ timezone: "Europe/Berlin", ...overrides });
}

let nextId = 1;

export interface ActivityOptions {
  id?: number;
  isBot?: boolean;
  isApp?: boolean;
  /** The payload's draft flag (used only when the PR's lifecycle is unknown). */
  draft?: boolean | null;
  deletedAt?: string | null;
  reviewState?: string;
}

/** Event builders for PR `number` of `author` in `repo`. */
export function pr(number: number, author = "ana", repo = { id: 1, fullName: "acme/app" }) {
  const base = (kind: EventKind, action: string, occurredAt: string): ReviewEvent => ({
    key: "",
    installationId: 1,
    repoId: repo.id,
    repoFullName: repo.fullName,
    prId: repo.id * 100_000 + number,
    prNumber: number,
    prAuthor: author,
    kind,
    action,
    actorLogin: author,
    actorType: "User",
    isBot: false,
    isApp: false,
    githubId: null,
    reviewId: null,
    inReplyToId: null,
    body: null,
    reviewState: null,
    path: null,
    htmlUrl: null,
    draft: null,
    requestedReviewers: [],
    subject: null,
    occurredAt,
    updatedAt: null,
    deletedAt: null,
  });
  const lifecycle = (action: string, occurredAt: string, extra: Partial<ReviewEvent> = {}): ReviewEvent => ({
    ...base("pull_request", action, occurredAt),
    key: `pull_request:${number}:${action}:${occurredAt}${extra.subject ? `:${extra.subject}` : ""}`,
    ...extra,
  });
  const activity =
    (kind: "review" | "review_comment" | "issue_comment", action: string) =>
    (actor: string, occurredAt: string, options: ActivityOptions = {}): ReviewEvent => {
      const id = options.id ?? nextId++;
      return {
        ...base(kind, action, occurredAt),
        key: `${kind}:${id}`,
        githubId: id,
        actorLogin: actor,
        actorType: options.isBot ? "Bot" : "User",
        isBot: options.isBot ?? false,
        isApp: options.isApp ?? false,
        body: "a comment",
        reviewState: kind === "review" ? (options.reviewState ?? "commented") : null,
        draft: options.draft ?? null,
        deletedAt: options.deletedAt ?? null,
      };
    };
  return {
    opened: (occurredAt: string, options: { draft?: boolean; isBot?: boolean } = {}) =>
      lifecycle("opened", occurredAt, { draft: options.draft ?? false, isBot: options.isBot ?? false }),
    readyForReview: (occurredAt: string) => lifecycle("ready_for_review", occurredAt, { draft: false }),
    convertedToDraft: (occurredAt: string) => lifecycle("converted_to_draft", occurredAt, { draft: true }),
    closed: (occurredAt: string) => lifecycle("closed", occurredAt),
    reopened: (occurredAt: string, options: { draft?: boolean } = {}) =>
      lifecycle("reopened", occurredAt, { draft: options.draft ?? false }),
    reviewRequested: (occurredAt: string, reviewer: string) =>
      lifecycle("review_requested", occurredAt, { subject: reviewer, requestedReviewers: [reviewer] }),
    review: activity("review", "submitted"),
    reviewComment: activity("review_comment", "created"),
    comment: activity("issue_comment", "created"),
  };
}

export function assessed(entries: Array<[key: string, verdict: Verdict, tone?: Tone]>) {
  return new Map(entries.map(([key, verdict, tone]) => [key, { verdict, tone: tone ?? "ok" }]));
}

export function input(
  week: string,
  events: ReviewEvent[],
  options: Partial<Omit<WeekMetricsInput, "week" | "events">> = {},
): WeekMetricsInput {
  return {
    week,
    events,
    assessments: options.assessments ?? new Map(),
    config: options.config ?? windowsConfig(),
    ignoreUsers: options.ignoreUsers ?? ["Copilot"],
    now: options.now ?? new Date("2027-01-31T00:00:00Z"),
  };
}
