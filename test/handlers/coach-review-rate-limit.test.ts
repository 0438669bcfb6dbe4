import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { getDecision } from "../../src/store/coaching-decisions-repository.js";
import type { Store } from "../../src/store/open-store.js";
import {
  api,
  CORRECTIONS,
  coachHarness,
  deliverReview,
  type Harness,
  nockConfig,
  nockToken,
  REPO,
} from "../coaching/coach-harness.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";

const decision = (store: Store, reviewId: number) =>
  getDecision(store.db, { repoFullName: "Codertocat/Hello-World", reviewId });
/** The same three corrections, as the comments of another review. */
const review = (n: number) => CORRECTIONS.map((c) => ({ ...c, id: c.id + n * 100 }));

describe("at most max_nudges_per_reviewer_per_day", () => {
  let store: Store;
  let h: Harness;

  beforeEach(async () => {
    nock.disableNetConnect();
    store = await openSqliteTestStore();
    // 22:30 UTC on the 20th is already the 21st in Berlin (the team's day).
    h = await coachHarness(store, new Date("2026-11-20T22:30:00Z"));
    nockToken();
  });
  afterEach(async () => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
    await store.close();
  });

  it("nudges a reviewer at most N times per team day, and again the next day", async () => {
    // Four reviews, and the settled look at each of the first three (their comments' deliveries ask for one).
    nockConfig("coaching:\n  max_nudges_per_reviewer_per_day: 2\n", 7);
    const github = nock(api).post(`${REPO}/issues/2/comments`).times(3).reply(201, { id: 1 });

    await deliverReview(h, { id: 1001 }, review(1));
    await deliverReview(h, { id: 1002 }, review(2));
    await deliverReview(h, { id: 1003 }, review(3));
    await h.settle();
    // Midnight in Berlin is 23:00 UTC in November.
    h.clock.now = new Date("2026-11-21T23:05:00Z");
    await deliverReview(h, { id: 1004 }, review(4));

    expect(github.isDone()).toBe(true);
    const outcomes = [];
    for (const id of [1001, 1002, 1003, 1004]) outcomes.push((await decision(store, id))?.reason);
    expect(outcomes).toEqual([
      "low-teaching-ratio",
      "low-teaching-ratio",
      "rate-limited",
      "low-teaching-ratio",
    ]);
  });

  it("counts per reviewer: another reviewer's nudges do not use up the cap", async () => {
    nockConfig("coaching:\n  max_nudges_per_reviewer_per_day: 1\n", 2);
    const github = nock(api).post(`${REPO}/issues/2/comments`).times(2).reply(201, { id: 1 });

    await deliverReview(h, { id: 1011 }, review(11));
    await deliverReview(h, { id: 1012, login: "other-reviewer" }, review(12));

    expect(github.isDone()).toBe(true);
  });
});
