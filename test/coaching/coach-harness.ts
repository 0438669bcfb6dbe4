// A real Probot with the app and a manual settle scheduler, real-shaped payloads with reviewer != PR author,
// and nock helpers for the config file and the installation token.
import { Writable } from "node:stream";
import { expect } from "@jest/globals";
import nock from "nock";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createApp } from "../../src/app.js";
import type { SettleScheduler } from "../../src/coaching/settle-scheduler.js";
import type { Store } from "../../src/store/open-store.js";
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

/** Settle tasks wait here until the test runs them. */
export interface ManualScheduler extends SettleScheduler {
  readonly keys: string[];
  runAll(): Promise<void>;
}

export function manualScheduler(): ManualScheduler {
  const tasks = new Map<string, () => Promise<void>>();
  return {
    get keys() {
      return [...tasks.keys()];
    },
    schedule(key, _delayMs, task) {
      tasks.set(key, task);
    },
    async runAll() {
      const pending = [...tasks.values()];
      tasks.clear();
      for (const task of pending) await task();
    },
  };
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

const key = testPrivateKey();

export interface Harness {
  probot: Probot;
  scheduler: ManualScheduler;
  logs: LogLine[];
  clock: { now: Date };
}

export function coachHarness(store: Store, start = new Date("2026-11-20T10:00:00Z")): Harness {
  const logs: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n"))
        if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const clock = { now: start };
  const scheduler = manualScheduler();
  const probot = new Probot({
    appId: 4242,
    privateKey: key,
    log: pino({ level: "debug" }, stream),
    // A function default: Probot merges its own throttle options over an object default, which left the
    // throttling plugin on (and its 3 s spacing of comment-creating requests slowed every test down).
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
      ...options,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  probot.load(
    createApp({
      store,
      now: () => clock.now,
      identity: { appId: 4242, botLogin: "review-coach[bot]" },
      coaching: { scheduler, settleMs: 1 },
    }),
  );
  return { probot, scheduler, logs, clock };
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

/** Sends a delivery through the real Probot (signature checks are Probot's own business, tested elsewhere). */
export async function deliver(
  probot: Probot,
  name: string,
  id: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await probot.receive({ name, id, payload } as never);
}

/** Delivers a review the way GitHub does: each line comment, then the submitted review. */
export async function deliverReview(
  probot: Probot,
  review: { id: number; body?: string; login?: string; pr?: PrOptions },
  comments: { id: number; body: string; path?: string }[],
): Promise<void> {
  for (const c of comments) {
    await deliver(
      probot,
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
    probot,
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
  const h = coachHarness(store, start);
  nockToken();
  return { store, h };
}

/** Every GitHub call a test set up was made, and nothing leaks into the next test. */
export async function endCoachTest(store: Store): Promise<void> {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
  await store.close();
}
