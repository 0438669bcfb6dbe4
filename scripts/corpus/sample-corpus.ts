// Picks the comments to label from ../shared/data/gerrit-comments.jsonl (docs/labeling-guide.md). Round 1: the 200
// longest, the 200 shortest and a seeded random 2,800 of the rest; round 2: a seeded random 3,200 of what round 1 left.
// Prints one id a line; the texts never leave shared/.
import { readFileSync } from "node:fs";
import { seededRandom, shuffled } from "../seeded-random.js";

export const SAMPLE_SEED = 20261202;
const TAIL = 200;
const RANDOM = 2800;

export interface RawComment {
  id: string;
  body: string;
}

export function sampleCorpus(comments: readonly RawComment[]): string[] {
  const byLength = [...comments].sort((a, b) => a.body.length - b.body.length || a.id.localeCompare(b.id));
  const shortest = byLength.slice(0, TAIL);
  const longest = byLength.slice(-TAIL);
  const tails = new Set([...shortest, ...longest].map((c) => c.id));
  const rest = comments.filter((c) => !tails.has(c.id));
  const random = shuffled(rest, seededRandom(SAMPLE_SEED)).slice(0, RANDOM);
  return [...tails, ...random.map((c) => c.id)];
}

export const EXTENSION_SEED = 20261203;
const EXTENSION = 3200;

/** Round 2: more of the same population, none of round 1's ids. */
export function sampleExtension(comments: readonly RawComment[]): string[] {
  const first = new Set(sampleCorpus(comments));
  const rest = comments.filter((c) => !first.has(c.id));
  return shuffled(rest, seededRandom(EXTENSION_SEED))
    .slice(0, EXTENSION)
    .map((c) => c.id);
}

export function readRawComments(path: string): RawComment[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as RawComment);
}

if (process.argv[1]?.endsWith("sample-corpus.ts")) {
  const path =
    process.argv.slice(2).find((a) => !a.startsWith("--")) ??
    new URL("../../../shared/data/gerrit-comments.jsonl", import.meta.url).pathname;
  const comments = readRawComments(path);
  const ids = process.argv.includes("--round=2") ? sampleExtension(comments) : sampleCorpus(comments);
  for (const id of ids) process.stdout.write(`${id}\n`);
}
