// Prints a seeded sample of comments the corpus labels "correcting" and a nudge would name, with the suggestion
// review-coach would show for each, for two readers to judge (test/analysis/README.md, "Suggestions"); with --shares, the shares they give.
//   npx tsx scripts/corpus/suggestions-sample.ts [--size 120] [--seed 14] [--exclude judgements.jsonl] [--jsonl]
//     [--labels corpus/suggestion-pool-labels.jsonl]   (the comments labeled for the readings alone, not the corpus)
//   (--exclude leaves out the comments an earlier reading judged, so a new reading is of comments nobody tuned on)
//   npx tsx scripts/corpus/suggestions-sample.ts --shares judgements-A.jsonl judgements-B.jsonl
//   npx tsx scripts/corpus/suggestions-sample.ts --compare key.jsonl judgements-A.jsonl judgements-B.jsonl …
//   (a blind comparison: the key says which code showed each item's line; see test/analysis/README.md)
// The comment texts are GPL-licensed and read from ../shared/data at run time; only ids and verdicts are written.
import { existsSync, readFileSync } from "node:fs";
import { assess } from "../../src/analysis/assess.js";
import { suggestRewrite } from "../../src/analysis/suggest-rewrite.js";
import {
  listable,
  postableSuggestion,
  rewriteInput,
  suggestionPlain,
} from "../../src/coaching/render-suggestion.js";
import { defaultConfig } from "../../src/config/schema.js";
import { seededRandom, shuffled } from "../seeded-random.js";
import { type LabeledComment, readLabeledCorpus, SUGGESTION_POOL_FILE } from "./corpus-files.js";

export const VERDICTS = ["as-is", "small-edit", "would-not-post"] as const;
export type SuggestionVerdict = (typeof VERDICTS)[number];

/** The suggestion the app would show for a comment it lists: the heuristic's, through the renderers' checker. */
export function suggestionFor(body: string): string {
  return postableSuggestion(body, suggestRewrite(rewriteInput(body)));
}

/**
 * The line a nudge shows under the comment (plain text): the suggestion, or "Missing: the why." where only a
 * generic line was left. This is what the readers judge.
 */
export function shownLine(body: string): string {
  return suggestionPlain(body, suggestRewrite(rewriteInput(body)));
}

/** Whether a nudge would list the comment with the default config: the policy's own test (`listable`). */
export function wouldName(comment: Pick<LabeledComment, "id" | "body">): boolean {
  const assessment = assess(
    { id: comment.id, body: comment.body, author: "reviewer" },
    { prAuthor: "author" },
  );
  return listable(comment.body, assessment, defaultConfig().coaching.call_out_confidence);
}

/** Comments the corpus labels "correcting" and a nudge would name: the suggestions a reviewer would actually see. */
export function sampleCorrecting(
  comments: readonly LabeledComment[],
  size: number,
  seed: number,
  exclude: ReadonlySet<string> = new Set(),
): { sample: LabeledComment[]; correcting: number; named: number } {
  const correcting = comments.filter((c) => c.label === "correcting");
  const named = correcting.filter(wouldName);
  return {
    sample: shuffled(named, seededRandom(seed))
      .filter((c) => !exclude.has(c.id))
      .slice(0, size),
    correcting: correcting.length,
    named: named.length,
  };
}

/** The ids of every `--exclude FILE` (judgement files: one {"id": …} per line). */
export function excluded(args: string[]): Set<string> {
  const ids = new Set<string>();
  args.forEach((arg, i) => {
    const file = args[i + 1];
    if (arg === "--exclude" && file) for (const row of readJudgements(file)) ids.add(row.id);
  });
  return ids;
}

