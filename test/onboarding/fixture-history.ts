// A small team history for the onboarding tests: four weeks in Berlin, three PRs a week, figures computable by hand.
//
// Each week (Monday D, Europe/Berlin, UTC+1 in November):
// - PR 1 by ana, ready Mon 09:00; ben reviews Mon 10:00 with two corrections → pickup 1 business hour.
// - PR 2 by ben, ready Tue 14:00; ana reviews Wed 10:00 with one comment that explains its why → 3 + 1 = 4 h.
// - PR 3 by ana, ready Thu 16:00; cy approves Fri 11:00 with "LGTM" (not feedback) → 1 + 2 = 3 h.
import { assess } from "../../src/analysis/assess.js";
import type { Assessment } from "../../src/analysis/assessment.js";
import type { CoachComment, ReviewFacts } from "../../src/coaching/review-facts.js";
import type { ReviewEvent } from "../../src/ingest/review-event.js";
import type { ReplayedReview } from "../../src/onboarding/propose-onboarding.js";
import { at, pr } from "../figures/factory.js";

export const FIXTURE_NOW = new Date("2026-11-30T11:00:00Z");
export const FIXTURE_WEEKS = ["2026-W45", "2026-W46", "2026-W47", "2026-W48"];
const MONDAYS = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"];
const REPO = { id: 7, fullName: "acme/shop" };

export const CORRECTIONS = ["Rename this to `fooBar`.", "Remove the sleep."];
export const TEACHING = "Could we cache this? Otherwise every request hits the database.";

const day = (monday: string, plus: number): string => {
  const date = new Date(`${monday}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + plus);
  return date.toISOString().slice(0, 10);
};

export interface FixtureHistory {
  events: ReviewEvent[];
  assessments: Map<string, Assessment>;
  reviews: ReplayedReview[];
}

export function fixtureHistory(weeks = MONDAYS.length): FixtureHistory {
  const events: ReviewEvent[] = [];
  const assessments = new Map<string, Assessment>();
  const reviews: ReplayedReview[] = [];
  let id = 1000;
  const withBody = (event: ReviewEvent, body: string): ReviewEvent => {
    const e = { ...event, body };
    assessments.set(
      e.key,
      assess({ id: e.key, body, author: e.actorLogin, authorIsBot: false }, { prAuthor: e.prAuthor }),
    );
    return e;
  };
  const review = (
    number: number,
    author: string,
    reviewer: string,
    readyLocal: string,
    reviewLocal: string,
    lines: string[],
    body: string | null,
    state: string,
  ) => {
    const b = pr(number, author, REPO);
    id += 1;
    const reviewId = id;
    const submittedAt = at(reviewLocal);
    events.push(b.opened(at(readyLocal)));
    const reviewEvent = {
      ...b.review(reviewer, submittedAt, { id: reviewId, reviewState: state }),
      reviewId,
    };
    const stored = body === null ? { ...reviewEvent, body: null } : withBody(reviewEvent, body);
    events.push(stored);
    const comments: CoachComment[] = [];
    for (const text of lines) {
      id += 1;
      const commentId = id;
      const comment = withBody(
        { ...b.reviewComment(reviewer, submittedAt, { id: commentId }), reviewId, path: "src/cart.ts" },
        text,
      );
      events.push(comment);
      comments.push({
        key: comment.key,
        kind: "review_comment",
        githubId: commentId,
        threadId: commentId,
        path: comment.path,
        htmlUrl: null,
        body: text,
        assessment: assessments.get(comment.key) as Assessment,
      });
    }
    const facts: ReviewFacts = {
      repoFullName: REPO.fullName,
      reviewId,
      prNumber: number,
      reviewer,
      reviewerIsBot: false,
      prAuthor: author,
      prDraft: false,
      prLabels: [],
      prCreatedAt: at(readyLocal),
      reviewHtmlUrl: null,
      comments,
    };
    reviews.push({ facts, submittedAt });
  };
  for (const [w, monday] of MONDAYS.slice(0, weeks).entries()) {
    const n = 10 * (w + 1);
    review(n + 1, "ana", "ben", `${monday} 09:00`, `${monday} 10:00`, CORRECTIONS, null, "commented");
    review(
      n + 2,
      "ben",
      "ana",
      `${day(monday, 1)} 14:00`,
      `${day(monday, 2)} 10:00`,
      [TEACHING],
      null,
      "commented",
    );
    review(n + 3, "ana", "cy", `${day(monday, 3)} 16:00`, `${day(monday, 4)} 11:00`, [], "LGTM", "approved");
  }
  return { events, assessments, reviews };
}
