import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { sql } from "kysely";
import { ExpectedRetryJobError } from "../../src/jobs/expected-retry-job-error.js";
import type { JobLog, JobQueue, JobSettled, QueueStats } from "../../src/jobs/job-queue.js";
import { JsonText } from "../../src/jobs/json-text.js";
import { PermanentJobError } from "../../src/jobs/permanent-job-error.js";
import type { Store } from "../../src/store/open-store.js";
import { jobQueueTargets, type QueueHarness, waitFor } from "./helpers/job-queue-targets.js";

const emptyStats = { queued: 0, retrying: 0, active: 0, completed: 0, dead: 0 };

async function statsOf(queue: JobQueue, name: string): Promise<QueueStats> {
  const stats = (await queue.stats()).queues.find((q) => q.name === name);
  if (!stats) throw new Error(`no stats for ${name}`);
  return stats;
}

/** A promise the test resolves when it wants a handler to finish. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

async function createCounters(store: Store): Promise<void> {
  await sql`create table job_test_counts (k varchar(64) primary key, n integer not null)`.execute(store.db);
}

async function increment(store: Store, key: string): Promise<void> {
  await sql`insert into job_test_counts (k, n) values (${key}, 1)
            on conflict (k) do update set n = job_test_counts.n + 1`.execute(store.db);
}

async function readCounters(store: Store): Promise<Map<string, number>> {
  const { rows } = await sql<{ k: string; n: number }>`select k, n from job_test_counts`.execute(store.db);
  return new Map(rows.map((r) => [r.k, Number(r.n)]));
}

describe.each(jobQueueTargets())("the $name job queue", (target) => {
  let harness: QueueHarness;
  beforeEach(async () => {
    harness = await target.open();
  });
  afterEach(async () => {
    await harness.close();
  });

  it("runs a job once, with its data and attempt 1, and counts it completed", async () => {
    const settled: JobSettled[] = [];
    const { queue } = await harness.queue({ observer: (e) => settled.push(e) });
    const runs: Array<{ data: unknown; attempt: number }> = [];
    queue.register<{ pr: number }>("coach", async (job) => {
      runs.push({ data: job.data, attempt: job.attempt });
    });
    await queue.start();

    const id = await queue.enqueue("coach", { pr: 7 });

    await waitFor(async () => (await statsOf(queue, "coach")).completed === 1, "the job to complete");
    expect(id).toEqual(expect.any(String));
    expect(runs).toEqual([{ data: { pr: 7 }, attempt: 1 }]);
    expect(await statsOf(queue, "coach")).toEqual({
      name: "coach",
      ...emptyStats,
      completed: 1,
      lastError: null,
    });
    expect(settled).toEqual([
      { name: "coach", outcome: "completed", attempt: 1, durationSeconds: expect.any(Number) },
    ]);
    await queue.stop();
  });

  it("adds a batch in one call: JSON text data arrives parsed, a repeated singleton key is deduped", async () => {
    const { queue } = await harness.queue();
    const runs: unknown[] = [];
    queue.register("delivery", async (job) => {
      runs.push(job.data);
    });
    await queue.start();

    // Not before a second from now: the first job is still queued when the third arrives (both backends dedupe then).
    const startAfter = new Date(Date.now() + 1000);
    const ids = await queue.enqueueMany("delivery", [
      {
        data: new JsonText('{"id":"d-1","payload":{"body":"caf\u00e9 \ud83d\udc4d"}}'),
        singletonKey: "d-1",
        startAfter,
      },
      { data: { id: "d-2" }, singletonKey: "d-2", startAfter },
      { data: { id: "d-1 again" }, singletonKey: "d-1", startAfter },
    ]);

    expect(ids).toEqual([expect.any(String), expect.any(String), null]);
    expect(await queue.enqueueMany("delivery", [])).toEqual([]);
    await waitFor(async () => (await statsOf(queue, "delivery")).completed === 2, "both jobs to complete");
    expect(runs).toEqual(
      expect.arrayContaining([{ id: "d-1", payload: { body: "café 👍" } }, { id: "d-2" }]),
    );
    expect(runs).toHaveLength(2);
    await queue.stop();
  });

  it("retries a failing job with growing delays, then dead-letters it with the error as reason", async () => {
    const { queue } = await harness.queue({ random: () => 0 });
    const startedAt: number[] = [];
    queue.register(
      "flaky",
      async (job) => {
        startedAt.push(Date.now());
        throw new Error(`GitHub is down (attempt ${job.attempt})`);
      },
      { retryLimit: 2, retryDelaySeconds: 0.05, backoff: true },
    );
    await queue.start();

    await queue.enqueue("flaky", {});

    await waitFor(async () => (await statsOf(queue, "flaky")).dead === 1, "the job to be dead-lettered");
    const stats = await statsOf(queue, "flaky");
    expect(startedAt).toHaveLength(3);
    expect(stats).toMatchObject({ ...emptyStats, dead: 1 });
    expect(stats.lastError?.message).toBe("Error: GitHub is down (attempt 3)");
    // Backoff: the delay doubles after each failure (jitter only adds to it).
    const base = harness.retryDelayFor(0.05) * 1000;
    const [first = 0, second = 0, third = 0] = startedAt;
    expect(second - first).toBeGreaterThanOrEqual(base - 15);
    expect(third - second).toBeGreaterThanOrEqual(2 * base - 15);
    await queue.stop();
  }, 30_000);

  it("shows a job waiting for its retry as retrying, with the last error", async () => {
    const { queue } = await harness.queue();
    queue.register(
      "later",
      async () => {
        throw new Error("rate limited");
      },
      { retryLimit: 1, retryDelaySeconds: 60, backoff: false },
    );
    await queue.start();

    await queue.enqueue("later", {});

    await waitFor(
      async () => (await statsOf(queue, "later")).retrying === 1,
      "the job to wait for its retry",
    );
    const stats = await statsOf(queue, "later");
    expect(stats).toMatchObject({ ...emptyStats, retrying: 1 });
    expect(stats.lastError).toEqual({
      jobId: expect.any(String),
      message: "Error: rate limited",
      at: expect.any(String),
    });
    await queue.stop();
  });

  it("dead-letters a job at once when its handler throws a PermanentJobError", async () => {
    const settled: JobSettled[] = [];
    const { queue } = await harness.queue({ observer: (e) => settled.push(e) });
    let runs = 0;
    queue.register(
      "gone",
      async () => {
        runs++;
        throw PermanentJobError.fromGitHub(Object.assign(new Error("Not Found"), { status: 404 }));
      },
      { retryLimit: 5, retryDelaySeconds: 0 },
    );
    await queue.start();

    await queue.enqueue("gone", {});

    await waitFor(async () => (await statsOf(queue, "gone")).dead === 1, "the job to be dead-lettered");
    expect(runs).toBe(1);
    const stats = await statsOf(queue, "gone");
    expect(stats).toMatchObject({ ...emptyStats, dead: 1 });
    expect(stats.lastError?.message).toBe("PermanentJobError: GitHub answered 404: Not Found");
    expect(settled.map((e) => e.outcome)).toEqual(["dead"]);
    await queue.stop();
  });

  it("logs an expected retry at debug and any other failed attempt as a warning; running out of retries at error", async () => {
    const lines: Array<{ level: string; message: string; fields: object }> = [];
    const capture =
      (level: string) =>
      (fields: object, message: string): void => {
        lines.push({ level, message, fields });
      };
    const log: JobLog = {
      debug: capture("debug"),
      info: capture("info"),
      warn: capture("warn"),
      error: capture("error"),
    };
    const { queue } = await harness.queue({ log });
    queue.register<{ kind: string }>(
      "lease",
      async (job) => {
        if (job.attempt > 1) return;
        if (job.data.kind === "busy") throw new ExpectedRetryJobError("review acme/app#1: lease held");
        throw new Error("GitHub is down");
      },
      { retryLimit: 1, retryDelaySeconds: 0.05, backoff: false },
    );
    queue.register(
      "always-busy",
      async () => {
        throw new ExpectedRetryJobError("review acme/app#2: lease held");
      },
      { retryLimit: 1, retryDelaySeconds: 0.05, backoff: false },
    );
    await queue.start();

    await queue.enqueue("lease", { kind: "busy" });
    await queue.enqueue("lease", { kind: "down" });
    await queue.enqueue("always-busy", {});

    await waitFor(async () => (await statsOf(queue, "lease")).completed === 2, "both jobs to complete");
    await waitFor(async () => (await statsOf(queue, "always-busy")).dead === 1, "the busy job to run out");
    await queue.stop();
    const failures = lines
      .filter((l) => l.message !== "job queue started")
      .map((l) => ({ level: l.level, message: l.message, reason: (l.fields as { reason?: string }).reason }))
      .sort((a, b) => (a.reason ?? "").localeCompare(b.reason ?? "") || a.level.localeCompare(b.level));
    expect(failures).toEqual([
      { level: "warn", message: "job failed; it will be retried", reason: "Error: GitHub is down" },
      {
        level: "debug",
        message: "job will be retried (expected)",
        reason: "ExpectedRetryJobError: review acme/app#1: lease held",
      },
      {
        level: "debug",
        message: "job will be retried (expected)",
        reason: "ExpectedRetryJobError: review acme/app#2: lease held",
      },
      {
        level: "error",
        message: "job dead-lettered",
        reason: "ExpectedRetryJobError: review acme/app#2: lease held",
      },
    ]);
  }, 30_000);

  it("dedupes by singletonKey while a job with the key is queued (SQLite also while active), not after it finished", async () => {
    const { queue } = await harness.queue();
    const release = gate();
    const runs: string[] = [];
    queue.register<{ v: string }>("review", async (job) => {
      runs.push(job.data.v);
      if (job.data.v === "first") await release.promise;
    });
    await queue.start();

    const first = await queue.enqueue("review", { v: "first" }, { singletonKey: "acme/app#1" });
    await waitFor(async () => (await statsOf(queue, "review")).active === 1, "the first job to start");
    const whileActive = await queue.enqueue("review", { v: "dup" }, { singletonKey: "acme/app#1" });
    const otherKey = await queue.enqueue("review", { v: "other" }, { singletonKey: "acme/app#2" });
    release.open();
    const settled = async () => {
      const stats = await statsOf(queue, "review");
      return stats.queued + stats.active === 0;
    };
    await waitFor(settled, "the jobs to complete");
    const afterwards = await queue.enqueue("review", { v: "again" }, { singletonKey: "acme/app#1" });
    await waitFor(async () => runs.includes("again") && (await settled()), "the later job to complete");

    expect(first).toEqual(expect.any(String));
    // pg-boss's "short" policy dedupes queued jobs only (src/jobs/job-queue.ts, EnqueueOptions.singletonKey).
    const sqlite = target.name === "sqlite";
    expect(whileActive).toEqual(sqlite ? null : expect.any(String));
    expect(otherKey).toEqual(expect.any(String));
    expect(afterwards).toEqual(expect.any(String));
    expect(runs.sort()).toEqual(sqlite ? ["again", "first", "other"] : ["again", "dup", "first", "other"]);
    await queue.stop();
  });

  it("dedupes a queued job by singletonKey, also between two queues enqueueing at once", async () => {
    const a = (await harness.queue()).queue;
    const b = (await harness.queue({ replica: true })).queue;
    await a.start();
    await b.start();
    const later = new Date(Date.now() + 60_000);

    const ids = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).enqueue("digest", { i }, { singletonKey: "week-47", startAfter: later }),
      ),
    );

    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    expect(await statsOf(a, "digest")).toMatchObject({ ...emptyStats, queued: 1 });
  });

  it("does not run a job before its startAfter", async () => {
    const { queue } = await harness.queue();
    let runs = 0;
    queue.register("delayed", async () => {
      runs++;
    });
    await queue.start();

    await queue.enqueue("delayed", {}, { startAfter: new Date(Date.now() + 60_000) });
    await queue.enqueue("delayed", { now: true });
    // The job enqueued after it, due at once, has run: the worker has looked past the delayed one.
    await waitFor(async () => (await statsOf(queue, "delayed")).completed === 1, "the due job to run");

    expect(runs).toBe(1);
    expect(await statsOf(queue, "delayed")).toMatchObject({ ...emptyStats, queued: 1, completed: 1 });
    await queue.stop();
  });

  it("lets a graceful stop wait for the job in flight, which completes", async () => {
    const { queue } = await harness.queue();
    let finished = false;
    let started = false;
    queue.register("slow", async () => {
      started = true;
      await new Promise((r) => setTimeout(r, 300));
      finished = true;
    });
    await queue.start();
    await queue.enqueue("slow", {});
    await waitFor(() => started, "the job to start");

    await queue.stop({ graceful: true, timeoutMs: 10_000 });

    expect(finished).toBe(true);
    const { queue: observer } = await harness.queue();
    await observer.start();
    expect(await statsOf(observer, "slow")).toMatchObject({ ...emptyStats, completed: 1 });
  });

  it("fails a job still running when a graceful stop times out, and the next queue runs it again", async () => {
    const first = (await harness.queue()).queue;
    registerStuckHandler(first);
    await first.start();
    await first.enqueue("stuck", { n: 1 });
    await waitFor(async () => (await statsOf(first, "stuck")).active === 1, "the job to start");

    await first.stop({ graceful: true, timeoutMs: 100 });

    const { queue: second } = await harness.queue();
    const attempts: number[] = [];
    second.register(
      "stuck",
      async (job) => {
        attempts.push(job.attempt);
      },
      { retryLimit: 2, retryDelaySeconds: 0, backoff: false },
    );
    await second.start();
    await waitFor(async () => (await statsOf(second, "stuck")).completed === 1, "the job to run again");
    expect(attempts).toEqual([2]);
    await second.stop();
  });

  it("runs a job claimed by a worker that died, once, after its lease expired", async () => {
    await harness.crashedClaim({ name: "orphan", data: { pr: 9 }, leaseSeconds: 1, retryLimit: 2 });
    const { queue } = await harness.queue({ leaseSeconds: 1 });
    const runs: Array<{ data: unknown; attempt: number }> = [];
    queue.register(
      "orphan",
      async (job) => {
        runs.push({ data: job.data, attempt: job.attempt });
      },
      { retryLimit: 2, retryDelaySeconds: 0, backoff: false },
    );

    await queue.start();

    await waitFor(
      async () => (await statsOf(queue, "orphan")).completed === 1,
      "the orphaned job to complete",
    );
    // Completed, with nothing queued, retrying or running: it cannot run again.
    expect(runs).toEqual([{ data: { pr: 9 }, attempt: 2 }]);
    expect(await statsOf(queue, "orphan")).toMatchObject({ ...emptyStats, completed: 1 });
    await queue.stop();
  }, 30_000);

  it("runs a job whose worker process was killed with SIGKILL, once, after its lease expired", async () => {
    const script = fileURLToPath(new URL("./fixtures/crash-worker.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script, ...harness.workerArgs()], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      await waitFor(() => output.includes("running"), "the worker process to take its job", 20_000);
    } finally {
      child.kill("SIGKILL");
    }
    await exited;
    const [, id, attempt] = output.trim().split(" ");
    expect(attempt).toBe("1");

    const { queue } = await harness.queue({ leaseSeconds: 1 });
    const runs: Array<{ id: string; attempt: number }> = [];
    queue.register(
      "crash",
      async (job) => {
        runs.push({ id: job.id, attempt: job.attempt });
      },
      { retryLimit: 2, retryDelaySeconds: 0, backoff: false },
    );
    await queue.start();

    await waitFor(
      async () => (await statsOf(queue, "crash")).completed === 1,
      "the killed worker's job to complete",
    );
    // Completed, with nothing queued, retrying or running: it cannot run again.
    expect(runs).toEqual([{ id, attempt: 2 }]);
    expect(await statsOf(queue, "crash")).toMatchObject({ ...emptyStats, completed: 1 });
    await queue.stop();
  }, 40_000);

  it("loses no job and runs none twice when two replicas share 200 jobs", async () => {
    await createCounters(harness.store);
    const replicas = [await harness.queue(), await harness.queue({ replica: true })];
    const ranOn: [number, number] = [0, 0];
    replicas.forEach(({ queue, store }, i) => {
      queue.register<{ key: string }>(
        "count",
        async (job) => {
          ranOn[i as 0 | 1]++;
          await increment(store, job.data.key);
        },
        { concurrency: 4 },
      );
    });
    const [a, b] = replicas.map((r) => r.queue) as [JobQueue, JobQueue];
    await a.start();
    await b.start();

    const keys = Array.from({ length: 200 }, (_, i) => `job-${i}`);
    await Promise.all(keys.map((key, i) => (i % 2 ? a : b).enqueue("count", { key })));

    await waitFor(
      async () => (await statsOf(a, "count")).completed === 200,
      "all 200 jobs to complete",
      60_000,
    );
    await a.stop();
    await b.stop();
    const counters = await readCounters(harness.store);
    expect(counters.size).toBe(200);
    expect([...counters.values()].every((n) => n === 1)).toBe(true);
    expect(ranOn[0] + ranOn[1]).toBe(200);
  }, 90_000);

  it("lists registered names with zero counts, and names only seen in the store", async () => {
    const { queue } = await harness.queue();
    queue.register("idle", async () => undefined);
    await queue.start();
    await queue.enqueue("elsewhere", {}, { startAfter: new Date(Date.now() + 60_000) });

    const { queues } = await queue.stats();

    expect(queues.map((q) => q.name)).toEqual(["elsewhere", "idle"]);
    expect(queues[1]).toEqual({ name: "idle", ...emptyStats, lastError: null });
    await queue.stop();
  });

  it("refuses to enqueue before start and to register after it", async () => {
    const { queue } = await harness.queue();
    await expect(queue.enqueue("early", {})).rejects.toThrow(/start the job queue before enqueueing "early"/);
    await queue.start();
    expect(() => queue.register("late", async () => undefined)).toThrow(/before starting the job queue/);
    await queue.stop();
  });
});

/** A handler that never returns: the worker is stuck in it. */
function registerStuckHandler(queue: JobQueue): void {
  queue.register("stuck", () => new Promise<void>(() => undefined), {
    retryLimit: 2,
    retryDelaySeconds: 0,
    backoff: false,
  });
}
