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
  type Harness,
  nockConfig,
  nockToken,
  REPO,
  reviewCommentPayload,
  submittedReviewPayload,
  TEACHING,
} from "../coaching/coach-harness.js";
import { storeTargets } from "../helpers/test-stores.js";

const key = { repoFullName: "Codertocat/Hello-World", reviewId: 600 };

describe.each(storeTargets())("one nudge per review on $name", (target) => {
  let store: Store;
  let h: Harness;

  beforeEach(async () => {
    nock.disableNetConnect();
    store = await target.open();
    h = await coachHarness(store);
    nockToken();
    for (const c of CORRECTIONS)
      await deliver(
        h,
        "pull_request_review_comment",
        `c-${c.id}`,
        reviewCommentPayload({ ...c, reviewId: 600 }),
      );
  });
  afterEach(async () => {
    // Every reply a test registered was asked for (the token is optional: Probot caches it).
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
    await store.close();
  });

  it("posts one nudge when the same review is delivered three times", async () => {
    const config = nockConfig(COACHING_ON, 3);
    const post = nock(api).post(`${REPO}/issues/2/comments`).once().reply(201, { id: 9100 });

    for (let i = 0; i < 3; i++)
      await deliver(h, "pull_request_review", "r-600", submittedReviewPayload({ id: 600 }));

    expect(config.isDone()).toBe(true);
    expect(post.isDone()).toBe(true);
    expect(await getNudge(store.db, key)).toMatchObject({
      status: "posted",
      targetId: 9100,
      leaseUntil: null,
    });
    expect(await getDecision(store.db, key)).toMatchObject({ outcome: "unchanged", evaluations: 3 });
  });

  it("posts one nudge when two deliveries of the same review arrive at once", async () => {
    const config = nockConfig(COACHING_ON, 2);
    // Slow enough that the second delivery arrives while the first is posting.
    const post = nock(api).post(`${REPO}/issues/2/comments`).once().delay(150).reply(201, { id: 9101 });

    await Promise.all([
      deliver(h, "pull_request_review", "r-600-a", submittedReviewPayload({ id: 600 })),
      deliver(h, "pull_request_review", "r-600-b", submittedReviewPayload({ id: 600 })),
    ]);

    expect(config.isDone()).toBe(true);
    expect(post.isDone()).toBe(true);
    expect(await getNudge(store.db, key)).toMatchObject({
      status: "posted",
      targetId: 9101,
      leaseUntil: null,
      dirty: false,
    });
    // The race really happened: the second delivery found the claim held and left the re-evaluation to the holder.
    expect(h.logs.some((l) => l.msg.startsWith("coaching: another delivery holds this review"))).toBe(true);
  });

  it("updates the nudge in place, never a second comment, when an edit arrives while it is being posted", async () => {
    nockConfig(COACHING_ON, 2);
    const bodies: string[] = [];
    const github = nock(api)
      .post(`${REPO}/issues/2/comments`)
      .once()
      .delay(150)
      .reply(201, { id: 9102 })
      .patch(`${REPO}/issues/comments/9102`, (b: { body: string }) => bodies.push(b.body) > 0)
      .once()
      .reply(200, { id: 9102 });
    const first = CORRECTIONS[0] as (typeof CORRECTIONS)[0];
    const edit = reviewCommentPayload({
      ...first,
      reviewId: 600,
      action: "edited",
      body: TEACHING[0]?.body as string,
      updatedAt: "2026-11-20T09:30:00Z",
    });

    // The edit arrives once the nudge is being posted (GitHub has the request and takes 150 ms to answer), however
    // long the first delivery took to get there.
    const posting = new Promise<void>((resolve) => github.once("request", () => resolve()));

    await Promise.all([
      deliver(h, "pull_request_review", "r-600", submittedReviewPayload({ id: 600 })),
      (async () => {
        await posting;
        await deliver(h, "pull_request_review_comment", "edit-1001", edit);
        await h.settle();
      })(),
    ]);

    expect(github.isDone()).toBe(true);
    expect(await getNudge(store.db, key)).toMatchObject({
      status: "posted",
      targetId: 9102,
      leaseUntil: null,
    });
    // The update names the two comments left, not the one that now teaches.
    expect(bodies[0]).toContain("These 2 comments say");
    expect(bodies[0]).not.toContain("captureWithRetry");
    // Each round under the lease is its own decision: the post is not hidden by the update that followed it.
    const shown = h.logs.filter((l) => l.msg === "coaching nudge shown").map((l) => l.outcome);
    expect(shown).toEqual(["nudged", "updated"]);
    expect(await getDecision(store.db, key)).toMatchObject({ outcome: "updated", evaluations: 2 });
  });
});
