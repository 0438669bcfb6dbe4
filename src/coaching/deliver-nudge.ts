// Shows a nudge decision on GitHub in the nudge's mode (summary | inline | check), creating once, then updating.
// Runs only while holding the review's lease (src/store/nudges-repository.ts), so it never races itself.
import type { ProbotOctokit } from "probot";
import {
  createCoachingCheck,
  listReviewCommentLines,
  updateCoachingCheck,
} from "../github/create-coaching-check.js";
import { survivableStatus } from "../github/github-error.js";
import { deleteThreadReply, replyInThread, updateThreadReply } from "../github/reply-in-thread.js";
import { deleteNudgeComment, findNudgeComment, upsertNudgeComment } from "../github/upsert-nudge-comment.js";
import { sha256Hex } from "../sha256-hex.js";
import type { DecisionOutcome } from "../store/coaching-decisions-repository.js";
import type { NudgeRecord, NudgeReplies, NudgeStatus, NudgeUpdate } from "../store/nudges-repository.js";
import type { NudgeDecision } from "./policy.js";
import { renderCheckOutput, renderCheckThanks } from "./render-check.js";
import { renderInlineReply, renderInlineThanks } from "./render-inline.js";
import { renderSummaryNudge, renderSummaryThanks } from "./render-summary.js";
import { nudgeMarker } from "./render-text.js";
import type { CoachComment } from "./review-facts.js";

type Octokit = InstanceType<typeof ProbotOctokit>;

export interface NudgeTarget {
  owner: string;
  repo: string;
  prNumber: number;
  reviewId: number;
  /** The PR's head commit, for check mode. */
  headSha: string | null;
}

export interface DeliveryInput {
  octokit: Octokit;
  target: NudgeTarget;
  /** The row as it is under the lease. */
  nudge: NudgeRecord;
  /** This evaluation created the row: nothing can have been posted for it before. */
  fresh: boolean;
  onResolved: "thank" | "delete";
  reviewer: string;
  reviewHtmlUrl: string | null;
  /**
   * Stores progress between GitHub calls of one delivery (inline mode posts one reply per thread), so a 5xx
   * half-way leaves the replies already posted on record and the retry does not post them again.
   */
  checkpoint(update: NudgeUpdate): Promise<void>;
}

export interface DeliveryResult {
  outcome: DecisionOutcome;
  /** For failed: `github-<status>`; for skipped: why nothing was shown. Undefined: the decision's own reason. */
  reason?: string;
  /** What to store on the nudge row; undefined: leave it as it is. */
  update?: NudgeUpdate;
}

type Shown = Extract<NudgeDecision, { action: "nudge" | "resolve" }>;

export async function deliverNudge(input: DeliveryInput, decision: Shown): Promise<DeliveryResult> {
  switch (input.nudge.mode) {
    case "summary":
      return deliverSummary(input, decision);
    case "inline":
      return deliverInline(input, decision);
    case "check":
      return deliverCheck(input, decision);
  }
}

/** A client error retrying cannot fix is a result; anything else (5xx, network) is thrown for a redelivery. */
function failure(error: unknown, nudge: NudgeRecord, keep?: Partial<NudgeUpdate>): DeliveryResult {
  const status = survivableStatus(error);
  if (status === undefined) throw error;
  const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
  const hasTarget = nudge.targetId != null || Object.keys(nudge.replies).length > 0;
  return {
    outcome: "failed",
    reason: `github-${status}`,
    update: { status: hasTarget ? nudge.status : "failed", ...keep, error: message },
  };
}

/** Our comment or check run was removed by someone: respect that and never post for this review again. */
const gone = (): DeliveryResult => ({
  outcome: "skipped",
  reason: "nudge-removed",
  update: { status: "gone" },
});

