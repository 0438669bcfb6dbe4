// Reads and writes normalized review events; rows map to ReviewEvent in one place.
import type { Kysely, Selectable, Transaction } from "kysely";
import type { ReviewEvent } from "../ingest/review-event.js";
import type { Database, EventsTable } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

const toBit = (b: boolean): number => (b ? 1 : 0);

export function eventToRow(e: ReviewEvent, deliveryId: string | null, recordedAt: string): EventsTable {
  return {
    key: e.key,
    installation_id: e.installationId,
    repo_id: e.repoId,
    repo_full_name: e.repoFullName,
    pr_id: e.prId,
    pr_number: e.prNumber,
    pr_author: e.prAuthor,
    kind: e.kind,
    action: e.action,
    actor_login: e.actorLogin,
    actor_type: e.actorType,
    is_bot: toBit(e.isBot),
    is_app: toBit(e.isApp),
    github_id: e.githubId,
    review_id: e.reviewId,
    in_reply_to_id: e.inReplyToId,
    body: e.body,
    review_state: e.reviewState,
    path: e.path,
    html_url: e.htmlUrl,
    draft: e.draft == null ? null : toBit(e.draft),
    requested_reviewers: JSON.stringify(e.requestedReviewers),
    subject: e.subject,
    occurred_at: e.occurredAt,
    updated_at: e.updatedAt,
    deleted_at: e.deletedAt,
    delivery_id: deliveryId,
    recorded_at: recordedAt,
  };
}

export function rowToEvent(r: Selectable<EventsTable>): ReviewEvent {
  return {
    key: r.key,
    installationId: r.installation_id == null ? null : Number(r.installation_id),
    repoId: Number(r.repo_id),
    repoFullName: r.repo_full_name,
    prId: r.pr_id == null ? null : Number(r.pr_id),
    prNumber: r.pr_number,
    prAuthor: r.pr_author,
    kind: r.kind as ReviewEvent["kind"],
    action: r.action,
    actorLogin: r.actor_login,
    actorType: r.actor_type,
    isBot: r.is_bot === 1,
    isApp: r.is_app === 1,
    githubId: r.github_id == null ? null : Number(r.github_id),
    reviewId: r.review_id == null ? null : Number(r.review_id),
    inReplyToId: r.in_reply_to_id == null ? null : Number(r.in_reply_to_id),
    body: r.body,
    reviewState: r.review_state,
    path: r.path,
    htmlUrl: r.html_url,
    draft: r.draft == null ? null : r.draft === 1,
    requestedReviewers: JSON.parse(r.requested_reviewers) as string[],
    subject: r.subject,
    occurredAt: r.occurred_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

/**
 * Inserts events, or updates the row of the same key (an edit, a dismissal, a deletion).
 * A stale delivery (older `updated_at` than the stored row) changes nothing, so out-of-order redeliveries are safe.
 */
export async function upsertEvents(
  db: Db,
  events: ReviewEvent[],
  deliveryId: string | null,
  recordedAt: string,
): Promise<void> {
  for (const e of events) {
    // A deletion blanks the comment's text, here and in its assessment (README, Security: what is stored).
    const row = e.deletedAt
      ? { ...eventToRow(e, deliveryId, recordedAt), body: "" }
      : eventToRow(e, deliveryId, recordedAt);
    await db
      .insertInto("events")
      .values(row)
      .onConflict((oc) =>
        oc
          .column("key")
          .doUpdateSet((eb) => ({
            // A deleted comment keeps no text (README, Security): excluded.body is already blank then.
            body: eb.ref("excluded.body"),
            review_state: eb.ref("excluded.review_state"),
            updated_at: eb.ref("excluded.updated_at"),
            // Once deleted or dismissed, it stays so: GitHub does not undelete.
            deleted_at: eb.fn.coalesce("events.deleted_at", "excluded.deleted_at"),
            draft: eb.fn.coalesce("excluded.draft", "events.draft"),
            requested_reviewers: eb.ref("excluded.requested_reviewers"),
            html_url: eb.fn.coalesce("excluded.html_url", "events.html_url"),
            delivery_id: eb.ref("excluded.delivery_id"),
            recorded_at: eb.ref("excluded.recorded_at"),
          }))
          .where((eb) =>
            eb.or([
              eb("events.updated_at", "is", null),
              eb("excluded.updated_at", "is", null),
              eb("excluded.updated_at", ">=", eb.ref("events.updated_at")),
              eb("excluded.deleted_at", "is not", null),
            ]),
          ),
      )
      .execute();
    if (e.deletedAt)
      await db
        .updateTable("assessments")
        .set({ signals: "[]", suggestion: null })
        .where("event_key", "=", e.key)
        .execute();
  }
}

export interface EventQuery {
  repoFullName?: string;
  installationId?: number;
  /** ISO bounds on occurred_at, inclusive from, exclusive to. */
  from?: string;
  to?: string;
}

export async function listEvents(db: Db, q: EventQuery = {}): Promise<ReviewEvent[]> {
  let query = db.selectFrom("events").selectAll();
  if (q.repoFullName) query = query.where("repo_full_name", "=", q.repoFullName);
  if (q.installationId != null) query = query.where("installation_id", "=", q.installationId);
  if (q.from) query = query.where("occurred_at", ">=", q.from);
  if (q.to) query = query.where("occurred_at", "<", q.to);
  const rows = await query.orderBy("occurred_at").orderBy("key").execute();
  return rows.map(rowToEvent);
}

export async function getEvent(db: Db, key: string): Promise<ReviewEvent | undefined> {
  const row = await db.selectFrom("events").selectAll().where("key", "=", key).executeTakeFirst();
  return row ? rowToEvent(row) : undefined;
}
