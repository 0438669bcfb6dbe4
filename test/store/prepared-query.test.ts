import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import type { Kysely } from "kysely";
import { JsonText } from "../../src/jobs/json-text.js";
import { getJob, insertJob } from "../../src/store/jobs-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { preparedQuery } from "../../src/store/prepared-query.js";
import type { Database } from "../../src/store/schema.js";
import { storeTargets } from "../helpers/test-stores.js";

const at = "2026-11-24T10:00:00.000Z";

describe.each(storeTargets())("prepared queries on $name", (target) => {
  let store: Store;
  beforeEach(async () => {
    store = await target.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it("runs one compiled statement with each call's parameters, in and out of transactions", async () => {
    const ids: string[] = [];
    await insertJob(store.db, { id: "j-1", name: "n", data: { a: 1 }, singletonKey: null, runAt: at, at });
    await store.db.transaction().execute(async (tx) => {
      await insertJob(tx, { id: "j-2", name: "n", data: { a: 2 }, singletonKey: "k", runAt: at, at });
      await insertJob(tx, { id: "j-3", name: "m", data: null, singletonKey: "k", runAt: at, at });
    });
    for (const id of ["j-1", "j-2", "j-3"]) {
      const job = await getJob(store.db, id);
      if (job) ids.push(`${job.id}:${job.name}:${JSON.stringify(job.data)}:${job.singletonKey}`);
    }
    expect(ids).toEqual(['j-1:n:{"a":1}:null', 'j-2:n:{"a":2}:k', "j-3:m:null:k"]);
  });

  it("stores JSON text as it is and reports a deduped insert", async () => {
    const text = '{"payload":{"body":"ünïcode \\ud83d\\ude80","n":1}}';
    expect(
      await insertJob(store.db, {
        id: "t-1",
        name: "n",
        data: new JsonText(text),
        singletonKey: "s",
        runAt: at,
        at,
      }),
    ).toBe(true);
    expect(
      await insertJob(store.db, {
        id: "t-2",
        name: "n",
        data: { other: true },
        singletonKey: "s",
        runAt: at,
        at,
      }),
    ).toBe(false);
    const row = await store.db
      .selectFrom("job_payloads")
      .select("data")
      .where("job_id", "=", "t-1")
      .executeTakeFirst();
    expect(row?.data).toBe(text);
    expect(await getJob(store.db, "t-2")).toBeUndefined();
  });

  it("keeps values the builder fixed, beside the parameters", async () => {
    const insertQueued = preparedQuery(["id"], (db: Kysely<Database>, p: { id: string }) =>
      db.insertInto("jobs").values({
        id: p.id,
        name: "fixed-name",
        state: "queued",
        singleton_key: null,
        attempts: 0,
        run_at: at,
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: at,
        updated_at: at,
      }),
    );
    await insertQueued(store.db, { id: "f-1" });
    await insertQueued(store.db, { id: "f-2" });
    const rows = await store.db.selectFrom("jobs").select(["id", "name"]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: "f-1", name: "fixed-name" },
      { id: "f-2", name: "fixed-name" },
    ]);
  });
});
