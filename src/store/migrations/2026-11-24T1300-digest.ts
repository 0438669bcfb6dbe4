// Weekly digests (claimed once per target and week) and backfill cursors (resume per repository). Frozen in time.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type (kysely guidance)
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("digests")
    .addColumn("target", "varchar(256)", (c) => c.notNull())
    .addColumn("week", "varchar(10)", (c) => c.notNull())
    .addColumn("installation_id", "bigint")
    .addColumn("repos", "text", (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("issue_number", "integer")
    .addColumn("issue_url", "text")
    .addColumn("claimed_at", "varchar(32)", (c) => c.notNull())
    .addColumn("posted_at", "varchar(32)")
    .addColumn("error", "text")
    .addPrimaryKeyConstraint("digests_pk", ["target", "week"])
    .execute();

  await db.schema
    .createTable("backfill_state")
    .addColumn("repo_full_name", "varchar(256)", (c) => c.primaryKey())
    .addColumn("since", "varchar(32)", (c) => c.notNull())
    .addColumn("run_started_at", "varchar(32)", (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("cursor_pr_number", "integer")
    .addColumn("cursor_pr_updated_at", "varchar(32)")
    .addColumn("prs_done", "integer", (c) => c.notNull())
    .addColumn("deliveries", "integer", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addColumn("error", "text")
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ["backfill_state", "digests"]) await db.schema.dropTable(t).ifExists().execute();
}
