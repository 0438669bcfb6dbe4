// Process entry: env → store (migrated) → job queue → Probot middleware, /healthz, /readyz, /metrics → graceful shutdown.
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Logger, pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createInMemoryJudgeFailures } from "./analysis/in-memory-judge-failures.js";
import type { SecondOpinionPorts } from "./analysis/second-opinion.js";
import { createApp } from "./app.js";
import { checkCredentials, formatCredentialProblems } from "./check-credentials.js";
import { createOctokitDigestPublisher } from "./digest/digest-publisher.js";
import { DIGEST_INTERVAL_MS, runDigestTick } from "./digest/schedule-digests.js";
import { type Env, githubApiUrl, readEnv } from "./env.js";
import type { OnboardingOptions } from "./handlers/onboarding-jobs.js";
import { RECORDED_EVENTS } from "./handlers/record-delivery.js";
import { createRepoConfigCache } from "./handlers/resolve-repo-config.js";
import { sendJson } from "./http/send-json.js";
import type { AppIdentity } from "./ingest/normalize-delivery.js";
import { isMainModule } from "./is-main-module.js";
import { createJobQueue } from "./jobs/create-job-queue.js";
import type { JobQueue } from "./jobs/job-queue.js";
import { loadJudgePrompt } from "./llm/load-judge-prompt.js";
import { createOpenAiJudge } from "./llm/openai-judge.js";
import {
  createMetrics,
  type Metrics,
  metricsHandler,
  observeCoaching,
  observeJobs,
  observeJudge,
} from "./observability/metrics.js";
import { checkReady, readinessAnswer } from "./observability/readiness.js";
import { runPeriodically } from "./periodic.js";
import { startSetupServer } from "./setup-server.js";
import { sha256Hex } from "./sha256-hex.js";
import { createSqlJudgeBudget, createSqlJudgeCache } from "./store/llm-repository.js";
import { openStore, type Store } from "./store/open-store.js";
import { purgeRemovedInstallations } from "./store/retention-repository.js";
import { batchWrites } from "./webhooks/batch-writes.js";
import { enqueueDeliveries } from "./webhooks/delivery-job.js";
import { startWebhookProxy } from "./webhooks/webhook-proxy.js";
import { createWebhookReceiver, type ReceivedDelivery } from "./webhooks/webhook-receiver.js";

export interface RunningServer {
  server: Server;
  store: Store;
  jobs: JobQueue;
  metrics: Metrics;
  url: string;
  /** Stops accepting requests, waits for in-flight ones and running jobs, closes the store. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  log?: Logger;
  now?: () => Date;
  /** Test seam: a pre-opened store (left open on stop). */
  store?: Store;
  /** The weekly digest scheduler: how often it looks for due digests (10 minutes) and its first look (30 s). */
  digest?: { intervalMs?: number; firstRunDelayMs?: number };
  /** Job queue tuning (tests poll faster and retry sooner). */
  jobs?: { pollIntervalMs?: number; leaseSeconds?: number; retryDelaySeconds?: number };
  /** Settle delay before re-evaluating a review after comment or edit deliveries (default 15 s). */
  settleMs?: number;
  /** How long a claim on a review's nudge outlives a holder that died (default 30 s; the kill -9 tests shorten it). */
  nudgeLeaseMs?: number;
  /**
   * How long a repository's loaded config is used before GitHub is asked again (default 60 s; 0 reads it on every
   * event). A change to the file applies within this time.
   */
  configCacheTtlMs?: number;
  /** How long a webhook request may take to arrive, headers and body (default 10 s; GitHub gives up after 10 s). */
  webhookBodyTimeoutMs?: number;
  /** Onboarding's pacing (tests: a fake clock's sleep, a small reserve); the mode is ONBOARDING (src/env.ts). */
  onboarding?: Omit<OnboardingOptions, "mode">;
}

/** How often the server looks for removed installations whose data is due for purging. */
const PURGE_INTERVAL_MS = 60 * 60_000;

