// Draws a blind comparison of two versions of the suggestion code for readers (test/analysis/README.md,
// "Suggestions"): a seeded sample of the corrections the old code lists (and, with --extra-new, more of those the new
// code lists), each comment with the line each version shows, shuffled into one list of items with nothing saying
// which version wrote a line; where both show the same line it is one item. The key says which.
//   git worktree add ../old c01774f && ln -s "$PWD/node_modules" ../old/node_modules
//   npx tsx scripts/corpus/blind-sample.ts --old ../old --seed 16016 --extra-new 60 --out DIR \
//     [--labels corpus/suggestion-pool-labels.jsonl] [--exclude earlier-reading.jsonl …]
// DIR gets sample.txt (for the readers; it holds GPL comment texts, so keep it out of the repository) and key.jsonl
// (ids, items and kinds only). Readers write {"item","id","verdict"} per item; `suggestions-sample.ts --compare` scores.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { seededRandom, shuffled } from "../seeded-random.js";
import { type LabeledComment, readLabeledCorpus } from "./corpus-files.js";
import {
  type ComparisonKey,
  excluded,
  lineKind,
  option,
  shownLine,
  wouldName,
} from "./suggestions-sample.js";

interface Version {
  wouldName: (comment: LabeledComment) => boolean;
  shownLine: (body: string) => string;
}

/** The items of one blind comparison, in the order the readers see them, and their key. */
export function blindSample(
  comments: readonly LabeledComment[],
  versions: { old: Version; new: Version },
  seed: number,
  extraNew: number,
): { items: { key: ComparisonKey; body: string; line: string }[]; pool: number } {
  const pool = comments.filter((c) => versions.old.wouldName(c) || versions.new.wouldName(c));
  const base = shuffled(pool, seededRandom(seed)).slice(0, 120);
  const extra = shuffled(
    pool.filter((c) => !base.includes(c) && versions.new.wouldName(c)),
    seededRandom(seed + 1),
  ).slice(0, extraNew);
  const drawn: { comment: LabeledComment; line: string; shownBy: ComparisonKey["shownBy"] }[] = [];
  for (const comment of [...base, ...extra]) {
    const old = versions.old.wouldName(comment) ? versions.old.shownLine(comment.body) : undefined;
    const now = versions.new.wouldName(comment) ? versions.new.shownLine(comment.body) : undefined;
    if (old !== undefined && old === now) drawn.push({ comment, line: old, shownBy: ["old", "new"] });
    else {
      if (old !== undefined) drawn.push({ comment, line: old, shownBy: ["old"] });
      if (now !== undefined) drawn.push({ comment, line: now, shownBy: ["new"] });
    }
  }
  // The order the readers see is its own fixed shuffle, so old and new lines of one comment are not side by side.
  const items = shuffled(drawn, seededRandom(77)).map((d, i) => ({
    key: {
      item: `item-${String(i + 1).padStart(3, "0")}`,
      id: d.comment.id,
      shownBy: d.shownBy,
      base: base.includes(d.comment),
      kind: lineKind(d.line),
    },
    body: d.comment.body,
    line: d.line,
  }));
  return { items, pool: pool.length };
}

async function main(args: string[]): Promise<void> {
  const value = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const oldRoot = value("--old");
  const out = value("--out");
  if (!oldRoot || !out)
    throw new Error("blind-sample takes --old DIR (a checkout of the old code) and --out DIR");
  const old = (await import(path.resolve(oldRoot, "scripts/corpus/suggestions-sample.ts"))) as Version;
  const labels = value("--labels");
  const corpus = labels ? readLabeledCorpus(labels) : readLabeledCorpus();
  if (!corpus.ok) {
    console.log(`skipped: ${corpus.why}`);
    return;
  }
  const skip = excluded(args);
  const corrections = corpus.comments.filter((c) => c.label === "correcting" && !skip.has(c.id));
  const { items, pool } = blindSample(
    corrections,
    { old, new: { wouldName, shownLine } },
    option(args, "--seed", 14),
    args.includes("--extra-new") ? option(args, "--extra-new", 60) : 0,
  );
  const quoted = (body: string) =>
    (body.length > 700 ? `${body.slice(0, 700)}…` : body).replace(/^/gm, "    ");
  writeFileSync(
    path.join(out, "sample.txt"),
    items.map((i) => `## ${i.key.item} (${i.key.id})\n${quoted(i.body)}\n  → ${i.line}\n`).join("\n"),
  );
  writeFileSync(path.join(out, "key.jsonl"), `${items.map((i) => JSON.stringify(i.key)).join("\n")}\n`);
  console.log(`${items.length} items from ${pool} corrections either version lists, written to ${out}`);
}

if (process.argv[1]?.endsWith("blind-sample.ts")) await main(process.argv.slice(2));
