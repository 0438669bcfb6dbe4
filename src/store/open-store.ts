// Opens the store: SQLite file (embedded default) or PostgreSQL (DATABASE_URL=postgres://…), then migrates; or, for
// commands that only read, opens an existing store read-only and creates nothing.
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { migrationsFor } from "./migrations/index.js";
import type { Database } from "./schema.js";
import { withStatementCache } from "./statement-cache.js";
import { WithoutNulPlugin } from "./without-nul.js";

export type Dialect = "sqlite" | "postgres";

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where it lives, without credentials, for logs. */
  location: string;
  /** PostgreSQL only: the URL it was opened with (the job queue opens its own pool with it). Never log it. */
  connectionString?: string;
  close(): Promise<void>;
}

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`review-coach: ${message}`, options);
    this.name = "StoreError";
  }
}

/** No store at the location given: nothing was created there, and nothing is. */
export class NoStoreError extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = "NoStoreError";
  }
}

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

export interface OpenStoreOptions {
  /** Bring the schema up to date (default true). Ignored when read-only. */
  migrate?: boolean;
  /**
   * Open an existing store for reading only: no directory, file, table or migration is created, and a store that
   * does not exist, or is not a review-coach store brought up to date, is a StoreError (NoStoreError when absent).
   */
  readOnly?: boolean;
}

/** `url` is a PostgreSQL URL, a `sqlite:` URL, or a SQLite file path (":memory:" for tests). */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (options.readOnly) return openReadOnly(url);
  const store = isPostgresUrl(url) ? openPostgres(url) : openSqlite(url.replace(/^sqlite:(\/\/)?/, ""));
  if (options.migrate !== false) {
    try {
      await migrateToLatest(store.db, store.dialect);
    } catch (error) {
      await store.close().catch(() => undefined);
      throw new StoreError(`could not migrate the store at ${store.location}: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }
  return store;
}

async function openReadOnly(url: string): Promise<Store> {
  let store: Store;
  if (isPostgresUrl(url)) store = openPostgres(url, { readOnly: true });
  else {
    const file = url.replace(/^sqlite:(\/\/)?/, "");
    if (file === ":memory:" || !existsSync(file))
      throw new NoStoreError(
        `no store at ${file}: the file does not exist. Check --db or DATABASE_URL; the server and ` +
          "`review-coach ingest` create a store, read-only commands never do.",
      );
    store = openSqlite(file, { readOnly: true });
  }
  try {
    await checkSchema(store);
  } catch (error) {
    await store.close().catch(() => undefined);
    if (error instanceof StoreError) throw error;
    throw new StoreError(`could not read the store at ${store.location}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  return store;
}

/** A read-only store must already hold every migration this version knows: it cannot be brought up to date. */
async function checkSchema(store: Store): Promise<void> {
  // The migration table read directly (the connection's own schema on PostgreSQL), not through Kysely's
  // introspection, which lists every schema in the database: a read must not depend on other schemas' tables.
  let applied: Set<string>;
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(store.db);
    applied = new Set(rows.map((row) => row.name));
  } catch (error) {
    if (!/no such table|does not exist/i.test(errorMessage(error))) throw error;
    applied = new Set();
  }
  const pending = Object.keys(migrationsFor(store.dialect)).filter((name) => !applied.has(name));
  if (applied.size === 0)
    throw new NoStoreError(
      `no store at ${store.location}: it holds no review-coach tables. Check --db or DATABASE_URL; the server and ` +
        "`review-coach ingest` create a store, read-only commands never do.",
    );
  if (pending.length > 0)
    throw new StoreError(
      `the store at ${store.location} was written by an older review-coach (${pending.length} migration(s) not ` +
        "applied): start the server or run `review-coach ingest` once to bring it up to date.",
    );
}

function openSqlite(file: string, { readOnly = false } = {}): Store {
  if (readOnly) {
    let database: SQLite.Database;
    try {
      database = new SQLite(file, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw new StoreError(`could not open SQLite file ${file}: ${errorMessage(error)}`, { cause: error });
    }
    database.pragma("busy_timeout = 5000");
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(database) }),
    });
    return { db, dialect: "sqlite", location: file, close: () => db.destroy() };
  }
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  let database: SQLite.Database;
  try {
    database = new SQLite(file);
  } catch (error) {
    throw new StoreError(`could not open SQLite file ${file}: ${errorMessage(error)}`, { cause: error });
  }
  // 16 KB pages for a new file (an existing one keeps its own: SQLite cannot change it in WAL mode): a webhook
  // payload is ~20 KB, which 4 KB pages spread over a chain of overflow pages; storing it costs about a third less
  // (bench/load.ts). Before anything is written, or SQLite ignores it.
  database.pragma("page_size = 16384");
  // WAL lets the CLI read while the server writes; busy_timeout waits instead of failing on a short lock.
  database.pragma("journal_mode = WAL");
  // synchronous = NORMAL, the standard setting with WAL: a commit appends to the WAL without an fsync (the WAL is
  // synced at checkpoints). A committed transaction survives any crash of the app (kill -9, OOM, a thrown error);
  // only a power loss or OS crash can lose the last transactions before the next checkpoint, and the database stays
  // consistent either way (never corrupt). The default (FULL) pays an fsync per commit, i.e. per webhook delivery,
  // for durability against power loss; GitHub's redelivery covers deliveries lost that way. In memory: no effect.
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 5000");
  database.pragma("foreign_keys = ON");
  // Statements are prepared once per SQL text, not per query (Kysely's driver would prepare each time).
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return { db, dialect: "sqlite", location: file, close: () => db.destroy() };
}

