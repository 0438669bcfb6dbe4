// `npm run eval`: the verdict figures on the labeled corpus's dev and test splits, beside the rules alone and the
// length baseline; the same figures on labeled GitHub comments when they are present; tone on the ToxiCR sample.
// docs/analysis.md defines each figure. Nothing here tunes anything: it reads the shipped weights.
import { existsSync } from "node:fs";
import path from "node:path";
import { assess } from "../../src/analysis/assess.js";
import type { CommentContext, CommentInput, Verdict } from "../../src/analysis/assessment.js";
import { shippedVerdictModel } from "../../src/analysis/model/shipped-verdict-model.js";
import { splitProse } from "../../src/analysis/split-prose.js";
import { toneSignals } from "../../src/analysis/tone-signals.js";
import { listable } from "../../src/coaching/render-suggestion.js";
import { defaultConfig } from "../../src/config/schema.js";
import { DATA_DIR, GITHUB_EVAL_DIR, readJsonLines, readLabeledCorpus, readLabels } from "./corpus-files.js";
import {
  classFigures,
  cohensKappa,
  falseNudges,
  lengthBaseline,
  macroF1,
  reliability,
  type Scored,
  teachCorrectF1,
} from "./verdict-figures.js";

const THRESHOLD = defaultThreshold();
const VERDICTS: Verdict[] = ["teaching", "correcting", "not-feedback"];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);

interface Item {
  id: string;
  body: string;
  gold: Verdict;
  input?: CommentInput;
  context?: CommentContext;
}

function defaultThreshold(): number {
  return defaultConfig().coaching.call_out_confidence;
}

function scoreWith(
  items: readonly Item[],
  predict: (item: Item) => { verdict: Verdict; confidence: number },
): Scored[] {
  return items.map((item) => {
    const { verdict, confidence } = predict(item);
    return { gold: item.gold, predicted: verdict, confidence };
  });
}

const modelAssessment = (item: Item) =>
  assess(item.input ?? { id: item.id, body: item.body }, item.context ?? {});

function byRules(item: Item) {
  const a = assess(item.input ?? { id: item.id, body: item.body }, item.context ?? {}, {
    model: null,
    nlp: true,
  });
  return { verdict: a.verdict, confidence: a.confidence };
}

function byLength(item: Item) {
  return { verdict: lengthBaseline(item.body), confidence: 1 };
}

function report(title: string, items: readonly Item[]): void {
  const counts = VERDICTS.map((v) => `${v} ${items.filter((i) => i.gold === v).length}`).join(", ");
  console.log(`\n## ${title}: ${items.length} comments (${counts})\n`);
  const assessed = new Map(items.map((item) => [item, modelAssessment(item)]));
  const model = scoreWith(items, (item) => assessed.get(item) ?? modelAssessment(item));
  const rules = scoreWith(items, byRules);
  const length = scoreWith(items, byLength);
  console.log("| classifier | teach/correct macro-F1 | 3-class macro-F1 | false-nudge rate | called out |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const [name, scored, threshold] of [
    ["model (shipped)", model, THRESHOLD],
    ["rules alone", rules, THRESHOLD],
    ["length > 12 words", length, 0],
  ] as const) {
    const nudges = falseNudges(scored, threshold);
    console.log(
      `| ${name} | ${f3(teachCorrectF1(scored))} | ${f3(macroF1(scored))} | ${pct(nudges.rate)} | ${nudges.calledOut} |`,
    );
  }
  // What a nudge actually names (src/coaching/policy-tally.ts): sure enough, not harsh, not a nit or praise, asking
  // for a change (src/analysis/names-a-change.ts leaves out questions and "ditto"s), with a concrete line under it.
  const named = items.filter((item) => {
    const a = assessed.get(item);
    return a !== undefined && listable(item.body, a, THRESHOLD);
  });
  const namedTeaching = named.filter((i) => i.gold === "teaching").length;
  console.log(
    `\nNamed in a nudge (the call-out threshold, not harsh, not a nit, asks for a change, a concrete line): ${named.length}, ${pct(named.length === 0 ? 0 : namedTeaching / named.length)} already teach, ${named.filter((i) => i.gold === "not-feedback").length} not feedback`,
  );
  console.log(`\nModel per class (false-nudge rate at call_out_confidence ${THRESHOLD}):`);
  for (const v of VERDICTS) {
    const c = classFigures(model, v);
    console.log(`  ${v.padEnd(13)} P ${f3(c.precision)}  R ${f3(c.recall)}  F1 ${f3(c.f1)}  n ${c.support}`);
  }
  console.log(
    "\nCall-out threshold: called out, false-nudge rate, not-feedback called out, share of corrections reached",
  );
  for (const t of [0.5, 0.6, 0.7, 0.8, 0.9]) {
    const n = falseNudges(model, t);
    console.log(
      `  ${t.toFixed(1)}: ${n.calledOut} called out, ${pct(n.rate)} already teach, ${n.notFeedback} not feedback, reach ${pct(n.reach)}`,
    );
  }
  console.log("\nReliability (model confidence bins: count, mean confidence, accuracy)");
  for (const r of reliability(model)) {
    if (r.count === 0) continue;
    console.log(
      `  ${r.from.toFixed(1)}–${r.to.toFixed(2)}: ${String(r.count).padStart(4)}  ${f3(r.meanConfidence)}  ${f3(r.accuracy)}`,
    );
  }
}

