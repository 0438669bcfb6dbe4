// Finds the allowed word a typo most likely meant, for "did you mean …?" hints.

/** Levenshtein distance; the words compared are short (config keys, option names, a misspelt word), so a full matrix is fine. */
export const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
};

/** Short words tolerate fewer edits: "tz" must not "mean" every two-letter key. */
const tolerance = (word: string): number => (word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3);

/** The closest candidate within a typo's reach (case-insensitive), or undefined when none is close. */
export const suggestClosest = (word: string, candidates: readonly string[]): string | undefined => {
  // Longer input than any key cannot be a typo of one, and bounding it keeps the matrix small.
  if (word.length > 64) return undefined;
  const lower = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    // "monday" means "mon": a longer word that starts with a candidate counts as one edit away.
    const distance = other.length >= 3 && lower.startsWith(other) ? 1 : editDistance(lower, other);
    if (distance <= tolerance(word) && (best === undefined || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
};
