// Descriptions (issue #18): one author nudge per PR (the claim row that makes posting race-proof, like `nudges`),
// and each PR's latest description assessment for the digest's figures. No description text is stored.
// Frozen in time.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type (kysely guidance)
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("description_nudges")
    .addColumn("repo_full_name", "varchar(256)", (c) => c.notNull())
    .addColumn("pr_number", "integer", (c) => c.notNull())
    .addColumn("installation_id", "bigint")
    .addColumn("author", "varchar(256)", (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("comment_id", "bigint")
    .addColumn("body_hash", "varchar(64)")
    .addColumn("pr_updated_at", "varchar(32)")
    .addColumn("lease_until", "varchar(32)")
    .addColumn("dirty", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("description_nudges_pk", ["repo_full_name", "pr_number"])
    .execute();

  await db.schema
    .createTable("description_assessments")
    .addColumn("repo_full_name", "varchar(256)", (c) => c.notNull())
    .addColumn("pr_number", "integer", (c) => c.notNull())
    .addColumn("installation_id", "bigint")
    .addColumn("html_url", "text")
    .addColumn("ready_at", "varchar(32)", (c) => c.notNull())
    .addColumn("pr_updated_at", "varchar(32)", (c) => c.notNull())
    .addColumn("explains_why", "integer", (c) => c.notNull())
    .addColumn("how_tested", "integer", (c) => c.notNull())
    .addColumn("completeness", "real", (c) => c.notNull())
    .addColumn("missing", "text", (c) => c.notNull())
    .addColumn("words", "integer", (c) => c.notNull())
    .addColumn("architectural", "integer")
    .addColumn("links_adr", "integer", (c) => c.notNull())
    .addColumn("assessed_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("description_assessments_pk", ["repo_full_name", "pr_number"])
    .execute();
  await db.schema
    .createIndex("description_assessments_ready")
    .on("description_assessments")
    .columns(["repo_full_name", "ready_at"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("description_assessments").execute();
  await db.schema.dropTable("description_nudges").execute();
}
