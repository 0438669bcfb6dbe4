import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { getDecision } from "../../src/store/coaching-decisions-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { isOptedOut } from "../../src/store/opt-outs-repository.js";
import {
  api,
  COACHING_ON,
  CORRECTIONS,
  deliver,
  deliverReview,
  endCoachTest,
  type Harness,
  nockConfig,
  prConversationComment,
  REPO,
  REVIEWER,
  reviewCommentPayload,
  startCoachTest,
} from "../coaching/coach-harness.js";

describe("/review-coach off and on", () => {
  let store: Store;
  let h: Harness;

  beforeEach(async () => {
    ({ store, h } = await startCoachTest());
  });
  afterEach(() => endCoachTest(store));

  it("opts a reviewer out with a PR comment, confirms with 👍, and stops nudging them", async () => {
    const reaction = nock(api)
      .post(`${REPO}/issues/comments/7001/reactions`, { content: "+1" })
      .reply(201, { id: 1, content: "+1" });
    nockConfig(COACHING_ON);

    await deliver(
      h,
      "issue_comment",
      "cmd-off",
      prConversationComment({ id: 7001, body: "/review-coach off" }),
    );
    await deliverReview(h, { id: 1100 }, CORRECTIONS);

    expect(reaction.isDone()).toBe(true);
    expect(await isOptedOut(store.db, 1, REVIEWER)).toBe(true);
    const d = await getDecision(store.db, { repoFullName: "Codertocat/Hello-World", reviewId: 1100 });
    expect(d).toMatchObject({ outcome: "skipped", reason: "opted-out" });
  });

  it("opts back in with /review-coach on, also accepted in a review comment", async () => {
    nock(api)
      .post(`${REPO}/issues/comments/7001/reactions`)
      .reply(201, {})
      .post(`${REPO}/pulls/comments/7002/reactions`, { content: "+1" })
      .reply(201, {});
    nockConfig(COACHING_ON);
    const post = nock(api).post(`${REPO}/issues/2/comments`).reply(201, { id: 9500 });

    await deliver(
      h,
      "issue_comment",
      "cmd-off",
      prConversationComment({ id: 7001, body: "/review-coach off" }),
    );
    const on = reviewCommentPayload({
      id: 7002,
      reviewId: 1199,
      body: "Thanks for the notes!\n/review-coach on",
    });
    await deliver(h, "pull_request_review_comment", "cmd-on", on);
    // The command comment is not a review comment to be coached.
    expect(await h.pendingSettles()).toEqual([]);
    await deliverReview(h, { id: 1101 }, CORRECTIONS);

    expect(post.isDone()).toBe(true);
    expect(await isOptedOut(store.db, 1, REVIEWER)).toBe(false);
  });

  it("keeps the newest command when an older one is delivered late", async () => {
    nock(api).post(`${REPO}/issues/comments/7003/reactions`).reply(201, {});
    nock(api).post(`${REPO}/issues/comments/7004/reactions`).reply(201, {});
    const newer = prConversationComment({ id: 7003, body: "/review-coach on" });
    (newer.comment as Record<string, unknown>).created_at = "2026-11-20T09:00:00Z";
    const older = prConversationComment({ id: 7004, body: "/review-coach off" });

    await deliver(h, "issue_comment", "newer", newer);
    await deliver(h, "issue_comment", "older", older);

    expect(await isOptedOut(store.db, 1, REVIEWER)).toBe(false);
  });

  it("ignores quoted commands, commands in code, and bots", async () => {
    const bodies = ["> /review-coach off", "```\n/review-coach off\n```", "please /review-coach off"];
    for (const [i, body] of bodies.entries())
      await deliver(h, "issue_comment", `q-${i}`, prConversationComment({ id: 7100 + i, body }));
    await deliver(
      h,
      "issue_comment",
      "bot",
      prConversationComment({ id: 7200, body: "/review-coach off", login: "dependabot[bot]" }),
    );
    expect(await isOptedOut(store.db, 1, REVIEWER)).toBe(false);
    expect(await isOptedOut(store.db, 1, "dependabot[bot]")).toBe(false);
  });

  it("keeps the preference when the reaction is not allowed (403)", async () => {
    nock(api)
      .post(`${REPO}/issues/comments/7300/reactions`)
      .reply(403, { message: "Resource not accessible" });
    await deliver(h, "issue_comment", "cmd", prConversationComment({ id: 7300, body: "/review-coach off" }));
    expect(await isOptedOut(store.db, 1, REVIEWER)).toBe(true);
  });
});
