// The claim looks up queued jobs and expired leases separately, each ordered by the index, instead of one OR that
// made SQLite scan and sort every job of a name (completed ones included) on every claim. Frozen in time.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type (kysely guidance)
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex("jobs_due_i")
    .on("jobs")
    .columns(["name", "state", "run_at", "created_at"])
    .execute();
  // A prefix of jobs_due_i: every lookup it served, the new one serves.
  await db.schema.dropIndex("jobs_claim_i").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.createIndex("jobs_claim_i").on("jobs").columns(["name", "state", "run_at"]).execute();
  await db.schema.dropIndex("jobs_due_i").execute();
}
