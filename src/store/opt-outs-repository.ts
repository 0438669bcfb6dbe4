// Reviewers who said `/review-coach off` (or back `on`), per installation; logins compared case-insensitively.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

export interface OptOutCommand {
  installationId: number | null;
  login: string;
  optedOut: boolean;
  commentId: number | null;
  /** When the command was written (the comment's created_at). */
  at: string;
}

/** Stores a command; an older command (a late redelivery) never undoes a newer one. */
export async function setOptOut(db: Db, command: OptOutCommand): Promise<void> {
  const values = {
    installation_id: command.installationId ?? 0,
    login: command.login.toLowerCase(),
    opted_out: command.optedOut ? 1 : 0,
    comment_id: command.commentId,
    updated_at: command.at,
  };
  await db
    .insertInto("coaching_opt_outs")
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(["installation_id", "login"])
        .doUpdateSet({
          opted_out: values.opted_out,
          comment_id: values.comment_id,
          updated_at: values.updated_at,
        })
        .where("coaching_opt_outs.updated_at", "<=", values.updated_at),
    )
    .execute();
}

export async function isOptedOut(db: Db, installationId: number | null, login: string): Promise<boolean> {
  const row = await db
    .selectFrom("coaching_opt_outs")
    .select("opted_out")
    .where("installation_id", "=", installationId ?? 0)
    .where("login", "=", login.toLowerCase())
    .executeTakeFirst();
  return row?.opted_out === 1;
}
