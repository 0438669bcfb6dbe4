// Splits masked prose into sentences, the unit most text signals look at.

// Abbreviations whose period does not end a sentence in review prose.
const ABBREVIATIONS = /\b(e\.g|i\.e|etc|vs|cf|approx|resp)\./gi;
const ABBREVIATION_DOT = "\u2024";

export function splitSentences(prose: string): string[] {
  return prose
    .replace(ABBREVIATIONS, (m) => m.replace(/\./g, ABBREVIATION_DOT))
    .split(/(?<=[.!?\u3002\uff01\uff1f])\s+|\n+/)
    .map((s) => s.replaceAll(ABBREVIATION_DOT, ".").trim())
    .filter((s) => s.length > 0);
}