function gerrit(): void {
  const labels = readLabels();
  const kappa = cohensKappa(labels.map((r) => [r.a, r.b] as const));
  const agreed = labels.filter((r) => r.agreed).length;
  console.log(`# Verdict evaluation (model ${shippedVerdictModel().version})\n`);
  console.log(
    `Corpus: ${labels.length} Gerrit comments labeled twice; the annotators agreed on ${agreed} (${pct(agreed / labels.length)}), Cohen's kappa ${f3(kappa)}; a third reading decided the other ${labels.length - agreed}.`,
  );
  const corpus = readLabeledCorpus();
  if (!corpus.ok) {
    console.log(`Skipped the Gerrit figures: ${corpus.why}`);
    return;
  }
  for (const split of ["dev", "test"] as const) {
    const items = corpus.comments
      .filter((c) => c.split === split)
      .map((c) => ({ id: c.id, body: c.body, gold: c.label }));
    report(`Gerrit ${split} split`, items);
  }
}

function github(): void {
  const labelsFile = path.join(GITHUB_EVAL_DIR, "labels.jsonl");
  const commentsFile = path.join(GITHUB_EVAL_DIR, "comments.jsonl");
  if (!existsSync(labelsFile) || !existsSync(commentsFile)) {
    console.log(
      `\n## GitHub comments: skipped (${labelsFile} not found; this evaluation set is not committed, see docs/analysis.md)`,
    );
    return;
  }
  const comments = new Map(
    readJsonLines<{ id: string; body: string; is_pr_author: boolean | null }>(commentsFile).map((c) => [
      c.id,
      c,
    ]),
  );
  const labels = readJsonLines<{ id: string; label: Verdict; a?: Verdict; b?: Verdict }>(labelsFile);
  const pairs = labels.filter((l) => l.a && l.b).map((l) => [l.a, l.b] as const);
  if (pairs.length > 0) {
    const agreed = pairs.filter(([a, b]) => a === b).length;
    console.log(
      `\nGitHub set: annotators agreed on ${agreed} of ${pairs.length}, Cohen's kappa ${f3(cohensKappa(pairs))}.`,
    );
  }
  const items: Item[] = labels.flatMap((l) => {
    const c = comments.get(l.id);
    if (!c) return [];
    // The PR author's own comments are known from the thread: the app excludes them by login, as it does live.
    const input: CommentInput = { id: l.id, body: c.body, author: c.is_pr_author ? "pr-author" : "reviewer" };
    return [{ id: l.id, body: c.body, gold: l.label, input, context: { prAuthor: "pr-author" } }];
  });
  report("GitHub review comments", items);
}

function tone(): void {
  const file = path.join(DATA_DIR, "toxicr-sample.jsonl");
  if (!existsSync(file)) {
    console.log(`\n## Tone: skipped (${file} not found)`);
    return;
  }
  const rows = readJsonLines<{ body: string; toxic: boolean }>(file);
  const flagged = rows.map((r) => ({
    toxic: r.toxic,
    harsh: toneSignals(splitProse(r.body).prose).length > 0,
  }));
  const tp = flagged.filter((r) => r.toxic && r.harsh).length;
  const precision = tp / flagged.filter((r) => r.harsh).length;
  const recall = tp / flagged.filter((r) => r.toxic).length;
  console.log(
    `\n## Tone on the ToxiCR sample (${rows.length}): harsh precision ${f3(precision)}, recall ${f3(recall)}`,
  );
}

gerrit();
github();
tone();
