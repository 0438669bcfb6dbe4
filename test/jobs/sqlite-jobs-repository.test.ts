import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import {
  claimNextJob,
  completeJob,
  failJob,
  getJob,
  insertJob,
  LEASE_EXPIRED_REASON,
  pruneJobs,
} from "../../src/jobs/sqlite-jobs-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { storeTargets } from "../helpers/test-stores.js";

const t0 = "2026-11-24T10:00:00.000Z";
const t1 = "2026-11-24T10:01:00.000Z";
const t2 = "2026-11-24T10:02:00.000Z";

// The SQLite queue's own tables: PostgreSQL has none (pg-boss keeps its jobs).
describe.each(storeTargets().filter((t) => t.name === "sqlite"))("the jobs table on $name", (target) => {
  let store: Store;
  beforeEach(async () => {
    store = await target.open();
  });
  afterEach(async () => {
    await store.close();
  });

  const add = (id: string, extra: { singletonKey?: string; runAt?: string } = {}) =>
    insertJob(store.db, {
      id,
      name: "coach",
      data: { id },
      singletonKey: extra.singletonKey ?? null,
      runAt: extra.runAt ?? t0,
      at: t0,
    });

  it("never gives a job to two concurrent claims", async () => {
    for (let i = 0; i < 20; i++) await add(`job-${i}`);

    const claims = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        claimNextJob(store.db, { name: "coach", workerId: `w${i}`, now: t1, lockedUntil: t2 }),
      ),
    );
    // PostgreSQL: a claim that lost the race for a row comes back empty (the queue polls again); SQLite serialises.
    const ids = claims.flatMap((c) => (c ? [c.id] : []));
    for (;;) {
      const next = await claimNextJob(store.db, {
        name: "coach",
        workerId: "drain",
        now: t1,
        lockedUntil: t2,
      });
      if (!next) break;
      ids.push(next.id);
    }

    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });

  it("claims the oldest due job first and none that is not yet due", async () => {
    await add("later", { runAt: t2 });
    await add("due");

    const first = await claimNextJob(store.db, { name: "coach", workerId: "w", now: t1, lockedUntil: t2 });
    const second = await claimNextJob(store.db, { name: "coach", workerId: "w", now: t1, lockedUntil: t2 });

    expect(first).toMatchObject({
      id: "due",
      state: "active",
      attempts: 1,
      lockedBy: "w",
      data: { id: "due" },
    });
    expect(second).toBeUndefined();
  });

  it("takes an expired lease back, as the next attempt, and ignores the old holder's outcome", async () => {
    await add("orphan");
    await claimNextJob(store.db, { name: "coach", workerId: "old", now: t0, lockedUntil: t1 });

    const reclaimed = await claimNextJob(store.db, {
      name: "coach",
      workerId: "new",
      now: t2,
      lockedUntil: "2026-11-24T10:07:00.000Z",
    });
    const oldCompleted = await completeJob(store.db, { id: "orphan", workerId: "old", attempts: 1 }, t2);
    const oldFailed = await failJob(
      store.db,
      { id: "orphan", workerId: "old", attempts: 1 },
      { state: "dead", runAt: t2, error: "late", at: t2 },
    );
    const newCompleted = await completeJob(store.db, { id: "orphan", workerId: "new", attempts: 2 }, t2);

    expect(reclaimed).toMatchObject({
      id: "orphan",
      attempts: 2,
      lockedBy: "new",
      lastError: LEASE_EXPIRED_REASON,
    });
    expect([oldCompleted, oldFailed, newCompleted]).toEqual([false, false, true]);
    expect(await getJob(store.db, "orphan")).toMatchObject({ state: "completed", lockedBy: null });
  });

  it("allows one queued or active job per singleton key, and another once it finished", async () => {
    expect(await add("a", { singletonKey: "k" })).toBe(true);
    expect(await add("b", { singletonKey: "k" })).toBe(false);
    await claimNextJob(store.db, { name: "coach", workerId: "w", now: t1, lockedUntil: t2 });
    expect(await add("c", { singletonKey: "k" })).toBe(false);
    await completeJob(store.db, { id: "a", workerId: "w", attempts: 1 }, t1);
    expect(await add("d", { singletonKey: "k" })).toBe(true);
  });

  it("prunes finished jobs older than the cutoff, never queued or active ones", async () => {
    await add("done");
    await add("waiting", { runAt: t2 });
    await claimNextJob(store.db, { name: "coach", workerId: "w", now: t0, lockedUntil: t1 });
    await completeJob(store.db, { id: "done", workerId: "w", attempts: 1 }, t0);

    expect(await pruneJobs(store.db, t1)).toBe(1);
    expect(await getJob(store.db, "done")).toBeUndefined();
    expect(await getJob(store.db, "waiting")).toMatchObject({ state: "queued" });
  });

  const payloads = async () =>
    (await store.db.selectFrom("job_payloads").select("job_id").orderBy("job_id").execute()).map(
      (r) => r.job_id,
    );

  it("keeps a job's data apart from its row: claimed with it, deleted when the job completes", async () => {
    await add("a", { singletonKey: "k" });
    expect(await add("dup", { singletonKey: "k" })).toBe(false);
    expect(await payloads()).toEqual(["a"]); // the deduped job left nothing behind

    const claimed = await claimNextJob(store.db, { name: "coach", workerId: "w", now: t0, lockedUntil: t1 });
    expect(claimed?.data).toEqual({ id: "a" });
    await completeJob(store.db, { id: "a", workerId: "w", attempts: 1 }, t0);

    expect(await payloads()).toEqual([]);
    expect(await getJob(store.db, "a")).toMatchObject({ state: "completed", data: null });
  });

  it("prunes payloads a crash left behind, but not one whose job row is about to be written", async () => {
    await add("queued");
    await store.db
      .insertInto("job_payloads")
      .values([
        { job_id: "old-orphan", data: "{}", created_at: t0 },
        { job_id: "young-orphan", data: "{}", created_at: t2 },
      ])
      .execute();

    await pruneJobs(store.db, t1);

    expect(await payloads()).toEqual(["queued", "young-orphan"]);
  });
});
