import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import {
  acquireNudge,
  countNudgesOnDay,
  getNudge,
  LEASE_MS,
  type NewNudge,
  releaseNudge,
  saveNudge,
} from "../../src/store/nudges-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { storeTargets } from "../helpers/test-stores.js";

const nudge = (reviewId: number, reviewer = "alice"): NewNudge => ({
  repoFullName: "acme/app",
  reviewId,
  installationId: 1,
  prNumber: 7,
  reviewer,
  mode: "summary",
  day: "2026-11-20",
});
const t0 = new Date("2026-11-20T10:00:00Z");

describe.each(storeTargets())("the nudge lease on $name", (target) => {
  let store: Store;
  beforeEach(async () => {
    store = await target.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it("lets exactly one of many concurrent callers hold a review's nudge", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => acquireNudge(store.db, nudge(1), t0)));
    expect(results.filter((r) => r.acquired)).toHaveLength(1);
    expect(results.find((r) => r.acquired)).toMatchObject({ fresh: true });
    expect(await getNudge(store.db, nudge(1))).toMatchObject({ status: "pending", dirty: true });
  });

  it("makes the holder go round again when someone arrived meanwhile, then lets go", async () => {
    await acquireNudge(store.db, nudge(2), t0);
    expect(await acquireNudge(store.db, nudge(2), t0)).toEqual({ acquired: false });
    expect(await releaseNudge(store.db, nudge(2), t0)).toBe(false);
    expect(await releaseNudge(store.db, nudge(2), t0)).toBe(true);
    expect(await getNudge(store.db, nudge(2))).toMatchObject({ leaseUntil: null, dirty: false });
    expect(await acquireNudge(store.db, nudge(2), t0)).toMatchObject({ acquired: true, fresh: false });
  });

  it("takes over a lease its holder never released once it expires", async () => {
    await acquireNudge(store.db, nudge(3), t0);
    const later = new Date(t0.getTime() + LEASE_MS + 1);
    expect(await acquireNudge(store.db, nudge(3), later)).toMatchObject({ acquired: true, fresh: false });
  });

  it("counts a reviewer's nudges on a day, except the review asked about and failed ones", async () => {
    for (const [id, status] of [
      [10, "posted"],
      [11, "failed"],
      [12, "resolved"],
      [13, "skipped"],
    ] as const) {
      await acquireNudge(store.db, nudge(id), t0);
      await saveNudge(store.db, nudge(id), { status }, t0);
    }
    await acquireNudge(store.db, nudge(14, "bob"), t0);
    const count = (exceptReviewId: number) =>
      countNudgesOnDay(store.db, {
        repoFullName: "acme/app",
        reviewer: "alice",
        day: "2026-11-20",
        exceptReviewId,
      });
    expect(await count(99)).toBe(2);
    expect(await count(10)).toBe(1);
  });
});