async function deliverSummary(input: DeliveryInput, decision: Shown): Promise<DeliveryResult> {
  const { octokit, target, nudge } = input;
  const where = { owner: target.owner, repo: target.repo, prNumber: target.prNumber };
  let targetId = nudge.targetId;
  try {
    if (decision.action === "nudge") {
      const body = renderSummaryNudge({
        reviewId: target.reviewId,
        reviewer: input.reviewer,
        reviewHtmlUrl: input.reviewHtmlUrl,
        content: decision.content,
      });
      const hash = sha256Hex(body);
      // A row someone else claimed before (crashed, or GitHub answered 5xx after creating the comment):
      // the marker finds what may already be there, so the retry updates it instead of posting twice.
      if (targetId == null && !input.fresh)
        targetId = (await findNudgeComment(octokit, where, nudgeMarker(target.reviewId))) ?? null;
      if (targetId != null && nudge.status === "posted" && nudge.bodyHash === hash)
        return { outcome: "unchanged" };
      const id = await upsertNudgeComment(octokit, where, targetId, body);
      return {
        outcome: targetId == null ? "nudged" : "updated",
        update: { status: "posted", targetId: id, bodyHash: hash },
      };
    }
    if (targetId == null) return { outcome: "unchanged" };
    if (input.onResolved === "delete") {
      await deleteNudgeComment(octokit, where, targetId);
      return { outcome: "resolved", update: { status: "deleted", bodyHash: null } };
    }
    const body = renderSummaryThanks({
      reviewId: target.reviewId,
      reviewer: input.reviewer,
      reviewHtmlUrl: input.reviewHtmlUrl,
    });
    const hash = sha256Hex(body);
    if (nudge.status === "resolved" && nudge.bodyHash === hash) return { outcome: "unchanged" };
    await upsertNudgeComment(octokit, where, targetId, body);
    return { outcome: "resolved", update: { status: "resolved", bodyHash: hash } };
  } catch (error) {
    if (targetId != null && survivableStatus(error) === 404) return gone();
    return failure(error, nudge, targetId != null ? { targetId } : {});
  }
}

async function deliverInline(input: DeliveryInput, decision: Shown): Promise<DeliveryResult> {
  const { octokit, target, nudge } = input;
  const where = { owner: target.owner, repo: target.repo, prNumber: target.prNumber };
  const replies: NudgeReplies = { ...nudge.replies };
  const hadReplies = Object.keys(replies).length > 0;
  // Replies to post or update; and, once the review passes, replies left as they are because their own comment
  // still reads as a correction (a thank-you there would be untrue).
  const wanted = new Map<string, CoachComment>();
  const keep = new Set<string>();
  if (decision.action === "nudge") {
    // Only line comments have a thread; the review body is not replied to in this mode.
    for (const c of [...decision.content.couldTeachMore, ...decision.content.harsh])
      if (c.threadId != null) wanted.set(String(c.githubId), c);
  } else {
    for (const c of decision.stillFlagged) keep.add(String(c.githubId));
  }
  if (decision.action === "nudge" && wanted.size === 0 && !hadReplies)
    return { outcome: "skipped", reason: "nothing-inline", update: { status: "skipped" } };

  let changed = 0;
  const settle = (outcome: DecisionOutcome): DeliveryResult => {
    const states = Object.values(replies).map((r) => r.state);
    const status: NudgeStatus = states.includes("nudge")
      ? "posted"
      : states.includes("thanks")
        ? "resolved"
        : states.length > 0
          ? "deleted"
          : "skipped";
    return { outcome, update: { status, replies } };
  };
  try {
    for (const [id, comment] of wanted) {
      const previous = replies[id];
      // A reply deleted by us or removed by someone is never posted again for this comment.
      if (previous && (previous.state === "deleted" || previous.state === "gone")) continue;
      const body = renderInlineReply(target.reviewId, comment);
      const hash = sha256Hex(body);
      if (previous?.hash === hash) continue;
      try {
        let replyId: number;
        if (previous) {
          await updateThreadReply(octokit, where, previous.id, body);
          replyId = previous.id;
        } else {
          replyId = await replyInThread(octokit, where, comment.threadId as number, body);
        }
        replies[id] = { id: replyId, hash, state: "nudge" };
        await input.checkpoint({ status: "posted", replies: { ...replies } });
        changed++;
      } catch (error) {
        // The comment (or our reply) was deleted: skip this thread, keep going with the others.
        if (survivableStatus(error) !== 404) throw error;
        replies[id] = { id: previous?.id ?? 0, hash: "", state: "gone" };
      }
    }
    let resolved = 0;
    for (const [id, reply] of Object.entries(replies)) {
      if (wanted.has(id) || keep.has(id) || reply.state !== "nudge") continue;
      try {
        if (input.onResolved === "delete") {
          await deleteThreadReply(octokit, where, reply.id);
          replies[id] = { ...reply, hash: "", state: "deleted" };
        } else {
          const body = renderInlineThanks(target.reviewId, Number(id));
          await updateThreadReply(octokit, where, reply.id, body);
          replies[id] = { id: reply.id, hash: sha256Hex(body), state: "thanks" };
        }
        resolved++;
      } catch (error) {
        if (survivableStatus(error) !== 404) throw error;
        replies[id] = { ...reply, hash: "", state: "gone" };
      }
    }
    if (decision.action === "resolve") return settle(resolved > 0 ? "resolved" : "unchanged");
    return settle(changed + resolved === 0 ? "unchanged" : hadReplies ? "updated" : "nudged");
  } catch (error) {
    const result = failure(error, nudge, { replies });
    if (result.update && Object.values(replies).some((r) => r.state === "nudge"))
      result.update.status = "posted";
    return result;
  }
}

