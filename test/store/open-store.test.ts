import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import SQLite from "better-sqlite3";
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
  it("gives a new SQLite file 16 KB pages and WAL, and keeps an existing file's page size", async () => {
    const dir = mkdtempSync(join(tmpdir(), "review-coach-pages-"));
    try {
      const fresh = join(dir, "fresh.sqlite");
      const store = await openStore(fresh);
      await store.close();
      const old = join(dir, "old.sqlite");
      const before = new SQLite(old);
      before.pragma("page_size = 4096");
      before.exec("create table t (x)");
      before.close();
      await (await openStore(old)).close();

      const pragma = (file: string, name: string) => {
        const db = new SQLite(file, { readonly: true });
        try {
          return db.pragma(name, { simple: true });
        } finally {
          db.close();
        }
      };
      expect(pragma(fresh, "page_size")).toBe(16384);
      expect(pragma(fresh, "journal_mode")).toBe("wal");
      expect(pragma(old, "page_size")).toBe(4096);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

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
