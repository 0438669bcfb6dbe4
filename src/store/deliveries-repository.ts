// Webhook deliveries by X-GitHub-Delivery id: the first line of idempotency.
import type { Kysely, Transaction } from "kysely";
import type { Database, DeliveriesTable } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Claims a delivery id. Returns false when the id was already recorded and not failed, i.e. a redelivery
 * (or a concurrent delivery of the same id) that must change nothing. A failed delivery may be claimed again.
 */
export async function claimDelivery(db: Db, row: DeliveriesTable): Promise<boolean> {
  const result = await db
    .insertInto("deliveries")
    .values(row)
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet({ status: row.status, error: row.error, received_at: row.received_at })
        .where("deliveries.status", "=", "failed"),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function markDeliveryFailed(db: Db, row: DeliveriesTable): Promise<void> {
  await db
    .insertInto("deliveries")
    .values({ ...row, status: "failed" })
    .onConflict((oc) => oc.column("id").doUpdateSet({ status: "failed", error: row.error }))
    .execute();
}