export function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} takes a positive whole number`);
  return value;
}

function readJudgements(file: string): { id: string; verdict: SuggestionVerdict }[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { id: string; verdict: SuggestionVerdict });
}

function printShares(files: string[]): void {
  const readers = files.map((file) => {
    const rows = readJudgements(file);
    for (const r of rows)
      if (!VERDICTS.includes(r.verdict)) throw new Error(`${file}: ${r.id} has verdict ${String(r.verdict)}`);
    return { file, byId: new Map(rows.map((r) => [r.id, r.verdict])) };
  });
  const pct = (n: number, d: number) => (d === 0 ? "-" : `${((100 * n) / d).toFixed(1)}%`);
  for (const { file, byId } of readers) {
    const all = [...byId.values()];
    const count = (v: SuggestionVerdict) => all.filter((x) => x === v).length;
    console.log(
      `${file}: ${all.length} judged; as-is ${pct(count("as-is"), all.length)}, small-edit ${pct(count("small-edit"), all.length)}, would-not-post ${pct(count("would-not-post"), all.length)}; postable ${pct(count("as-is") + count("small-edit"), all.length)}`,
    );
  }
  if (readers.length < 2) return;
  const [a, b] = readers as [(typeof readers)[0], (typeof readers)[0]];
  const both = [...a.byId.keys()].filter((id) => b.byId.has(id));
  const postable = (v: SuggestionVerdict | undefined) => v === "as-is" || v === "small-edit";
  const agreeVerdict = both.filter((id) => a.byId.get(id) === b.byId.get(id)).length;
  const agreePostable = both.filter((id) => postable(a.byId.get(id)) === postable(b.byId.get(id))).length;
  const bothPostable = both.filter((id) => postable(a.byId.get(id)) && postable(b.byId.get(id))).length;
  const judgements = both.flatMap((id) => [a.byId.get(id), b.byId.get(id)]);
  console.log(
    `both readers: ${both.length} suggestions; postable by both ${pct(bothPostable, both.length)}; postable over all ${judgements.length} judgements ${pct(judgements.filter(postable).length, judgements.length)}; same verdict ${pct(agreeVerdict, both.length)}, same postable/not ${pct(agreePostable, both.length)}`,
  );
  // By the kind of line shown, as today's code shows it: the figures of a reading hold at its own commit.
  const corpus = readLabeledCorpus();
  if (!corpus.ok) {
    console.log(`by kind of line: skipped (${corpus.why})`);
    return;
  }
  const pool = existsSync(SUGGESTION_POOL_FILE) ? readLabeledCorpus(SUGGESTION_POOL_FILE) : undefined;
  const bodies = new Map([...corpus.comments, ...(pool?.ok ? pool.comments : [])].map((c) => [c.id, c.body]));
  const byKind = new Map<LineKind, { shown: number; postable: number }>();
  for (const id of both) {
    const body = bodies.get(id);
    if (body === undefined) continue;
    const kind = lineKind(shownLine(body));
    const tally = byKind.get(kind) ?? { shown: 0, postable: 0 };
    for (const v of [a.byId.get(id), b.byId.get(id)]) {
      tally.shown++;
      if (postable(v)) tally.postable++;
    }
    byKind.set(kind, tally);
  }
  const kinds = [...byKind].map(([k, t]) => `${k} ${t.postable}/${t.shown} (${pct(t.postable, t.shown)})`);
  console.log(`by kind of line (postable judgements): ${kinds.join("; ")}`);
}

export type LineKind =
  | "missing"
  | "nit"
  | "rewrite and question"
  | "rewrite, and add the why"
  | "version question"
  | "unneeded question"
  | "other question";

/** What a shown line is (the blind keys record it as the reader saw it; `--shares` reads today's line). */
export function lineKind(line: string): LineKind {
  if (line.startsWith("Missing:")) return "missing";
  if (line.startsWith("Try: “nit")) return "nit";
  if (line.startsWith("Try:"))
    return line.includes("add the why:") ? "rewrite and question" : "rewrite, and add the why";
  if (/what (?:this version|the suggested change) fixes/.test(line)) return "version question";
  return /^Add the why: what makes .* unnecessary/.test(line) ? "unneeded question" : "other question";
}

/** One line of a blind comparison's key: which code showed the item's line ("old", "new" or both). */
export interface ComparisonKey {
  item: string;
  id: string;
  shownBy: ("old" | "new")[];
  /** In the random sample of what the old code listed; items outside it were drawn from what the new code lists. */
  base: boolean;
  /** The kind of line shown ("nit", "rewrite and question", "version question", …), as the reader saw it. */
  kind?: string;
}

/**
 * The postable share of each code's lines in a blind comparison, per reader and over all judgements. The old
 * code's share is over its random sample (base items); the new code's over every item it shows.
 */
function printComparison(keyFile: string, files: string[]): void {
  const key = readFileSync(keyFile, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as ComparisonKey);
  const pct = (n: number, d: number) => (d === 0 ? "-" : `${((100 * n) / d).toFixed(1)}%`);
  const total = { old: [0, 0], new: [0, 0] };
  const byKind = new Map<string, [number, number]>();
  for (const file of files) {
    const verdicts = new Map(
      readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as { item: string; verdict: SuggestionVerdict })
        .map((r) => [r.item, r.verdict]),
    );
    const mine = { old: [0, 0], new: [0, 0] };
    for (const k of key) {
      const verdict = verdicts.get(k.item);
      if (verdict === undefined) throw new Error(`${file}: no verdict for ${k.item}`);
      for (const code of k.shownBy) {
        if (code === "old" && !k.base) continue;
        const kind = code === "new" && k.kind ? (byKind.get(k.kind) ?? [0, 0]) : undefined;
        if (kind && k.kind) byKind.set(k.kind, kind);
        for (const tally of [mine[code], total[code], ...(kind ? [kind] : [])]) {
          tally[1] = (tally[1] ?? 0) + 1;
          if (verdict !== "would-not-post") tally[0] = (tally[0] ?? 0) + 1;
        }
      }
    }
    const [oP = 0, oN = 0] = mine.old;
    const [nP = 0, nN = 0] = mine.new;
    console.log(`${file}: old ${oP}/${oN} postable (${pct(oP, oN)}), new ${nP}/${nN} (${pct(nP, nN)})`);
  }
  const [oP = 0, oN = 0] = total.old;
  const [nP = 0, nN = 0] = total.new;
  const listedOld = new Set(key.filter((k) => k.base).map((k) => k.id)).size;
  const listedNew = new Set(key.filter((k) => k.base && k.shownBy.includes("new")).map((k) => k.id)).size;
  console.log(
    `all judgements: old ${pct(oP, oN)}, new ${pct(nP, nN)}; of the old code's ${listedOld} sampled comments the new code lists ${listedNew}`,
  );
  const kinds = [...byKind].sort((a, b) => b[1][1] - a[1][1]);
  if (kinds.length > 0)
    console.log(
      `new code by kind of line: ${kinds.map(([k, [p, n]]) => `${k} ${p}/${n} (${pct(p, n)})`).join("; ")}`,
    );
}