/** GitHub's own cap on a webhook payload is 25 MB; anything larger is not GitHub. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

/** GitHub answers these the same way on a retry: retrying only burns rate limit (issue: no retry storms). */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 451];

export function createLogger(env: Pick<Env, "LOG_LEVEL">): Logger {
  return pino({
    level: env.LOG_LEVEL,
    // Secrets never reach the logs, whatever a handler passes (pino's redaction; docs/architecture.md, "Conventions").
    redact: [
      "privateKey",
      "secret",
      "token",
      "*.token",
      "headers.authorization",
      "req.headers.authorization",
    ],
  });
}

/** Probot's Octokit with rate-limit handling that waits a bounded number of times and logs why. */
function githubClient(log: Logger) {
  type RetryHook = (
    retryAfter: number,
    options: { method?: string; url?: string },
    _o: unknown,
    retryCount: number,
  ) => boolean;
  const limited =
    (kind: string, retries: number): RetryHook =>
    (retryAfter, options, _o, retryCount) => {
      log.warn(
        { kind, retryAfter, method: options.method, url: options.url, retryCount },
        "GitHub rate limit hit",
      );
      return retryCount < retries;
    };
  // A function default: Probot merges its own throttle options over an object default.
  return ProbotOctokit.defaults((options: Record<string, unknown>) => ({
    ...options,
    throttle: {
      ...(options.throttle as object | undefined),
      onRateLimit: limited("primary", 2),
      onSecondaryRateLimit: limited("secondary", 1),
    },
    retry: { ...(options.retry as object | undefined), doNotRetry: DO_NOT_RETRY },
  }));
}

async function secondOpinionPorts(
  env: Env,
  store: Store,
  now: () => Date,
  metrics: Metrics,
): Promise<SecondOpinionPorts | undefined> {
  if (!env.OPENAI_API_KEY) return undefined;
  const judge = createOpenAiJudge({
    apiKey: env.OPENAI_API_KEY,
    prompt: await loadJudgePrompt(),
    ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
  });
  return {
    judge: observeJudge(judge, metrics, env.OPENAI_USD_PER_MILLION_TOKENS),
    cache: createSqlJudgeCache(store.db, now),
    budget: createSqlJudgeBudget(store.db),
    clock: now,
    hash: sha256Hex,
    failures: createInMemoryJudgeFailures(),
  };
}

/** Event names a delivery metric may carry; GitHub's ping (sent when the app is registered) besides the recorded ones. */
const LABELLED_EVENTS: ReadonlySet<string> = new Set<string>([...RECORDED_EVENTS, "ping"]);

