// Load bench (bench/README.md), in one run: acknowledgement throughput of the real review-coach server beside a bare
// Probot app (same signed deliveries, same machine), p99 acknowledgement at a fixed 200 deliveries/s with nothing
// lost, and end-to-end processing throughput (stored → assessed → coaching decided, against the fake GitHub).
// Run: npx tsx bench/load.ts [--seconds 10] [--connections 64] [--rounds 3] [--rate 200] [--rate-connections 16]
//        [--processed 1000] [--events pull_request_review_comment,…]
//
// Each server runs in a child process of its own (autocannon and the fake GitHub would otherwise share its event
// loop); the fake GitHub runs here, as GitHub would be elsewhere. Every request is a distinct delivery: a new
// X-GitHub-Delivery id and new GitHub object ids (PR, review, comment), signed like GitHub signs, so review-coach
// does its full work (ingest, assessment, config read, coaching decision), never the cheap duplicate path.
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { createNodeMiddleware, Probot } from "probot";
import { buildScenario, DEMO_REPO, type Envelope } from "../scripts/demo/build-scenario.js";
import { DEMO_CONFIG } from "../scripts/demo/run-demo.js";
import { type FakeGithub, startFakeGithub } from "../scripts/fake-github/fake-github.js";
import { signBody } from "../scripts/fake-github/signed-delivery.js";
import { STACK_APP_ID, STACK_APP_SLUG, throwawayKeyPair } from "../scripts/fake-github/start-app-stack.js";
import { readEnv } from "../src/env.js";
import { isMainModule } from "../src/is-main-module.js";
import { waitForIdle } from "../src/jobs/wait-for-idle.js";
import { startServer } from "../src/server.js";
import { openStore } from "../src/store/open-store.js";

// ── autocannon (CommonJS, no bundled types): the slice this bench uses ──────────────────────────────────────────
interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
interface AutocannonResult {
  duration: number;
  latency: Histogram;
  requests: Histogram & { total: number };
  "2xx": number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  overallRate?: number;
  timeout?: number;
  requests: Array<{ method: string; setupRequest: (req: AutocannonRequest) => AutocannonRequest }>;
}
type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

// ── the deliveries ────────────────────────────────────────────────────────────────────────────────────────────────

const WEBHOOK_PATH = "/api/github/webhooks";

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (typeof value === "object" && value !== null ? (value as Json) : {});

/**
 * The demo week's deliveries as templates, without reviewer commands (rare in real traffic; each one reacts with a
 * 👍, a GitHub write Octokit's throttling spaces a second apart). Round r shifts every GitHub id so no two requests
 * share one: PR numbers by 10·r, comment and review ids by 1000·r.
 */
export function distinctDeliveries(
  events?: readonly string[],
): () => { id: string; event: string; body: string } {
  const templates = buildScenario().filter(
    (e) =>
      !String(obj(e.payload.comment).body ?? "").startsWith("/review-coach") &&
      (events === undefined || events.includes(e.event)),
  );
  if (templates.length === 0) throw new Error(`bench/load: no demo deliveries of ${events?.join(", ")}`);
  const base = templates.map((e: Envelope) => ({
    pr: obj(e.payload.pull_request),
    issue: obj(e.payload.issue),
    comment: obj(e.payload.comment),
    review: obj(e.payload.review),
    prNumber: Number(obj(e.payload.pull_request).number ?? obj(e.payload.issue).number),
    prId: Number(obj(e.payload.pull_request).id),
    commentId: Number(obj(e.payload.comment).id),
    reviewId: Number(obj(e.payload.review).id ?? obj(e.payload.comment).pull_request_review_id),
  }));
  let n = 0;
  return () => {
    const i = n++;
    const k = i % templates.length;
    const round = Math.floor(i / templates.length);
    const envelope = templates[k] as Envelope;
    const b = base[k] as (typeof base)[number];
    // Mutated in place and serialized at once: a clone per request would cost the client more than the server.
    if (Number.isFinite(b.prNumber)) {
      const number = b.prNumber + 10 * round;
      if ("number" in b.pr) b.pr.number = number;
      if ("number" in b.issue) b.issue.number = number;
      if ("number" in envelope.payload) envelope.payload.number = number;
    }
    if (Number.isFinite(b.prId)) b.pr.id = b.prId + 10 * round;
    if (Number.isFinite(b.commentId)) b.comment.id = b.commentId + 1000 * round;
    if (Number.isFinite(b.reviewId)) {
      if ("id" in b.review) b.review.id = b.reviewId + 1000 * round;
      if ("pull_request_review_id" in b.comment) b.comment.pull_request_review_id = b.reviewId + 1000 * round;
    }
    return { id: `bench-${process.pid}-${i}`, event: envelope.event, body: JSON.stringify(envelope.payload) };
  };
}

