import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { migrateToLatest, openStore, redactUrl, StoreError } from "../../src/store/open-store.js";
import { openPostgresTestStore, storeTargets, withSchemaLock } from "../helpers/test-stores.js";

describe.each(storeTargets())("migrations on $name", (target) => {
  it("creates every table from an empty database and is a no-op the second time", async () => {
    const store = await target.open();
    // Kysely's introspection and migrator list every schema: on PostgreSQL, under the lock that keeps other workers
    // from dropping their test schemas meanwhile.
    const pgUrl = process.env.TEST_DATABASE_URL;
    const underLock = <T>(fn: () => Promise<T>): Promise<T> =>
      target.name === "postgres" && pgUrl ? withSchemaLock(pgUrl, fn) : fn();
    try {
      const tables = (await underLock(() => store.db.introspection.getTables())).map((t) => t.name);
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
      expect(await underLock(() => migrateToLatest(store.db, store.dialect))).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

const pgUrl = process.env.TEST_DATABASE_URL;

(pgUrl ? describe : describe.skip)("a PostgreSQL store whose connection the server closes", () => {
  it("survives it (no unhandled pool error) and the next query reconnects", async () => {
    const store = await openPostgresTestStore(pgUrl as string);
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db);
      // The connection is idle in the pool now; the server ends it, as a restart or failover would.
      await admin.query("select pg_terminate_backend($1)", [rows[0]?.pid]);
      await new Promise((r) => setTimeout(r, 200));

      const again = await sql<{ one: number }>`select 1 as one`.execute(store.db);
      expect(again.rows).toEqual([{ one: 1 }]);
    } finally {
      await admin.end();
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
    // libpq also takes the password as a query parameter (issue #12, item 14).
    expect(redactUrl("postgres://u@h:5432/db?sslmode=require&password=p4ss")).toBe(
      "postgres://u:***@h:5432/db?sslmode=require&password=***",
    );
    expect(redactUrl("postgres://h/db?PASSWORD=p%40ss&sslpassword=k3y")).toBe(
      "postgres://h/db?PASSWORD=***&sslpassword=***",
    );
  });
});
