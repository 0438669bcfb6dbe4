// Uses compromise's lexicon and part-of-speech tagger to find a clause that explains how the code behaves, when no cheap marker did.
import { createRequire } from "node:module";
import type nlpType from "compromise/two";
import { REQUEST_VERBS } from "./correcting-signals.js";

interface TaggedTerm {
  normal: string;
  tags: ReadonlySet<string>;
}

const NO_TAGS: ReadonlySet<string> = new Set();
// compromise's lexicon lookup plus its first tagging pass: measured ~3x cheaper than the full pipeline
// (whose post-tagger rules cost most) with the same verdicts on the eval sets (test/analysis/README.md).
const TAGGING = ["lexicon", "preTagger"];

// Verbs of opinion, need or request say what the reviewer wants, not how the code behaves.
const NOT_EXPLAINING = new Set(
  "think thinks guess feel feels suppose believe believes suggest suggests hope wonder want wants need needs prefer prefers like likes do does did don't doesn't have has had get gets got see seems seem looks look is are was were be been being am 's 're mean means know".split(
    " ",
  ),
);
// Clauses that open with a request ("please…", "rename…", "could you…") ask; they do not describe behaviour.
const OPENS_WITH_REQUEST = new RegExp(
  `^\\W*(?:please|pls|can|could|would|should|let's|maybe|perhaps|i'd|we should|you should|${REQUEST_VERBS})\\b`,
  "i",
);
const MIN_WORDS = 5;
// Bounds the tagger's work (and so the p99 latency) on very long comments.
const MAX_WORDS = 30;
const VERB_LIKE: ReadonlySet<string> = new Set([
  "PresentTense",
  "PastTense",
  "Plural",
  "Verb",
  "Infinitive",
  "PhrasalVerb",
]);
const SUBJECT_LIKE: ReadonlySet<string> = new Set([
  "Noun",
  "Singular",
  "Plural",
  "Pronoun",
  "Uncountable",
  "ProperNoun",
  "Acronym",
  "Actor",
]);
// The lexicon calls these determiners, but in review prose they are the usual subject: "this returns", "what caused".
const DEMONSTRATIVE_SUBJECTS: ReadonlySet<string> = new Set([
  "this",
  "that",
  "it",
  "which",
  "what",
  "who",
  "these",
  "those",
]);
// Loaded on first use: the verdict model no longer asks the tagger by default (docs/analysis.md), and loading
// compromise costs ~300 ms of every process start.
let tagger:
  | { nlp: typeof nlpType; lexicon: Readonly<Record<string, string | string[] | undefined>> }
  | undefined;
function loadTagger(): NonNullable<typeof tagger> {
  if (!tagger) {
    const nlp = createRequire(import.meta.url)("compromise/two") as typeof nlpType;
    tagger = { nlp, lexicon: readLexicon(nlp.model()) };
  }
  return tagger;
}

/**
 * A declarative clause whose subject does something ("`some` stops at the first match", "the handler re-sends
 * the email") describes behaviour, which is the substance of a reason even without "because". Returns that clause.
 */
export function findExplanation(sentences: readonly string[]): string | undefined {
  const { nlp, lexicon } = loadTagger();
  const candidates: string[] = [];
  let words = 0;
  // Clauses, not sentences: "Prefer X: without a zone the value shifts…" explains after the colon.
  for (const clause of sentences.flatMap((s) => s.split(/\s*[:;\u2014]\s+/))) {
    if (clause.trimEnd().endsWith("?") || OPENS_WITH_REQUEST.test(clause)) continue;
    const count = clause.split(/\s+/).length;
    if (count < MIN_WORDS || !mayHaveFiniteVerb(clause, lexicon)) continue;
    if (words + count > MAX_WORDS) {
      // A first clause longer than the bound is still read, cut to it: its subject and verb come early.
      if (candidates.length === 0) candidates.push(clause.split(/\s+/).slice(0, MAX_WORDS).join(" "));
      break;
    }
    words += count;
    candidates.push(clause.replace(/[.!?]+$/, ""));
  }
  if (candidates.length === 0) return undefined;
  // One tagger call for all candidates: its fixed cost per call dominates on short clauses.
  const doc = nlp.tokenize(`${candidates.join(". ")}.`).compute(TAGGING);
  const index = doc.docs.findIndex((terms) =>
    explains(terms.map((t) => ({ normal: t.normal, tags: t.tags ?? NO_TAGS }))),
  );
  return index < 0 ? undefined : candidates[index];
}

/**
 * Cheap pre-check with compromise's lexicon only: a word that may be a finite verb (-s/-ed, not known as a determiner,
 * copula, adverb…) right after a word that may be its subject. Clauses without such a pair are never tagged.
 */
function mayHaveFiniteVerb(
  clause: string,
  lexicon: Readonly<Record<string, string | string[] | undefined>>,
): boolean {
  const words = clause.toLowerCase().match(/[a-z][a-z'-]*/g) ?? [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i] ?? "";
    if (!/..(?:s|ed)$/.test(word) || NOT_EXPLAINING.has(word) || !canBe(lexicon, word, VERB_LIKE)) continue;
    const previous = words[i - 1] ?? "";
    if (DEMONSTRATIVE_SUBJECTS.has(previous) || canBe(lexicon, previous, SUBJECT_LIKE)) return true;
  }
  return false;
}

function canBe(
  lexicon: Readonly<Record<string, string | string[] | undefined>>,
  word: string,
  allowed: ReadonlySet<string>,
): boolean {
  const tags = lexicon[word];
  // Unknown words (identifiers, jargon) may be anything.
  if (tags === undefined) return true;
  return (Array.isArray(tags) ? tags : [tags]).some((tag) => allowed.has(tag));
}

function explains(terms: readonly TaggedTerm[]): boolean {
  let subjectSeen = false;
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i];
    if (!term) continue;
    const { tags, normal } = term;
    if (i === 0 && tags.has("Imperative")) return false;
    if (tags.has("Noun") || tags.has("Pronoun")) {
      // "I told you…", "I said…" report the reviewer, not the code; other subjects may describe behaviour.
      subjectSeen = normal !== "i";
      continue;
    }
    if (!subjectSeen || !tags.has("Verb")) continue;
    const finite = tags.has("PresentTense") || tags.has("PastTense");
    const helper =
      tags.has("Copula") ||
      tags.has("Modal") ||
      tags.has("Auxiliary") ||
      tags.has("Gerund") ||
      tags.has("Infinitive");
    const previous = terms[i - 1]?.tags;
    const afterHelper =
      previous !== undefined &&
      (previous.has("Auxiliary") || previous.has("Modal") || previous.has("Copula"));
    if (finite && !helper && !afterHelper && !NOT_EXPLAINING.has(normal)) return true;
  }
  return false;
}

function readLexicon(model: object): Readonly<Record<string, string | string[] | undefined>> {
  // nlp.model() is typed as `object`; its `one.lexicon` maps a normalised word to its tag(s).
  const one: unknown = "one" in model ? model.one : undefined;
  const lex: unknown = typeof one === "object" && one !== null && "lexicon" in one ? one.lexicon : undefined;
  return typeof lex === "object" && lex !== null
    ? (lex as Record<string, string | string[] | undefined>)
    : {};
}
