// Reads one review from the store: its body and line comments with their stored assessments, and its PR.
import type { Assessment } from "../analysis/assessment.js";
import { correctingSignals } from "../analysis/correcting-signals.js";
import { detectLabel } from "../analysis/detect-label.js";
import { splitProse } from "../analysis/split-prose.js";
import { splitSentences } from "../analysis/split-sentences.js";
import { getAssessments } from "../store/assessments-repository.js";
import { rowToEvent } from "../store/events-repository.js";
import type { Store } from "../store/open-store.js";
import { getPullRequest } from "../store/pull-requests-repository.js";
import type { CoachComment, ReviewFacts } from "./review-facts.js";

export interface ReviewKey {
  repoFullName: string;
  reviewId: number;
}

/**
 * Undefined when the store has nothing of the review yet. The review row may be missing while its comments are
 * there (deliveries arrive in any order): the reviewer is then the comments' author.
 */
export async function gatherReviewFacts(db: Store["db"], key: ReviewKey): Promise<ReviewFacts | undefined> {
  const rows = await db
    .selectFrom("events")
    .selectAll()
    .where("repo_full_name", "=", key.repoFullName)
    .where("review_id", "=", key.reviewId)
    .where("kind", "in", ["review", "review_comment"])
    .orderBy("occurred_at")
    .orderBy("key")
    .execute();
  const events = rows.map(rowToEvent);
  const review = events.find((e) => e.kind === "review");
  const first = review ?? events[0];
  if (!first) return undefined;

  const reviewer = first.actorLogin;
  const written = events.filter(
    (e) =>
      e.actorLogin === reviewer &&
      e.deletedAt == null &&
      e.githubId != null &&
      e.body != null &&
      e.body.trim() !== "",
  );
  // The review body first: it is what the reviewer wrote last but reads as the review's headline.
  written.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "review" ? -1 : 1));
  const assessments = await getAssessments(
    db,
    written.map((e) => e.key),
  );
  const comments: CoachComment[] = [];
  for (const e of written) {
    const assessment = assessments.get(e.key);
    if (!assessment || e.githubId == null || e.body == null) continue;
    comments.push({
      key: e.key,
      kind: e.kind === "review" ? "review" : "review_comment",
      githubId: e.githubId,
      threadId: e.kind === "review" ? null : (e.inReplyToId ?? e.githubId),
      path: e.path,
      htmlUrl: e.htmlUrl,
      body: e.body,
      assessment: e.kind === "review" ? asReviewBody(e.body, assessment) : assessment,
    });
  }

  const pr = await getPullRequest(db, key.repoFullName, first.prNumber);
  return {
    repoFullName: key.repoFullName,
    reviewId: key.reviewId,
    prNumber: first.prNumber,
    reviewer,
    reviewerIsBot: first.isBot || first.isApp,
    prAuthor: pr?.authorLogin ?? first.prAuthor,
    prDraft: pr?.draft ?? first.draft ?? false,
    prLabels: pr?.labels ?? [],
    prCreatedAt: pr?.createdAt ?? null,
    reviewHtmlUrl: review?.htmlUrl ?? first.htmlUrl,
    comments,
  };
}

// A review's summary that points at the line comments ("A few things before this can go in", "see inline") or
// approves/thanks introduces them: it is not itself a request.
const INTRODUCES =
  /\b(?:(?:a few|some|several|couple of|two|three|minor|small)\s+(?:\w+\s+)?(?:things|comments|nits|notes|questions|suggestions|points|remarks|issues|concerns)|(?:see|left|added|below|inline|the)\s+(?:my\s+)?(?:inline\s+)?comments?|comments? (?:below|inline)|before (?:this|it) (?:can )?(?:go(?:es)? in|land|merge|ship)|(?:first|quick|initial)\s+(?:pass|round|look)|overall|mostly)\b/i;

/**
 * The review body is a correction only when it asks for a change itself (README, "Coaching"): an introduction to
 * the line comments, an approval or a thank-you is not, whatever the verdict model made of its wording.
 */
export function asReviewBody(body: string, assessment: Assessment): Assessment {
  if (assessment.verdict !== "correcting" || asksForChange(body)) return assessment;
  const { suggestion: _none, ...rest } = assessment;
  return {
    ...rest,
    isFeedback: false,
    verdict: "not-feedback",
    signals: [...assessment.signals, { name: "review-introduction", kind: "not-feedback", span: "" }],
  };
}

export function asksForChange(body: string): boolean {
  const parts = splitProse(body);
  if (parts.suggestions.length > 0) return true;
  return correctingSignals(splitSentences(detectLabel(parts.prose).rest), [])
    .map((s) => s.span)
    .some((sentence) => !INTRODUCES.test(sentence));
}
