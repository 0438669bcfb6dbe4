// Coaching: one nudge per review (the claim row that makes posting race-proof), each review's latest coaching
// decision, and reviewers' opt-outs. Frozen in time.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type (kysely guidance)
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("nudges")
    .addColumn("repo_full_name", "varchar(256)", (c) => c.notNull())
    .addColumn("review_id", "bigint", (c) => c.notNull())
    .addColumn("installation_id", "bigint")
    .addColumn("pr_number", "integer", (c) => c.notNull())
    .addColumn("reviewer", "varchar(256)", (c) => c.notNull())
    .addColumn("mode", "varchar(16)", (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("target_id", "bigint")
    .addColumn("replies", "text", (c) => c.notNull())
    .addColumn("body_hash", "varchar(64)")
    .addColumn("day", "varchar(10)", (c) => c.notNull())
    .addColumn("lease_until", "varchar(32)")
    .addColumn("dirty", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("nudges_pk", ["repo_full_name", "review_id"])
    .execute();
  await db.schema
    .createIndex("nudges_reviewer_day")
    .on("nudges")
    .columns(["repo_full_name", "reviewer", "day"])
    .execute();

  await db.schema
    .createTable("coaching_decisions")
    .addColumn("repo_full_name", "varchar(256)", (c) => c.notNull())
    .addColumn("review_id", "bigint", (c) => c.notNull())
    .addColumn("installation_id", "bigint")
    .addColumn("pr_number", "integer", (c) => c.notNull())
    .addColumn("reviewer", "varchar(256)", (c) => c.notNull())
    .addColumn("outcome", "varchar(16)", (c) => c.notNull())
    .addColumn("reason", "varchar(32)", (c) => c.notNull())
    .addColumn("mode", "varchar(16)", (c) => c.notNull())
    .addColumn("feedback", "integer", (c) => c.notNull())
    .addColumn("teaching", "integer", (c) => c.notNull())
    .addColumn("correcting", "integer", (c) => c.notNull())
    .addColumn("nits", "integer", (c) => c.notNull())
    .addColumn("harsh", "integer", (c) => c.notNull())
    .addColumn("ratio", "real")
    .addColumn("listed", "integer", (c) => c.notNull())
    .addColumn("evaluations", "integer", (c) => c.notNull())
    .addColumn("first_decided_at", "varchar(32)", (c) => c.notNull())
    .addColumn("decided_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("coaching_decisions_pk", ["repo_full_name", "review_id"])
    .execute();
  await db.schema
    .createIndex("coaching_decisions_time")
    .on("coaching_decisions")
    .columns(["repo_full_name", "decided_at"])
    .execute();

  await db.schema
    .createTable("coaching_opt_outs")
    .addColumn("installation_id", "bigint", (c) => c.notNull())
    .addColumn("login", "varchar(256)", (c) => c.notNull())
    .addColumn("opted_out", "integer", (c) => c.notNull())
    .addColumn("comment_id", "bigint")
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("coaching_opt_outs_pk", ["installation_id", "login"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ["coaching_opt_outs", "coaching_decisions", "nudges"])
    await db.schema.dropTable(t).ifExists().execute();
}
