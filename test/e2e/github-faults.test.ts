// GitHub misbehaving while the app coaches: errors, rate limits, missing permissions, slowness. One nudge, never two.
import { afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import type { Envelope } from "../../scripts/demo/build-scenario.js";
import { nudgeMarker } from "../../src/coaching/render-text.js";
import { isOptedOut } from "../../src/store/opt-outs-repository.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";
import {
  DEMO_REPO,
  deliverAll,
  type E2e,
  healthz,
  isAck,
  loopbackOnly,
  restoreNet,
  scenario,
  startE2e,
} from "./e2e-stack.js";

const sqlite = { name: "sqlite" as const, open: openSqliteTestStore };
const prOf = (e: Envelope) =>
  ((e.payload.pull_request ?? e.payload.issue) as { number: number } | undefined)?.number;

describe("the real server when GitHub misbehaves", () => {
  const envelopes = scenario();
  const submitted101 = envelopes.find(
    (e) => e.event === "pull_request_review" && prOf(e) === 101,
  ) as Envelope;
  /** PR #101 up to bob's submitted review: bare corrections that get a nudge. */
  const review101 = envelopes.slice(0, envelopes.indexOf(submitted101) + 1);
  const NUDGE_PATH = "/repos/acme/payments/issues/101/comments";
  let e2e: E2e | undefined;

  beforeAll(loopbackOnly);
  afterEach(async () => {
    await e2e?.close();
    e2e = undefined;
    restoreNet();
    loopbackOnly();
  });

  const nudgesOn101 = () =>
    (e2e?.stack.fake.appComments(DEMO_REPO) ?? []).filter(
      (c) => c.issueNumber === 101 && c.body.includes(nudgeMarker(770001)),
    );

  it("posts one nudge when GitHub answers 500 once before creating it", async () => {
    e2e = await startE2e(sqlite);
    e2e.stack.fake.failNext({ method: "POST", path: NUDGE_PATH }, 500, 1);

    const answers = await deliverAll(e2e.stack, review101);

    expect(answers.every(isAck)).toBe(true);
    expect(nudgesOn101()).toHaveLength(1);
    expect(e2e.stack.fake.requestsTo("POST", NUDGE_PATH).map((r) => r.status)).toEqual([500, 201]);
  }, 30_000);

  it("posts one nudge when GitHub rate-limits with 429 and retry-after", async () => {
    e2e = await startE2e(sqlite);
    e2e.stack.fake.failNext({ method: "POST", path: NUDGE_PATH }, 429, 1, { retryAfterSeconds: 1 });

    const answers = await deliverAll(e2e.stack, review101);

    expect(answers.every(isAck)).toBe(true);
    expect(nudgesOn101()).toHaveLength(1);
    const attempts = e2e.stack.fake.requestsTo("POST", NUDGE_PATH);
    expect(attempts.map((r) => r.status)).toEqual([429, 201]);
    // The throttling plugin waited as told before trying again.
    expect((attempts[1]?.startedAt ?? 0) - (attempts[0]?.finishedAt ?? 0)).toBeGreaterThanOrEqual(900);
  }, 30_000);

  it("posts one nudge when the installation's hourly limit is used up until it resets", async () => {
    e2e = await startE2e(sqlite);
    e2e.stack.fake.failNext({ method: "GET", path: "/contents/" }, 403, 1, {
      rateLimit: true,
      retryAfterSeconds: 1,
    });

    const answers = await deliverAll(e2e.stack, review101);

    expect(answers.every(isAck)).toBe(true);
    expect(nudgesOn101()).toHaveLength(1);
  }, 30_000);

  it("still coaches when every GitHub call takes 150 ms, and acknowledges within GitHub's 10 s", async () => {
    e2e = await startE2e(sqlite, { fake: { latencyMs: 150 } });

    const answers = await deliverAll(e2e.stack, review101);

    // 202 would mean Probot's 9 s "still processing" answer: GitHub's timeout was nearly reached.
    expect(answers.map((a) => a.status)).toEqual(review101.map(() => 200));
    expect(nudgesOn101()).toHaveLength(1);
  }, 30_000);

  it("keeps a reviewer's /review-coach off when GitHub refuses the 👍 (404)", async () => {
    e2e = await startE2e(sqlite);
    const command = envelopes.find(
      (e) =>
        e.event === "issue_comment" && (e.payload.comment as { body: string }).body === "/review-coach off",
    ) as Envelope;
    e2e.stack.fake.failNext({ method: "POST", path: "/reactions" }, 404, 1);

    const answers = await deliverAll(e2e.stack, envelopes.slice(0, envelopes.indexOf(command) + 1));

    expect(answers.every(isAck)).toBe(true);
    expect(await isOptedOut(e2e.store.db, 777001, "bob")).toBe(true);
    expect(e2e.stack.fake.reactions(DEMO_REPO)).toEqual([]);
  }, 30_000);

  it("retries the nudge as a job when GitHub keeps failing, and posts it once", async () => {
    e2e = await startE2e(sqlite);
    // Creates are not retried by the client (GitHub may have done the work): the job is retried instead.
    e2e.stack.fake.failNext({ method: "POST", path: NUDGE_PATH }, 502, 2);

    const answers = await deliverAll(e2e.stack, review101);
    await e2e.stack.settle({ quietMs: 300, timeoutMs: 30_000 });

    expect(answers.every(isAck)).toBe(true);
    expect(e2e.stack.fake.requestsTo("POST", NUDGE_PATH).map((r) => r.status)).toEqual([502, 502, 201]);
    expect(nudgesOn101()).toHaveLength(1);
  }, 45_000);

  it("posts no second nudge when GitHub created the comment but answered 502", async () => {
    e2e = await startE2e(sqlite);
    e2e.stack.fake.failNext({ method: "POST", path: NUDGE_PATH }, 502, 1, { afterHandling: true });

    await deliverAll(e2e.stack, review101);
    await e2e.stack.settle({ quietMs: 300, timeoutMs: 30_000 });

    expect(nudgesOn101()).toHaveLength(1);
  }, 45_000);

  it("dead-letters a delivery's job with its reason once retries are exhausted, and stays healthy", async () => {
    e2e = await startE2e(sqlite);
    e2e.stack.fake.failNext({ method: "POST", path: NUDGE_PATH }, 500, 100);

    await deliverAll(e2e.stack, review101);
    await e2e.stack.settle({ quietMs: 300, timeoutMs: 60_000 });

    const stats = await e2e.stack.app.jobs.stats();
    const deliveries = stats.queues.find((q) => q.name === "process-delivery");
    expect(deliveries?.dead).toBe(1);
    // Its last attempt failed on GitHub's 500, or found the review's other evaluation (the comments' settle job,
    // failing on the same 500) holding the nudge lease: either way the reason says why.
    expect(deliveries?.lastError?.message).toMatch(/GitHub answered 500|lease held/);
    expect(nudgesOn101()).toEqual([]);
    expect(await healthz(e2e.stack)).toBe(200);
  }, 90_000);
});
