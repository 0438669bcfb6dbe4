// The 2026-11-24T1600 migration moves queued jobs' data out of the jobs row; a store upgraded with jobs waiting
// must still run them with their data.
import { afterEach, describe, expect, it } from "@jest/globals";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { claimNextJob } from "../../src/store/jobs-repository.js";
import { migrations } from "../../src/store/migrations/index.js";
import { migrateToLatest } from "../../src/store/open-store.js";
import type { Database } from "../../src/store/schema.js";

describe("the job payloads migration", () => {
  let db: Kysely<Database> | undefined;
  afterEach(async () => {
    await db?.destroy();
  });

  it("moves waiting jobs' data to job_payloads, so they still run with it", async () => {
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(":memory:") }) });
    const before = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => name < "2026-11-24T1600-job-payloads"),
    );
    const old = new Migrator({ db, provider: { getMigrations: async () => before } });
    expect((await old.migrateToLatest()).error).toBeUndefined();
    const at = "2026-11-24T10:00:00.000Z";
    await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto("jobs")
      .values({
        id: "waiting",
        name: "process-delivery",
        data: '{"id":"d-1","payload":{"action":"submitted"}}',
        state: "queued",
        singleton_key: "d-1",
        attempts: 0,
        run_at: at,
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: at,
        updated_at: at,
      })
      .execute();

    expect(await migrateToLatest(db, "sqlite")).toEqual(
      Object.keys(migrations).filter((name) => name >= "2026-11-24T1600-job-payloads"),
    );

    const columns = (await db.introspection.getTables())
      .find((t) => t.name === "jobs")
      ?.columns.map((c) => c.name);
    expect(columns).not.toContain("data");
    const job = await claimNextJob(db, {
      name: "process-delivery",
      workerId: "w",
      now: "2026-11-24T11:00:00.000Z",
      lockedUntil: "2026-11-24T11:05:00.000Z",
    });
    expect(job).toMatchObject({ id: "waiting", data: { id: "d-1", payload: { action: "submitted" } } });
  });
});
