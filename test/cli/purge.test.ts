// `review-coach purge --installation ID [--dry-run]` (issue #12, item 9; README, Security).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { runCli } from "../../src/cli.js";
import { applyInstallationChange } from "../../src/store/installations-repository.js";
import { openStore } from "../../src/store/open-store.js";
import { captureIo } from "../helpers/capture-io.js";

async function installationsIn(db: string): Promise<number[]> {
  const store = await openStore(db);
  try {
    return (await store.db.selectFrom("installations").select("id").orderBy("id").execute()).map((r) =>
      Number(r.id),
    );
  } finally {
    await store.close();
  }
}

describe("review-coach purge", () => {
  it("says what it would delete with --dry-run, then deletes one installation and nothing of another", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "review-coach-purge-")), "store.sqlite");
    const store = await openStore(db);
    for (const [id, owner] of [
      [1, "acme"],
      [2, "globex"],
    ] as const)
      await applyInstallationChange(
        store.db,
        {
          id,
          accountLogin: owner,
          accountType: "Organization",
          action: "created",
          repositories: [{ id: id * 10, fullName: `${owner}/app`, private: false, removed: false }],
        },
        "2026-11-20T00:00:00.000Z",
      );
    await store.close();

    const preview = captureIo();
    expect(await runCli(["purge", "--installation", "1", "--dry-run", "--db", db], preview)).toBe(0);
    expect(preview.stdout).toEqual([
      "would delete 2 row(s) of installation 1",
      "  repositories: 1",
      "  installations: 1",
    ]);
    expect(await installationsIn(db)).toEqual([1, 2]);

    const purge = captureIo();
    expect(await runCli(["purge", "--installation", "1", "--db", db], purge)).toBe(0);
    expect(purge.stdout[0]).toBe("deleted 2 row(s) of installation 1");
    expect(await installationsIn(db)).toEqual([2]);
  });

  it("refuses an installation id that is not one", async () => {
    const io = captureIo();
    expect(await runCli(["purge", "--installation", "acme", "--db", ":memory:"], io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(/--installation must be a positive integer/);
  });
});
