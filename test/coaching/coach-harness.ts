// The handlers on the path production runs: a real Probot with the app, a SQLite job queue on the test's store (on
// the harness clock, so settle delays and retries wait until a test moves it), deliveries stored as jobs the way the
// webhook receiver stores them, and a wait until no job is due. Real-shaped payloads with reviewer != PR author, and
// nock helpers for the config file and the installation token.
import { Writable } from "node:stream";
import { expect } from "@jest/globals";
import nock from "nock";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import type { SecondOpinionPorts } from "../../src/analysis/second-opinion.js";
import { createApp } from "../../src/app.js";
import { SETTLED_JOB } from "../../src/handlers/delivery-jobs.js";
import type { JobQueue } from "../../src/jobs/job-queue.js";
import { createSqliteJobQueue } from "../../src/jobs/sqlite-job-queue.js";
import type { Store } from "../../src/store/open-store.js";
import { DELIVERY_JOB, enqueueDeliveries } from "../../src/webhooks/delivery-job.js";
import { testPrivateKey } from "../helpers/signed-delivery.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";
import { example } from "../helpers/webhook-examples.js";

export const api = "https://api.github.com";
export const REVIEWER = "octo-reviewer";
export const PR_AUTHOR = "Codertocat";
export const REPO = "/repos/Codertocat/Hello-World";
export const CONFIG_PATH = `${REPO}/contents/.github%2Freview-coach.yml`;
export const ORG_CONFIG_PATH = "/repos/Codertocat/.github/contents/.github%2Freview-coach.yml";
export const HEAD_SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

const key = testPrivateKey();
/** The app's settle delay in these tests; `settle()` moves the clock past it. */
const SETTLE_MS = 60_000;
/** The first retry of a failed delivery job comes 1 to 2 s later (backoff with jitter); `retry()` moves past it. */
const RETRY_DELAY_SECONDS = 1;

export interface Harness {
  probot: Probot;
  jobs: JobQueue;
  /** Where the jobs live: the store itself on SQLite, a SQLite file of their own beside a PostgreSQL store. */
  jobsDb: Store["db"];
  store: Store;
  logs: LogLine[];
  /** The app's and the queue's clock; a test may set it. */
  clock: { now: Date };
  /** Resolves once no job is running or due (jobs waiting for a later time stay queued). */
  idle(): Promise<void>;
  /** Moves the clock past the settle delay and runs the settled evaluations. */
  settle(): Promise<void>;
  /** Moves the clock past a failed job's first retry delay and runs the retry. */
  retry(): Promise<void>;
  /** The reviews with a settled evaluation waiting ("owner/repo#reviewId"). */
  pendingSettles(): Promise<string[]>;
}

export interface HarnessOptions {
  secondOpinion?: SecondOpinionPorts;
  /** Log level of the captured lines (default debug). */
  level?: string;
}

