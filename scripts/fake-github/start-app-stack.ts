// The real review-coach server wired to the fake GitHub on loopback: what the demo, the e2e tests and the bench run.
import { generateKeyPairSync } from "node:crypto";
import type { Logger } from "pino";
import { type Env, readEnv } from "../../src/env.js";
import { waitForIdle } from "../../src/jobs/wait-for-idle.js";
import { type RunningServer, type ServerOptions, startServer } from "../../src/server.js";
import type { Store } from "../../src/store/open-store.js";
import { type FakeGithub, type FakeGithubOptions, startFakeGithub } from "./fake-github.js";
import { type DeliveryAnswer, postDelivery } from "./signed-delivery.js";

export interface StackDelivery {
  event: string;
  delivery: string;
  payload: Record<string, unknown>;
}

export interface AppStackOptions {
  /** A pre-opened store (tests; the caller closes it), else `databaseUrl` is opened and closed by the server. */
  store?: Store;
  databaseUrl?: string;
  now?: () => Date;
  logLevel?: Env["LOG_LEVEL"];
  log?: Logger;
  fake?: Omit<FakeGithubOptions, "appId" | "appSlug" | "appPublicKey">;
  /** Passed to startServer as they are (e.g. the digest scheduler's timing). */
  server?: Omit<ServerOptions, "store" | "log" | "now">;
}

export interface AppStack {
  fake: FakeGithub;
  /** The running server (a new one after restartApp). */
  readonly app: RunningServer;
  /** The webhook URL on the app's server. */
  readonly hookUrl: string;
  secret: string;
  appId: number;
  /**
   * Tells the fake what the webhook says happened, sends it signed and, unless `settle: false`, waits until the
   * work it caused is done (see settle), as if time passed before the next delivery.
   */
  deliver(envelope: StackDelivery, options?: { id?: string; settle?: boolean }): Promise<DeliveryAnswer>;
  /**
   * Waits until the app has done everything its deliveries caused: its job queue is idle and the fake GitHub has
   * been quiet for `quietMs`. Returns false when `timeoutMs` ran out first.
   */
  settle(options?: { quietMs?: number; timeoutMs?: number }): Promise<boolean>;
  /** A process restart: stops the server and starts a new one on the same store, keys and fake GitHub. */
  restartApp(): Promise<void>;
  /** A second replica: another server on the same store, keys and fake GitHub (the caller stops it). */
  startReplica(): Promise<RunningServer>;
  /**
   * Stops the app (draining in-flight deliveries) and then the fake; with `fakeLingerMs` the fake keeps answering
   * that long (see FakeGithub.closeAfter) instead of closing at once.
   */
  stop(options?: { fakeLingerMs?: number }): Promise<void>;
}

export const STACK_APP_ID = 4242;
export const STACK_APP_SLUG = "review-coach";

/** A throwaway RSA key pair: the app signs its JWTs with it, the fake checks them. No real credentials exist. */
export function throwawayKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

export async function startAppStack(options: AppStackOptions = {}): Promise<AppStack> {
  const keys = throwawayKeyPair();
  const secret = `fake-secret-${Math.random().toString(36).slice(2)}`;
  const fake = await startFakeGithub({
    ...options.fake,
    appId: STACK_APP_ID,
    appSlug: STACK_APP_SLUG,
    appPublicKey: keys.publicKey,
  });
  const env = readEnv({
    NODE_ENV: "test",
    APP_ID: String(STACK_APP_ID),
    APP_SLUG: STACK_APP_SLUG,
    PRIVATE_KEY: keys.privateKey,
    WEBHOOK_SECRET: secret,
    GITHUB_API_URL: fake.apiUrl,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: options.logLevel ?? "silent",
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  // Quick jobs and a short settle delay: a demo or test need not wait GitHub-scale seconds.
  const serverOptions: ServerOptions = {
    jobs: { pollIntervalMs: 20, retryDelaySeconds: 0.2 },
    settleMs: 500,
    ...options.server,
  };
  if (options.log) serverOptions.log = options.log;
  if (options.now) serverOptions.now = options.now;
  if (options.store) serverOptions.store = options.store;
  const start = () => startServer(env, serverOptions);
  let app: RunningServer;
  try {
    app = await start();
  } catch (error) {
    await fake.close();
    throw error;
  }
  const hookUrl = () => `${app.url}${env.WEBHOOK_PATH}`;
  const stack: AppStack = {
    fake,
    get app() {
      return app;
    },
    get hookUrl() {
      return hookUrl();
    },
    secret,
    appId: STACK_APP_ID,
    async deliver(envelope, deliverOptions = {}) {
      fake.observe(envelope);
      const answer = await postDelivery(hookUrl(), {
        event: envelope.event,
        id: deliverOptions.id ?? envelope.delivery,
        payload: envelope.payload,
        secret,
      });
      // GitHub sends a submitted review's line comments and the review itself as one burst, well inside the app's
      // settle delay: a comment is not followed by a pause, or the harness would invent an ordering GitHub never makes.
      const burst = envelope.event === "pull_request_review_comment" && envelope.payload.action === "created";
      if (deliverOptions.settle ?? !burst) await stack.settle();
      return answer;
    },
    async settle({ quietMs = 100, timeoutMs = 15_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      // Jobs cause GitHub calls and GitHub calls may be retried as jobs: settle until both agree.
      for (;;) {
        const idle = await waitForIdle(app.jobs, { timeoutMs: Math.max(0, deadline - Date.now()) });
        const quiet = await fake.waitForQuiet({ quietMs, timeoutMs: Math.max(0, deadline - Date.now()) });
        if (idle && quiet && (await waitForIdle(app.jobs, { timeoutMs: 0 }))) return true;
        if (Date.now() >= deadline) return false;
      }
    },
    async restartApp() {
      await app.stop();
      app = await start();
    },
    startReplica: () => start(),
    async stop(stopOptions = {}) {
      try {
        await app.stop();
      } finally {
        if (stopOptions.fakeLingerMs) fake.closeAfter(stopOptions.fakeLingerMs);
        else await fake.close();
      }
    },
  };
  return stack;
}
