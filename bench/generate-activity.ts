// Synthetic review activity for an organisation: PR lifecycles, reviews, comments, bots, several timezones.
// Deterministic for a seed, so benchmark runs compare; reusable by anything that needs a realistic event stream.
import { DateTime } from "luxon";
import { seededRandom } from "../scripts/seeded-random.js";
import type { Tone, Verdict } from "../src/analysis/assessment.js";
import { ReviewWindowsConfig } from "../src/config/schema.js";
import type { CommentAssessment } from "../src/figures/week-metrics.js";
import type { EventKind, ReviewEvent } from "../src/ingest/review-event.js";

export interface GenerateOptions {
  seed?: number;
  people?: number;
  /** ISO week-year whose weeks 1..52 are generated. */
  year?: number;
  /** Mean PRs each person opens per workday. */
  prsPerPersonPerDay?: number;
  repositories?: number;
}

export interface GeneratedActivity {
  events: ReviewEvent[];
  assessments: Map<string, CommentAssessment>;
  config: ReviewWindowsConfig;
  ignoreUsers: string[];
  /** The ISO weeks covered, oldest first. */
  weeks: string[];
  /** A clock just after the last generated week. */
  now: Date;
  people: Array<{ login: string; timezone: string }>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export function generateActivity(options: GenerateOptions = {}): GeneratedActivity {
  const random = seededRandom(options.seed ?? 42);
  const year = options.year ?? 2026;
  const prsPerDay = options.prsPerPersonPerDay ?? 1;
  const repoCount = options.repositories ?? 12;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const between = (min: number, max: number): number => min + random() * (max - min);
  const integer = (min: number, max: number): number => Math.floor(between(min, max + 1));
  /** Log-normal with the given median (hours), for waits and gaps. */
  const lognormalHours = (median: number, sigma: number): number => {
    const u = Math.max(random(), 1e-12);
    const v = random();
    return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  };

  const zones = [
    "Europe/Berlin",
    "Europe/Berlin",
    "Europe/Berlin",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
  ];
  const people = Array.from({ length: options.people ?? 50 }, (_, i) => ({
    login: `dev-${String(i + 1).padStart(2, "0")}`,
    timezone: i < 35 ? "Europe/Berlin" : (zones[4 + (i % 2)] as string),
  }));
  const reviewers: Record<string, { timezone: string }> = {};
  for (const person of people)
    if (person.timezone !== "Europe/Berlin") reviewers[person.login] = { timezone: person.timezone };
  const config = ReviewWindowsConfig.parse({
    timezone: "Europe/Berlin",
    reviewers,
    holidays: [`${year}-05-01`, `${year}-12-25`],
  });
  const ignoreUsers = ["Copilot", "coderabbitai[bot]"];

  /** A local working-day time: mostly office hours, with the evening and early-morning tails real teams have. */
  const localTimeOfDay = (): { hour: number; minute: number } => {
    const r = random();
    const hours = r < 0.8 ? between(8.5, 18.5) : r < 0.95 ? between(18.5, 23.5) : between(6, 8.5);
    return { hour: Math.floor(hours), minute: Math.floor((hours % 1) * 60) };
  };
  /** The first moment at or after `ms` that falls in the person's day (07:00-20:00 local, Mon-Fri, sometimes not). */
  const nextAwake = (ms: number, timezone: string): number => {
    let local = DateTime.fromMillis(ms, { zone: timezone });
    if (random() < 0.08) return ms; // evenings and weekends happen
    for (let i = 0; i < 8; i += 1) {
      const weekend = local.weekday >= 6;
      if (!weekend && local.hour >= 7 && local.hour < 20) return local.toMillis();
      local = (local.hour >= 20 || weekend ? local.plus({ days: 1 }) : local).set(localTimeOfDay());
    }
    return local.toMillis();
  };

  const events: ReviewEvent[] = [];
  const assessments = new Map<string, CommentAssessment>();
  let objectId = 1;
  let prNumber = 1;
  const iso = (ms: number): string => new Date(ms).toISOString();

  const assess = (key: string): void => {
    const r = random();
    const verdict: Verdict = r < 0.38 ? "teaching" : r < 0.75 ? "correcting" : "not-feedback";
    const tone: Tone = random() < 0.03 ? "harsh" : "ok";
    assessments.set(key, { verdict, tone });
  };

  const emitPr = (author: { login: string; timezone: string; bot: boolean }, openedMs: number): void => {
    const number = prNumber++;
    const repoId = 1 + (number % repoCount);
    const base = (
      kind: EventKind,
      action: string,
      actor: string,
      ms: number,
      isBot = false,
    ): ReviewEvent => ({
      key: "",
      installationId: 1,
      repoId,
      repoFullName: `acme/service-${repoId}`,
      prId: number,
      prNumber: number,
      prAuthor: author.login,
      kind,
      action,
      actorLogin: actor,
      actorType: isBot ? "Bot" : "User",
      isBot,
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
      occurredAt: iso(ms),
      updatedAt: null,
      deletedAt: null,
    });
    const lifecycle = (action: string, ms: number, extra: Partial<ReviewEvent> = {}): void => {
      const event = base("pull_request", action, author.login, ms, author.bot);
      events.push({
        ...event,
        ...extra,
        key: `pull_request:${number}:${action}:${event.occurredAt}:${objectId++}`,
      });
    };
    const activity = (
      kind: "review" | "review_comment" | "issue_comment",
      actor: string,
      ms: number,
      extra: Partial<ReviewEvent> = {},
    ): ReviewEvent => {
      const id = objectId++;
      const isBot = actor.endsWith("[bot]");
      const event = {
        ...base(kind, kind === "review" ? "submitted" : "created", actor, ms, isBot),
        key: `${kind}:${id}`,
        githubId: id,
        body: "synthetic",
        ...extra,
      };
      events.push(event);
      if (!isBot) assess(event.key);
      return event;
    };

    const draft = !author.bot && random() < 0.22;
    lifecycle("opened", openedMs, { draft });
    let readyMs = openedMs;
    if (draft) {
      readyMs = nextAwake(openedMs + lognormalHours(6, 1.2) * HOUR, author.timezone);
      // Early feedback on drafts happens (and must not count).
      if (random() < 0.3) activity("issue_comment", pick(people).login, openedMs + between(0.5, 3) * HOUR);
      lifecycle("ready_for_review", readyMs, { draft: false });
    }
    const candidates = people.filter((p) => p.login !== author.login);
    const requested = [pick(candidates), pick(candidates)].slice(0, random() < 0.6 ? 1 : 2);
    for (const reviewer of requested) lifecycle("review_requested", readyMs, { subject: reviewer.login });
    for (let i = integer(0, 3); i > 0; i -= 1) lifecycle("labeled", readyMs + between(0, 2) * HOUR);
    if (random() < 0.5) lifecycle("edited", readyMs + between(0, 24) * HOUR);

    // Bots and AI reviewers answer within minutes (they would zero pickup if counted).
    if (random() < 0.6) activity("review", "coderabbitai[bot]", readyMs + between(2, 8) * MINUTE);
    if (random() < 0.25) activity("review", "Copilot", readyMs + between(1, 5) * MINUTE);
    for (let i = integer(0, 2); i > 0; i -= 1) {
      activity("issue_comment", "github-actions[bot]", readyMs + between(3, 30) * MINUTE);
    }

    let at = readyMs;
    const rounds = author.bot ? (random() < 0.5 ? 1 : 0) : integer(1, 4);
    for (let round = 0; round < rounds; round += 1) {
      const reviewer = random() < 0.75 ? pick(requested) : pick(candidates);
      const submitted = nextAwake(at + lognormalHours(round === 0 ? 3 : 5, 1.1) * HOUR, reviewer.timezone);
      const review = activity("review", reviewer.login, submitted, {
        reviewState: pick(["commented", "commented", "changes_requested", "approved"]),
      });
      for (let c = integer(0, 8); c > 0; c -= 1) {
        const comment = activity("review_comment", reviewer.login, submitted - between(0, 15) * MINUTE, {
          reviewId: review.githubId,
          path: "src/index.ts",
        });
        if (random() < 0.5) {
          activity("review_comment", author.login, submitted + lognormalHours(1.5, 1) * HOUR, {
            inReplyToId: comment.githubId,
            reviewId: null,
          });
        }
      }
      for (let c = integer(0, 2); c > 0; c -= 1) {
        activity(
          "issue_comment",
          pick([reviewer, author, pick(candidates)]).login,
          submitted + between(0, 6) * HOUR,
        );
      }
      for (let s = integer(2, 6); s > 0; s -= 1) lifecycle("synchronize", submitted + between(0.2, 8) * HOUR);
      if (round + 1 < rounds && random() < 0.5) {
        lifecycle("review_requested", submitted + between(1, 8) * HOUR, { subject: reviewer.login });
      }
      at = submitted + between(0.5, 10) * HOUR;
    }
    const outcome = random();
    if (outcome < 0.04) return; // still open
    const closedMs = at + lognormalHours(3, 1) * HOUR;
    lifecycle("closed", closedMs);
    if (outcome < 0.07) {
      const reopenedMs = closedMs + lognormalHours(24, 1) * HOUR;
      lifecycle("reopened", reopenedMs, { draft: false });
      const reviewer = pick(candidates);
      activity(
        "review",
        reviewer.login,
        nextAwake(reopenedMs + lognormalHours(4, 1) * HOUR, reviewer.timezone),
      );
      lifecycle("closed", reopenedMs + lognormalHours(30, 0.5) * HOUR);
    }
  };

  const firstMonday = DateTime.fromObject({ weekYear: year, weekNumber: 1, weekday: 1 }, { zone: "UTC" });
  for (let day = 0; day < 52 * 7; day += 1) {
    const date = firstMonday.plus({ days: day });
    if (date.weekday >= 6) continue;
    for (const person of people) {
      let count = 0;
      // Poisson-ish: one Bernoulli trial per 0.25 of the daily mean.
      for (let trial = 0; trial < 4; trial += 1) if (random() < prsPerDay / 4) count += 1;
      for (let i = 0; i < count; i += 1) {
        const local = DateTime.fromObject(
          { year: date.year, month: date.month, day: date.day, ...localTimeOfDay() },
          { zone: person.timezone },
        );
        emitPr({ ...person, bot: false }, local.toMillis() + Math.floor(random() * MINUTE));
      }
    }
    if (random() < 0.5) {
      emitPr({ login: "dependabot[bot]", timezone: "UTC", bot: true }, date.set({ hour: 6 }).toMillis());
    }
  }

  const weeks = Array.from({ length: 52 }, (_, i) => `${year}-W${String(i + 1).padStart(2, "0")}`);
  const now = firstMonday.plus({ weeks: 52, days: 1 }).toJSDate();
  return { events, assessments, config, ignoreUsers, weeks, now, people };
}
