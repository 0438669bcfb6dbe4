// Reads a Conventional Comments label ("nit:", "issue (blocking):", …) from the start of a comment's prose.
import type { ConventionalLabel } from "./assessment.js";

export interface DetectedLabel {
  label?: ConventionalLabel;
  /** true for "(blocking)", false for "(non-blocking)"/"(if-minor)", absent otherwise. */
  blocking?: boolean;
  /** The prose after the label, which the other signals read. */
  rest: string;
  /** The label as written, e.g. "issue (blocking):". */
  span?: string;
}

// https://conventionalcomments.org/#labels plus the common spellings reviewers use ("nit", "minor" is not a label).
const ALIASES: Readonly<Record<string, ConventionalLabel>> = {
  praise: "praise",
  nit: "nitpick",
  nitpick: "nitpick",
  suggestion: "suggestion",
  issue: "issue",
  todo: "todo",
  question: "question",
  thought: "thought",
  chore: "chore",
  note: "note",
  typo: "typo",
  polish: "polish",
  quibble: "quibble",
};

// Optional markdown emphasis around the label ("**nit:**", "_nit_:"), optional decorations in parentheses.
// "style nit:", "teeny tiny nit:", "silly nit:", "super-nit:", "Nit, …", "nit - …", "nit ... …" and "(nit) …" are nits
// too: the reviewer marked the comment as minor, whatever the adjective.
const LABEL =
  /^\s*[*_]{0,2}\s*(?:(?:style|minor|tiny|teeny|small|super|micro|little|very|really|totally|silly|stupid|dumb|pedant(?:ic)?|huge|big|optional|another|final|last)[\s-]+){0,3}(?=nit)(nitpick|nit)\s*(?:\(([^)]{0,60})\))?\s*[*_]{0,2}\s*(?::|,|\s-\s|\.{2,}|…)\s*[*_]{0,2}|^\s*\((nitpick|nit)\)\s*:?\s*|^\s*[*_]{0,2}\s*(praise|nitpick|nit|suggestion|issue|todo|question|thought|chore|note|typo|polish|quibble)\s*(?:\(([^)]{0,60})\))?\s*[*_]{0,2}\s*:\s*[*_]{0,2}/i;

export function detectLabel(prose: string): DetectedLabel {
  const match = LABEL.exec(prose);
  const key = (match?.[1] ?? match?.[3] ?? match?.[4])?.toLowerCase();
  const label = key === undefined ? undefined : ALIASES[key];
  if (!match || !label) return { rest: prose };
  const decorations = (match[2] ?? match[5] ?? "").toLowerCase();
  const detected: DetectedLabel = { label, rest: prose.slice(match[0].length).trim(), span: match[0].trim() };
  if (/\bnon-?blocking\b|\bif-minor\b/.test(decorations)) detected.blocking = false;
  else if (/\bblocking\b/.test(decorations)) detected.blocking = true;
  return detected;
}
