// kill -9 while a job is talking to GitHub, then a restart on the same SQLite file: the job's lease expires, the new
// process re-runs it, and PR #101 gets its nudge exactly once whether or not GitHub saw the first attempt. Each
// mode waits out the dead process's 30 s nudge lease, so each has its own test file and the two run in parallel.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import SQLite from "better-sqlite3";
import type { Envelope } from "../../scripts/demo/build-scenario.js";
import { type FakeGithub, startFakeGithub } from "../../scripts/fake-github/fake-github.js";
import { postDelivery } from "../../scripts/fake-github/signed-delivery.js";
import { STACK_APP_ID, STACK_APP_SLUG, throwawayKeyPair } from "../../scripts/fake-github/start-app-stack.js";
import { nudgeMarker } from "../../src/coaching/render-text.js";
import { COACHING_CONFIG, CONFIG_FILE, DEMO_REPO, loopbackOnly, restoreNet, scenario } from "./e2e-stack.js";
import { type HoldProxy, startHoldProxy } from "./fixtures/hold-proxy.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const serverEntry = fileURLToPath(new URL("./fixtures/server-process.ts", import.meta.url));
const NUDGE_PATH = "/repos/acme/payments/issues/101/comments";
const WEBHOOK_PATH = "/api/github/webhooks";

const prOf = (e: Envelope) =>
  ((e.payload.pull_request ?? e.payload.issue) as { number: number } | undefined)?.number;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface ServerChild {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output(): string;
}

/** Starts the real server in its own process and waits for it to take webhooks. */
async function spawnServer(env: Record<string, string>): Promise<ServerChild> {
  const child = spawn(process.execPath, ["--import", "tsx", serverEntry], {
    cwd: root,
    // A clean environment: nothing from the developer's shell (DATABASE_URL, OPENAI_API_KEY…) leaks in.
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  const url = await within(
    60_000,
    "server child to listen",
    new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const found = /^listening (\S+)$/m.exec(output);
        if (found?.[1]) resolve(found[1]);
      });
      child.stderr.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.once("exit", (code, signal) =>
        reject(new Error(`server child exited (${code ?? signal}) before listening:\n${output}`)),
      );
    }),
  );
  return { child, url, output: () => output };
}

async function kill9(server: ServerChild): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once("exit", () => resolve()));
  server.child.kill("SIGKILL");
  await within(10_000, "killed child to exit", exited);
}

const children: ChildProcessWithoutNullStreams[] = [];

interface JobRow {
  name: string;
  state: string;
  attempts: number;
  singleton_key: string | null;
}

/** Reads the store the children share, through its own connection (WAL: readers never block the writer). */
function readStore(file: string) {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    return {
      deliveries: db.prepare("select id from deliveries order by id").all() as { id: string }[],
      jobs: db.prepare("select name, state, attempts, singleton_key from jobs").all() as JobRow[],
      nudges: db.prepare("select review_id, status, dirty, lease_until from nudges").all() as {
        review_id: number;
        status: string;
        dirty: number;
        lease_until: string | null;
      }[],
    };
  } finally {
    db.close();
  }
}

