// Reads what the onboarding proposal needs of a repository from the store (issue #17): its events from before the
// weeks replayed up to now, their assessments, and each submitted review as the nudge policy sees it.
import type { Assessment } from "../analysis/assessment.js";
import { gatherReviewFacts } from "../coaching/gather-review-facts.js";
import { HISTORY_WEEKS } from "../digest/load-metrics-input.js";
import type { OnboardingInput, ReplayedReview } from "../onboarding/propose-onboarding.js";
import { getAssessments } from "../store/assessments-repository.js";
import { listEvents } from "../store/events-repository.js";
import type { Store } from "../store/open-store.js";

const WEEK_MS = 7 * 86_400_000;

export async function loadOnboardingInput(
  db: Store["db"],
  request: { repoFullName: string; now: Date; weeks: number },
): Promise<OnboardingInput> {
  // The weeks replayed, the running one, and the metrics' usual history before them (docs/architecture.md, "Metrics").
  const from = new Date(request.now.getTime() - (request.weeks + 1 + HISTORY_WEEKS) * WEEK_MS).toISOString();
  const events = await listEvents(db, {
    repoFullName: request.repoFullName,
    from,
    to: request.now.toISOString(),
  });
  const commentKeys = events.filter((e) => e.kind !== "pull_request" && e.body != null).map((e) => e.key);
  const assessments = new Map<string, Assessment>();
  for (let i = 0; i < commentKeys.length; i += 500) {
    for (const [key, value] of await getAssessments(db, commentKeys.slice(i, i + 500)))
      assessments.set(key, value);
  }
  const reviews: ReplayedReview[] = [];
  for (const event of events) {
    if (event.kind !== "review" || event.githubId == null || event.reviewState === "pending") continue;
    const facts = await gatherReviewFacts(db, {
      repoFullName: request.repoFullName,
      reviewId: event.githubId,
    });
    if (facts) reviews.push({ facts, submittedAt: event.occurredAt });
  }
  return {
    repoFullName: request.repoFullName,
    events,
    assessments,
    reviews,
    now: request.now,
    weeks: request.weeks,
  };
}
