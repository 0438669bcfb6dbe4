// Assessments of comments, and the LLM judge's cache and daily budget. Frozen in time.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type (kysely guidance)
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("assessments")
    .addColumn("event_key", "varchar(320)", (c) => c.primaryKey())
    .addColumn("repo_full_name", "varchar(256)", (c) => c.notNull())
    .addColumn("is_feedback", "integer", (c) => c.notNull())
    .addColumn("verdict", "varchar(16)", (c) => c.notNull())
    .addColumn("tone", "varchar(8)", (c) => c.notNull())
    .addColumn("label", "varchar(16)")
    .addColumn("confidence", "real", (c) => c.notNull())
    .addColumn("source", "varchar(16)", (c) => c.notNull())
    .addColumn("signals", "text", (c) => c.notNull())
    .addColumn("suggestion", "text")
    .addColumn("body_hash", "varchar(64)", (c) => c.notNull())
    .addColumn("assessed_at", "varchar(32)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("assessments_repo").on("assessments").column("repo_full_name").execute();

  await db.schema
    .createTable("llm_cache")
    .addColumn("hash", "varchar(64)", (c) => c.primaryKey())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("llm_usage")
    .addColumn("installation_id", "bigint", (c) => c.notNull())
    .addColumn("day", "varchar(10)", (c) => c.notNull())
    .addColumn("comments", "integer", (c) => c.notNull())
    .addColumn("tokens", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("llm_usage_pk", ["installation_id", "day"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ["llm_usage", "llm_cache", "assessments"])
    await db.schema.dropTable(t).ifExists().execute();
}
