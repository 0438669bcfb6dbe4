// Measures assess() throughput and per-comment latency on one thread over a 10,000-comment corpus (target ≥ 10,000/s).
// Run: npx tsx bench/analysis.ts [--nlp]   (--nlp also asks compromise's tagger, which the app no longer does by default)
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assess } from "../src/analysis/assess.js";
import type { CommentInput } from "../src/analysis/assessment.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const evalSetPath = path.join(repoRoot, "test/fixtures/analysis/eval-set.jsonl");
const toxicrPath = path.resolve(repoRoot, "../shared/data/toxicr-sample.jsonl");
const CORPUS_SIZE = 10_000;
const WARMUP = 5_000;
const useNlp = process.argv.includes("--nlp");

function readBodies(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => String((JSON.parse(line) as { body?: unknown }).body ?? ""));
}

// Perturbations keep the text realistic while making every comment distinct, so nothing can be memoised.
const PERTURB: ReadonlyArray<(body: string, i: number) => string> = [
  (b) => b,
  (b, i) => `${b} (line ${i})`,
  (b) => b.toLowerCase(),
  (b, i) => `nit: ${b.replace(/\.$/, "")} #${i}`,
  (b, i) => `> quoted context ${i}\n\n${b}`,
];

function buildCorpus(): CommentInput[] {
  const bodies = readBodies(evalSetPath);
  if (existsSync(toxicrPath)) bodies.push(...readBodies(toxicrPath));
  else console.log(`note: ${toxicrPath} not found; corpus built from the eval set only`);
  return Array.from({ length: CORPUS_SIZE }, (_, i) => {
    const perturb = PERTURB[Math.floor(i / bodies.length) % PERTURB.length] ?? ((b: string) => b);
    return { id: `c${i}`, body: perturb(bodies[i % bodies.length] ?? "", i), author: "reviewer" };
  });
}

function percentile(sorted: readonly number[], p: number): number {
  // Nearest-rank, as the metrics module defines percentiles (docs/architecture.md, "Metrics").
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const corpus = buildCorpus();
const context = { prAuthor: "author", ignoreUsers: ["Copilot", "coderabbitai[bot]"] };
for (let i = 0; i < WARMUP; i++) assess(corpus[i % corpus.length] as CommentInput, context, { nlp: useNlp });

const latencies = new Float64Array(corpus.length);
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
for (let i = 0; i < corpus.length; i++) {
  const t0 = process.hrtime.bigint();
  assess(corpus[i] as CommentInput, context, { nlp: useNlp });
  latencies[i] = Number(process.hrtime.bigint() - t0) / 1e3;
}
const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpuStart);
// CPU time is reported beside wall time: on a shared machine wall time also counts other processes' turns.
const cpuMs = (cpu.user + cpu.system) / 1e3;
const sorted = [...latencies].sort((a, b) => a - b);
const chars = corpus.reduce((sum, c) => sum + c.body.length, 0);

console.log(
  `comments: ${corpus.length} (mean ${Math.round(chars / corpus.length)} chars), compromise: ${useNlp ? "on" : "off"}`,
);
console.log(
  `throughput: ${Math.round((corpus.length / totalMs) * 1000)} comments/s (single thread, wall clock)`,
);
console.log(`throughput: ${Math.round((corpus.length / cpuMs) * 1000)} comments/s (per CPU-second)`);
console.log(`latency p50: ${percentile(sorted, 50).toFixed(1)} us`);
console.log(`latency p99: ${percentile(sorted, 99).toFixed(1)} us`);
console.log(`latency max: ${percentile(sorted, 100).toFixed(1)} us`);
