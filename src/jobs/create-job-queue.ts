// Picks the job queue for the store: embedded (SQLite) or pg-boss (PostgreSQL, several replicas): docs/architecture.md, "Store and jobs".
import type { Store } from "../store/open-store.js";
import type { JobQueue } from "./job-queue.js";
import { createPgBossJobQueue } from "./pg-boss-job-queue.js";
import type { PollingOptions } from "./polling-job-queue.js";
import { createSqliteJobQueue } from "./sqlite-job-queue.js";

export interface JobQueueOptions extends PollingOptions {
  /** The store's URL (DATABASE_URL): pg-boss opens its own pool with it. Required for a PostgreSQL store. */
  databaseUrl?: string;
  /** pg-boss's schema (default "pgboss"). */
  pgBossSchema?: string;
  /** See SqliteJobQueueOptions / PgBossJobQueueOptions (default 300). */
  leaseSeconds?: number;
}

export function createJobQueue(store: Store, options: JobQueueOptions = {}): JobQueue {
  const { databaseUrl, pgBossSchema, ...common } = options;
  if (store.dialect === "sqlite") return createSqliteJobQueue(store.db, common);
  if (!databaseUrl) {
    throw new Error(
      `review-coach: the job queue for the PostgreSQL store at ${store.location} needs its URL; pass DATABASE_URL as databaseUrl.`,
    );
  }
  return createPgBossJobQueue({
    ...common,
    connectionString: databaseUrl,
    ...(pgBossSchema ? { schema: pgBossSchema } : {}),
  });
}