function openPostgres(url: string, { readOnly = false } = {}): Store {
  // GitHub ids exceed 2^31 but stay below 2^53: read int8 as a JS number rather than a string.
  const types = {
    getTypeParser: ((oid: number, format?: string) =>
      oid === 20
        ? (value: string) => Number(value)
        : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
  };
  // Read-only: PostgreSQL itself refuses any write in these sessions (added to the URL's own options, which win
  // over the pool's).
  const pool = new pg.Pool({ connectionString: readOnly ? withReadOnlySessions(url) : url, types, max: 10 });
  // An idle connection the server closes (a restart, failover, pg_terminate_backend, a forced drop) is reported as an
  // 'error' on the pool; unheard, it would crash the process. The pool has already discarded that connection and
  // the next query opens a new one; errors of queries in flight reach their callers as usual.
  pool.on("error", () => undefined);
  // PostgreSQL text cannot hold U+0000: it is stored as U+FFFD (src/store/without-nul.ts).
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new WithoutNulPlugin()],
  });
  return {
    db,
    dialect: "postgres",
    location: redactUrl(url),
    connectionString: url,
    close: () => db.destroy(),
  };
}

export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect = "sqlite"): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationsFor(dialect) },
    // Migrations only add tables; a store that ran a later-named one must still take an earlier-named one.
    allowUnorderedMigrations: true,
    ...(await migrationTableSchema(db, dialect)),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

function withReadOnlySessions(url: string): string {
  const parsed = new URL(url);
  const options = parsed.searchParams.get("options");
  const readOnly = "-c default_transaction_read_only=on";
  parsed.searchParams.set("options", options ? `${options} ${readOnly}` : readOnly);
  return parsed.toString();
}

/**
 * Kysely looks for its migration tables in every schema; naming the connection's own schema keeps two stores in one
 * PostgreSQL database (other schemas, other apps) from mistaking each other's tables.
 */
async function migrationTableSchema(
  db: Kysely<Database>,
  dialect: Dialect,
): Promise<{ migrationTableSchema?: string }> {
  if (dialect !== "postgres") return {};
  const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
    ?.schema;
  return schema ? { migrationTableSchema: schema } : {};
}

/** The URL to log: the password hidden, in the user part and in query parameters (libpq takes both). */
export function redactUrl(url: string): string {
  return url
    .replace(/\/\/([^:@/]+)(:[^@/]*)?@/, "//$1:***@")
    .replace(/([?&](?:ssl)?password=)[^&#]*/gi, "$1***");
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