/** Starts the queue; the store's close() stops it first, so a test closes only its store. */
export async function coachHarness(
  store: Store,
  start = new Date("2026-11-20T10:00:00Z"),
  options: HarnessOptions = {},
): Promise<Harness> {
  const logs: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n"))
        if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const clock = { now: start };
  const probot = new Probot({
    appId: 4242,
    privateKey: key,
    log: pino({ level: options.level ?? "debug" }, stream),
    // A function default: Probot merges its own throttle options over an object default, which left the
    // throttling plugin on (and its 3 s spacing of comment-creating requests slowed every test down).
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({
      ...o,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  // The SQLite queue on the test clock, the path production runs on SQLite. A PostgreSQL store's jobs live in a
  // SQLite file of their own: production runs them on pg-boss, whose clock a test cannot move.
  const jobsStore = store.dialect === "sqlite" ? store : await openSqliteTestStore();
  const jobsDb = jobsStore.db;
  const jobs = createSqliteJobQueue(jobsDb, { now: () => clock.now, pollIntervalMs: 5 });
  await probot.load(
    createApp({
      store,
      now: () => clock.now,
      identity: { appId: 4242, botLogin: "review-coach[bot]" },
      jobs,
      jobRetryDelaySeconds: RETRY_DELAY_SECONDS,
      coaching: {
        settleMs: SETTLE_MS,
        ...(options.secondOpinion ? { secondOpinion: options.secondOpinion } : {}),
      },
    }),
  );
  await jobs.start();
  const close = store.close;
  store.close = async () => {
    await jobs.stop({ graceful: false });
    if (jobsStore !== store) await jobsStore.close();
    await close();
  };

  const idle = async (): Promise<void> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { n } = await jobsDb
        .selectFrom("jobs")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where((eb) =>
          eb.or([
            eb("state", "=", "active"),
            eb.and([eb("state", "=", "queued"), eb("run_at", "<=", clock.now.toISOString())]),
          ]),
        )
        .executeTakeFirstOrThrow();
      if (Number(n) === 0) return;
      if (Date.now() > deadline) throw new Error("coach harness: jobs still due after 10 s");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const advance = async (ms: number) => {
    clock.now = new Date(clock.now.getTime() + ms);
    await idle();
  };
  return {
    probot,
    jobs,
    jobsDb,
    store,
    logs,
    clock,
    idle,
    settle: () => advance(SETTLE_MS),
    retry: () => advance(2 * RETRY_DELAY_SECONDS * 1000),
    async pendingSettles() {
      const rows = await jobsDb
        .selectFrom("jobs")
        .select("singleton_key")
        .where("name", "=", SETTLED_JOB)
        .where("state", "=", "queued")
        .execute();
      return rows.map((r) => (r.singleton_key ?? "").split("@")[0] as string);
    },
  };
}

/** The installation token Probot asks for (cached between events, hence optional). */
export function nockToken(): void {
  nock(api)
    .post("/app/installations/1/access_tokens")
    .optionally()
    .times(20)
    .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z", permissions: {} });
}

/** The repo's config file, read once per evaluation (the config plugin asks for the raw file). */
export function nockConfig(yaml: string, times = 1): nock.Scope {
  return nock(api).get(CONFIG_PATH).times(times).reply(200, yaml);
}

export const COACHING_ON = "coaching:\n  enabled: true\n";

interface PrOptions {
  draft?: boolean;
  labels?: string[];
}

function shapePr(payload: Record<string, unknown>, pr: PrOptions): void {
  payload.installation = { id: 1 };
  const p = payload.pull_request as Record<string, unknown>;
  (p.user as Record<string, unknown>).login = PR_AUTHOR;
  p.draft = pr.draft ?? false;
  p.labels = (pr.labels ?? []).map((name, i) => ({ id: i + 1, name, color: "ededed" }));
  ((p.head as Record<string, unknown>).sha as string) = HEAD_SHA;
}

export const commentUrl = (id: number) =>
  `https://github.com/Codertocat/Hello-World/pull/2#discussion_r${id}`;

export function reviewCommentPayload(c: {
  id: number;
  reviewId: number;
  body: string;
  action?: "created" | "edited" | "deleted";
  login?: string;
  path?: string;
  inReplyTo?: number;
  updatedAt?: string;
  pr?: PrOptions;
}): Record<string, unknown> {
  const payload = example("pull_request_review_comment", "created");
  payload.action = c.action ?? "created";
  shapePr(payload, c.pr ?? {});
  const comment = payload.comment as Record<string, unknown>;
  comment.id = c.id;
  comment.pull_request_review_id = c.reviewId;
  comment.body = c.body;
  comment.user = { login: c.login ?? REVIEWER, type: "User" };
  comment.path = c.path ?? "src/capture.ts";
  comment.html_url = commentUrl(c.id);
  comment.created_at = "2026-11-20T09:00:00Z";
  comment.updated_at = c.updatedAt ?? "2026-11-20T09:00:00Z";
  if (c.inReplyTo !== undefined) comment.in_reply_to_id = c.inReplyTo;
  return payload;
}

export const reviewUrl = (id: number) =>
  `https://github.com/Codertocat/Hello-World/pull/2#pullrequestreview-${id}`;

export function submittedReviewPayload(r: {
  id: number;
  body?: string | null;
  login?: string;
  type?: string;
  pr?: PrOptions;
}): Record<string, unknown> {
  const payload = example("pull_request_review", "submitted");
  shapePr(payload, r.pr ?? {});
  const review = payload.review as Record<string, unknown>;
  review.id = r.id;
  review.body = r.body ?? null;
  review.user = { login: r.login ?? REVIEWER, type: r.type ?? "User" };
  review.html_url = reviewUrl(r.id);
  review.submitted_at = "2026-11-20T09:05:00Z";
  return payload;
}

export function prConversationComment(c: {
  id: number;
  body: string;
  login?: string;
}): Record<string, unknown> {
  const payload = example("issue_comment", "created");
  payload.installation = { id: 1 };
  const issue = payload.issue as Record<string, unknown>;
  issue.number = 2;
  issue.pull_request = { url: `https://api.github.com${REPO}/pulls/2` };
  const comment = payload.comment as Record<string, unknown>;
  comment.id = c.id;
  comment.body = c.body;
  comment.user = { login: c.login ?? REVIEWER, type: "User" };
  comment.created_at = "2026-11-20T08:00:00Z";
  comment.updated_at = "2026-11-20T08:00:00Z";
  return payload;
}

/**
 * Stores a delivery as a job, as the webhook receiver does once the signature passed (tested apart), and waits until
 * no job is due. Rejects with the job's error when the delivery's job failed (not an expected retry, such as a nudge
 * lease held by another job) and waits for its retry.
 */
export async function deliver(
  h: Harness,
  name: string,
  id: string,
  payload: Record<string, unknown>,
): Promise<void> {
  const installation = (payload.installation as { id?: number } | undefined)?.id ?? null;
  await enqueueDeliveries(h.jobs, [
    { id, name, installationId: installation, body: JSON.stringify(payload) },
  ]);
  await h.idle();
  const failed = await h.jobsDb
    .selectFrom("jobs")
    .select("last_error")
    .where("name", "=", DELIVERY_JOB)
    .where("singleton_key", "=", id)
    .where("state", "in", ["queued", "dead"])
    .where("attempts", ">", 0)
    .where("last_error", "not like", "ExpectedRetryJobError%")
    .executeTakeFirst();
  if (failed) throw new Error(failed.last_error ?? "the delivery's job failed");
}

/** Delivers a review the way GitHub does: each line comment, then the submitted review. */
export async function deliverReview(
  h: Harness,
  review: { id: number; body?: string; login?: string; pr?: PrOptions },
  comments: { id: number; body: string; path?: string }[],
): Promise<void> {
  for (const c of comments) {
    await deliver(
      h,
      "pull_request_review_comment",
      `c-${c.id}`,
      reviewCommentPayload({
        ...c,
        reviewId: review.id,
        ...(review.login ? { login: review.login } : {}),
        ...(review.pr ? { pr: review.pr } : {}),
      }),
    );
  }
  await deliver(
    h,
    "pull_request_review",
    `r-${review.id}`,
    submittedReviewPayload({
      id: review.id,
      ...(review.body !== undefined ? { body: review.body } : {}),
      ...(review.login ? { login: review.login } : {}),
      ...(review.pr ? { pr: review.pr } : {}),
    }),
  );
}

/** Three corrections that say what, not why: 0 of 3 teach. */
export const CORRECTIONS = [
  { id: 1001, body: "Rename this to `captureWithRetry`." },
  { id: 1002, body: "Remove the sleep." },
  { id: 1003, body: "Use const here." },
];

export const TEACHING = [
  { id: 2001, body: "Rename this to `retryCount`, because `n` hides that it counts retries, not attempts." },
  { id: 2002, body: "What happens if `items` is empty? The loop below would never set `last`." },
  { id: 2003, body: "Please extract this into a helper so that we can test it without the network." },
];

export const HARSH = { id: 3001, body: "Why would you do this?! Just use a map, obviously." };

/** The setup each coaching handler test shares: no real network, a fresh SQLite store, the app, a token. */
export async function startCoachTest(start?: Date): Promise<{ store: Store; h: Harness }> {
  nock.disableNetConnect();
  const store = await openSqliteTestStore();
  const h = await coachHarness(store, start);
  nockToken();
  return { store, h };
}

/** Every GitHub call a test set up was made, and nothing leaks into the next test. */
export async function endCoachTest(store: Store): Promise<void> {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
  await store.close();
}
