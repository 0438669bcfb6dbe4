// Builds corpus/gerrit-labels.jsonl from two independent annotation files per chunk and a third reading of their
// disagreements (docs/labeling-guide.md, "Process"), and assigns each id its split with a fixed seed.
// Usage: tsx scripts/corpus/build-labels.ts DIR [OUT]   (DIR holds labels-*-A.jsonl, labels-*-B.jsonl,
// adjudicated.jsonl; OUT is corpus/gerrit-labels.jsonl unless given, e.g. the suggestion readings' own pool)
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Verdict } from "../../src/analysis/assessment.js";
import { hashFeature } from "../../src/analysis/model/comment-features.js";
import { seededRandom } from "../seeded-random.js";
import { LABELS_FILE, type LabelRow, readJsonLines, type Split } from "./corpus-files.js";

export const SPLIT_SEED = 4242;
const VERDICTS = new Set<string>(["teaching", "correcting", "not-feedback"]);

/**
 * About 70% train, 15% dev, 15% test, by a seeded hash of the id alone: an id's split never depends on which other
 * ids are labeled, so the corpus can grow without moving a comment between splits.
 */
export function splitOf(id: string): Split {
  const at = seededRandom(hashFeature(`${SPLIT_SEED}:${id}`) + SPLIT_SEED)();
  return at < 0.7 ? "train" : at < 0.85 ? "dev" : "test";
}

function readAnnotations(dir: string, annotator: "A" | "B"): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  for (const file of readdirSync(dir).filter((f) =>
    new RegExp(`^labels-\\d+-${annotator}\\.jsonl$`).test(f),
  )) {
    for (const row of readJsonLines<{ id: string; label: string }>(path.join(dir, file))) {
      if (!VERDICTS.has(row.label)) throw new Error(`${file}: ${row.id} has label ${row.label}`);
      out.set(row.id, row.label as Verdict);
    }
  }
  return out;
}

if (process.argv[1]?.endsWith("build-labels.ts")) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: build-labels.ts DIR");
  const a = readAnnotations(dir, "A");
  const b = readAnnotations(dir, "B");
  const adjudicatedFile = path.join(dir, "adjudicated.jsonl");
  const third = new Map(
    existsSync(adjudicatedFile)
      ? readJsonLines<{ id: string; label: Verdict }>(adjudicatedFile).map((r) => [r.id, r.label] as const)
      : [],
  );
  const ids = [...a.keys()].filter((id) => b.has(id)).sort((x, y) => Number(x.slice(7)) - Number(y.slice(7)));
  const rows: LabelRow[] = [];
  let undecided = 0;
  for (const id of ids) {
    const la = a.get(id) as Verdict;
    const lb = b.get(id) as Verdict;
    const agreed = la === lb;
    const label = agreed ? la : third.get(id);
    if (!label) {
      undecided++;
      continue;
    }
    rows.push({ id, label, a: la, b: lb, agreed, split: splitOf(id) });
  }
  const out = process.argv[3] ?? LABELS_FILE;
  writeFileSync(out, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
  console.log(
    `${rows.length} labeled comments written to ${out}; ${undecided} disagreements await a third reading`,
  );
}
