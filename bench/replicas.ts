// Replicas bench: two review-coach servers on ONE PostgreSQL database sharing pg-boss, a burst of signed deliveries
// spread across both (redeliveries of some ids sent to BOTH), then the job queues drained. Checks zero lost
// deliveries and at most one nudge comment per review, and times the drain.
// Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/replicas.ts [--deliveries 10000]
// (TEST_DATABASE_URL works too). A fresh database is created for the run and dropped after it.

import pg from "pg";
import { pino } from "pino";
import { DEMO_REPO } from "../scripts/demo/build-scenario.js";
import { DEMO_CONFIG } from "../scripts/demo/run-demo.js";
import { startFakeGithub } from "../scripts/fake-github/fake-github.js";
import { signBody } from "../scripts/fake-github/signed-delivery.js";
import { STACK_APP_ID, STACK_APP_SLUG, throwawayKeyPair } from "../scripts/fake-github/start-app-stack.js";
import { readEnv } from "../src/env.js";
import { isMainModule } from "../src/is-main-module.js";
import { type RunningServer, startServer } from "../src/server.js";
import { openStore, type Store } from "../src/store/open-store.js";
import { distinctDeliveries } from "./load.js";

const WEBHOOK_PATH = "/api/github/webhooks";
const CONCURRENCY = 32;
const DRAIN_TIMEOUT_MS = 150_000;

const argument = (name: string): number | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : undefined;
};

