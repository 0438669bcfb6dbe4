import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { getDecision } from "../../src/store/coaching-decisions-repository.js";
import { getNudge } from "../../src/store/nudges-repository.js";
import type { Store } from "../../src/store/open-store.js";
import {
  api,
  COACHING_ON,
  CORRECTIONS,
  coachHarness,
  deliver,
  deliverReview,
  type Harness,
  nockConfig,
  nockToken,
  REPO,
  reviewCommentPayload,
  TEACHING,
} from "../coaching/coach-harness.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";

const key = { repoFullName: "Codertocat/Hello-World", reviewId: 700 };

/** The reviewer rewrites comment `index` of CORRECTIONS into the teaching comment `index` of TEACHING. */
async function editToTeach(h: Harness, index: number, at = "2026-11-20T09:30:00Z"): Promise<void> {
  const c = CORRECTIONS[index] as (typeof CORRECTIONS)[0];
  const payload = reviewCommentPayload({
    ...c,
    reviewId: 700,
    action: "edited",
    body: TEACHING[index]?.body as string,
    updatedAt: at,
  });
  await deliver(h, "pull_request_review_comment", `edit-${c.id}-${at}`, payload);
}

describe("edits after a nudge", () => {
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

  async function nudged(config = COACHING_ON): Promise<void> {
    nockConfig(config);
    const post = nock(api).post(`${REPO}/issues/2/comments`).reply(201, { id: 9200 });
    await deliverReview(h, { id: 700 }, CORRECTIONS);
    expect(post.isDone()).toBe(true);
  }

  it("updates the nudge in place when an edit changes which comments it names", async () => {
    await nudged();
    const bodies: string[] = [];
    nockConfig(COACHING_ON);
    const patch = nock(api)
      .patch(`${REPO}/issues/comments/9200`, (b: { body: string }) => bodies.push(b.body) > 0)
      .reply(200, { id: 9200 });

    await editToTeach(h, 0);
    await h.settle();

    expect(patch.isDone()).toBe(true);
    expect(bodies[0]).toContain("These 2 comments say");
    expect(bodies[0]).not.toContain("captureWithRetry");
    expect(bodies[0]).toContain("✨ Already teaching");
    expect(await getDecision(store.db, key)).toMatchObject({
      outcome: "updated",
      teaching: 1,
      correcting: 2,
    });
  });

  it("turns the nudge into a thank-you once the comments teach, and settles a burst of edits once", async () => {
    await nudged();
    const bodies: string[] = [];
    const config = nockConfig(COACHING_ON);
    const patch = nock(api)
      .patch(`${REPO}/issues/comments/9200`, (b: { body: string }) => bodies.push(b.body) > 0)
      .once()
      .reply(200, { id: 9200 });

    await editToTeach(h, 0);
    await editToTeach(h, 1);
    await h.settle();

    expect(config.isDone()).toBe(true);
    expect(patch.isDone()).toBe(true);
    expect(bodies[0]).toContain("<!-- review-coach:nudge review=700 -->");
    expect(bodies[0]).toContain("✅ Thanks, @octo-reviewer");
    expect(await getNudge(store.db, key)).toMatchObject({ status: "resolved", targetId: 9200 });
    expect(await getDecision(store.db, key)).toMatchObject({ outcome: "resolved", reason: "ratio-ok" });
  });

  it("deletes the nudge once the comments teach when on_resolved is delete, and never posts it again", async () => {
    const yaml = "coaching:\n  on_resolved: delete\n";
    await nudged(yaml);
    nockConfig(yaml, 2);
    const del = nock(api).delete(`${REPO}/issues/comments/9200`).once().reply(204);

    await editToTeach(h, 0);
    await editToTeach(h, 1);
    await h.settle();
    expect(del.isDone()).toBe(true);
    expect(await getNudge(store.db, key)).toMatchObject({ status: "deleted" });

    // The reviewer edits back to a bare correction: the removed nudge stays removed.
    const c = CORRECTIONS[0] as (typeof CORRECTIONS)[0];
    await deliver(
      h,
      "pull_request_review_comment",
      "edit-back",
      reviewCommentPayload({ ...c, reviewId: 700, action: "edited", updatedAt: "2026-11-20T10:00:00Z" }),
    );
    await deliver(
      h,
      "pull_request_review_comment",
      "edit-back-2",
      reviewCommentPayload({
        ...(CORRECTIONS[1] as (typeof CORRECTIONS)[0]),
        reviewId: 700,
        action: "edited",
        updatedAt: "2026-11-20T10:00:00Z",
      }),
    );
    await h.settle();
    expect(await getDecision(store.db, key)).toMatchObject({ outcome: "skipped", reason: "nudge-removed" });
  });

  it("respects a nudge someone deleted: a later update finds it gone and posts nothing new", async () => {
    await nudged();
    nockConfig(COACHING_ON);
    const patch = nock(api).patch(`${REPO}/issues/comments/9200`).reply(404, { message: "Not Found" });

    await editToTeach(h, 0);
    await h.settle();

    expect(patch.isDone()).toBe(true);
    expect(await getNudge(store.db, key)).toMatchObject({ status: "gone" });
    expect(await getDecision(store.db, key)).toMatchObject({ outcome: "skipped", reason: "nudge-removed" });
  });
});
