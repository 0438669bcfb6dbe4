// Reads one review from the store: its body and line comments with their stored assessments, and its PR.
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
      assessment,
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
