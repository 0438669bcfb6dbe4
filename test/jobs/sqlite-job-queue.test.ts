// What only the embedded queue does: its job ids.
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import type { JobQueue } from "../../src/jobs/job-queue.js";
import { createSqliteJobQueue } from "../../src/jobs/sqlite-job-queue.js";
import type { Store } from "../../src/store/open-store.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";

describe("the SQLite job queue", () => {
  let store: Store;
  let queue: JobQueue | undefined;
  beforeEach(async () => {
    store = await openSqliteTestStore();
  });
  afterEach(async () => {
    await queue?.stop({ graceful: false });
    await store.close();
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
