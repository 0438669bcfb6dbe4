import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { runCli } from "../../src/cli.js";
import { openStore } from "../../src/store/open-store.js";
import { merge, repoConfig, week } from "../digest/helpers/scenario.js";
import { seedStore } from "../digest/helpers/seed-store.js";
import { mermaidBlocks, parseXyChart } from "../digest/helpers/validate-xychart.js";
import { captureIo } from "../helpers/capture-io.js";

let db: string;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  db = join(mkdtempSync(join(tmpdir(), "review-coach-digest-cli-")), "s.sqlite");
  const store = await openStore(db);
  await seedStore(store, merge(week("2026-11-09", 460), week("2026-11-16", 470)), {
    config: repoConfig({ digest: { per_reviewer: true, label: "weekly-digest" } }),
  });
  await store.close();
});
afterEach(() => nock.cleanAll());

describe("review-coach digest", () => {
  it("previews the digest in the terminal with the stored config", async () => {
    const io = captureIo();
    const code = await runCli(["digest", "--repo", "acme/app", "--week", "2026-W47", "--db", db], io, {});
    expect(code).toBe(0);
    const text = io.stdout.join("\n");
    expect(io.stdout[0]).toBe("# Review digest: acme/app, 2026-W47 (16–22 Nov 2026)");
    expect(text).toContain('(to acme/app, label "weekly-digest"; config: acme/app\'s stored config (ok))');
    expect(text).toContain("### Per reviewer");
    expect(mermaidBlocks(text).map(parseXyChart)).toHaveLength(3);
  });

  it("refuses to post without a token", async () => {
    const io = captureIo();
    const code = await runCli(
      ["digest", "--repo", "acme/app", "--week", "2026-W47", "--post", "--db", db],
      io,
      {},
    );
    expect(code).toBe(2);
    expect(io.stderr.join("\n")).toContain("review-coach digest: set GITHUB_TOKEN");
  });

  it("posts once with GITHUB_TOKEN, and says so when asked again", async () => {
    const scope = nock("https://api.github.com", { reqheaders: { authorization: "token t0ken" } })
      .post("/repos/acme/app/labels")
      .reply(201, {})
      .get("/repos/acme/app/issues")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/app/issues", (body: { labels: string[] }) => body.labels[0] === "weekly-digest")
      .reply(201, { number: 31, html_url: "https://github.com/acme/app/issues/31" });
    const env = { GITHUB_TOKEN: "t0ken" };
    const args = ["digest", "--repo", "acme/app", "--week", "2026-W47", "--post", "--db", db];

    const io = captureIo();
    expect(await runCli(args, io, env)).toBe(0);
    expect(io.stdout).toEqual(["posted acme/app#31: https://github.com/acme/app/issues/31"]);
    expect(scope.isDone()).toBe(true);

    const again = captureIo();
    expect(await runCli(args, again, env)).toBe(0);
    expect(again.stdout).toEqual(["already posted as acme/app#31: https://github.com/acme/app/issues/31"]);
  });

  it("says there is nothing to report for a week before any stored activity", async () => {
    const io = captureIo();
    const code = await runCli(
      ["digest", "--repo", "acme/app", "--week", "2026-W30", "--post", "--db", db],
      io,
      { GITHUB_TOKEN: "t" },
    );
    expect(code).toBe(1);
    expect(io.stderr.join("\n")).toContain("nothing to report");
  });

  it("rejects a bad week", async () => {
    const io = captureIo();
    expect(await runCli(["digest", "--repo", "acme/app", "--week", "W47", "--db", db], io, {})).toBe(2);
    expect(io.stderr.join("\n")).toContain('--week "W47" is not an ISO week');
  });
});
