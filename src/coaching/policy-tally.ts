// Counts one review's comments the way the nudge decision needs them (docs/architecture.md, "Coaching").
import type { CoachingConfig } from "../config/schema.js";
import { parseCoachCommand } from "./policy-command.js";
import { matchesAnyGlob } from "./policy-glob.js";
import { listable } from "./render-suggestion.js";
import type { CoachComment } from "./review-facts.js";

export interface ReviewTally {
  /** Comments left after ignore_paths and `/review-coach` commands. */
  considered: number;
  /** Of those, feedback (docs/architecture.md, "The rubric"): what min_comments counts. */
  feedback: number;
  teaching: number;
  /** Corrections that count against the ratio: not `praise:` (never a correction), not `nit:` (not worth a nudge). */
  correcting: number;
  nits: number;
  harsh: number;
  /** teaching / (teaching + correcting); null when neither occurs. */
  ratio: number | null;
}

export interface ConsideredComments {
  comments: CoachComment[];
  /** Corrections a nudge may name and quote: never a harsh one (it is never quoted back in public). */
  couldTeachMore: CoachComment[];
  harsh: CoachComment[];
  teaching: CoachComment[];
  tally: ReviewTally;
}

const isNit = (c: CoachComment) => c.assessment.label === "nitpick";
const isPraise = (c: CoachComment) => c.assessment.label === "praise";

export function considerComments(
  all: readonly CoachComment[],
  config: Pick<CoachingConfig, "ignore_paths" | "call_out_confidence">,
): ConsideredComments {
  const comments = all.filter(
    (c) =>
      parseCoachCommand(c.body) === undefined &&
      !(c.path != null && matchesAnyGlob(config.ignore_paths, c.path)),
  );
  const feedback = comments.filter((c) => c.assessment.isFeedback);
  const teaching = feedback.filter((c) => c.assessment.verdict === "teaching");
  const corrections = feedback.filter((c) => c.assessment.verdict === "correcting" && !isPraise(c));
  const counted = corrections.filter((c) => !isNit(c));
  const harsh = comments.filter((c) => c.assessment.tone === "harsh");
  const denominator = teaching.length + counted.length;
  return {
    comments,
    // Named only when the verdict is sure enough (calling out a comment that already teaches costs trust), the
    // comment asks for a change (a question or a "ditto" counts, but a suggestion under it reads as silly), and the
    // line under it would be concrete (a rewrite, a nit, or a question that fits): `listable`.
    couldTeachMore: counted.filter((c) => listable(c.body, c.assessment, config.call_out_confidence)),
    harsh,
    teaching,
    tally: {
      considered: comments.length,
      feedback: feedback.length,
      teaching: teaching.length,
      correcting: counted.length,
      nits: corrections.length - counted.length,
      harsh: harsh.length,
      ratio: denominator === 0 ? null : teaching.length / denominator,
    },
  };
}
