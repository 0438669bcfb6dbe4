// A kinder phrasing for a harsh comment, taken only from the heuristic's suggested rewrite, never its own words.
import type { Assessment } from "../analysis/assessment.js";
import { toneSignals } from "../analysis/tone-signals.js";
import { quoteSuggestion } from "./render-text.js";

/**
 * The assessment's suggestion with any marker that still reads as harsh taken out (the rewrite keeps the
 * request, which can carry an "obviously"); undefined when there is none, or when it cannot be made neutral.
 */
export function kinderPhrasing(assessment: Assessment): string | undefined {
  let text = assessment.suggestion?.trim();
  for (let round = 0; text && round < 5; round++) {
    const harsh = toneSignals(text);
    if (harsh.length === 0) return /[\p{L}\p{N}]/u.test(text) ? quoteSuggestion(text) : undefined;
    for (const signal of harsh) text = text.split(signal.span).join(" ");
    text = tidy(text);
  }
  return undefined;
}

function tidy(text: string): string {
  return text
    .replace(/[!?]{2,}/g, (m) => m[0] ?? "")
    .replace(/\s+([,.;:!?])/g, "$1")
    .replace(/,+([.;:!?])/g, "$1")
    .replace(/\(\s*\)/g, "")
    .replace(/\s{2,}/g, " ")
    .replace(/^[\s,.;:]+/, "")
    .trim();
}