/** The same server URL with another database name. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function drained(replicas: RunningServer[]): Promise<boolean> {
  for (const r of replicas) {
    const stats = await r.jobs.stats();
    if (stats.queues.some((q) => q.queued + q.retrying + q.active > 0)) return false;
  }
  return true;
}

export async function runReplicasBench(total = 10_000): Promise<void> {
  const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    console.log(
      "replicas bench skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server URL, " +
        "e.g. postgres://postgres@127.0.0.1:5432/postgres; a fresh database is created and dropped.",
    );
    return;
  }
  const database = `review_coach_replicas_${process.pid}_${Date.now()}`;
  const url = withDatabase(baseUrl, database);
  const keys = throwawayKeyPair();
  const secret = `bench-${Math.random().toString(36).slice(2)}`;
  const fake = await startFakeGithub({
    appId: STACK_APP_ID,
    appSlug: STACK_APP_SLUG,
    appPublicKey: keys.publicKey,
    files: { [DEMO_REPO]: { ".github/review-coach.yml": DEMO_CONFIG } },
  });
  await admin(baseUrl, `create database "${database}"`);
  const stores: Store[] = [];
  const replicas: RunningServer[] = [];
  try {
    const env = readEnv({
      NODE_ENV: "production",
      APP_ID: String(STACK_APP_ID),
      APP_SLUG: STACK_APP_SLUG,
      PRIVATE_KEY: keys.privateKey,
      WEBHOOK_SECRET: secret,
      GITHUB_API_URL: fake.apiUrl,
      DATABASE_URL: url,
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "silent",
    });
    // One after the other: the first migrates the fresh database (and creates pg-boss's schema).
    for (let i = 0; i < 2; i++) {
      const store = await openStore(url);
      stores.push(store);
      replicas.push(
        await startServer(env, {
          log: pino({ level: "silent" }),
          store,
          settleMs: 2_000,
          jobs: { pollIntervalMs: 250 },
        }),
      );
    }

    // The burst: distinct deliveries of the demo week's mix (reviews among them), alternating replicas, and
    // every 20th position a redelivery of an earlier id to BOTH replicas (GitHub redelivers; a replica may get it).
    const next = distinctDeliveries();
    type Send = { id: string; event: string; body: string; replica: number };
    const sends: Send[] = [];
    const sent: Array<Omit<Send, "replica">> = [];
    while (sends.length < total) {
      if (sends.length % 20 === 19 && sent.length > 10) {
        const again = sent[Math.floor(Math.random() * sent.length)] as Omit<Send, "replica">;
        sends.push({ ...again, replica: 0 });
        if (sends.length < total) sends.push({ ...again, replica: 1 });
        continue;
      }
      const d = next();
      sent.push(d);
      sends.push({ ...d, replica: sends.length % 2 });
    }
    const distinct = new Set(sends.map((s) => s.id)).size;
    console.log(
      `replicas bench: 2 review-coach servers, one PostgreSQL database (${database}), pg-boss shared; ` +
        `${sends.length} deliveries (${distinct} distinct ids, ${sends.length - sent.length} redeliveries), ` +
        `${CONCURRENCY} in flight`,
    );

    let acknowledged = 0;
    let failed = 0;
    let cursor = 0;
    const started = performance.now();
    const worker = async () => {
      for (;;) {
        const s = sends[cursor++];
        if (!s) return;
        const res = await fetch(`${(replicas[s.replica] as RunningServer).url}${WEBHOOK_PATH}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "GitHub-Hookshot/bench",
            "x-github-event": s.event,
            "x-github-delivery": s.id,
            "x-hub-signature-256": signBody(secret, s.body),
          },
          body: s.body,
        });
        await res.arrayBuffer();
        if (res.status < 300) acknowledged++;
        else failed++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const burstSeconds = (performance.now() - started) / 1000;
    console.log(
      `  acknowledged ${acknowledged} of ${sends.length} (${failed} not 2xx) in ${burstSeconds.toFixed(1)} s ` +
        `(${(acknowledged / burstSeconds).toFixed(0)} deliveries/s across both)`,
    );

    const drainStart = performance.now();
    let quiet = 0;
    while (quiet < 2) {
      if (performance.now() - drainStart > DRAIN_TIMEOUT_MS)
        throw new Error("job queues did not drain in time");
      await new Promise((r) => setTimeout(r, 500));
      quiet = (await drained(replicas)) ? quiet + 1 : 0;
    }
    const drainSeconds = (performance.now() - drainStart) / 1000;

    const db = (stores[0] as Store).db;
    const stored = Number(
      (
        await db
          .selectFrom("deliveries")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const dead = (await (replicas[0] as RunningServer).jobs.stats()).queues.reduce((n, q) => n + q.dead, 0);
    // Nudge comments on the fake GitHub, by their marker (one per review, or per comment for inline nudges).
    const perMarker = new Map<string, number>();
    for (const c of [...fake.appComments(DEMO_REPO), ...fake.reviewReplies(DEMO_REPO)]) {
      const marker = /<!-- review-coach[^>]*review=\d+[^>]*-->/.exec(c.body)?.[0];
      if (marker) perMarker.set(marker, (perMarker.get(marker) ?? 0) + 1);
    }
    const duplicates = [...perMarker.values()].filter((n) => n > 1).length;
    const lost = distinct - stored;
    console.log(
      `  deliveries stored ${stored} of ${distinct} distinct ids: ${lost === 0 ? "zero lost" : `${lost} LOST`}`,
    );
    console.log(
      `  nudge comments: ${perMarker.size} reviews nudged, max ${Math.max(0, ...perMarker.values())} per review: ` +
        `${duplicates === 0 ? "zero duplicates" : `${duplicates} reviews with DUPLICATES`}`,
    );
    console.log(
      `  job queues drained ${drainSeconds.toFixed(1)} s after the burst (${dead} dead-lettered jobs)`,
    );
    console.log(`  fake GitHub: ${fake.requests.length} API calls, ${fake.unknownRequests().length} unknown`);
    if (lost !== 0 || duplicates !== 0 || failed !== 0) process.exitCode = 1;
  } finally {
    for (const r of replicas) await r.stop().catch(() => undefined);
    for (const s of stores) await s.close().catch(() => undefined);
    await fake.close();
    await admin(baseUrl, `drop database if exists "${database}" with (force)`).catch((error: unknown) =>
      console.error(`could not drop ${database}:`, error),
    );
  }
}

if (isMainModule(import.meta.url)) {
  runReplicasBench(argument("deliveries")).then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
