// Opens fresh stores for repository tests: a real SQLite file always, PostgreSQL when TEST_DATABASE_URL is set.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openStore, type Store } from "../../src/store/open-store.js";
import { skipNote } from "./skip-note.js";

export interface StoreTarget {
  name: "sqlite" | "postgres";
  open(): Promise<Store>;
}

const pgUrl = process.env.TEST_DATABASE_URL;
/** Why the PostgreSQL variants of the store, job queue and end-to-end tests are skipped, when they are. */
export const POSTGRES_SKIPPED =
  "PostgreSQL (store, job queue and end-to-end tests on it): TEST_DATABASE_URL is not set; .ci/run sets it";

/** The stores every repository test runs against; says once why PostgreSQL is skipped. */
export function storeTargets(): StoreTarget[] {
  const targets: StoreTarget[] = [{ name: "sqlite", open: openSqliteTestStore }];
  if (pgUrl) targets.push({ name: "postgres", open: () => openPostgresTestStore(pgUrl) });
  else skipNote(POSTGRES_SKIPPED);
  return targets;
}

export async function openSqliteTestStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), "review-coach-test-"));
  const store = await openStore(join(dir, "test.sqlite"));
  const close = store.close;
  return {
    ...store,
    close: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Each test store gets its own PostgreSQL schema, so parallel jest workers never see each other's rows. */
export async function openPostgresTestStore(url: string): Promise<Store> {
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const sep = url.includes("?") ? "&" : "?";
  const store = await openStore(`${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`);
  const close = store.close;
  return {
    ...store,
    close: async () => {
      await close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
