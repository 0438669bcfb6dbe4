// Evaluates one review for a coaching nudge and shows the result on GitHub exactly once (issue #4).
import type { Logger } from "pino";
import type { ProbotOctokit } from "probot";
import type { SecondOpinionPorts } from "../analysis/second-opinion.js";
import { secondOpinion } from "../analysis/second-opinion.js";
import type { RepoConfig } from "../config/schema.js";
import { type DecisionOutcome, recordDecision } from "../store/coaching-decisions-repository.js";
import {
  abandonNudge,
  acquireNudge,
  countNudgesOnDay,
  getNudge,
  type NudgeMode,
  type NudgeRecord,
  releaseNudge,
  saveNudge,
} from "../store/nudges-repository.js";
import type { Store } from "../store/open-store.js";
import { isOptedOut } from "../store/opt-outs-repository.js";
import { type DeliveryResult, deliverNudge, type NudgeTarget } from "./deliver-nudge.js";
import { gatherReviewFacts } from "./gather-review-facts.js";
import {
  decideNudge,
  type ExistingNudge,
  existingNudge,
  isGateReason,
  type NudgeDecision,
} from "./policy.js";
import { teamDay } from "./policy-day.js";
import type { ReviewFacts } from "./review-facts.js";

type Octokit = InstanceType<typeof ProbotOctokit>;

export interface EvaluateDeps {
  store: Store;
  now: () => Date;
  /** Optional LLM second opinion for comments the heuristics are unsure of (config llm.enabled). */
  secondOpinion?: SecondOpinionPorts;
  /** Told each round's outcome under the lease with the nudge's mode (metrics). Must not throw. */
  observer?: CoachingObserver;
  /** How long a claim on a review's nudge outlives a holder that died (default LEASE_MS, 30 s; tests shorten it). */
  nudgeLeaseMs?: number;
}

export type CoachingObserver = (evaluation: { mode: string; outcome: string }) => void;

export interface ReviewTarget extends NudgeTarget {
  repoFullName: string;
  installationId: number | null;
}

export interface EvaluateInput {
  octokit: Octokit;
  log: Logger;
  target: ReviewTarget;
  /** From resolveRepoConfig: `coach` is false for a repository without a valid config file (observe only). */
  settings: { config: RepoConfig; coach: boolean };
}

export interface Evaluation {
  /** `busy`: another delivery holds the review's lease and will evaluate again; `unknown`: nothing stored yet. */
  outcome: DecisionOutcome | "busy" | "unknown";
  reason: string;
}

/** Rounds under one lease: the first, plus re-evaluations for deliveries that arrived meanwhile. */
const MAX_ROUNDS = 3;

