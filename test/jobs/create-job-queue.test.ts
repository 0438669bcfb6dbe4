import { describe, expect, it } from "@jest/globals";
import { createJobQueue } from "../../src/jobs/create-job-queue.js";
import type { Store } from "../../src/store/open-store.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";

describe("createJobQueue", () => {
  it("uses the embedded queue for a SQLite store", async () => {
    const store = await openSqliteTestStore();
    try {
      expect(createJobQueue(store).kind).toBe("sqlite");
    } finally {
      await store.close();
    }
  });

  it("uses pg-boss for a PostgreSQL store, connecting only on start", () => {
    const store = { dialect: "postgres", location: "postgres://app:***@db/app" } as Store;
    expect(createJobQueue(store, { databaseUrl: "postgres://app:secret@db/app" }).kind).toBe("pg-boss");
  });

  it("says what to pass when a PostgreSQL store comes without its URL", () => {
    const store = { dialect: "postgres", location: "postgres://app:***@db/app" } as Store;
    expect(() => createJobQueue(store)).toThrow(/needs its URL; pass DATABASE_URL as databaseUrl/);
  });
});
