import { describe, expect, it } from "@jest/globals";
import { Kysely, PostgresDialect } from "kysely";
import type pg from "pg";
import { checkReady, readinessAnswer } from "../../src/observability/readiness.js";
import type { Store } from "../../src/store/open-store.js";
import type { Database } from "../../src/store/schema.js";
import { storeTargets } from "../helpers/test-stores.js";

describe.each(storeTargets())("checkReady on $name", (target) => {
  it("is ready when the store answers", async () => {
    const store = await target.open();
    try {
      expect(await checkReady(store)).toEqual({ ok: true });
    } finally {
      await store.close();
    }
  });

  it("is not ready once the store is closed, and says which store", async () => {
    const store = await target.open();
    await store.close();

    const readiness = await checkReady(store);

    expect(readiness.ok).toBe(false);
    expect(readiness.detail).toContain(`the store at ${store.location} failed:`);
  });
});

describe("checkReady on a store that never answers", () => {
  it("gives up after the timeout", async () => {
    // A pool whose connect never resolves: a PostgreSQL server that accepted the socket and went silent.
    const pool = {
      connect: () => new Promise(() => undefined),
      end: async () => undefined,
    } as unknown as pg.Pool;
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const store: Store = {
      db,
      dialect: "postgres",
      location: "postgres://app:***@db/app",
      close: () => db.destroy(),
    };

    const started = Date.now();
    const readiness = await checkReady(store, { timeoutMs: 50 });

    expect(readiness).toEqual({
      ok: false,
      detail: "the store at postgres://app:***@db/app did not answer within 50 ms",
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("readinessAnswer", () => {
  it("says ready or unready and nothing else: no host, user or driver message", () => {
    const failed = {
      ok: false,
      detail:
        'the store at postgres://admin:***@db.internal:5432/app failed: password authentication failed for user "admin"',
    };
    expect(readinessAnswer({ ok: true }, false)).toEqual({ status: 200, body: { status: "ready" } });
    expect(readinessAnswer(failed, false)).toEqual({ status: 503, body: { status: "unready" } });
    expect(readinessAnswer({ ok: true }, true)).toEqual({ status: 503, body: { status: "unready" } });
  });
});
