// Initial schema. Frozen in time: change the schema with a new migration, never by editing this one.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type (kysely guidance)
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("deliveries")
    .addColumn("id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("event", "varchar(64)", (c) => c.notNull())
    .addColumn("action", "varchar(64)")
    .addColumn("installation_id", "bigint")
    .addColumn("repo_full_name", "varchar(256)")
    .addColumn("received_at", "varchar(32)", (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("error", "text")
    .execute();

  await db.schema
    .createTable("installations")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_login", "varchar(256)", (c) => c.notNull())
    .addColumn("account_type", "varchar(32)", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("removed_at", "varchar(32)")
    .execute();

  await db.schema
    .createTable("repositories")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("installation_id", "bigint")
    .addColumn("full_name", "varchar(256)", (c) => c.notNull())
    .addColumn("private", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("removed_at", "varchar(32)")
    .execute();

  await db.schema
    .createTable("pull_requests")
    .addColumn("repo_id", "bigint", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("installation_id", "bigint")
    .addColumn("repo_full_name", "varchar(256)", (c) => c.notNull())
    .addColumn("pr_id", "bigint")
    .addColumn("author_login", "varchar(256)", (c) => c.notNull())
    .addColumn("author_type", "varchar(32)", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("state", "varchar(16)", (c) => c.notNull())
    .addColumn("draft", "integer", (c) => c.notNull())
    .addColumn("merged", "integer", (c) => c.notNull())
    .addColumn("labels", "text", (c) => c.notNull())
    .addColumn("requested_reviewers", "text", (c) => c.notNull())
    .addColumn("html_url", "text")
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addColumn("closed_at", "varchar(32)")
    .addPrimaryKeyConstraint("pull_requests_pk", ["repo_id", "number"])
    .execute();

  await db.schema
    .createTable("events")
    .addColumn("key", "varchar(320)", (c) => c.primaryKey())
    .addColumn("installation_id", "bigint")
    .addColumn("repo_id", "bigint", (c) => c.notNull())
    .addColumn("repo_full_name", "varchar(256)", (c) => c.notNull())
    .addColumn("pr_id", "bigint")
    .addColumn("pr_number", "integer", (c) => c.notNull())
    .addColumn("pr_author", "varchar(256)", (c) => c.notNull())
    .addColumn("kind", "varchar(32)", (c) => c.notNull())
    .addColumn("action", "varchar(64)", (c) => c.notNull())
    .addColumn("actor_login", "varchar(256)", (c) => c.notNull())
    .addColumn("actor_type", "varchar(32)", (c) => c.notNull())
    .addColumn("is_bot", "integer", (c) => c.notNull())
    .addColumn("is_app", "integer", (c) => c.notNull())
    .addColumn("github_id", "bigint")
    .addColumn("review_id", "bigint")
    .addColumn("in_reply_to_id", "bigint")
    .addColumn("body", "text")
    .addColumn("review_state", "varchar(32)")
    .addColumn("path", "text")
    .addColumn("html_url", "text")
    .addColumn("draft", "integer")
    .addColumn("requested_reviewers", "text", (c) => c.notNull())
    .addColumn("subject", "varchar(256)")
    .addColumn("occurred_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)")
    .addColumn("deleted_at", "varchar(32)")
    .addColumn("delivery_id", "varchar(64)")
    .addColumn("recorded_at", "varchar(32)", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("events_repo_time")
    .on("events")
    .columns(["repo_full_name", "occurred_at"])
    .execute();
  await db.schema.createIndex("events_review").on("events").columns(["review_id"]).execute();
  await db.schema.createIndex("events_pr").on("events").columns(["repo_id", "pr_number"]).execute();

  await db.schema
    .createTable("repo_configs")
    .addColumn("repo_full_name", "varchar(256)", (c) => c.primaryKey())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("config", "text", (c) => c.notNull())
    .addColumn("version", "varchar(128)")
    .addColumn("loaded_at", "varchar(32)", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("config_reports")
    .addColumn("repo_full_name", "varchar(256)", (c) => c.notNull())
    .addColumn("version", "varchar(128)", (c) => c.notNull())
    .addColumn("reported_at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("config_reports_pk", ["repo_full_name", "version"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    "config_reports",
    "repo_configs",
    "events",
    "pull_requests",
    "repositories",
    "installations",
    "deliveries",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
