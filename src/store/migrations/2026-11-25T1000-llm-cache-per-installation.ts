// The model's cache is kept per installation (README, Security): entries made before were shared by every
// installation and may hold rewrites written with other comments as context, so they are dropped. Frozen in time.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type (kysely guidance)
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.deleteFrom("llm_cache").execute();
  await db.schema.alterTable("llm_cache").addColumn("installation_id", "bigint").execute();
  await db.schema.createIndex("llm_cache_installation_i").on("llm_cache").column("installation_id").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("llm_cache_installation_i").execute();
  await db.schema.alterTable("llm_cache").dropColumn("installation_id").execute();
}
