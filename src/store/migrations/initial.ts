// The store's schema, one initial migration per store (the migrations before the first release, squashed: issue
// #13, item 2). Frozen from the first release on: change the schema with a new migration, never by editing this one.
import { type Kysely, type Migration, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type (kysely guidance)
type AnyDb = Kysely<any>;

export function initialMigration(dialect: "sqlite" | "postgres"): Migration {
  return {
    async up(db: AnyDb): Promise<void> {
      await createTables(db);
      if (dialect === "sqlite") await createSqliteJobTables(db);
    },
  };
}

async function createTables(db: AnyDb): Promise<void> {
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
    .addColumn("installation_id", "bigint")
    .execute();
  await db.schema.createIndex("llm_cache_installation_i").on("llm_cache").column("installation_id").execute();

  await db.schema
    .createTable("llm_usage")
    .addColumn("installation_id", "bigint", (c) => c.notNull())
    .addColumn("day", "varchar(10)", (c) => c.notNull())
    .addColumn("comments", "integer", (c) => c.notNull())
    .addColumn("tokens", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("llm_usage_pk", ["installation_id", "day"])
    .execute();

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

  await db.schema
    .createTable("onboardings")
    .addColumn("repo_full_name", "varchar(256)", (c) => c.primaryKey())
    .addColumn("installation_id", "bigint")
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("number", "integer")
    .addColumn("branch", "varchar(256)")
    .addColumn("content_hash", "varchar(64)")
    .addColumn("lease_until", "varchar(32)")
    .addColumn("error", "text")
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .addColumn("activated_at", "varchar(32)")
    .addColumn("closed_at", "varchar(32)")
    .execute();
}

/** The embedded job queue's tables (src/jobs/sqlite-job-queue.ts); on PostgreSQL, pg-boss keeps its own. */
async function createSqliteJobTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
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
  await db.schema
    .createIndex("jobs_due_i")
    .on("jobs")
    .columns(["name", "state", "run_at", "created_at"])
    .execute();
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
  // A job's payload apart from its frequently updated row; deleted when the job completes.
  await db.schema
    .createTable("job_payloads")
    .addColumn("job_id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .execute();
}
