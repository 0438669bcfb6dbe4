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

/**
 * Serialises creating and dropping test schemas across jest workers: Kysely's migrator lists the tables of every
 * schema in the database, which fails when another worker drops its schema during that query.
 */
const SCHEMA_LOCK = 7_151_515;

export async function withSchemaLock<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [SCHEMA_LOCK]);
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Each test store gets its own PostgreSQL schema, so parallel jest workers never see each other's rows. */
export async function openPostgresTestStore(url: string): Promise<Store> {
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const sep = url.includes("?") ? "&" : "?";
  const store = await withSchemaLock(url, async (admin) => {
    await admin.query(`create schema ${schema}`);
    return openStore(`${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`);
  });
  const close = store.close;
  return {
    ...store,
    close: async () => {
      await close();
      await withSchemaLock(url, (admin) => admin.query(`drop schema ${schema} cascade`));
    },
  };
}