export async function startServer(env: Env, options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(env);
  const now = options.now ?? (() => new Date());
  // Every missing or malformed credential named at once, before anything is opened (README, Security: a default
  // secret would let anyone who knows it forge deliveries that are acted on with real installation tokens).
  const credentials = checkCredentials(env, { allowSetup: false });
  if (credentials.mode !== "app") throw new Error(formatCredentialProblems(credentials.problems));
  const { privateKey, secret } = credentials;
  const store = options.store ?? (await openStore(env.DATABASE_URL));
  log.info({ store: store.location, dialect: store.dialect }, "store ready");

  const metrics = createMetrics();
  // Webhook requests being read, checked or stored, for a clean stop.
  let inFlight = 0;
  const jobs = createJobQueue(store, {
    ...(store.connectionString ? { databaseUrl: store.connectionString } : {}),
    log: log.child({ name: "jobs" }),
    observer: observeJobs(metrics),
    ...(options.jobs?.pollIntervalMs !== undefined ? { pollIntervalMs: options.jobs.pollIntervalMs } : {}),
    ...(options.jobs?.leaseSeconds !== undefined ? { leaseSeconds: options.jobs.leaseSeconds } : {}),
  });

  const baseUrl = githubApiUrl(env);
  const probot = new Probot({
    appId: credentials.appId,
    privateKey,
    secret: secret,
    log,
    Octokit: githubClient(log),
    ...(baseUrl ? { baseUrl } : {}),
  });
  const identity: AppIdentity = {
    appId: credentials.appId,
    botLogin: env.APP_SLUG ? `${env.APP_SLUG}[bot]` : null,
  };
  const secondOpinion = await secondOpinionPorts(env, store, now, metrics);
  await probot.load(
    createApp({
      store,
      now,
      identity,
      jobs,
      ...(options.configCacheTtlMs === 0
        ? {}
        : {
            configCache: createRepoConfigCache(
              options.configCacheTtlMs !== undefined ? { ttlMs: options.configCacheTtlMs } : {},
            ),
          }),
      ...(options.jobs?.retryDelaySeconds !== undefined
        ? { jobRetryDelaySeconds: options.jobs.retryDelaySeconds }
        : {}),
      onboarding: { ...options.onboarding, mode: env.ONBOARDING },
      coaching: {
        ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}),
        ...(options.nudgeLeaseMs !== undefined ? { nudgeLeaseMs: options.nudgeLeaseMs } : {}),
        ...(secondOpinion ? { secondOpinion } : {}),
        observer: observeCoaching(metrics),
      },
    }),
  );
  // One receiver on the main thread (docs/architecture.md, "The flow"); deliveries that arrive together are stored in
  // one transaction (group commit), each acknowledged once stored.
  const receiveWebhook = createWebhookReceiver({
    secret,
    events: new Set(RECORDED_EVENTS),
    accept: batchWrites((deliveries: ReceivedDelivery[]) => enqueueDeliveries(jobs, deliveries)),
    onError: (error, delivery) =>
      log.error({ err: error, delivery: delivery.id, event: delivery.name }, "delivery not stored"),
  });
  await jobs.start();
  const serveMetrics = metricsHandler(metrics.registry);

  let draining = false;
  // A request must arrive whole within the timeout (checked every second), so a slow body cannot hold a
  // connection (and a handler) for Node's default 300 s.
  const requestTimeout = options.webhookBodyTimeoutMs ?? 10_000;
  const serverOptions = {
    requestTimeout,
    headersTimeout: requestTimeout,
    connectionsCheckingInterval: Math.min(1000, requestTimeout),
  };
  const server = createServer(serverOptions, (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") {
      sendJson(res, draining ? 503 : 200, { status: draining ? "draining" : "ok" });
      return;
    }
    if (req.method === "GET" && path === "/readyz") {
      void checkReady(store).then((ready) => {
        if (ready.detail) log.warn({ detail: ready.detail }, "not ready");
        const answer = readinessAnswer(ready, draining);
        sendJson(res, answer.status, answer.body);
      });
      return;
    }
    if (path === "/metrics") {
      void serveMetrics(req, res);
      return;
    }
    if (req.method === "POST" && path === env.WEBHOOK_PATH) {
      // Refuse oversized bodies before reading them: GitHub caps payloads at 25 MB and always sends a length.
      const length = Number(req.headers["content-length"]);
      if (!Number.isFinite(length)) return sendJson(res, 411, { error: "content-length required" });
      if (length > MAX_WEBHOOK_BYTES) {
        res.setHeader("connection", "close");
        return sendJson(res, 413, { error: `payload over ${MAX_WEBHOOK_BYTES} bytes` });
      }
      const name = String(req.headers["x-github-event"] ?? "");
      const stopTimer = metrics.deliveryAckSeconds.startTimer();
      res.on("finish", () => {
        // Labels stay bounded (README, Security): the header's name only for an event the app knows, and only once
        // the signature passed (answered 200, or 500 when it could not be stored); anything else is "other".
        const signed = res.statusCode < 300 || res.statusCode === 500;
        const event = signed && LABELLED_EVENTS.has(name) ? name : "other";
        stopTimer({ event });
        metrics.webhookDeliveries.inc({
          event,
          outcome: res.statusCode < 300 ? "accepted" : `http_${res.statusCode}`,
        });
      });
    }
    if (req.method !== "POST" || path !== env.WEBHOOK_PATH) return sendJson(res, 404, { error: "not found" });
    inFlight++;
    res.on("close", () => {
      inFlight--;
    });
    void receiveWebhook(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  log.info({ url, webhookPath: env.WEBHOOK_PATH, jobs: jobs.kind }, "review-coach listening");

  // Periodic work, all on one scheduler (src/periodic.ts). Weekly digests as the installation, shortly after start
  // (catching up a week missed while down) and every 10 minutes; the claim in the store posts each one once.
  const digestLog = log.child({ name: "digest" });
  const digests = runPeriodically(
    () =>
      runDigestTick({
        db: store.db,
        now,
        log: digestLog,
        publisherFor: async (installationId) =>
          createOctokitDigestPublisher(await probot.auth(installationId)),
      }),
    {
      firstRunDelayMs: options.digest?.firstRunDelayMs ?? 30_000,
      intervalMs: options.digest?.intervalMs ?? DIGEST_INTERVAL_MS,
      onError: (error) => digestLog.warn({ err: error }, "digest pass failed"),
    },
  );
  // Personal data has an end (README, Security): an installation removed longer than PURGE_AFTER_DAYS ago is purged,
  // checked an hour after start and then hourly.
  const purges = runPeriodically(
    async () => {
      const ids = await purgeRemovedInstallations(store.db, now(), env.PURGE_AFTER_DAYS);
      if (ids.length > 0) log.info({ installations: ids }, "purged removed installations' data");
    },
    {
      firstRunDelayMs: PURGE_INTERVAL_MS,
      intervalMs: PURGE_INTERVAL_MS,
      onError: (error) => log.warn({ err: error }, "purging removed installations failed"),
    },
  );

  const stop = async () => {
    draining = true;
    await purges.stop();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    // server.close waits for open connections; in-flight handlers have finished once it resolves.
    while (inFlight > 0) await new Promise((r) => setTimeout(r, 10));
    await digests.stop();
    // Running jobs finish; queued ones stay in the store for the next start.
    await jobs.stop({ graceful: true, timeoutMs: 20_000 });
    if (!options.store) await store.close();
    log.info("review-coach stopped");
  };
  return { server, store, jobs, metrics, url, stop };
}

/**
 * Opens the store, retrying while it is unreachable (a database that starts after the app, as in compose or k8s),
 * and says what failed each time; gives up after `attempts`.
 */
export async function openStoreWithRetry(
  url: string,
  log: Logger,
  { attempts = 6, firstDelayMs = 1000, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)) } = {},
): Promise<Store> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openStore(url);
    } catch (error) {
      if (attempt >= attempts) throw error;
      const delayMs = firstDelayMs * 2 ** (attempt - 1);
      log.warn(
        { attempt, delayMs, error: error instanceof Error ? error.message : String(error) },
        "store unavailable; retrying",
      );
      await sleep(delayMs);
    }
  }
}

async function main(): Promise<void> {
  // .env (written by Probot's setup page) fills in what the environment does not set.
  if (existsSync(".env")) process.loadEnvFile(".env");
  const env = readEnv();
  const log = createLogger(env);
  const credentials = checkCredentials(env);
  if (credentials.mode === "invalid") throw new Error(formatCredentialProblems(credentials.problems));
  if (credentials.mode === "setup") {
    log.warn(
      "no GitHub App credentials (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH): starting Probot's setup page to " +
        "register the app (README, Registering the app)",
    );
    await startSetupServer(env, log);
    return;
  }
  const running = await startServer(env, { log, store: await openStoreWithRetry(env.DATABASE_URL, log) });
  // Probot's setup mode starts its own proxy from the same variable; this one forwards to the real server.
  const proxy = env.WEBHOOK_PROXY_URL
    ? await startWebhookProxy({
        source: env.WEBHOOK_PROXY_URL,
        target: `http://${env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST}:${new URL(running.url).port}${env.WEBHOOK_PATH}`,
        log: log.child({ name: "webhook-proxy" }),
      })
    : null;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: finishing in-flight work");
    Promise.resolve(proxy?.stop())
      .then(() => running.stop())
      .then(() => running.store.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

if (isMainModule(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
