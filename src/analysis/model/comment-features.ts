// Turns a comment's prose and its rule signals into the sparse features the verdict model reads (docs/analysis.md).
// Pure and deterministic: the trainer and the app call this one function, so what was trained is what runs.

export interface FeatureInput {
  /** Prose with code, quotes and links masked (splitProse), the Conventional Comments label removed. */
  prose: string;
  /** Names of the rule signals that fired (teaching, correcting, not-feedback and harsh kinds), and the label. */
  ruleSignals: readonly string[];
  hasCodeBlock: boolean;
  hasSuggestion: boolean;
  hasUrl: boolean;
}

/** Number of hashed feature slots. 2^17 keeps collisions rare for the ~40k distinct n-grams and the weights at ~1 MB. */
export const FEATURE_BUCKETS = 1 << 17;

const WORD = /[\p{L}\p{N}_']+|[?!]/gu;
// Word counts at and above which a length feature fires (cumulative, so longer comments share the shorter ones'
// weights): length alone is a strong signal on real comments.
const LENGTH_STEPS = [2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 60, 100];

/**
 * Hashed feature indexes with their values (1 each; repeated n-grams count once): word unigrams and bigrams, length
 * steps, the opening word, a closing question mark, code, suggestion and link presence, and the rule signals.
 * Character n-grams were tried and dropped: they lowered dev F1 from 0.82 to 0.76 (docs/analysis.md).
 */
export function commentFeatures(input: FeatureInput): Map<number, number> {
  const text = input.prose.toLowerCase().replace(/\s+/g, " ").trim();
  const words = text.match(WORD) ?? [];
  const out = new Map<number, number>();
  const add = (hash: number) => out.set((hash >>> 0) % FEATURE_BUCKETS, 1);

  add(fnv(OFFSET, "bias"));
  // Hashes are chained over the parts of a feature's name rather than over a concatenated string: the same
  // values as hashFeature("w:" + word), without allocating a string per feature on the hot path.
  const wordPrefix = fnv(OFFSET, "w:");
  const bigramPrefix = fnv(OFFSET, "b:");
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    add(fnv(wordPrefix, word));
    add(fnv(fnv(fnv(bigramPrefix, words[i - 1] ?? "^"), " "), word));
  }
  const letterWords = words.filter((w) => /\p{L}/u.test(w)).length;
  for (const step of LENGTH_STEPS) if (letterWords >= step) add(fnv(OFFSET, `len>=${step}`));
  if (text.endsWith("?")) add(fnv(OFFSET, "ends:?"));
  if (words[0]) add(fnv(fnv(OFFSET, "first:"), words[0]));
  if (input.hasCodeBlock) add(fnv(OFFSET, "has:code"));
  if (input.hasSuggestion) add(fnv(OFFSET, "has:suggestion"));
  if (input.hasUrl) add(fnv(OFFSET, "has:url"));
  for (const signal of input.ruleSignals) add(fnv(fnv(OFFSET, "rule:"), signal));
  return out;
}

const OFFSET = 0x811c9dc5;

/** FNV-1a over the UTF-16 code units, folded into FEATURE_BUCKETS. */
export function hashFeature(name: string): number {
  return (fnv(OFFSET, name) >>> 0) % FEATURE_BUCKETS;
}

/** One FNV-1a step per code unit of `text`, continuing from `hash`. */
function fnv(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}
