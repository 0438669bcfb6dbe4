// Glue: once ingest has stored a delivery, coaches a submitted review now, and re-evaluates a review once a burst
// of its comments or edits has settled (single comments and replies, edits that may make the comments teach).
import type { Context } from "probot";
import type { SecondOpinionPorts } from "../analysis/second-opinion.js";
import { type CoachingObserver, evaluateReview } from "../coaching/evaluate-review.js";
import { parseCoachCommand } from "../coaching/policy-command.js";
import type { IngestResult } from "../ingest/ingest-delivery.js";
import { isBotActor } from "../ingest/normalize-delivery.js";
import { CoachPayload } from "../ingest/payload-schemas.js";
import { type ConfigDeps, resolveRepoConfig } from "./resolve-repo-config.js";

/**
 * Comments of one review, and edits, arrive as a burst of deliveries; waiting 15 s until the burst settles evaluates
 * the review once. Long enough for the deliveries of one review or a round of edits, short enough to feel immediate.
 */
export const DEFAULT_SETTLE_MS = 15_000;

export interface CoachDeps extends ConfigDeps {
  /**
   * Evaluates the review again `delayMs` from now, once for a burst of calls with the same key: the delivery job
   * keeps the delay as a `coach-settled` job (delivery-jobs.ts), so a restart loses none. Without it (the settled
   * job itself), the review is evaluated now.
   */
  settle?: (reviewKey: string, delayMs: number) => Promise<void>;
  /** Settle delay for comment and edit deliveries (DEFAULT_SETTLE_MS). */
  settleMs: number;
  secondOpinion?: SecondOpinionPorts;
  /**
   * Called when another evaluation holds the review's nudge lease: the holder evaluates again before it lets go, and
   * the job is retried in case the holder died (kill -9).
   */
  onBusy?: (reviewKey: string) => Promise<void>;
  /** Told each coaching outcome with its mode (metrics). */
  observer?: CoachingObserver;
  /** How long a claim on a review's nudge outlives a holder that died (default 30 s). */
  nudgeLeaseMs?: number;
}

type Trigger = { when: "now" | "settle"; reviewId: number };

/** Which deliveries (re)evaluate which review, and when. */
function triggerOf(event: string, p: CoachPayload): Trigger | undefined {
  const prAuthor = p.pull_request.user.login.toLowerCase();
  if (event === "pull_request_review" && p.review) {
    // Bots (our own inline replies are wrapped in reviews too) are never coached: skip before any API call.
    if (!p.review.user || isBotActor(p.review.user)) return undefined;
    if (p.action === "submitted") return { when: "now", reviewId: p.review.id };
    if (p.action === "edited") return { when: "settle", reviewId: p.review.id };
    return undefined;
  }
  if (event === "pull_request_review_comment" && p.comment) {
    const { user, pull_request_review_id: reviewId, body } = p.comment;
    if (!["created", "edited", "deleted"].includes(p.action) || reviewId == null || !user) return undefined;
    // The PR author's replies are never coached; commands are handled by reviewer-command.
    if (isBotActor(user) || user.login.toLowerCase() === prAuthor || parseCoachCommand(body) !== undefined)
      return undefined;
    return { when: "settle", reviewId };
  }
  return undefined;
}

export async function coachReview(context: Context, recorded: IngestResult, deps: CoachDeps): Promise<void> {
  // A redelivery ("duplicate") is evaluated again: if the first attempt failed half-way, this one completes it.
  if (recorded.status !== "recorded" && recorded.status !== "duplicate") return;
  if (context.name !== "pull_request_review" && context.name !== "pull_request_review_comment") return;
  const parsed = CoachPayload.safeParse(context.payload);
  if (!parsed.success) return;
  const payload = parsed.data;
  const trigger = triggerOf(context.name, payload);
  if (!trigger) return;

  const repoFullName = payload.repository.full_name;
  const log = context.log.child({ delivery: context.id, repo: repoFullName, review: trigger.reviewId });
  const run = async () => {
    const resolved = await resolveRepoConfig(context, deps);
    const evaluation = await evaluateReview(
      {
        octokit: context.octokit,
        log,
        settings: resolved,
        target: {
          owner: payload.repository.owner.login,
          repo: payload.repository.name,
          repoFullName,
          installationId: payload.installation?.id ?? null,
          prNumber: payload.pull_request.number,
          reviewId: trigger.reviewId,
          headSha: payload.pull_request.head?.sha ?? null,
        },
      },
      deps,
    );
    if (evaluation.outcome === "busy") await deps.onBusy?.(`${repoFullName}#${trigger.reviewId}`);
  };
  if (trigger.when === "now" || !deps.settle) {
    await run();
    return;
  }
  log.debug({ settleMs: deps.settleMs }, "coaching: review evaluated again once its deliveries settle");
  await deps.settle(`${repoFullName}#${trigger.reviewId}`, deps.settleMs);
}