function main(args: string[]): void {
  if (args[0] === "--shares") {
    printShares(args.slice(1));
    return;
  }
  if (args[0] === "--compare") {
    const [keyFile, ...files] = args.slice(1);
    if (keyFile === undefined || files.length === 0)
      throw new Error("--compare takes a key and judgement files");
    printComparison(keyFile, files);
    return;
  }
  const labelsAt = args.indexOf("--labels");
  const corpus = labelsAt >= 0 ? readLabeledCorpus(args[labelsAt + 1]) : readLabeledCorpus();
  if (!corpus.ok) {
    console.log(`skipped: ${corpus.why}`);
    return;
  }
  const { sample, correcting, named } = sampleCorrecting(
    corpus.comments,
    option(args, "--size", 120),
    option(args, "--seed", 14),
    excluded(args),
  );
  const jsonl = args.includes("--jsonl");
  if (!jsonl)
    console.log(
      `${named} of the corpus's ${correcting} comments labeled "correcting" would be named in a nudge; ${sample.length} of them, drawn with the seed:\n`,
    );
  sample.forEach((c, i) => {
    const suggestion = shownLine(c.body);
    if (jsonl) {
      console.log(JSON.stringify({ id: c.id, body: c.body, suggestion }));
      return;
    }
    const body = c.body.length > 700 ? `${c.body.slice(0, 700)}…` : c.body;
    console.log(`## ${i + 1}. ${c.id}\n${body.replace(/^/gm, "    ")}\n  → ${suggestion}\n`);
  });
  if (!jsonl)
    console.log(
      `Judge each line as ${VERDICTS.join(" / ")}; write {"id":"gerrit-…","verdict":"…"} per line (ids and verdicts only).`,
    );
}

if (process.argv[1]?.endsWith("suggestions-sample.ts")) main(process.argv.slice(2));
