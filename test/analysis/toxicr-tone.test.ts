import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { splitProse } from "../../src/analysis/split-prose.js";
import { toneSignals } from "../../src/analysis/tone-signals.js";
import { skipNote } from "../helpers/skip-note.js";
import { formatScores, scoreClass } from "./helpers/eval-metrics.js";

// Real review comments from ToxiCR, kept outside the repository (GPL-3.0 data): ../shared/data next to the repo root.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dataPath = path.resolve(repoRoot, "../shared/data/toxicr-sample.jsonl");
const d = existsSync(dataPath) ? describe : describe.skip;
if (!existsSync(dataPath))
  skipNote(`ToxiCR tone test: ${dataPath} not found (see /work/shared/data/README.md)`);

interface ToxicrRow {
  id: string;
  body: string;
  toxic: boolean;
}

d("tone on ToxiCR review comments", () => {
  const rows = (): ToxicrRow[] =>
    readFileSync(dataPath, "utf8")
      .split("\n")
      .filter((line) => line.trim().length > 0)
      .map((line) => JSON.parse(line) as ToxicrRow);

  it("flags harsh comments with precision of at least 0.6 against the toxic label", () => {
    const data = rows();
    const pairs = (plainJust: boolean) =>
      data.map((r) => ({
        expected: r.toxic,
        actual: toneSignals(splitProse(r.body).prose, { plainJust }).length > 0,
      }));
    const scores = scoreClass(pairs(false));
    const plainJust = scoreClass(pairs(true));
    // ToxiCR's "toxic" is broader than harsh-to-the-author (self-deprecation counts), so only a floor is asserted.
    console.log(
      [
        `ToxiCR sample: ${data.length} comments`,
        formatScores("harsh", scores),
        formatScores("+ plain just", plainJust),
      ].join("\n"),
    );
    expect(scores.precision).toBeGreaterThanOrEqual(0.6);
    expect(scores.recall).toBeGreaterThanOrEqual(0.5);
  });
});
