import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { getDecision } from "../../src/store/coaching-decisions-repository.js";
import { getNudge } from "../../src/store/nudges-repository.js";
import type { Store } from "../../src/store/open-store.js";
import {
  api,
  COACHING_ON,
  CONFIG_PATH,
  CORRECTIONS,
  coachHarness,
  commentUrl,
  deliver,
  deliverReview,
  HARSH,
  type Harness,
  nockConfig,
  nockToken,
  ORG_CONFIG_PATH,
  REPO,
  REVIEWER,
  reviewCommentPayload,
  reviewUrl,
  TEACHING,
} from "../coaching/coach-harness.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";

const RUBRIC = "https://github.com/review-coach/review-coach#how-comments-are-assessed";
const key = (reviewId: number) => ({ repoFullName: "Codertocat/Hello-World", reviewId });

describe("coaching nudges in summary mode", () => {
  let store: Store;
  let h: Harness;

  beforeEach(async () => {
    nock.disableNetConnect();
    store = await openSqliteTestStore();
    h = await coachHarness(store);
    nockToken();
  });
  afterEach(async () => {
    // Every reply a test registered was asked for (the token is optional: Probot caches it).
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
    await store.close();
  });

  it("posts one nudge to the reviewer naming each comment that could teach more, with a rewrite and a link", async () => {
    // Arrange
    const posted: string[] = [];
    const config = nockConfig(COACHING_ON);
    const github = nock(api)
      .post(`${REPO}/issues/2/comments`, (body: { body: string }) => {
        posted.push(body.body);
        return true;
      })
      .reply(201, { id: 9001 });

    // Act
    await deliverReview(h, { id: 500 }, [...CORRECTIONS.slice(0, 2), TEACHING[0] as (typeof TEACHING)[0]]);

    // Assert
    expect(config.isDone()).toBe(true);
    expect(github.isDone()).toBe(true);
    const body = posted[0] ?? "";
    expect(body).toContain("<!-- review-coach:nudge review=500 -->");
    expect(body).toContain(`@${REVIEWER}`);
    expect(body).toContain(`[your review](${reviewUrl(500)})`);
    expect(body).toContain(`(${commentUrl(1001)}): “Rename this to \`captureWithRetry\`.”`);
    expect(body).toContain(`(${commentUrl(1002)}): “Remove the sleep.”`);
    expect(body).toContain("→ *Try:* “Could we rename this to `captureWithRetry`?");
    expect(body).toContain("→ *Try:* “Could we remove the sleep?");
    expect(body).toContain(`✨ Already teaching: [this comment](${commentUrl(2001)}) explains its *why*`);
    expect(body).toContain(RUBRIC);
    expect(body).toContain("`/review-coach off`");
    expect(body.length).toBeLessThan(65_536);

    expect(await getNudge(store.db, key(500))).toMatchObject({
      status: "posted",
      targetId: 9001,
      mode: "summary",
    });
    expect(await getDecision(store.db, key(500))).toMatchObject({
      outcome: "nudged",
      reason: "low-teaching-ratio",
      feedback: 3,
      teaching: 1,
      correcting: 2,
      listed: 2,
    });
  });

  it("skips a review with fewer feedback comments than min_comments", async () => {
    const config = nockConfig("coaching:\n  min_comments: 3\n");
    await deliverReview(h, { id: 501 }, CORRECTIONS.slice(0, 2));
    expect(config.isDone()).toBe(true);
    expect(await getDecision(store.db, key(501))).toMatchObject({
      outcome: "skipped",
      reason: "below-min-comments",
    });
    expect(await getNudge(store.db, key(501))).toBeUndefined();
  });

  it("skips a review whose teaching ratio is at or above the threshold", async () => {
    const config = nockConfig("coaching:\n  teaching_ratio_threshold: 0.5\n");
    await deliverReview(h, { id: 502 }, [CORRECTIONS[0], TEACHING[0]] as typeof CORRECTIONS);
    expect(config.isDone()).toBe(true);
    expect(await getDecision(store.db, key(502))).toMatchObject({
      outcome: "skipped",
      reason: "ratio-ok",
      ratio: 0.5,
    });
  });

  it("flags a harsh comment even when the ratio is fine, naming only its harsh words, never quoting it whole", async () => {
    const posted: string[] = [];
    nockConfig(COACHING_ON);
    const github = nock(api)
      .post(`${REPO}/issues/2/comments`, (body: { body: string }) => posted.push(body.body) > 0)
      .reply(201, { id: 9002 });

    await deliverReview(h, { id: 503 }, [TEACHING[0], TEACHING[1], HARSH] as typeof CORRECTIONS);

    expect(github.isDone()).toBe(true);
    const body = posted[0] ?? "";
    expect(body).toContain(`[One comment](${commentUrl(3001)}) may land harder than intended.`);
    expect(body).toContain("“Why would you” can read as a verdict on the person rather than the code");
    expect(body).toContain("The same remark without them: “Could we use a map?”");
    expect(body).not.toContain("obviously");
    expect(body).not.toContain("could teach more");
    expect(await getDecision(store.db, key(503))).toMatchObject({
      outcome: "nudged",
      reason: "harsh-tone",
      harsh: 1,
    });
  });

  it("observes a repository without a config file: records the decision, posts nothing", async () => {
    const config = nock(api).get(CONFIG_PATH).reply(404).get(ORG_CONFIG_PATH).reply(404);
    await deliverReview(h, { id: 504 }, CORRECTIONS);
    expect(config.isDone()).toBe(true);
    expect(await getDecision(store.db, key(504))).toMatchObject({
      outcome: "skipped",
      reason: "not-configured",
    });
  });

  it("never coaches a bot's review and does not even read the config for it", async () => {
    await deliverReview(h, { id: 505, login: "coderabbitai[bot]" }, CORRECTIONS);
    expect(await getDecision(store.db, key(505))).toBeUndefined();
  });

  it("skips drafts, ignored labels, ignored users and PRs opened before activated_at", async () => {
    // nock answers in the order the replies were registered: one config per review below.
    const configs = [
      nockConfig('coaching:\n  activated_at: "2030-01-01"\n'),
      nockConfig(COACHING_ON, 2),
      nockConfig('coaching:\n  ignore_users: ["octo-lead"]\n'),
    ];
    await deliverReview(h, { id: 510 }, CORRECTIONS);
    await deliverReview(h, { id: 511, pr: { draft: true } }, CORRECTIONS);
    await deliverReview(h, { id: 512, pr: { labels: ["no-coach"] } }, CORRECTIONS);
    await deliverReview(h, { id: 513, login: "Octo-Lead" }, CORRECTIONS);

    for (const scope of configs) expect(scope.isDone()).toBe(true);
    const reasons = [];
    for (const id of [510, 511, 512, 513]) reasons.push((await getDecision(store.db, key(id)))?.reason);
    expect(reasons).toEqual(["before-activation", "draft", "ignored-label", "ignored-user"]);
  });

  it("leaves comments on ignored paths out of the count", async () => {
    nockConfig('coaching:\n  ignore_paths: ["**/*.lock"]\n');
    await deliverReview(
      h,
      { id: 520 },
      CORRECTIONS.map((c, i) => ({ ...c, path: i === 0 ? "src/a.ts" : "deps/yarn.lock" })),
    );
    expect(await getDecision(store.db, key(520))).toMatchObject({
      reason: "below-min-comments",
      feedback: 1,
    });
  });

  it("evaluates a single comment outside a submitted review once its deliveries settle", async () => {
    const posted: string[] = [];
    nockConfig("coaching:\n  min_comments: 1\n");
    const github = nock(api)
      .post(`${REPO}/issues/2/comments`, (body: { body: string }) => posted.push(body.body) > 0)
      .reply(201, { id: 9003 });

    await deliver(
      h,
      "pull_request_review_comment",
      "single",
      reviewCommentPayload({ ...HARSH, reviewId: 530 }),
    );
    expect(github.isDone()).toBe(false);
    expect(await h.pendingSettles()).toEqual(["Codertocat/Hello-World#530"]);
    await h.settle();

    expect(github.isDone()).toBe(true);
    expect(posted[0]).toContain("may land harder than intended");
  });

  it("never schedules anything for the PR author's own replies", async () => {
    await deliver(
      h,
      "pull_request_review_comment",
      "author-reply",
      reviewCommentPayload({ id: 540, reviewId: 541, body: "Done.", login: "Codertocat", inReplyTo: 1001 }),
    );
    expect(await h.pendingSettles()).toEqual([]);
  });

  it("logs decisions at debug with reason codes and never a comment body at info", async () => {
    nockConfig(COACHING_ON);
    nock(api).post(`${REPO}/issues/2/comments`).reply(201, { id: 9004 });
    await deliverReview(h, { id: 550 }, CORRECTIONS);

    const shown = h.logs.find((l) => l.msg === "coaching nudge shown");
    expect(shown).toMatchObject({ reason: "low-teaching-ratio", outcome: "nudged", review: 550 });
    const info = h.logs.filter((l) => l.level >= 30).map((l) => JSON.stringify(l));
    for (const c of CORRECTIONS) expect(info.join("\n")).not.toContain(c.body);
  });
});
