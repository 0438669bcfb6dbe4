// Onboarding (issue #17): one row per repository, ever. It is the claim that makes opening the onboarding pull
// request exactly-once across redeliveries, restarts and replicas, and it records how the team answered. Frozen in
// time.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type (kysely guidance)
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
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

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("onboardings").execute();
}
