// Measures `review-coach classify` end to end: 50,000 comments as JSON lines on stdin, wall time from spawning the
// process to its exit, start-up (loading the verdict model) included. Target: at least 10,000 comments/s.
// Run: npx tsx bench/classify.ts   (uses dist/src/cli.js when built, else the TypeScript source through tsx)
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const COMMENTS = 50_000;
const sources = [
  path.join(repoRoot, "test/fixtures/analysis/eval-set.jsonl"),
  path.resolve(repoRoot, "../shared/data/gerrit-comments.jsonl"),
].filter((file) => existsSync(file));

const bodies = sources.flatMap((file) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => String((JSON.parse(line) as { body?: unknown }).body ?? "")),
);
const input = `${Array.from({ length: COMMENTS }, (_, i) =>
  JSON.stringify({
    id: `c${i}`,
    body: `${bodies[i % bodies.length] ?? ""}${i >= bodies.length ? ` (${i})` : ""}`,
  }),
).join("\n")}\n`;

const built = path.join(repoRoot, "dist/src/cli.js");
const [command, args] = existsSync(built)
  ? [process.execPath, [built, "classify"]]
  : [process.execPath, ["--import", "tsx", path.join(repoRoot, "src/cli.ts"), "classify"]];

// GNU time, where the machine has it, adds the child's CPU seconds: on a busy machine wall time says little.
const gnuTime = existsSync("/usr/bin/time");
const [program, programArgs] = gnuTime
  ? ["/usr/bin/time", ["-f", "cpu %U %S", command, ...args]]
  : [command, args];
const start = performance.now();
const child = spawn(program, programArgs, {
  stdio: ["pipe", "pipe", "pipe"],
  env: { ...process.env, LOG_LEVEL: "silent" },
});
let stderr = "";
child.stderr.on("data", (chunk: Buffer) => {
  stderr += chunk.toString();
});
let lines = 0;
child.stdout.on("data", (chunk: Buffer) => {
  for (const byte of chunk) if (byte === 10) lines++;
});
child.stdin.end(input);
child.on("close", (code) => {
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `review-coach classify (${existsSync(built) ? "built" : "tsx"}): ${lines} of ${COMMENTS} comments in ${seconds.toFixed(2)} s, start-up included: ${Math.round(lines / seconds).toLocaleString("en")} comments/s (target ≥ 10,000/s)`,
  );
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  if (cpu) {
    const cpuSeconds = Number(cpu[1]) + Number(cpu[2]);
    console.log(
      `  CPU: ${cpuSeconds.toFixed(2)} s (user + system), ${Math.round(lines / cpuSeconds).toLocaleString("en")} comments per CPU-second`,
    );
  }
  const errors = stderr.replace(/cpu [\d.]+ [\d.]+\s*$/, "").trim();
  if (errors) console.log(errors);
  console.log(
    `  corpus: ${bodies.length} distinct bodies from ${sources.map((s) => path.basename(s)).join(", ")}, cycled`,
  );
  process.exitCode = code === 0 && lines === COMMENTS ? 0 : 1;
});
