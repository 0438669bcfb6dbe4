// stats, metrics and a digest preview only read: they open an existing store read-only and never create one.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { sql } from "kysely";
import { runCli } from "../../src/cli.js";
import { NoStoreError, openStore, StoreError } from "../../src/store/open-store.js";
import { week } from "../digest/helpers/scenario.js";
import { seedStore } from "../digest/helpers/seed-store.js";
import { captureIo } from "../helpers/capture-io.js";
import { storeTargets } from "../helpers/test-stores.js";

const workdir = () => mkdtempSync(join(tmpdir(), "review-coach-ro-"));

async function seededStore(): Promise<string> {
  const db = join(workdir(), "s.sqlite");
  const store = await openStore(db);
  await seedStore(store, week("2026-11-16", 470));
  await store.close();
  return db;
}

describe("read-only commands on a store that is not there", () => {
  it.each([
    ["stats"],
    ["metrics", "--repo", "acme/app", "--week", "2026-W47"],
    ["digest", "--repo", "acme/app", "--week", "2026-W47"],
  ])("%s exits 2, says so, and creates neither the directory nor the file", async (...args) => {
    const parent = workdir();
    const db = join(parent, "typo", "x.sqlite");
    const io = captureIo();

    expect(await runCli([...args, "--db", db], io, {})).toBe(2);

    expect(io.stderr.join("\n")).toContain(`no store at ${db}: the file does not exist`);
    expect(io.stdout).toEqual([]);
    expect(existsSync(join(parent, "typo"))).toBe(false);
  });

  it("takes DATABASE_URL when --db is not given", async () => {
    const parent = workdir();
    const io = captureIo();
    expect(await runCli(["stats"], io, { DATABASE_URL: join(parent, "x.sqlite") })).toBe(2);
    expect(io.stderr.join("\n")).toContain("no store at");
    expect(readdirSync(parent)).toEqual([]);
  });

  it("calls a SQLite file without review-coach tables no store, and leaves it as it was", async () => {
    const file = join(workdir(), "other.sqlite");
    writeFileSync(file, "");
    const io = captureIo();
    expect(await runCli(["stats", "--db", file], io, {})).toBe(2);
    expect(io.stderr.join("\n")).toContain(`no store at ${file}: it holds no review-coach tables`);
    const reopened = await openStore(file, { migrate: false });
    expect(await reopened.db.introspection.getTables()).toEqual([]);
    await reopened.close();
  });

  it("asks for an older store to be brought up to date rather than migrating it", async () => {
    const db = await seededStore();
    const store = await openStore(db);
    // A store that ran only a migration this version no longer lists, and not the current one.
    await sql`update kysely_migration set name = '2000-01-01T0000-older'`.execute(store.db);
    await store.close();

    const io = captureIo();
    expect(await runCli(["stats", "--db", db], io, {})).toBe(1);
    expect(io.stderr.join("\n")).toMatch(/written by an older review-coach \(1 migration\(s\) not applied\)/);
  });
});

describe("read-only commands on an existing store", () => {
  it("stats reads it", async () => {
    const db = await seededStore();
    const io = captureIo();
    expect(await runCli(["stats", "--db", db, "--json"], io, {})).toBe(0);
    const parsed = JSON.parse(io.stdout[0] ?? "{}") as { tables: Record<string, number> };
    expect(parsed.tables.events).toBeGreaterThan(0);
  });

  it("metrics for a repository with nothing stored prints empty figures, says why on stderr, and exits 0", async () => {
    const db = await seededStore();
    const io = captureIo();
    const code = await runCli(
      ["metrics", "--repo", "acme/nope", "--week", "2026-W47", "--db", db, "--json"],
      io,
      {},
    );
    expect(code).toBe(0);
    expect(io.stderr).toEqual([
      `review-coach metrics: no activity stored for acme/nope in ${db}; check --repo (OWNER/NAME as on GitHub) and --db`,
    ]);
    expect((JSON.parse(io.stdout[0] ?? "") as { team: { reviewSessions: number } }).team.reviewSessions).toBe(
      0,
    );
  });

  it("metrics for a repository with activity says nothing on stderr", async () => {
    const db = await seededStore();
    const io = captureIo();
    expect(await runCli(["metrics", "--repo", "acme/app", "--week", "2026-W47", "--db", db], io, {})).toBe(0);
    expect(io.stderr).toEqual([]);
  });

  it("a digest preview of a repository with nothing stored says so too", async () => {
    const db = await seededStore();
    const io = captureIo();
    expect(await runCli(["digest", "--repo", "acme/nope", "--week", "2026-W47", "--db", db], io, {})).toBe(0);
    expect(io.stderr.join("\n")).toContain("review-coach digest: no activity stored for acme/nope");
  });
});

describe("argument errors exit 2", () => {
  it.each([
    [["metrics", "--repo", "acme/app"], "required option '--week <week>' not specified"],
    [["metrics", "--week", "2026-W47"], "required option '--repo <owner/name>' not specified"],
    [["digest", "--repo", "acme/app"], "required option '--week <week>' not specified"],
    [["stats", "--frobnicate"], "unknown option '--frobnicate'"],
    [["frobnicate"], "unknown command 'frobnicate'"],
    [["metrics", "--repo", "acme/app", "--week", "2026-W99"], '--week "2026-W99" is not an ISO week'],
    [["digest", "--repo", "nope", "--week", "2026-W47"], '--repo "nope" is not a repository'],
  ])("%j", async (args, message) => {
    const parent = workdir();
    const io = captureIo();
    expect(await runCli([...args, "--db", join(parent, "s.sqlite")], io, {})).toBe(2);
    expect(io.stderr.join("\n")).toContain(message);
    expect(readdirSync(parent)).toEqual([]);
  });

  it("--help still exits 0", async () => {
    const io = captureIo();
    expect(await runCli(["stats", "--help"], io, {})).toBe(0);
    expect(io.stdout.join("\n")).toContain("Usage: review-coach stats");
  });
});

describe.each(storeTargets())("openStore read-only on $name", (target) => {
  it("reads, and refuses every write", async () => {
    const store = await target.open();
    try {
      const location = store.connectionString ?? store.location;
      const readOnly = await openStore(location, { readOnly: true });
      try {
        const row = await readOnly.db
          .selectFrom("events")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        expect(Number(row.n)).toBe(0);
        // Compared by message: better-sqlite3's error class belongs to the first test file that loaded the addon
        // in this worker, another realm, so `rejects.toThrow` would not see an Error.
        const refused = await readOnly.db
          .insertInto("installations")
          .values({
            id: 1,
            account_login: "acme",
            account_type: "Organization",
            created_at: "2026-11-16T00:00:00Z",
          })
          .execute()
          .then(
            () => "written",
            (error: unknown) => String((error as { message?: unknown }).message),
          );
        expect(refused).toMatch(/read-?only/i);
      } finally {
        await readOnly.close();
      }
    } finally {
      await store.close();
    }
  });

  it("is a StoreError, not a crash, for a database with no store in it", async () => {
    const location =
      target.name === "sqlite"
        ? join(workdir(), "none.sqlite")
        : `${process.env.TEST_DATABASE_URL}${process.env.TEST_DATABASE_URL?.includes("?") ? "&" : "?"}options=${encodeURIComponent("-c search_path=no_such_schema_here")}`;
    const failure = openStore(location, { readOnly: true });
    await expect(failure).rejects.toBeInstanceOf(StoreError);
    await expect(failure).rejects.toBeInstanceOf(NoStoreError);
  });
});
