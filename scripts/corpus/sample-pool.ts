// Draws one round of the suggestion readings' own pool (docs/analysis.md, "The corpus"): comments nobody has labeled,
// most of them ones a nudge would list today, the rest from everything else, shuffled together so the annotators
// cannot tell which is which. Prints {"id","body"} lines for the annotators (GPL texts: keep the output out of the
// repository) or, with --ids, the ids alone.
//   npx tsx scripts/corpus/sample-pool.ts --seed 4212 [--listed 330] [--rest 110] [--ids] > round.jsonl
// Rounds 1-3 (seeds 1212, 2212, 3212) were drawn the same way by code that was not committed; round 4 by this, with
// the code of 914ea12, before its ids were added to the pool (run again now, it draws from what is still unlabeled).
import { seededRandom, shuffled } from "../seeded-random.js";
import { GERRIT_FILE, LABELS_FILE, readLabels, SUGGESTION_POOL_FILE } from "./corpus-files.js";
import { type RawComment, readRawComments } from "./sample-corpus.js";
import { option, wouldName } from "./suggestions-sample.js";

/** `listed` unlabeled comments a nudge lists and `rest` of the others, in one seeded order. */
export function samplePool(
  unlabeled: readonly RawComment[],
  listedBy: (comment: RawComment) => boolean,
  seed: number,
  listed: number,
  rest: number,
): RawComment[] {
  const isListed = unlabeled.filter(listedBy);
  const listedIds = new Set(isListed.map((c) => c.id));
  const others = unlabeled.filter((c) => !listedIds.has(c.id));
  return shuffled(
    [
      ...shuffled(isListed, seededRandom(seed)).slice(0, listed),
      ...shuffled(others, seededRandom(seed + 1)).slice(0, rest),
    ],
    seededRandom(seed + 2),
  );
}

if (process.argv[1]?.endsWith("sample-pool.ts")) {
  const args = process.argv.slice(2);
  const labeled = new Set([...readLabels(LABELS_FILE), ...readLabels(SUGGESTION_POOL_FILE)].map((r) => r.id));
  const unlabeled = readRawComments(GERRIT_FILE).filter((c) => !labeled.has(c.id));
  const drawn = samplePool(
    unlabeled,
    wouldName,
    option(args, "--seed", 4212),
    option(args, "--listed", 330),
    option(args, "--rest", 110),
  );
  for (const c of drawn) process.stdout.write(`${JSON.stringify(args.includes("--ids") ? c.id : c)}\n`);
}
