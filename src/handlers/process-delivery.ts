// Glue: the work a recorded delivery causes (config check, reviewer commands, coaching), inline or as a job.
import type { Context } from "probot";
import type { IngestResult } from "../ingest/ingest-delivery.js";
import { coachDescription, DESCRIPTION_EVENTS } from "./coach-description.js";
import { type CoachDeps, coachReview } from "./coach-review.js";
import { resolveRepoConfig } from "./resolve-repo-config.js";
import { handleReviewerCommand } from "./reviewer-command.js";

/**
 * Events after which the repository's config is (re)read: a PR becoming reviewable. A submitted review reads it
 * in the coaching handler, which needs it anyway.
 */
const CONFIG_EVENTS = new Set([
  "pull_request.opened",
  "pull_request.reopened",
  "pull_request.ready_for_review",
  "pull_request.synchronize",
]);

const COMMAND_EVENTS = new Set(["issue_comment.created", "pull_request_review_comment.created"]);

const COACHED_EVENTS = new Set(["pull_request_review", "pull_request_review_comment"]);

/** A delivery's event name and payload: a Probot Context, or a stored delivery job. */
type EventOf = { name: string; payload: unknown };

export function eventKey(context: EventOf): string {
  const action = (context.payload as { action?: unknown }).action;
  return typeof action === "string" ? `${context.name}.${action}` : context.name;
}

/** Whether a delivery causes any work beyond recording it (so only those become jobs). */
export function needsProcessing(context: EventOf, recorded: IngestResult): boolean {
  if (recorded.status !== "recorded" && recorded.status !== "duplicate") return false;
  const key = eventKey(context);
  return (
    CONFIG_EVENTS.has(key) ||
    COMMAND_EVENTS.has(key) ||
    COACHED_EVENTS.has(context.name) ||
    DESCRIPTION_EVENTS.has(key)
  );
}

export async function processDelivery(
  context: Context,
  recorded: IngestResult,
  deps: CoachDeps,
): Promise<void> {
  if (!needsProcessing(context, recorded)) return;
  const key = eventKey(context);
  const resolved = CONFIG_EVENTS.has(key) ? await resolveRepoConfig(context, deps) : undefined;
  if (COMMAND_EVENTS.has(key)) await handleReviewerCommand(context, deps);
  // The PR's own description (issue #18), with the config just read when there is one.
  if (DESCRIPTION_EVENTS.has(key)) await coachDescription(context, recorded, deps, resolved);
  await coachReview(context, recorded, deps);
}