async function deliverCheck(input: DeliveryInput, decision: Shown): Promise<DeliveryResult> {
  const { octokit, target, nudge } = input;
  const where = { owner: target.owner, repo: target.repo };
  const targetId = nudge.targetId;
  try {
    if (decision.action === "nudge") {
      const annotated = new Set(Object.keys(nudge.replies).map(Number));
      const needLines = [...decision.content.couldTeachMore, ...decision.content.harsh].some(
        (c) => c.kind === "review_comment" && !annotated.has(c.githubId),
      );
      const lines = needLines
        ? await listReviewCommentLines(octokit, {
            ...where,
            prNumber: target.prNumber,
            reviewId: target.reviewId,
          })
        : new Map<number, number>();
      const { output, annotatedIds } = renderCheckOutput({
        reviewId: target.reviewId,
        reviewer: input.reviewer,
        reviewHtmlUrl: input.reviewHtmlUrl,
        content: decision.content,
        lines,
        annotated,
      });
      const hash = sha256Hex(`${output.title}\n${output.summary}`);
      const replies: NudgeReplies = { ...nudge.replies };
      for (const id of annotatedIds)
        replies[String(id)] = { id: lines.get(id) ?? 0, hash: "", state: "annotated" };
      if (targetId != null) {
        if (nudge.status === "posted" && nudge.bodyHash === hash && annotatedIds.length === 0)
          return { outcome: "unchanged" };
        await updateCoachingCheck(octokit, where, targetId, output);
        return { outcome: "updated", update: { status: "posted", bodyHash: hash, replies } };
      }
      if (!target.headSha)
        return { outcome: "skipped", reason: "no-head-sha", update: { status: "skipped" } };
      const id = await createCoachingCheck(
        octokit,
        { ...where, headSha: target.headSha, reviewId: target.reviewId },
        output,
      );
      return { outcome: "nudged", update: { status: "posted", targetId: id, bodyHash: hash, replies } };
    }
    // A check run cannot be deleted: on_resolved "delete" also turns it into a thank-you.
    if (targetId == null) return { outcome: "unchanged" };
    const output = renderCheckThanks({ reviewId: target.reviewId, reviewHtmlUrl: input.reviewHtmlUrl });
    const hash = sha256Hex(`${output.title}\n${output.summary}`);
    if (nudge.status === "resolved" && nudge.bodyHash === hash) return { outcome: "unchanged" };
    await updateCoachingCheck(octokit, where, targetId, output);
    return { outcome: "resolved", update: { status: "resolved", bodyHash: hash } };
  } catch (error) {
    if (targetId != null && survivableStatus(error) === 404) return gone();
    return failure(error, nudge);
  }
}
