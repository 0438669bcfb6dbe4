// openStoreWithRetry: a store that starts after the app (compose, k8s) is retried with doubling delays, each retry
// logged with its reason; one that never comes gives a StoreError naming where, without the password.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { type Logger, pino } from "pino";
import { openStoreWithRetry } from "../../src/server.js";
import { type Store, StoreError } from "../../src/store/open-store.js";

interface Logged {
  level: number;
  msg: string;
  attempt?: number;
  delayMs?: number;
  error?: string;
}

function capturingLogger(): { log: Logger; lines: Logged[] } {
  const lines: Logged[] = [];
  const log = pino(
    { level: "debug" },
    { write: (line: string) => void lines.push(JSON.parse(line) as Logged) },
  );
  return { log, lines };
}

describe("openStoreWithRetry", () => {
  let dir: string | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("retries an unreachable PostgreSQL with doubling delays, then throws a StoreError without the password", async () => {
    const { log, lines } = capturingLogger();
    const sleeps: number[] = [];
    const started = Date.now();

    const opening = openStoreWithRetry("postgres://coach:s3cret-pw@127.0.0.1:1/none", log, {
      attempts: 4,
      firstDelayMs: 100,
      sleep: async (ms) => void sleeps.push(ms),
    });

    const error = await opening.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    const message = (error as Error).message;
    expect(message).toContain("127.0.0.1:1/none");
    expect(message).toMatch(/ECONNREFUSED|connect/);
    expect(message).not.toContain("s3cret-pw");
    // attempts - 1 waits, each twice the one before, all through the injected sleep (no real time passed).
    expect(sleeps).toEqual([100, 200, 400]);
    const warns = lines.filter((l) => l.level === 40);
    expect(warns.map((l) => [l.msg, l.attempt, l.delayMs])).toEqual([
      ["store unavailable; retrying", 1, 100],
      ["store unavailable; retrying", 2, 200],
      ["store unavailable; retrying", 3, 400],
    ]);
    for (const warn of warns) {
      expect(warn.error).toMatch(/ECONNREFUSED|connect/);
      expect(warn.error).not.toContain("s3cret-pw");
    }
    expect(JSON.stringify(lines)).not.toContain("s3cret-pw");
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);

  it("opens the store on a later attempt once what blocked it is gone", async () => {
    dir = mkdtempSync(join(tmpdir(), "review-coach-retry-"));
    // A file where the database's directory should be: opening fails until the "volume" is mounted.
    const blocker = join(dir, "data");
    writeFileSync(blocker, "not a directory");
    const { log, lines } = capturingLogger();
    const sleeps: number[] = [];

    store = await openStoreWithRetry(join(blocker, "review-coach.sqlite"), log, {
      attempts: 3,
      firstDelayMs: 50,
      sleep: async (ms) => {
        sleeps.push(ms);
        rmSync(blocker);
      },
    });

    expect(store.dialect).toBe("sqlite");
    expect(sleeps).toEqual([50]);
    const warns = lines.filter((l) => l.level === 40);
    expect(warns).toHaveLength(1);
    expect(warns[0]?.attempt).toBe(1);
    expect(warns[0]?.error).toMatch(/EEXIST|ENOTDIR/);
    // Migrated and usable.
    expect(await store.db.selectFrom("deliveries").selectAll().execute()).toEqual([]);
  });

  it("does not wait or warn when the store opens at once", async () => {
    dir = mkdtempSync(join(tmpdir(), "review-coach-retry-"));
    const { log, lines } = capturingLogger();
    const sleeps: number[] = [];

    store = await openStoreWithRetry(join(dir, "review-coach.sqlite"), log, {
      sleep: async (ms) => void sleeps.push(ms),
    });

    expect(store.location).toBe(join(dir, "review-coach.sqlite"));
    expect(sleeps).toEqual([]);
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
  });
});
