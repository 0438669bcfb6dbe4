// Glue: every delivery of a recorded event goes through ingest, logged with its delivery and installation id.
import type { Context } from "probot";
import { ingestDelivery } from "../ingest/ingest-delivery.js";
import type { AppIdentity } from "../ingest/normalize-delivery.js";
import type { Store } from "../store/open-store.js";

export interface RecordDeps {
  store: Store;
  now: () => Date;
  identity: AppIdentity;
}

export const RECORDED_EVENTS = [
  "pull_request",
  "pull_request_review",
  "pull_request_review_comment",
  "pull_request_review_thread",
  "issue_comment",
  "installation",
  "installation_repositories",
] as const;

/** What recording needs of a delivery: a Probot Context, or a stored delivery job with its logger. */
export interface RecordableDelivery {
  id: string;
  name: string;
  payload: unknown;
  log: Pick<Context["log"], "warn" | "debug">;
}

export async function recordDelivery(context: RecordableDelivery, deps: RecordDeps) {
  const log = context.log;
  const result = await ingestDelivery(
    deps.store,
    { id: context.id, event: context.name, payload: context.payload },
    { now: deps.now, identity: deps.identity },
  );
  if (result.status === "failed")
    log.warn({ error: result.error }, "delivery not recorded: unexpected payload");
  else if (result.status === "recorded") log.debug({ events: result.events }, "delivery recorded");
  else log.debug({ status: result.status }, "delivery skipped");
  return result;
}
