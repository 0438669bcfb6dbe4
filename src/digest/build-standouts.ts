// Up to three teaching comments worth showing the team: credit, never blame (harsh comments are never quoted).
import type { Assessment } from "../analysis/assessment.js";
import type { CommentAssessment } from "../figures/week-metrics.js";
import type { ReviewEvent } from "../ingest/review-event.js";
import type { Standout } from "./digest-model.js";

const REASONS: Record<string, string> = {
  reason: "gives the reason",
  consequence: "names the consequence",
  purpose: "says what it is for",
  reference: "links a reference",
  "guiding-question": "asks a guiding question",
  example: "shows an example",
  benefit: "names the benefit",
  cost: "names the cost",
  "failure-mode": "says how it would fail",
};
/** The signals a reader can point at (as in analysis/assess.ts) weigh more than inferred ones. */
const STRONG = new Set(["reason", "consequence", "purpose", "reference", "guiding-question", "example"]);
const ACTIVITY_KINDS = new Set(["review", "review_comment", "issue_comment"]);
export const EXCERPT_CHARS = 240;

export interface StandoutOptions {
  events: readonly ReviewEvent[];
  verdicts: ReadonlyMap<string, CommentAssessment>;
  assessments: ReadonlyMap<string, Assessment>;
  /** [startMs, endMs): the week. */
  startMs: number;
  endMs: number;
  ignoreUsers: readonly string[];
  perReviewer: boolean;
  limit?: number;
}

interface Candidate {
  event: ReviewEvent;
  score: number;
  ms: number;
  teaching: string[];
}

/**
 * A comment qualifies when it was review activity in the week (a human who is not the PR author, not on a draft,
 * not deleted), was assessed teaching with an ok tone, and has a link. The best by signals go first, at most one
 * per reviewer, so the section credits several people rather than ranking one.
 */
export function buildStandouts(options: StandoutOptions): Standout[] {
  const ignored = new Set(options.ignoreUsers.map((login) => login.toLowerCase()));
  const candidates: Candidate[] = [];
  for (const event of options.events) {
    if (!ACTIVITY_KINDS.has(event.kind) || event.htmlUrl === null || event.deletedAt !== null) continue;
    if (event.isBot || event.isApp || event.draft === true) continue;
    const actor = event.actorLogin.toLowerCase();
    if (actor === event.prAuthor.toLowerCase() || ignored.has(actor)) continue;
    const ms = Date.parse(event.occurredAt);
    if (!(ms >= options.startMs && ms < options.endMs)) continue;
    const body = event.body?.trim() ?? "";
    if (body === "") continue;
    const full = options.assessments.get(event.key);
    const verdict = full ?? options.verdicts.get(event.key);
    if (verdict === undefined || verdict.verdict !== "teaching" || verdict.tone !== "ok") continue;
    if (full !== undefined && !full.isFeedback) continue;
    const teaching = [
      ...new Set((full?.signals ?? []).filter((s) => s.kind === "teaching").map((s) => s.name)),
    ];
    const strong = teaching.filter((name) => STRONG.has(name)).length;
    const length = excerpt(body).length;
    // Too short to show what teaching looks like, or long enough that the excerpt loses the point.
    const lengthPenalty = length < 40 ? 1 : length > 900 ? 0.5 : 0;
    const score = 2 * strong + (teaching.length - strong) + (full?.confidence ?? 0.5) - lengthPenalty;
    candidates.push({ event, score, ms, teaching });
  }
  candidates.sort((a, b) => b.score - a.score || a.ms - b.ms || (a.event.key < b.event.key ? -1 : 1));

  const reviewers = new Set<string>();
  const chosen: Standout[] = [];
  for (const { event, teaching } of candidates) {
    if (chosen.length >= (options.limit ?? 3)) break;
    const reviewer = event.actorLogin.toLowerCase();
    if (reviewers.has(reviewer)) continue;
    reviewers.add(reviewer);
    chosen.push({
      quote: excerpt(event.body ?? ""),
      url: event.htmlUrl as string,
      pr: `${event.repoFullName}#${event.prNumber}`,
      reviewer: options.perReviewer ? event.actorLogin : null,
      because: teaching
        .map((name) => REASONS[name])
        .filter((text): text is string => text !== undefined)
        .slice(0, 2),
    });
  }
  return chosen;
}

/**
 * One line of prose from a comment: code blocks, quoted lines (someone else's words) and HTML comments are left
 * out, whitespace collapsed, and the text cut at a word boundary. Escaping for Markdown happens when rendering.
 */
export function excerpt(body: string, max = EXCERPT_CHARS): string {
  const prose = body
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/(^|\n)\s*(```|~~~)[\s\S]*?(\n\s*\2|$)/g, " [code] ")
    .split("\n")
    .filter((line) => !/^\s*>/.test(line))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  if (prose.length <= max) return prose;
  const cut = prose.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "")}…`;
}
