// Builders for the pure coaching core: comments with explicit assessments, so policy tests do not move when the
// heuristics are tuned.
import type { Assessment } from "../../src/analysis/assessment.js";
import type { CoachComment, ReviewFacts } from "../../src/coaching/review-facts.js";
import { CoachingConfig } from "../../src/config/schema.js";

let nextId = 1;

export const url = (id: number) => `https://github.com/acme/app/pull/7#discussion_r${id}`;

export function assessment(a: Partial<Assessment> = {}): Assessment {
  const verdict = a.verdict ?? "correcting";
  return {
    isFeedback: verdict !== "not-feedback",
    verdict,
    tone: "ok",
    signals: [],
    confidence: 0.9,
    source: "heuristic",
    ...a,
  };
}

export function comment(
  body: string,
  a: Partial<Assessment> = {},
  c: Partial<CoachComment> = {},
): CoachComment {
  const id = c.githubId ?? nextId++;
  return {
    key: `review_comment:${id}`,
    kind: "review_comment",
    githubId: id,
    threadId: id,
    path: "src/retry.ts",
    htmlUrl: url(id),
    body,
    assessment: assessment(a),
    ...c,
  };
}

export const teaching = (body = "Rename to `retryCount`, because `n` hides what it counts.") =>
  comment(body, { verdict: "teaching" });
export const correcting = (
  body = "Rename to `retryCount`.",
  suggestion = "Could we rename this to `retryCount`? Add the why: what does `retryCount` tell the reader?",
) => comment(body, { verdict: "correcting", suggestion });
export const nit = (body = "nit: trailing space") =>
  comment(body, { verdict: "correcting", label: "nitpick" });
export const praise = (body = "praise: lovely test") =>
  comment(body, { verdict: "correcting", label: "praise" });
export const harsh = (
  body = "Why would you do this?! Just use a map, obviously.",
  suggestion = "Could we use a map? Add the why: what does a map give us here?",
) =>
  comment(body, {
    verdict: "correcting",
    tone: "harsh",
    suggestion,
    signals: [{ name: "contempt-marker", kind: "harsh", span: "Why would you" }],
  });

export function review(comments: CoachComment[], f: Partial<ReviewFacts> = {}): ReviewFacts {
  return {
    repoFullName: "acme/app",
    reviewId: 42,
    prNumber: 7,
    reviewer: "alice",
    reviewerIsBot: false,
    prAuthor: "bob",
    prDraft: false,
    prLabels: [],
    prCreatedAt: "2026-11-19T10:00:00Z",
    reviewHtmlUrl: "https://github.com/acme/app/pull/7#pullrequestreview-42",
    comments,
    ...f,
  };
}

export const coachingConfig = (c: Partial<CoachingConfig> = {}): CoachingConfig => ({
  ...CoachingConfig.parse({}),
  ...c,
});