export async function evaluateReview(input: EvaluateInput, deps: EvaluateDeps): Promise<Evaluation> {
  const { target, settings, log } = input;
  const db = deps.store.db;
  const key = { repoFullName: target.repoFullName, reviewId: target.reviewId };
  const coaching = settings.config.coaching;
  const timezone = settings.config.review_windows.timezone;
  const day = teamDay(deps.now().toISOString(), timezone);
  const useLlm = deps.secondOpinion !== undefined && settings.config.llm.enabled;

  const evaluate = async (nudge: NudgeRecord | undefined, llm: boolean) => {
    const stored = await gatherReviewFacts(db, key);
    if (!stored) return undefined;
    const facts = llm && deps.secondOpinion ? await withSecondOpinion(stored, deps.secondOpinion) : stored;
    const decision = decideNudge({
      review: facts,
      config: coaching,
      timezone,
      coach: settings.coach,
      optedOut: await isOptedOut(db, target.installationId, facts.reviewer),
      nudgesToday: await countNudgesOnDay(db, {
        repoFullName: key.repoFullName,
        reviewer: facts.reviewer,
        day,
        exceptReviewId: key.reviewId,
      }),
      existing: existingOf(nudge),
    });
    return { facts, decision };
  };
  const withSecondOpinion = async (facts: ReviewFacts, ports: SecondOpinionPorts): Promise<ReviewFacts> => {
    const outcome = await secondOpinion(
      {
        installationId: target.installationId ?? 0,
        llm: settings.config.llm,
        scope: `${key.repoFullName}#${key.reviewId}`,
        items: facts.comments.map((c) => ({
          comment: { id: c.key, body: c.body, author: facts.reviewer },
          assessment: c.assessment,
        })),
      },
      ports,
    );
    if (outcome.fallback)
      log.debug({ review: key.reviewId, ...outcome.fallback }, "LLM second opinion fell back");
    return {
      ...facts,
      comments: facts.comments.map((c, i) => ({ ...c, assessment: outcome.assessments[i] ?? c.assessment })),
    };
  };

  // 1. Decide on the stored heuristic assessments; a closed gate ends it here (no LLM, no lease, no GitHub call).
  let current = await evaluate(await getNudge(db, key), false);
  if (!current) {
    log.debug({ review: key.reviewId }, "coaching: nothing stored for this review yet");
    return { outcome: "unknown", reason: "review-unknown" };
  }
  if (useLlm && !(current.decision.action === "skip" && isGateReason(current.decision.reason)))
    current = (await evaluate(await getNudge(db, key), true)) ?? current;

  // 2. Nothing to show and nothing showing: record why, done.
  if (current.decision.action === "skip") {
    await record(current.facts, current.decision, { outcome: "skipped" }, undefined);
    return { outcome: "skipped", reason: current.decision.reason };
  }

  // 3. Claim the review's nudge; a concurrent delivery holding it will evaluate again on our behalf.
  const claim = await acquireNudge(
    db,
    {
      ...key,
      installationId: target.installationId,
      prNumber: current.facts.prNumber,
      reviewer: current.facts.reviewer,
      mode: coaching.mode as NudgeMode,
      day,
    },
    // Wall-clock time, not the app clock: a lease is about whether a process is still alive, and an app clock
    // that is steered (tests, the demo) or skewed must not expire it under a living holder.
    new Date(),
    deps.nudgeLeaseMs,
  );
  if (!claim.acquired) {
    log.debug({ review: key.reviewId }, "coaching: another delivery holds this review; it evaluates again");
    return { outcome: "busy", reason: "lease-held" };
  }

  // 4. Under the lease: evaluate afresh, show it, and go round again while deliveries arrived meanwhile.
  let nudge = claim.nudge;
  let result: DeliveryResult = { outcome: "unchanged" };
  const rounds: Array<{
    facts: ReviewFacts;
    decision: NudgeDecision;
    result: DeliveryResult;
    mode?: string;
  }> = [];
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (round > 0) nudge = (await getNudge(db, key)) ?? nudge;
      current = (await evaluate(nudge, useLlm)) ?? current;
      const { decision } = current;
      result =
        decision.action === "skip"
          ? { outcome: "skipped", ...(hasTarget(nudge) ? {} : { update: { status: "skipped" } }) }
          : await deliverNudge(
              {
                octokit: input.octokit,
                target,
                nudge,
                fresh: claim.fresh && round === 0,
                onResolved: coaching.on_resolved,
                reviewer: current.facts.reviewer,
                reviewHtmlUrl: current.facts.reviewHtmlUrl,
                checkpoint: (update) => saveNudge(db, key, update, deps.now()),
              },
              decision,
            );
      if (result.update) await saveNudge(db, key, result.update, deps.now());
      deps.observer?.({ mode: nudge.mode ?? coaching.mode, outcome: result.outcome });
      rounds.push({ ...current, result, mode: nudge.mode });
      if (await releaseNudge(db, key, new Date(), deps.nudgeLeaseMs)) break;
      if (round === MAX_ROUNDS - 1) await abandonNudge(db, key);
    }
  } catch (error) {
    // Thrown on (5xx, network) so the webhook is retried; the claim is given back so the retry can take it.
    const latest = await getNudge(db, key);
    if (latest && !hasTarget(latest))
      await saveNudge(db, key, { status: "failed", error: String(error).slice(0, 500) }, deps.now());
    await abandonNudge(db, key);
    log.warn({ review: key.reviewId, err: error }, "coaching: GitHub failed; the delivery will be retried");
    throw error;
  }

  // Every round is recorded and logged, so a nudge posted in the first round is not hidden by the "unchanged" of
  // the re-evaluation after it.
  for (const r of rounds) await record(r.facts, r.decision, r.result, r.mode);
  return { outcome: result.outcome, reason: result.reason ?? current.decision.reason };

  async function record(
    facts: ReviewFacts,
    decision: NudgeDecision,
    delivered: DeliveryResult,
    mode: string | undefined,
  ): Promise<void> {
    const reason = delivered.reason ?? decision.reason;
    const listed =
      decision.action === "nudge"
        ? decision.content.couldTeachMore.length + decision.content.harsh.length
        : 0;
    const { tally } = decision;
    await recordDecision(
      db,
      {
        ...key,
        installationId: target.installationId,
        prNumber: facts.prNumber,
        reviewer: facts.reviewer,
        outcome: delivered.outcome,
        reason,
        mode: mode ?? coaching.mode,
        feedback: tally.feedback,
        teaching: tally.teaching,
        correcting: tally.correcting,
        nits: tally.nits,
        harsh: tally.harsh,
        ratio: tally.ratio,
        listed,
      },
      deps.now().toISOString(),
    );
    // Reason codes and counts only: comment bodies never reach the logs at info.
    const fields = {
      review: key.reviewId,
      pr: facts.prNumber,
      reviewer: facts.reviewer,
      outcome: delivered.outcome,
      reason,
      mode: mode ?? coaching.mode,
      ...tally,
      listed,
    };
    if (delivered.outcome === "failed") log.warn(fields, "coaching: GitHub refused the nudge");
    else if (["nudged", "updated", "resolved"].includes(delivered.outcome))
      log.info(fields, "coaching nudge shown");
    else log.debug(fields, "coaching decision");
  }
}

function hasTarget(nudge: NudgeRecord): boolean {
  return nudge.targetId != null || Object.values(nudge.replies).some((r) => r.state !== "annotated");
}

function existingOf(nudge: NudgeRecord | undefined): ExistingNudge {
  return existingNudge(nudge?.status, nudge !== undefined && hasTarget(nudge));
}
