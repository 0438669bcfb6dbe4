// The embedded job queue's table (src/jobs/sqlite-job-queue.ts; PostgreSQL uses pg-boss's own schema). Frozen in time.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type (kysely guidance)
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("state", "varchar(16)", (c) => c.notNull())
    .addColumn("singleton_key", "varchar(256)")
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("run_at", "varchar(32)", (c) => c.notNull())
    .addColumn("locked_by", "varchar(64)")
    .addColumn("locked_until", "varchar(32)")
    .addColumn("last_error", "text")
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .execute();

  // The claim: the oldest due job of a name, or an active one whose lease has expired.
  await db.schema.createIndex("jobs_claim_i").on("jobs").columns(["name", "state", "run_at"]).execute();

  // Dedupe (EnqueueOptions.singletonKey): at most one queued or active job per name and key, enforced by the store
  // so concurrent enqueues (two processes on one file) cannot both win.
  await db.schema
    .createIndex("jobs_singleton_u")
    .on("jobs")
    .columns(["name", "singleton_key"])
    .unique()
    .where(sql.ref("singleton_key"), "is not", null)
    .where(sql.ref("state"), "in", sql`('queued', 'active')`)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("jobs").ifExists().execute();
}