/** The kill comes "before" GitHub handled the nudge's POST, or "after" it did. */
export function describeCrashRecovery(mode: "before" | "after"): void {
  describe(`kill -9 mid-job (${mode} GitHub saw the POST), then a restart on the same SQLite file`, () => {
    const envelopes = scenario();
    const submitted101 = envelopes.find(
      (e) => e.event === "pull_request_review" && prOf(e) === 101,
    ) as Envelope;
    const review101 = envelopes.slice(0, envelopes.indexOf(submitted101) + 1);
    let fake: FakeGithub | undefined;
    let proxy: HoldProxy | undefined;
    let dir: string | undefined;

    beforeAll(loopbackOnly);
    afterEach(async () => {
      for (const child of children.splice(0)) {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
      await proxy?.close();
      await fake?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
      fake = undefined;
      proxy = undefined;
      dir = undefined;
      restoreNet();
      loopbackOnly();
    });

    const nudgesOn101 = () =>
      (fake?.appComments(DEMO_REPO) ?? []).filter(
        (c) => c.issueNumber === 101 && c.body.includes(nudgeMarker(770001)),
      );

    /** Idle as AppStack.settle means it: no job queued, running or waiting to retry, and GitHub quiet. */
    async function settle(file: string, timeoutMs: number): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const busy = readStore(file).jobs.some((j) => j.state === "queued" || j.state === "active");
        if (!busy && (await (fake as FakeGithub).waitForQuiet({ quietMs: 300, timeoutMs: 2_000 }))) {
          if (!readStore(file).jobs.some((j) => j.state === "queued" || j.state === "active")) return true;
        }
        await sleep(50);
      }
      return false;
    }

    {
      const title =
        mode === "before"
          ? "re-runs the job and posts the nudge once when GitHub never saw the first POST"
          : "finds the nudge by its marker and posts no second one when GitHub made it before the kill";
      it(title, async () => {
        dir = mkdtempSync(join(tmpdir(), "review-coach-crash-"));
        const file = join(dir, "review-coach.sqlite");
        const keys = throwawayKeyPair();
        const secret = `fake-secret-${Math.random().toString(36).slice(2)}`;
        fake = await startFakeGithub({
          appId: STACK_APP_ID,
          appSlug: STACK_APP_SLUG,
          appPublicKey: keys.publicKey,
          files: { [DEMO_REPO]: { [CONFIG_FILE]: COACHING_CONFIG } },
        });
        proxy = await startHoldProxy(fake.origin, { method: "POST", path: `/api/v3${NUDGE_PATH}`, mode });
        const env = {
          NODE_ENV: "test",
          APP_ID: String(STACK_APP_ID),
          APP_SLUG: STACK_APP_SLUG,
          PRIVATE_KEY: keys.privateKey,
          WEBHOOK_SECRET: secret,
          GITHUB_API_URL: `${proxy.origin}/api/v3`,
          DATABASE_URL: file,
          HOST: "127.0.0.1",
          PORT: "0",
          LOG_LEVEL: "warn",
          // Long enough that the held job is still active (its lease unexpired) when it is killed, on a loaded machine.
          TEST_JOB_LEASE_SECONDS: "5",
          // Longer than the job's lease and the hold before the kill, so it never expires under the living holder.
          TEST_NUDGE_LEASE_SECONDS: "10",
        };

        const first = await spawnServer(env);
        for (const envelope of review101) {
          fake.observe(envelope);
          const answer = await postDelivery(`${first.url}${WEBHOOK_PATH}`, {
            event: envelope.event,
            id: envelope.delivery,
            payload: envelope.payload,
            secret,
          });
          expect(answer.status).toBe(200);
        }
        // The nudge's job is mid-flight: its POST is held (before or after GitHub handled it).
        await within(20_000, `the nudge POST to be held:\n${first.output()}`, proxy.held);
        const activeAtKill = readStore(file).jobs.filter((j) => j.state === "active");
        expect(activeAtKill.length).toBeGreaterThanOrEqual(1);
        expect(nudgesOn101()).toHaveLength(mode === "after" ? 1 : 0);

        await kill9(first);
        const second = await spawnServer(env);

        // The dead process held the review's nudge lease (10 s here): the re-run is retried until it has expired.
        expect(await settle(file, 100_000)).toBe(true);
        // The store agrees with GitHub: the review's nudge is recorded as shown, not left pending by the dead process.
        expect(readStore(file).nudges.map((n) => [n.review_id, n.status])).toEqual([[770001, "posted"]]);
        expect(nudgesOn101()).toHaveLength(1);
        // "before": the fake first saw the re-run's POST; "after": the re-run found the marker and posted nothing.
        expect(fake.requestsTo("POST", NUDGE_PATH).map((r) => r.status)).toEqual([201]);
        const { deliveries, jobs } = readStore(file);
        expect(deliveries.map((d) => d.id)).toEqual(review101.map((e) => e.delivery).sort());
        const deliveryJobs = jobs.filter((j) => j.name === "process-delivery");
        expect(deliveryJobs.map((j) => j.singleton_key).sort()).toEqual(
          review101.map((e) => e.delivery).sort(),
        );
        expect(jobs.filter((j) => j.state !== "completed")).toEqual([]);
        // The killed job ran again in the new process (and again while the dead process's nudge lease held).
        const killed = new Set(activeAtKill.map((j) => `${j.name}:${j.singleton_key}`));
        expect(
          jobs.filter((j) => killed.has(`${j.name}:${j.singleton_key}`)).every((j) => j.attempts >= 2),
        ).toBe(true);
        expect(second.child.exitCode).toBeNull();
      }, 150_000);
    }
  });
}
