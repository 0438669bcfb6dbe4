// `npm run bench`: runs every benchmark in sequence, each in its own process (so peak memory is its own), and
// sums up. Do not add logic here: each benchmark is a script that prints its own figures.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** In the order they run; add a benchmark here. `--only NAME` runs one. */
const BENCHES = [
  "analysis.ts",
  "classify.ts",
  "metrics.ts",
  "metrics-store.ts",
  "windows.ts",
  "store-write.ts",
  "load.ts",
  "replicas.ts",
];

const here = dirname(fileURLToPath(import.meta.url));
const only =
  process.argv.indexOf("--only") >= 0 ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const results: Array<{ name: string; seconds: number; status: string }> = [];

for (const name of BENCHES.filter((bench) => only === undefined || bench.startsWith(only))) {
  const file = join(here, name);
  if (!existsSync(file)) {
    results.push({ name, seconds: 0, status: "missing" });
    continue;
  }
  console.log(`\n━━ bench/${name}`);
  const start = performance.now();
  // --expose-gc: the benchmarks collect between phases so their heap figures mean something.
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", file], { stdio: "inherit" });
  const seconds = (performance.now() - start) / 1000;
  results.push({
    name,
    seconds,
    status: run.status === 0 ? "ok" : `failed (exit ${run.status ?? run.signal})`,
  });
}

console.log("\n━━ summary");
for (const r of results)
  console.log(`${r.name.padEnd(22)} ${r.seconds.toFixed(1).padStart(7)} s   ${r.status}`);
process.exitCode = results.every((r) => r.status === "ok") ? 0 : 1;
