// A job's data moves to its own table: the jobs row changes state three times (queued, active, completed) and
// SQLite rewrites a whole row on UPDATE, so a 20 KB webhook payload in it was written three times per job
// (bench/load.ts: the claim and the completion were the slowest statements). Frozen in time.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type (kysely guidance)
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("job_payloads")
    .addColumn("job_id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("data", "text", (c) => c.notNull())
    // Written before its job row: a payload whose job never came (a crash in between) is pruned once this is old.
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .execute();
  await sql`insert into job_payloads (job_id, data, created_at) select id, data, created_at from jobs`.execute(
    db,
  );
  await db.schema.alterTable("jobs").dropColumn("data").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("jobs")
    .addColumn("data", "text", (c) => c.notNull().defaultTo("null"))
    .execute();
  await sql`update jobs set data = (select data from job_payloads p where p.job_id = jobs.id)
            where exists (select 1 from job_payloads p where p.job_id = jobs.id)`.execute(db);
  await db.schema.dropTable("job_payloads").execute();
}
