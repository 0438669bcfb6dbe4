// The result of assessing one review comment (docs/architecture.md, "The rubric"); the contract between analysis, coaching, metrics and digest.

export type Verdict = "teaching" | "correcting" | "not-feedback";
export type Tone = "ok" | "harsh";
export type ConventionalLabel =
  | "praise"
  | "nitpick"
  | "suggestion"
  | "issue"
  | "todo"
  | "question"
  | "thought"
  | "chore"
  | "note"
  | "typo"
  | "polish"
  | "quibble";

export interface Signal {
  /** Stable signal name, e.g. "reason", "reference", "guiding-question", "bare-imperative", "contempt-marker". */
  name: string;
  /** Which way it pushes. */
  kind: "teaching" | "correcting" | "harsh" | "not-feedback";
  /** The prose text that fired it (never from code, quotes or suggestion blocks). */
  span: string;
}

export interface Assessment {
  isFeedback: boolean;
  verdict: Verdict;
  tone: Tone;
  signals: Signal[];
  label?: ConventionalLabel;
  /** Whether the label carried "(blocking)" / "(non-blocking)" decorations. */
  blocking?: boolean;
  /** 0..1 */
  confidence: number;
  source: "heuristic" | "llm";
  /** For corrections: a rewrite that keeps the request and asks for the why. */
  suggestion?: string;
}

export interface CommentInput {
  id: string;
  body: string;
  author?: string | null;
  /** Whether GitHub says the author is a bot (type Bot or login ending in [bot]). */
  authorIsBot?: boolean;
}

export interface CommentContext {
  prAuthor?: string | null;
  /** Logins to treat as bots/AI reviewers (config coaching.ignore_users). */
  ignoreUsers?: readonly string[];
}
