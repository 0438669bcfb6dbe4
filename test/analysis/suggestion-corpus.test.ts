// The checker's hard rules on the suggestion for every comment of the labeled corpus (corpus/gerrit-labels.jsonl).
// The texts are GPL-licensed and read from ../shared/data at run time; without them this test says so and skips.
import { describe, expect, it } from "@jest/globals";
import { readLabeledCorpus } from "../../scripts/corpus/corpus-files.js";
import { checkSuggestion, identifiers } from "../../src/analysis/check-suggestion.js";
import { suggestRewrite } from "../../src/analysis/suggest-rewrite.js";
import { toneSignals } from "../../src/analysis/tone-signals.js";
import { postableSuggestion, rewriteInput } from "../../src/coaching/render-suggestion.js";

const corpus = readLabeledCorpus();
if (!corpus.ok) console.log(`suggestion corpus test skipped: ${corpus.why}`);
const run = corpus.ok ? describe : describe.skip;

run("suggestions for every labeled comment of the corpus", () => {
  const rows = corpus.ok
    ? corpus.comments.map((c) => {
        const input = rewriteInput(c.body);
        const offline = suggestRewrite(input);
        return { id: c.id, prose: input.prose, offline, shown: postableSuggestion(c.body, offline) };
      })
    : [];

  it("covers the whole corpus", () => {
    expect(rows.length).toBeGreaterThanOrEqual(3000);
  });

  it("never keeps or adds a harsh marker (tone signals find nothing in any suggestion)", () => {
    const harsh = rows.filter((r) => toneSignals(r.shown).length > 0 || toneSignals(r.offline).length > 0);
    expect(harsh.map((r) => r.id)).toEqual([]);
  });

  it("copies code spans, identifiers and links verbatim, never retyped", () => {
    const changed = rows.filter((r) => {
      const spans = [...r.shown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? "");
      const links = r.shown.match(/\bhttps?:\/\/\S+/g) ?? [];
      return [...spans, ...links, ...identifiers(r.shown)].some((piece) => !r.prose.includes(piece));
    });
    expect(changed.map((r) => r.id)).toEqual([]);
  });

  it("shows only suggestions that pass every rule of the checker", () => {
    const failing = rows
      .map((r) => ({ id: r.id, problems: checkSuggestion(r.prose, r.shown) }))
      .filter((r) => r.problems.length > 0);
    expect(failing).toEqual([]);
  });

  it("keeps every code span of the comment in a rewrite", () => {
    const dropped = rows.filter((r) => {
      const rewrite = r.shown.split("Add the why:")[0] ?? "";
      if (rewrite.trim() === "" || r.shown.startsWith("nit:")) return false;
      return [...r.prose.matchAll(/`([^`\n]+)`/g)].some((m) => !rewrite.includes(m[1] ?? ""));
    });
    expect(dropped.map((r) => r.id)).toEqual([]);
  });
});
