import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { sql } from "kysely";
import { openStore, type Store } from "../../src/store/open-store.js";
import { startWalCheckpointer } from "../../src/store/wal-checkpointer.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("startWalCheckpointer", () => {
  let dir: string | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("copies the WAL into the database file from its own thread, and hands checkpoints back on stop", async () => {
    dir = mkdtempSync(join(tmpdir(), "review-coach-wal-"));
    const file = join(dir, "store.sqlite");
    const opened = await openStore(file);
    store = opened;
    const autocheckpoint = async () =>
      Number(Object.values((await sql`pragma wal_autocheckpoint`.execute(opened.db)).rows[0] as object)[0]);
    const errors: string[] = [];

    // The store's writes sit in the WAL: far fewer pages than would make SQLite checkpoint in the commit.
    await sql`create table filler (x text)`.execute(opened.db);
    for (let i = 0; i < 40; i++)
      await sql`insert into filler (x) values (${"x".repeat(50_000)})`.execute(opened.db);
    const before = statSync(file).size;

    const checkpointer = await startWalCheckpointer(opened.db, file, {
      intervalMs: 50,
      onError: (e) => errors.push(e),
    });
    expect(await autocheckpoint()).toBe(10_000); // the server's own connection no longer stops to checkpoint

    let after = statSync(file).size;
    for (let waited = 0; after < before + 2_000_000 && waited < 5000; waited += 50) {
      await sleep(50);
      after = statSync(file).size;
    }
    await checkpointer.stop();

    expect(after).toBeGreaterThanOrEqual(before + 2_000_000);
    expect(errors).toEqual([]);
    expect(await autocheckpoint()).toBe(1000);
  });
});
