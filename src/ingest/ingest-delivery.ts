// Records one webhook delivery in the store, exactly once: the same code serves the server, the CLI and backfill.

import { assess } from "../analysis/assess.js";
import { upsertAssessment } from "../store/assessments-repository.js";
import { claimDelivery, markDeliveryFailed } from "../store/deliveries-repository.js";
import { getEvent, upsertEvents } from "../store/events-repository.js";
import { applyInstallationChange } from "../store/installations-repository.js";
import type { Store } from "../store/open-store.js";
import { upsertPullRequest } from "../store/pull-requests-repository.js";
import type { DeliveriesTable } from "../store/schema.js";
import { type AppIdentity, type NormalizedDelivery, normalizeDelivery } from "./normalize-delivery.js";
import { DeliveryFacts } from "./payload-schemas.js";
import type { ReviewEvent } from "./review-event.js";

export interface Delivery {
  id: string;
  event: string;
  payload: unknown;
}

export type IngestResult =
  | { status: "recorded"; events: number; normalized: NormalizedDelivery }
  | { status: "duplicate" }
  | { status: "ignored"; reason: string }
  | { status: "failed"; error: string };

export interface IngestOptions {
  now: () => Date;
  identity?: AppIdentity;
}

export async function ingestDelivery(
  store: Store,
  delivery: Delivery,
  options: IngestOptions,
): Promise<IngestResult> {
  const receivedAt = options.now().toISOString();
  const facts = DeliveryFacts.parse(delivery.payload);
  const row: DeliveriesTable = {
    id: delivery.id,
    event: delivery.event,
    action: facts.action,
    installation_id: facts.installation,
    repo_full_name: facts.repository,
    received_at: receivedAt,
    status: "processed",
    error: null,
  };

  let normalized: NormalizedDelivery;
  try {
    normalized = normalizeDelivery(delivery.event, delivery.payload, {
      receivedAt,
      ...(options.identity ? { identity: options.identity } : {}),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await markDeliveryFailed(store.db, { ...row, error: message.slice(0, 2000) });
    return { status: "failed", error: message };
  }

  if (!normalized.relevant) {
    const claimed = await claimDelivery(store.db, {
      ...row,
      status: "ignored",
      error: normalized.reason ?? null,
    });
    return claimed
      ? { status: "ignored", reason: normalized.reason ?? "not relevant" }
      : { status: "duplicate" };
  }

  // One transaction: the delivery id and its rows land together or not at all, so a crash mid-way
  // leaves the delivery unclaimed and GitHub's redelivery can complete it.
  return store.db.transaction().execute(async (tx) => {
    if (!(await claimDelivery(tx, row))) return { status: "duplicate" } as const;
    if (normalized.installation) await applyInstallationChange(tx, normalized.installation, receivedAt);
    if (normalized.pullRequest) await upsertPullRequest(tx, normalized.pullRequest);
    await upsertEvents(tx, normalized.events, delivery.id, receivedAt);
    await assessEvents(tx, normalized.events, receivedAt);
    return { status: "recorded", events: normalized.events.length, normalized } as const;
  });
}

/**
 * Assesses every comment with text as it is recorded (heuristics only: fast, offline), so the CLI, backfill
 * and the server all leave the same assessments behind; an edit is assessed again.
 */
async function assessEvents(tx: Parameters<typeof upsertAssessment>[0], events: ReviewEvent[], at: string) {
  for (const incoming of events) {
    if (incoming.kind === "pull_request") continue;
    // Assess what the store kept: a stale redelivery did not change the row, so it must not change the verdict.
    const e = await getEvent(tx, incoming.key);
    if (!e || e.body == null || e.body.trim() === "" || e.deletedAt) continue;
    const assessment = assess(
      { id: e.key, body: e.body, author: e.actorLogin, authorIsBot: e.isBot },
      { prAuthor: e.prAuthor },
    );
    await upsertAssessment(tx, {
      eventKey: e.key,
      repoFullName: e.repoFullName,
      body: e.body,
      assessment,
      at,
    });
  }
}