// ── the servers under test, each in a child process ──────────────────────────────────────────────────────────────

type ServeKind = "review-coach" | "bare-probot";

interface ServeRequest {
  kind: ServeKind;
  privateKey: string;
  secret: string;
  apiUrl: string;
}

type ChildMessage =
  | { type: "listening"; url: string }
  | { type: "stopped"; stored: Record<string, number> }
  | { type: "cpu"; micros: number; recorded: number; loopDelayP99Ms: number }
  | { type: "drained"; at: number; idle: boolean };

/**
 * Both servers answer "cpu" with the CPU time (user + system) their process has used so far, how many deliveries it
 * has recorded (review-coach: rows in `deliveries`, written by the jobs; bare Probot: 0), and the p99 delay of its
 * event loop since the previous "cpu": how long a request could wait for the process itself.
 */
function answerCpu(send: (message: ChildMessage) => void, recorded: () => Promise<number>): void {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  process.on("message", (message) => {
    if (message !== "cpu") return;
    const used = process.cpuUsage();
    const loopDelayP99Ms = loop.percentile(99) / 1e6;
    loop.reset();
    void recorded().then((n) =>
      send({ type: "cpu", micros: used.user + used.system, recorded: n, loopDelayP99Ms }),
    );
  });
}

/** Child process side: starts one server, reports its URL, stops on "stop" and reports what it stored. */
async function serve(request: ServeRequest): Promise<void> {
  const send = (message: ChildMessage) => process.send?.(message);
  let recorded = async () => 0;
  answerCpu(send, () => recorded());
  const silent = pino({ level: "silent" });
  if (request.kind === "bare-probot") {
    const probot = new Probot({
      appId: STACK_APP_ID,
      privateKey: request.privateKey,
      secret: request.secret,
      log: silent,
    });
    const middleware = await createNodeMiddleware(() => undefined, { probot, webhooksPath: WEBHOOK_PATH });
    const server = createServer((req, res) => {
      void middleware(req, res, () => {
        res.writeHead(404);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    send({ type: "listening", url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    process.on("message", (message) => {
      if (message !== "stop") return;
      server.close(() => {
        send({ type: "stopped", stored: {} });
        process.exit(0);
      });
      server.closeAllConnections();
    });
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "review-coach-load-"));
  const store = await openStore(join(dir, "load.sqlite"));
  const env = readEnv({
    NODE_ENV: "production",
    APP_ID: String(STACK_APP_ID),
    APP_SLUG: STACK_APP_SLUG,
    PRIVATE_KEY: request.privateKey,
    WEBHOOK_SECRET: request.secret,
    GITHUB_API_URL: request.apiUrl,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "silent",
  });
  // A 1 s settle delay instead of 15 s, so the end-to-end run times the work, not the wait for a burst to settle.
  const running = await startServer(env, { log: silent, store, settleMs: 1000 });
  recorded = async () =>
    Number(
      (
        await store.db
          .selectFrom("deliveries")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  send({ type: "listening", url: running.url });
  // "drain": answers once every job is done (the wall clock then), for the end-to-end throughput.
  process.on("message", (message) => {
    if (message !== "drain") return;
    void waitForIdle(running.jobs, { timeoutMs: 600_000, intervalMs: 20 }).then((idle) =>
      send({ type: "drained", at: Date.now(), idle }),
    );
  });
  process.on("message", (message) => {
    if (message !== "stop") return;
    void (async () => {
      await running.stop();
      const stored: Record<string, number> = {};
      // Every acknowledged delivery is a delivery job (its row stays after the job completes).
      const jobs = await store.db
        .selectFrom("jobs")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("name", "=", "process-delivery")
        .executeTakeFirstOrThrow();
      stored["delivery jobs"] = Number(jobs.n);
      for (const table of ["deliveries", "events", "assessments", "coaching_decisions", "nudges"] as const) {
        const row = await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        stored[table] = Number(row.n);
      }
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      send({ type: "stopped", stored });
      process.exit(0);
    })();
  });
}

interface ChildServer {
  url: string;
  /** The child's CPU time so far, in microseconds, and the deliveries it has recorded. */
  cpu(): Promise<{ micros: number; recorded: number; loopDelayP99Ms: number }>;
  /** Resolves with the wall clock (ms) once the child's jobs are all done. */
  drained(): Promise<{ at: number; idle: boolean }>;
  stop(): Promise<Record<string, number>>;
}

function startChild(request: ServeRequest): Promise<ChildServer> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ["--serve"], {
    // The same loader (tsx) as this process; no inspector or test flags.
    // BENCH_CPU_PROF=<dir> profiles the review-coach child (`--cpu-prof`, one .cpuprofile per run, written at exit).
    execArgv: [
      ...process.execArgv.filter((flag) => !flag.startsWith("--inspect")),
      ...(process.env.BENCH_CPU_PROF && request.kind === "review-coach"
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
    ],
    env: { ...process.env, NODE_OPTIONS: "" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`bench/load: the ${request.kind} server exited (${code})`)),
    );
    child.once("message", (message: ChildMessage) => {
      if (message.type !== "listening") return;
      child.removeAllListeners("exit");
      resolve({
        url: message.url,
        cpu: () =>
          new Promise((done) => {
            const onMessage = (m: ChildMessage) => {
              if (m.type !== "cpu") return;
              child.off("message", onMessage);
              done({ micros: m.micros, recorded: m.recorded, loopDelayP99Ms: m.loopDelayP99Ms });
            };
            child.on("message", onMessage);
            child.send("cpu");
          }),
        drained: () =>
          new Promise((done) => {
            const onMessage = (m: ChildMessage) => {
              if (m.type !== "drained") return;
              child.off("message", onMessage);
              done({ at: m.at, idle: m.idle });
            };
            child.on("message", onMessage);
            child.send("drain");
          }),
        stop: () =>
          new Promise((done) => {
            const timer = setTimeout(() => {
              child.kill("SIGKILL");
              done({});
            }, 15_000);
            child.on("message", (m: ChildMessage) => {
              if (m.type !== "stopped") return;
              clearTimeout(timer);
              done(m.stored);
            });
            child.send("stop");
          }),
      });
    });
    child.send(request);
  });
}

// ── the measurements ─────────────────────────────────────────────────────────────────────────────────────────────

export interface LoadFigures {
  name: string;
  /** Acknowledged (2xx) deliveries per second over the measured window. */
  deliveriesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The server's event loop delay, p99, over the measured window. */
  loopDelayP99Ms: number;
  maxMs: number;
  acknowledged: number;
  /**
   * Acknowledged deliveries, the warm-up's included, that the store does not hold as delivery jobs (it may hold more:
   * deliveries stored as the run ended are not counted as acknowledged).
   */
  lost: number;
  non2xx: number;
  errors: number;
  /**
   * Server CPU (user + system) per acknowledged delivery over the measured window, in microseconds, and how busy
   * its process was (1 = one core all the time): below 1 at saturation, the client or the machine is the limit.
   */
  cpuMicrosPerDelivery: number;
  /** The bench process's own CPU per acknowledged delivery (autocannon, signing, the fake GitHub): it shares the cores. */
  loadCpuMicrosPerDelivery: number;
  serverBusy: number;
  /** The share of the machine's cores idle meanwhile (os.cpus()): time no process, this bench's included, used. */
  machineIdle: number;
  /** Deliveries the jobs recorded (ingested) per second in the window: what the process worked off meanwhile. */
  recordedPerSecond: number;
  /** Rows review-coach stored (deliveries, events…), to show it did the work. */
  stored: Record<string, number>;
}

export interface LoadBenchOptions {
  /** Seconds of each measured run (default 10). */
  seconds?: number;
  /**
   * Concurrent connections for the sustained runs (default 64). GitHub sends deliveries concurrently; 64 keeps both
   * servers busy.
   */
  connections?: number;
  /**
   * Connections of the fixed-rate run (default 16). autocannon lets each second's deliveries go as soon as a
   * connection is free, so more connections turn the run into a burst of `rate` at the top of each second.
   */
  rateConnections?: number;
  /** Deliveries per second of the fixed-rate run (default 200). */
  rate?: number;
  /**
   * Sustained runs of each server, alternated (review-coach, bare Probot, review-coach, …), default 3: a shared
   * machine's speed drifts by a third between runs a minute apart, so the ratio is the median of adjacent pairs.
   */
  rounds?: number;
  /** Deliveries sent at once for the end-to-end run (default 1000), timed until every job is done. */
  processed?: number;
  /** Only these events of the demo week (default all but reviewer commands), e.g. to isolate ingest. */
  events?: readonly string[];
  /** Where the plain result lines go (default console.log). */
  print?: (line: string) => void;
}

export interface LoadBenchResult {
  /** The round whose ratio is the median. */
  reviewCoach: LoadFigures;
  bareProbot: LoadFigures;
  /** reviewCoach / bareProbot sustained deliveries per second, the median over the rounds (reported, no target). */
  ratio: number;
  /** Each round's ratio, in order. */
  ratios: number[];
  fixedRate: LoadFigures & { rate: number };
  endToEnd: EndToEndFigures;
}

export interface EndToEndFigures {
  sent: number;
  acknowledged: number;
  /** Acknowledged deliveries per second from the first sent until every job was done. */
  deliveriesPerSecond: number;
  seconds: number;
  /** Whether the jobs were all done before the bench gave up waiting (10 minutes). */
  idle: boolean;
  /** The writes to GitHub meanwhile, by method and path (ids as :n): Octokit spaces writes at least 1 s apart. */
  writes: Record<string, number>;
  stored: Record<string, number>;
}

const FIXED_P99_TARGET_MS = 100;
/**
 * The demo's config without its `descriptions` section: every PR the bench opens would get a description note, a
 * created comment, which Octokit spaces 3 s apart, so the end-to-end figure would measure that pacing, not the app.
 */
const BENCH_CONFIG = DEMO_CONFIG.replace(/^descriptions:[\s\S]*$/m, "");
const WARMUP_SECONDS = 1;

/** Idle and total time of all the machine's cores, in ms; since `before` when given. */
function coreTimes(before?: { idle: number; total: number }): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const { times } of cpus()) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return before ? { idle: idle - before.idle, total: total - before.total } : { idle, total };
}

async function measure(
  name: string,
  request: ServeRequest,
  load: { seconds: number; connections: number; rate?: number; events?: readonly string[] },
): Promise<LoadFigures> {
  const server = await startChild(request);
  const next = distinctDeliveries(load.events);
  const run = (seconds: number) =>
    autocannon({
      url: `${server.url}${WEBHOOK_PATH}`,
      connections: load.connections,
      duration: seconds,
      timeout: 20,
      ...(load.rate ? { overallRate: load.rate } : {}),
      requests: [{ method: "POST", setupRequest: (req) => signedRequest(req, next(), request.secret) }],
    });
  try {
    // Warm-up: JIT, the installation token, SQLite's page cache; not measured.
    const warmup = await run(WARMUP_SECONDS);
    const before = await server.cpu();
    const ownBefore = process.cpuUsage();
    const coresBefore = coreTimes();
    const result = await run(load.seconds);
    const cores = coreTimes(coresBefore);
    const own = process.cpuUsage(ownBefore);
    const after = await server.cpu();
    const cpuMicros = after.micros - before.micros;
    const stored = await server.stop();
    return {
      name,
      deliveriesPerSecond: result["2xx"] / result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      loopDelayP99Ms: after.loopDelayP99Ms,
      maxMs: result.latency.max,
      acknowledged: result["2xx"],
      lost: Math.max(
        0,
        warmup["2xx"] + result["2xx"] - (stored["delivery jobs"] ?? Number.POSITIVE_INFINITY),
      ),
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      cpuMicrosPerDelivery: result["2xx"] > 0 ? cpuMicros / result["2xx"] : 0,
      loadCpuMicrosPerDelivery: result["2xx"] > 0 ? (own.user + own.system) / result["2xx"] : 0,
      recordedPerSecond: (after.recorded - before.recorded) / result.duration,
      serverBusy: cpuMicros / (result.duration * 1e6),
      machineIdle: cores.total > 0 ? cores.idle / cores.total : 0,
      stored,
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Sends `count` deliveries at once and times them from the first sent until the server's jobs are all done. */
async function measureEndToEnd(
  request: ServeRequest,
  fake: FakeGithub,
  count: number,
  events?: readonly string[],
): Promise<EndToEndFigures> {
  const server = await startChild(request);
  const seen = fake.requests.length;
  const next = distinctDeliveries(events);
  try {
    const startedAt = Date.now();
    const result = await autocannon({
      url: `${server.url}${WEBHOOK_PATH}`,
      connections: 16,
      amount: count,
      timeout: 20,
      requests: [{ method: "POST", setupRequest: (req) => signedRequest(req, next(), request.secret) }],
    });
    const drained = await server.drained();
    const seconds = (drained.at - startedAt) / 1000;
    return {
      sent: count,
      acknowledged: result["2xx"],
      deliveriesPerSecond: result["2xx"] / seconds,
      seconds,
      idle: drained.idle,
      writes: writesSince(fake, seen),
      stored: await server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Writes to GitHub since the `seen`th request, by method and path with ids as :n. */
function writesSince(fake: FakeGithub, seen: number): Record<string, number> {
  const writes: Record<string, number> = {};
  for (const r of fake.requests.slice(seen)) {
    if (r.method === "GET" || r.path.startsWith("/app/")) continue;
    const kind = `${r.method} ${r.path.split("?")[0]?.replace(/\/\d+/g, "/:n")}`;
    writes[kind] = (writes[kind] ?? 0) + 1;
  }
  return writes;
}

/** One signed delivery as autocannon sends it. */
function signedRequest(
  req: AutocannonRequest,
  d: { id: string; event: string; body: string },
  secret: string,
): AutocannonRequest {
  return {
    ...req,
    method: "POST",
    path: WEBHOOK_PATH,
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/bench",
      "x-github-event": d.event,
      "x-github-delivery": d.id,
      "x-hub-signature-256": signBody(secret, d.body),
    },
    body: d.body,
  };
}

function line(f: LoadFigures, what: string): string {
  const stored = Object.entries(f.stored)
    .map(([table, n]) => `${table} ${n}`)
    .join(", ");
  return (
    `  ${f.name.padEnd(13)} ${what.padEnd(14)} ${f.deliveriesPerSecond.toFixed(0).padStart(6)} deliveries/s   ` +
    `p50 ${f.p50Ms.toFixed(1)} ms   p99 ${f.p99Ms.toFixed(1)} ms   max ${f.maxMs.toFixed(0)} ms   ` +
    `event loop delay p99 ${f.loopDelayP99Ms.toFixed(0)} ms   ` +
    `server CPU ${f.cpuMicrosPerDelivery.toFixed(0)} µs/delivery, busy ${(f.serverBusy * 100).toFixed(0)}%, ` +
    `load generator CPU ${f.loadCpuMicrosPerDelivery.toFixed(0)} µs/delivery, ` +
    `machine idle ${(f.machineIdle * 100).toFixed(0)}%, ` +
    `recorded by jobs meanwhile ${f.recordedPerSecond.toFixed(0)}/s   ` +
    `(${f.acknowledged} acknowledged, ${f.lost} lost, ${f.non2xx} non-2xx, ${f.errors} errors${stored ? `; stored ${stored}` : ""})`
  );
}

/** Runs 2 × rounds sustained measurements and the fixed-rate one (each about seconds + 3 s); prints plain lines. */
export async function runLoadBench(options: LoadBenchOptions = {}): Promise<LoadBenchResult> {
  const seconds = options.seconds ?? 10;
  const connections = options.connections ?? 64;
  const rateConnections = options.rateConnections ?? 16;
  const rate = options.rate ?? 200;
  const rounds = Math.max(1, options.rounds ?? 3);
  const events = options.events ? { events: options.events } : {};
  const print = options.print ?? ((l: string) => console.log(l));
  const keys = throwawayKeyPair();
  const secret = `bench-${Math.random().toString(36).slice(2)}`;
  // The repository opted in, so reviews go through the whole coaching decision (and the first few get a nudge).
  const fake = await startFakeGithub({
    appId: STACK_APP_ID,
    appSlug: STACK_APP_SLUG,
    appPublicKey: keys.publicKey,
    files: { [DEMO_REPO]: { ".github/review-coach.yml": BENCH_CONFIG } },
  });
  const request = (kind: ServeKind): ServeRequest => ({
    kind,
    privateKey: keys.privateKey,
    secret,
    apiUrl: fake.apiUrl,
  });
  try {
    print(
      `load bench: signed, distinct deliveries over loopback; ${seconds} s per run after ${WARMUP_SECONDS} s warm-up; ` +
        `servers in child processes (SQLite store, fake GitHub in the bench process)`,
    );
    const sustained = { seconds, connections, ...events };
    print(
      `sustained, ${connections} connections${options.events ? `, only ${options.events.join(", ")}` : ", the demo week's mix of events"}:`,
    );
    const pairs: { reviewCoach: LoadFigures; bareProbot: LoadFigures; ratio: number }[] = [];
    for (let round = 1; round <= rounds; round++) {
      const reviewCoach = await measure("review-coach", request("review-coach"), sustained);
      print(line(reviewCoach, "sustained"));
      const bareProbot = await measure("bare Probot", request("bare-probot"), sustained);
      print(line(bareProbot, "sustained"));
      const ratio = reviewCoach.deliveriesPerSecond / bareProbot.deliveriesPerSecond;
      print(`  round ${round}: ratio ${ratio.toFixed(2)}`);
      pairs.push({ reviewCoach, bareProbot, ratio });
    }
    const median = [...pairs].sort((a, b) => a.ratio - b.ratio)[
      Math.floor((pairs.length - 1) / 2)
    ] as (typeof pairs)[number];
    const { reviewCoach, bareProbot, ratio } = median;
    print(
      `  ratio review-coach / bare Probot, median of ${pairs.length} rounds: ${ratio.toFixed(2)} ` +
        `(rounds ${pairs.map((p) => p.ratio.toFixed(2)).join(", ")})`,
    );
    print(`fixed rate, ${rate} deliveries/s over ${Math.min(rateConnections, rate)} connections:`);
    const fixed = await measure("review-coach", request("review-coach"), {
      seconds,
      connections: Math.min(rateConnections, rate),
      rate,
      ...events,
    });
    print(line(fixed, `${rate}/s`));
    print(
      `  p99 ack at ${rate}/s: ${fixed.p99Ms.toFixed(1)} ms, ${fixed.lost} lost (target < ${FIXED_P99_TARGET_MS} ms with ` +
        `nothing lost: ${fixed.p99Ms < FIXED_P99_TARGET_MS && fixed.lost === 0 && fixed.non2xx === 0 ? "met" : "NOT met"})`,
    );
    const processed = options.processed ?? 1000;
    print(
      `end to end, ${processed} deliveries sent at once over 16 connections, timed until every job is done:`,
    );
    const endToEnd = await measureEndToEnd(request("review-coach"), fake, processed, options.events);
    print(
      `  review-coach  processed ${endToEnd.deliveriesPerSecond.toFixed(0)} deliveries/s ` +
        `(${endToEnd.acknowledged} of ${endToEnd.sent} acknowledged, all done in ${endToEnd.seconds.toFixed(1)} s` +
        `${endToEnd.idle ? "" : ", NOT idle when the wait ran out"}; stored ${Object.entries(endToEnd.stored)
          .map(([table, n]) => `${table} ${n}`)
          .join(", ")})`,
    );
    const endToEndWrites = Object.entries(endToEnd.writes);
    print(
      `  writes to GitHub meanwhile (Octokit spaces writes ≥ 1 s apart, comments 3 s): ` +
        `${endToEndWrites.length > 0 ? endToEndWrites.map(([kind, n]) => `${kind} ×${n}`).join(", ") : "none"}`,
    );
    const calls = fake.requests.length;
    const writes = fake.requests.filter((r) => r.method !== "GET" && !r.path.startsWith("/app/")).length;
    print(
      `fake GitHub: ${calls} API calls from review-coach (${writes} writes), ${fake.unknownRequests().length} unknown`,
    );
    return {
      reviewCoach,
      bareProbot,
      ratio,
      ratios: pairs.map((p) => p.ratio),
      fixedRate: { ...fixed, rate },
      endToEnd,
    };
  } finally {
    await fake.close();
  }
}

const argument = (name: string): number | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : undefined;
};

if (isMainModule(import.meta.url)) {
  if (process.argv.includes("--serve")) {
    process.once("message", (request: ServeRequest) => {
      serve(request).catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
    });
  } else {
    const seconds = argument("seconds");
    const connections = argument("connections");
    const rateConnections = argument("rate-connections");
    const rate = argument("rate");
    const rounds = argument("rounds");
    const processed = argument("processed");
    const at = process.argv.indexOf("--events");
    const events = at >= 0 ? process.argv[at + 1]?.split(",") : undefined;
    runLoadBench({
      ...(events ? { events } : {}),
      ...(seconds ? { seconds } : {}),
      ...(connections ? { connections } : {}),
      ...(rateConnections ? { rateConnections } : {}),
      ...(rate ? { rate } : {}),
      ...(rounds ? { rounds } : {}),
      ...(processed ? { processed } : {}),
    }).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof Error ? (error.stack ?? error.message) : error);
        process.exit(1);
      },
    );
  }
}
