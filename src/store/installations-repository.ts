// Installations and their repositories: created, removed (uninstall, suspend) and restored.
import type { Kysely, Transaction } from "kysely";
import type { InstallationChange } from "../ingest/normalize-delivery.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

const REMOVING = new Set(["deleted", "suspend"]);

export async function applyInstallationChange(db: Db, change: InstallationChange, at: string): Promise<void> {
  const removedAt = REMOVING.has(change.action) ? at : null;
  await db
    .insertInto("installations")
    .values({
      id: change.id,
      account_login: change.accountLogin,
      account_type: change.accountType,
      created_at: at,
      removed_at: removedAt,
    })
    .onConflict((oc) =>
      oc.column("id").doUpdateSet({
        account_login: change.accountLogin,
        account_type: change.accountType,
        // Repository-level events leave the installation's own state alone.
        ...(change.action === "added" || change.action === "removed" ? {} : { removed_at: removedAt }),
      }),
    )
    .execute();
  for (const repo of change.repositories) {
    const repoRemovedAt = repo.removed ? at : null;
    await db
      .insertInto("repositories")
      .values({
        id: repo.id,
        installation_id: change.id,
        full_name: repo.fullName,
        private: repo.private ? 1 : 0,
        removed_at: repoRemovedAt,
      })
      .onConflict((oc) =>
        oc
          .column("id")
          .doUpdateSet({ installation_id: change.id, full_name: repo.fullName, removed_at: repoRemovedAt }),
      )
      .execute();
  }
}

export async function isInstallationActive(db: Db, id: number): Promise<boolean> {
  const row = await db
    .selectFrom("installations")
    .select("removed_at")
    .where("id", "=", id)
    .executeTakeFirst();
  return row != null && row.removed_at == null;
}
