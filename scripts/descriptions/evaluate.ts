// Measures the description assessment against hand-labeled PR descriptions (docs/description-guide.md): precision
// and recall of "missing why" and "missing how tested". `npm run eval:descriptions`.
//
// The texts and labels live outside the repository (their licences vary): DESCRIPTION_EVAL_DIR, else
// ../description-eval beside the checkout, holding descriptions.jsonl with one
// {"id", "source", "body", "missingWhy", "missingTesting"} per line. Without it the command says so and exits 0.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { assessDescription } from "../../src/analysis/description/assess-description.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = process.env.DESCRIPTION_EVAL_DIR ?? path.resolve(root, "../description-eval");
const file = path.join(dir, "descriptions.jsonl");

const Row = z.object({
  id: z.string(),
  source: z.string(),
  body: z.string(),
  missingWhy: z.boolean(),
  missingTesting: z.boolean(),
});
type Row = z.infer<typeof Row>;

if (!existsSync(file)) {
  process.stdout.write(
    `eval:descriptions skipped: no labeled descriptions at ${file}.\n` +
      "Set DESCRIPTION_EVAL_DIR to a folder with descriptions.jsonl (see docs/description-guide.md).\n",
  );
  process.exit(0);
}

const rows: Row[] = readFileSync(file, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line, i) => {
    const parsed = Row.safeParse(JSON.parse(line));
    if (!parsed.success)
      throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message ?? "invalid row"}`);
    return parsed.data;
  });

// The title is not stored with the texts: the labels judge the body alone, and so does the detector here.
const predictions = rows.map((row) =>
  assessDescription(
    { title: "", body: row.body, changedLines: null, files: null, template: null },
    { required: ["why", "testing"], changedLinesThreshold: 400, uiPaths: [] },
  ),
);

interface Scores {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}
const score = (actual: (r: Row) => boolean, predicted: (i: number) => boolean): Scores => {
  const s = { tp: 0, fp: 0, fn: 0, tn: 0 };
  rows.forEach((row, i) => {
    const a = actual(row);
    const p = predicted(i);
    if (a && p) s.tp++;
    else if (!a && p) s.fp++;
    else if (a && !p) s.fn++;
    else s.tn++;
  });
  return s;
};
const pct = (n: number, d: number) => (d === 0 ? "–" : `${((100 * n) / d).toFixed(1)}%`);
const line = (name: string, s: Scores) => {
  const precision = s.tp / (s.tp + s.fp);
  const recall = s.tp / (s.tp + s.fn);
  const f1 = (2 * precision * recall) / (precision + recall);
  return (
    `| ${name} | ${s.tp + s.fn} | ${pct(s.tp, s.tp + s.fp)} | ${pct(s.tp, s.tp + s.fn)} | ${Number.isFinite(f1) ? f1.toFixed(3) : "–"} | ` +
    `${s.tp} | ${s.fp} | ${s.fn} | ${s.tn} |`
  );
};

const why = score(
  (r) => r.missingWhy,
  (i) => predictions[i]?.missing.includes("why") ?? false,
);
const testing = score(
  (r) => r.missingTesting,
  (i) => predictions[i]?.missing.includes("testing") ?? false,
);
const sources = [...new Set(rows.map((r) => r.source))].map(
  (s) => `${s}: ${rows.filter((r) => r.source === s).length}`,
);

process.stdout.write(
  [
    `${rows.length} labeled descriptions (${sources.join(", ")}) from ${file}`,
    "",
    "| flag | labeled missing | precision | recall | F1 | tp | fp | fn | tn |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    line("missing why", why),
    line("missing how tested", testing),
    "",
  ].join("\n"),
);

if (process.argv.includes("--errors")) {
  rows.forEach((row, i) => {
    const missing = predictions[i]?.missing ?? [];
    const errs = [
      row.missingWhy !== missing.includes("why")
        ? `why: labeled ${row.missingWhy ? "missing" : "present"}`
        : "",
      row.missingTesting !== missing.includes("testing")
        ? `testing: labeled ${row.missingTesting ? "missing" : "present"}`
        : "",
    ].filter((e) => e !== "");
    if (errs.length > 0) process.stdout.write(`${row.id}  ${errs.join("; ")}\n`);
  });
}
