import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { getDecision } from "../../src/store/coaching-decisions-repository.js";
import { getNudge } from "../../src/store/nudges-repository.js";
import type { Store } from "../../src/store/open-store.js";
import {
  api,
  COACHING_ON,
  CORRECTIONS,
  deliverReview,
  endCoachTest,
  type Harness,
  nockConfig,
  REPO,
  startCoachTest,
} from "../coaching/coach-harness.js";

const key = { repoFullName: "Codertocat/Hello-World", reviewId: 800 };

describe("GitHub errors while coaching", () => {
  let store: Store;
  let h: Harness;

  beforeEach(async () => {
    ({ store, h } = await startCoachTest());
  });
  afterEach(() => endCoachTest(store));

  it.each([
    [403, "Resource not accessible by integration"],
    [404, "Not Found"],
  ])("logs a %i and survives it, marking the claim failed so nothing loops", async (status, message) => {
    nockConfig(COACHING_ON);
    const post = nock(api).post(`${REPO}/issues/2/comments`).once().reply(status, { message });

    await expect(deliverReview(h, { id: 800 }, CORRECTIONS)).resolves.toBeUndefined();

    expect(post.isDone()).toBe(true);
    expect(await getNudge(store.db, key)).toMatchObject({
      status: "failed",
      targetId: null,
      leaseUntil: null,
    });
    expect(await getDecision(store.db, key)).toMatchObject({ outcome: "failed", reason: `github-${status}` });
    const warning = h.logs.find((l) => l.msg === "coaching: GitHub refused the nudge");
    expect(warning).toMatchObject({ level: 40, reason: `github-${status}`, review: 800 });
  });

  it("does not count a failed nudge against the reviewer's daily cap", async () => {
    nockConfig("coaching:\n  max_nudges_per_reviewer_per_day: 1\n", 2);
    nock(api)
      .post(`${REPO}/issues/2/comments`)
      .once()
      .reply(403, { message: "Resource not accessible by integration" })
      .post(`${REPO}/issues/2/comments`)
      .once()
      .reply(201, { id: 9300 });

    await deliverReview(h, { id: 800 }, CORRECTIONS);
    await deliverReview(
      h,
      { id: 801 },
      CORRECTIONS.map((c) => ({ ...c, id: c.id + 10 })),
    );

    expect(await getDecision(store.db, { ...key, reviewId: 801 })).toMatchObject({ outcome: "nudged" });
  });

  it("throws a 5xx so the webhook is retried, and the retry finds the comment by its marker instead of posting twice", async () => {
    nockConfig(COACHING_ON, 2);
    const github = nock(api)
      .post(`${REPO}/issues/2/comments`)
      .once()
      .reply(502, { message: "Bad Gateway" })
      // GitHub may have created the comment before answering 502: the retry looks before it posts.
      .get(`${REPO}/issues/2/comments`)
      .query(true)
      .reply(200, [
        { id: 41, body: "Looks good", user: { login: "someone", type: "User" } },
        {
          id: 9301,
          body: "<!-- review-coach:nudge review=800 -->\nold",
          user: { login: "review-coach[bot]", type: "Bot" },
        },
      ])
      .patch(`${REPO}/issues/comments/9301`)
      .reply(200, { id: 9301 });

    await expect(deliverReview(h, { id: 800 }, CORRECTIONS)).rejects.toThrow();
    expect(await getNudge(store.db, key)).toMatchObject({ status: "failed", leaseUntil: null });

    // The delivery's job is retried.
    await h.retry();

    expect(github.isDone()).toBe(true);
    expect(await getNudge(store.db, key)).toMatchObject({ status: "posted", targetId: 9301 });
    expect(await getDecision(store.db, key)).toMatchObject({ outcome: "updated" });
  });
});
