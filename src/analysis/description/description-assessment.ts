// The result of assessing a pull request's description (docs/architecture.md, "Descriptions"): the contract between
// the assessment, the author nudge and the digest's description figures.

/**
 * The parts a description can be asked for (config `descriptions.required`):
 * - what: a sentence on what the change does, beyond the title;
 * - why: the problem it solves or the reason for it;
 * - testing: how it was tested (or an honest "not tested, because…");
 * - issue: a link to the issue or ticket;
 * - risks: risks or rollout, asked for only above `descriptions.changed_lines_threshold`;
 * - screenshot: an image or recording, asked for only when the change touches `descriptions.ui_paths`;
 * - template: the headings of the repository's PR template filled in.
 */
export const DESCRIPTION_PARTS = [
  "what",
  "why",
  "testing",
  "issue",
  "risks",
  "screenshot",
  "template",
] as const;
export type DescriptionPart = (typeof DESCRIPTION_PARTS)[number];

export interface DescriptionInput {
  title: string;
  body: string | null;
  /** additions + deletions; null when unknown. */
  changedLines: number | null;
  /** Paths of the changed files; null when unknown (the files API refused or was not asked). */
  files: readonly string[] | null;
  /** The repository's PR template, when it has one. */
  template: string | null;
}

export interface DescriptionRules {
  required: readonly DescriptionPart[];
  /** Above this many changed lines (additions + deletions) `risks` is asked for. */
  changedLinesThreshold: number;
  /** Globs: a change touching one of them is asked for a screenshot. */
  uiPaths: readonly string[];
}

export interface DescriptionSignal {
  part: DescriptionPart;
  /** Stable name: "heading", "reason-marker", "test-marker", "issue-reference", "image", "self-evident"… */
  name: string;
  /** The text that fired it (a heading, a phrase), at most 80 characters. */
  span: string;
}

export interface PartReading {
  /** Asked for by the config and relevant to this change (risks above the threshold, screenshot on UI paths). */
  applicable: boolean;
  present: boolean;
}

export interface DescriptionAssessment {
  parts: Record<DescriptionPart, PartReading>;
  /** Applicable parts that are absent, in DESCRIPTION_PARTS order: what the nudge's skeleton asks for. */
  missing: DescriptionPart[];
  /** Present applicable parts / applicable parts; 1 when nothing applies. */
  completeness: number;
  signals: DescriptionSignal[];
  /** Template headings left as the template had them (only with a template). */
  unfilledHeadings: string[];
  /** 0..1: how sure the reading of why and testing is (a heading is surer than a phrase; a long text with no marker is unsure). */
  confidence: number;
  /** Words of the author's own prose (template text and comments left out). */
  words: number;
}
