import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { runCli } from "../../src/cli.js";
import { PermanentJobError } from "../../src/jobs/permanent-job-error.js";
import { createSqliteJobQueue } from "../../src/jobs/sqlite-job-queue.js";
import { waitForIdle } from "../../src/jobs/wait-for-idle.js";
import { openStore } from "../../src/store/open-store.js";
import { captureIo } from "../helpers/capture-io.js";
import { example } from "../helpers/webhook-examples.js";

function workdir() {
  return mkdtempSync(join(tmpdir(), "review-coach-cli-"));
}

describe("review-coach ingest", () => {
  it("loads good lines, names each bad line by number, and exits 1", async () => {
    const dir = workdir();
    const file = join(dir, "deliveries.jsonl");
    const good = {
      event: "pull_request_review_comment",
      delivery: "d1",
      payload: example("pull_request_review_comment", "created"),
    };
    writeFileSync(
      file,
      [
        JSON.stringify(good),
        "{not json",
        JSON.stringify({ event: "pull_request_review", payload: {} }),
        "",
        JSON.stringify({
          event: "pull_request_review",
          delivery: "d2",
          payload: example("pull_request_review", "submitted", 1),
        }),
      ].join("\n"),
    );
    const db = join(dir, "store.sqlite");
    const io = captureIo();

    const code = await runCli(["ingest", file, "--db", db], io);

    expect(code).toBe(1);
    expect(io.stderr).toEqual([
      expect.stringMatching(/deliveries\.jsonl:2: not JSON/),
      expect.stringMatching(/deliveries\.jsonl:3: not a webhook envelope .*delivery/),
    ]);
    expect(io.stdout.join("\n")).toContain("2 recorded, 0 duplicate, 0 ignored, 2 failed");

    const stats = captureIo();
    expect(await runCli(["stats", "--db", db, "--json"], stats)).toBe(0);
    const parsed = JSON.parse(stats.stdout[0] ?? "{}") as { tables: Record<string, number> };
    expect(parsed.tables.events).toBe(2);
    expect(parsed.tables.deliveries).toBe(2);
  });

  it("counts a replayed file as duplicates and exits 0", async () => {
    const dir = workdir();
    const file = join(dir, "d.jsonl");
    writeFileSync(
      file,
      `${JSON.stringify({ event: "pull_request", delivery: "p1", payload: example("pull_request", "opened") })}\n`,
    );
    const db = join(dir, "store.sqlite");
    await runCli(["ingest", file, "--db", db], captureIo());
    const io = captureIo();
    expect(await runCli(["ingest", file, "--db", db], io)).toBe(0);
    expect(io.stdout.join("\n")).toContain("0 recorded, 1 duplicate");
  });

  it("says clearly when the file does not exist", async () => {
    const io = captureIo();
    expect(await runCli(["ingest", "/no/such/file.jsonl", "--db", join(workdir(), "s.sqlite")], io)).toBe(2);
    expect(io.stderr.join("\n")).toContain("cannot read /no/such/file.jsonl");
  });

  it("rejects an unknown command with help", async () => {
    const io = captureIo();
    expect(await runCli(["frobnicate"], io)).toBe(2);
    expect(io.stderr.join("\n")).toContain("unknown command 'frobnicate'");
  });
});

describe("review-coach stats", () => {
  it("shows dead-lettered jobs with the reason they died", async () => {
    const db = join(workdir(), "store.sqlite");
    const store = await openStore(db);
    const queue = createSqliteJobQueue(store.db, { pollIntervalMs: 10 });
    queue.register("process-delivery", async () => {
      throw new PermanentJobError("GitHub answered 404: Not Found");
    });
    await queue.start();
    await queue.enqueue("process-delivery", { id: "d1" });
    await waitForIdle(queue, { timeoutMs: 5_000 });
    await queue.stop({ graceful: true });
    await store.close();

    const io = captureIo();
    expect(await runCli(["stats", "--db", db], io)).toBe(0);
    const out = io.stdout.join("\n");
    expect(out).toContain("jobs process-delivery: 0 queued, 0 active, 0 retrying, 0 completed, 1 dead");
    expect(out).toContain("GitHub answered 404: Not Found");
  });
});
