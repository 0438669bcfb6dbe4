// Benchmark: what storing a webhook delivery costs, apart from HTTP: the server's write of the delivery job, in
// batches as the webhook path groups them, with the WAL checkpoints SQLite runs in those commits. This is the cost
// bare Probot does not have in bench/load.ts. CPU is the process's (user + system), per delivery.
// Run: npx tsx bench/store-write.ts [--deliveries 16000] [--batch 32] [--rounds 3]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteJobQueue } from "../src/jobs/sqlite-job-queue.js";
import { openStore } from "../src/store/open-store.js";
import { DELIVERY_JOB, enqueueDeliveries } from "../src/webhooks/delivery-job.js";
import { distinctDeliveries } from "./load.js";

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const count = argument("deliveries", 16_000);
const batch = argument("batch", 32);
const rounds = argument("rounds", 3);

const next = distinctDeliveries();
const deliveries = Array.from({ length: count }, () => {
  const d = next();
  return { id: d.id, name: d.event, installationId: 1, body: d.body };
});
const meanBytes = deliveries.reduce((sum, d) => sum + Buffer.byteLength(d.body), 0) / count;

async function cpuPerDelivery(run: () => Promise<void> | void): Promise<{ cpu: number; wall: number }> {
  const start = performance.now();
  const before = process.cpuUsage();
  await run();
  const used = process.cpuUsage(before);
  return { cpu: (used.user + used.system) / count, wall: ((performance.now() - start) * 1000) / count };
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? 0;
const writes: { cpu: number; wall: number }[] = [];
for (let round = 0; round < rounds; round++) {
  const dir = mkdtempSync(join(tmpdir(), "review-coach-store-write-"));
  const file = join(dir, "bench.sqlite");
  try {
    const store = await openStore(file);
    const queue = createSqliteJobQueue(store.db);
    await queue.start();
    writes.push(
      await cpuPerDelivery(async () => {
        for (let i = 0; i < count; i += batch) await enqueueDeliveries(queue, deliveries.slice(i, i + batch));
      }),
    );
    await queue.stop();
    const stored = await store.db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("name", "=", DELIVERY_JOB)
      .executeTakeFirstOrThrow();
    if (Number(stored.n) !== count) throw new Error(`stored ${stored.n} of ${count} deliveries`);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const figure = (label: string, runs: { cpu: number; wall: number }[]) =>
  console.log(
    `${label.padEnd(44)} CPU ${median(runs.map((r) => r.cpu))
      .toFixed(0)
      .padStart(4)} µs/delivery   ` +
      `wall ${median(runs.map((r) => r.wall))
        .toFixed(0)
        .padStart(4)} µs   ` +
      `(rounds: ${runs.map((r) => r.cpu.toFixed(0)).join(", ")} µs CPU)`,
  );
console.log(
  `store write bench: ${count} distinct deliveries of the demo week's mix (mean ${(meanBytes / 1024).toFixed(1)} KB), ` +
    `stored as delivery jobs in batches of ${batch} on a SQLite file; median of ${rounds} rounds`,
);
figure("storing (with SQLite's own WAL checkpoints)", writes);
