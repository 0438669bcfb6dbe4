import { describe, expect, it } from "@jest/globals";
import { migrateToLatest, openStore, redactUrl, StoreError } from "../../src/store/open-store.js";
import { storeTargets } from "../helpers/test-stores.js";

describe.each(storeTargets())("migrations on $name", (target) => {
  it("creates every table from an empty database and is a no-op the second time", async () => {
    const store = await target.open();
    try {
      const tables = (await store.db.introspection.getTables()).map((t) => t.name);
      expect(tables).toEqual(
        expect.arrayContaining([
          "deliveries",
          "events",
          "pull_requests",
          "installations",
          "repositories",
          "repo_configs",
          "config_reports",
        ]),
      );
      expect(await migrateToLatest(store.db, store.dialect)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe("openStore", () => {
  it("names the location and cause when PostgreSQL is unreachable", async () => {
    const attempt = openStore("postgres://nobody:secret@127.0.0.1:1/none");
    await expect(attempt).rejects.toBeInstanceOf(StoreError);
    await expect(attempt).rejects.toThrow(/127\.0\.0\.1:1\/none/);
    await expect(attempt).rejects.not.toThrow(/secret/);
  });

  it("hides passwords in logged URLs", () => {
    expect(redactUrl("postgres://u:p4ss@h:5432/db")).toBe("postgres://u:***@h:5432/db");
  });
});
