// What only the embedded queue does: jobs stored on another connection (the ingest thread's), and its job ids.
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import type { JobQueue } from "../../src/jobs/job-queue.js";
import { createSqliteJobQueue, enqueueSqliteJobs } from "../../src/jobs/sqlite-job-queue.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";
import { waitFor } from "./helpers/job-queue-targets.js";

describe("the SQLite job queue", () => {
  let store: Store;
  let other: Store | undefined;
  let queue: JobQueue | undefined;
  beforeEach(async () => {
    store = await openSqliteTestStore();
  });
  afterEach(async () => {
    await queue?.stop({ graceful: false });
    await other?.close();
    await store.close();
  });

  it("runs a job another connection stored as soon as it is woken, not at its next poll", async () => {
    // A poll a minute away: only wake() can make the job run within the test.
    queue = createSqliteJobQueue(store.db, { pollIntervalMs: 60_000 });
    const runs: unknown[] = [];
    queue.register("process-delivery", async (job) => {
      runs.push(job.data);
    });
    await queue.start();
    await new Promise((r) => setTimeout(r, 100)); // its first look found nothing; it sleeps

    other = await openStore(store.location, { migrate: false });
    await enqueueSqliteJobs(other.db, "process-delivery", [{ data: { id: "d-1" } }], new Date());
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toEqual([]);
    queue.wake("process-delivery");

    await waitFor(() => runs.length === 1, "the woken queue to run the job", 5_000);
    expect(runs).toEqual([{ id: "d-1" }]);
  });

  it("gives jobs time-ordered ids, so each batch appends to the job indexes", async () => {
    queue = createSqliteJobQueue(store.db, { pollIntervalMs: 60_000 });
    await queue.start();
    const ids: (string | null)[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await queue.enqueue("later", { i }, { startAfter: new Date(Date.now() + 3_600_000) }));
    ids.push(...(await queue.enqueueMany("later", [{ data: { i: 5 } }, { data: { i: 6 } }])));

    expect(ids).toHaveLength(7);
    expect(ids.every((id) => typeof id === "string" && /^[0-9a-f-]{36}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });
});
