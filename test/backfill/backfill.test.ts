import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { runCli } from "../../src/cli.js";
import { backfillCommand, parseSince } from "../../src/commands/backfill.js";
import { printMetrics } from "../../src/commands/metrics.js";
import { createBackfillOctokit } from "../../src/github/backfill-octokit.js";
import { createGithubPrSource } from "../../src/github/backfill-source.js";
import { getBackfillState } from "../../src/store/backfill-state-repository.js";
import { listEvents } from "../../src/store/events-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { captureIo } from "../helpers/capture-io.js";
import { type CapturedLog, captureLog } from "../helpers/capture-log.js";
import { openSqliteTestStore, storeTargets } from "../helpers/test-stores.js";
import { API, history, LIST_QUERY, mockHistory, pull } from "./github-fixtures.js";

const now = () => new Date("2026-11-30T12:00:00Z");

function source(
  options: { sleeps?: number[]; io?: ReturnType<typeof captureIo>; serverErrorRetries?: number } = {},
) {
  const octokit = createBackfillOctokit({
    token: "t0ken",
    log: logged.log,
    // Waits are reported, never slept: a second of waiting takes no time here.
    msPerSecond: 0,
    onWait: (ms, reason) => {
      options.sleeps?.push(ms);
      options.io?.err(`waiting ${Math.ceil(ms / 1000)} s: ${reason}`);
    },
    ...(options.serverErrorRetries === undefined ? {} : { serverErrorRetries: options.serverErrorRetries }),
  });
  return createGithubPrSource(octokit);
}

// Three PRs, listed most recently updated first: #3, #2, #1.
const prs = {
  3: pull(3, { created: "2026-11-18T08:00:00Z", updated: "2026-11-20T10:00:00Z" }),
  2: pull(2, {
    created: "2026-11-17T08:00:00Z",
    updated: "2026-11-19T10:00:00Z",
    closed: "2026-11-19T10:00:00Z",
  }),
  1: pull(1, { created: "2026-11-16T08:00:00Z", updated: "2026-11-18T10:00:00Z" }),
};
const histories = {
  3: history(3, { requested: "2026-11-18T08:00:00Z", reviewed: "2026-11-18T09:00:00Z" }),
  2: history(2, {
    requested: "2026-11-17T08:30:00Z",
    reviewed: "2026-11-17T12:00:00Z",
    closedAt: "2026-11-19T10:00:00Z",
  }),
  1: history(1, { requested: "2026-11-16T08:00:00Z", reviewed: "2026-11-16T13:00:00Z" }),
};

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

// Octokit logs each failed request as an error; the tests that cause one say which, and nothing else is logged.
let logged: CapturedLog;
beforeEach(() => {
  logged = captureLog();
});
afterEach(() => {
  expect(logged.warnings).toEqual([]);
  for (const line of logged.errors) expect(line).toMatch(/^(GET|POST) \/repos\/\S+ - \d{3} with id /);
});

describe.each(storeTargets())("review-coach backfill on $name", (target) => {
  let store: Store;
  beforeEach(async () => {
    store = await target.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it("follows Link headers page by page and stops at the first PR updated before --since", async () => {
    const older = pull(9, { created: "2026-08-01T08:00:00Z", updated: "2026-08-02T10:00:00Z" });
    const scope = nock(API)
      .get("/repos/acme/app/pulls")
      .query(LIST_QUERY)
      .reply(200, [prs[3], prs[2]], {
        link: `<${API}/repositories/1/pulls?state=all&sort=updated&direction=desc&per_page=100&page=2>; rel="next", <${API}/repositories/1/pulls?state=all&sort=updated&direction=desc&per_page=100&page=3>; rel="last"`,
      })
      .get("/repositories/1/pulls")
      .query({ ...LIST_QUERY, page: "2" })
      .reply(200, [prs[1], older], {
        link: `<${API}/repositories/1/pulls?state=all&sort=updated&direction=desc&per_page=100&page=3>; rel="next"`,
      });
    for (const n of [3, 2, 1] as const) mockHistory(scope, n, histories[n]);
    const io = captureIo();

    const code = await backfillCommand(store, { repo: "acme/app", since: "2026-11-01" }, io, {
      source: source(),
      now,
    });

    expect(code).toBe(0);
    expect(scope.isDone()).toBe(true);
    expect(io.stderr).toEqual([
      "acme/app: 3 pull requests updated since the date",
      "[1/3] #3: 6 new, 0 already stored",
      "[2/3] #2: 7 new, 0 already stored",
      "[3/3] #1: 6 new, 0 already stored",
    ]);
    expect(io.stdout).toEqual([
      "backfill of acme/app done: 3 pull requests, 19 deliveries recorded, 0 already stored",
    ]);

    const events = await listEvents(store.db, { repoFullName: "acme/app" });
    const ofPr1 = events
      .filter((e) => e.prNumber === 1)
      .map((e) => `${e.kind}:${e.action}:${e.actorLogin}`)
      .sort();
    expect(ofPr1).toEqual([
      "issue_comment:created:github-actions[bot]",
      "pull_request:opened:ana",
      "pull_request:review_requested:ana",
      "review:submitted:alice",
      "review_comment:created:alice",
    ]);
    expect(events.find((e) => e.prNumber === 1 && e.action === "opened")?.key).toBe(
      "pull_request:9001:opened:2026-11-16T08:00:00Z",
    );
    expect(events.filter((e) => e.prNumber === 2 && e.action === "closed").map((e) => e.occurredAt)).toEqual([
      "2026-11-19T10:00:00Z",
    ]);
    const state = await getBackfillState(store.db, "acme/app");
    expect(state).toMatchObject({ status: "done", prsDone: 3, cursor: { prNumber: 1 } });
  });

  it("feeds the metrics: pickups come out of backfilled history", async () => {
    const scope = nock(API).get("/repos/acme/app/pulls").query(LIST_QUERY).reply(200, [prs[1]]);
    mockHistory(scope, 1, histories[1]);
    await backfillCommand(store, { repo: "acme/app", since: "2026-11-01" }, captureIo(), {
      source: source(),
      now,
    });
    const io = captureIo();
    await printMetrics(store, { repo: "acme/app", week: "2026-W47", json: true }, io, now);
    const team = (JSON.parse(io.stdout[0] ?? "") as { team: Record<string, number | null> }).team;
    // Ready Monday 09:00 Berlin, reviewed 14:00 Berlin: 5 business hours; the bot's comment does not count.
    expect(team.pickupP50Hours).toBe(5);
    expect(team.reviewSessions).toBe(1);
    expect(team.feedbackComments).toBe(2);
  });

  it("waits as long as a 429's retry-after says, through the injected sleep, then carries on", async () => {
    const scope = nock(API)
      .get("/repos/acme/app/pulls")
      .query(LIST_QUERY)
      .reply(429, { message: "You have exceeded a secondary rate limit" }, { "retry-after": "3" })
      .get("/repos/acme/app/pulls")
      .query(LIST_QUERY)
      .reply(200, [prs[1]]);
    mockHistory(scope, 1, histories[1]);
    const sleeps: number[] = [];
    const io = captureIo();

    const code = await backfillCommand(store, { repo: "acme/app", since: "2026-11-01" }, io, {
      source: source({ sleeps, io }),
      now,
    });

    expect(code).toBe(0);
    expect(sleeps).toEqual([3000]);
    expect(io.stderr[0]).toBe("waiting 3 s: GitHub asked to retry after 3 s");
    expect(scope.isDone()).toBe(true);
    expect(logged.errors).toEqual([expect.stringMatching(/^GET \/repos\/acme\/app\/pulls\?\S+ - 429 /)]);
  });

  it("waits for the hourly limit to reset when GitHub says it is used up", async () => {
    // The plugin reads the reset against the real clock.
    const reset = Math.floor(Date.now() / 1000) + 120;
    const scope = nock(API)
      .get("/repos/acme/app/pulls")
      .query(LIST_QUERY)
      .reply(
        403,
        { message: "API rate limit exceeded" },
        { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
      )
      .get("/repos/acme/app/pulls")
      .query(LIST_QUERY)
      .reply(200, []);
    const sleeps: number[] = [];
    const code = await backfillCommand(store, { repo: "acme/app", since: "2026-11-01" }, captureIo(), {
      source: source({ sleeps }),
      now,
    });
    expect(code).toBe(0);
    expect(sleeps).toEqual([expect.any(Number)]);
    expect(sleeps[0]).toBeGreaterThanOrEqual(120_000);
    expect(sleeps[0]).toBeLessThanOrEqual(121_000);
    expect(scope.isDone()).toBe(true);
    expect(logged.errors).toEqual([expect.stringMatching(/^GET \/repos\/acme\/app\/pulls\?\S+ - 403 /)]);
  });

  it("stops at a failing PR with its state saved, and a re-run resumes there without duplicates", async () => {
    const first = nock(API)
      .get("/repos/acme/app/pulls")
      .query(LIST_QUERY)
      .reply(200, [prs[3], prs[2], prs[1]]);
    mockHistory(first, 3, histories[3]);
    first.get("/repos/acme/app/pulls/2/reviews").query(true).times(3).reply(500, { message: "Server Error" });
    const io = captureIo();
    const sleeps: number[] = [];

    const failed = await backfillCommand(store, { repo: "acme/app", since: "2026-11-01" }, io, {
      source: source({ sleeps }),
      now,
    });

    expect(failed).toBe(1);
    expect(first.isDone()).toBe(true);
    // Server errors are retried by Octokit's retry plugin, which reports no wait (only the failed requests).
    expect(sleeps).toEqual([]);
    expect(logged.errors).toEqual(
      Array(3).fill(expect.stringMatching(/^GET \/repos\/acme\/app\/pulls\/2\/reviews\?\S+ - 500 /)),
    );
    expect(io.stderr.join("\n")).toContain("review-coach backfill: stopped at #2:");
    expect(io.stderr.join("\n")).toContain("Run the same command again to resume");
    expect(await getBackfillState(store.db, "acme/app")).toMatchObject({
      status: "failed",
      prsDone: 1,
      cursor: { prNumber: 3, updatedAt: "2026-11-20T10:00:00Z" },
    });
    const afterFailure = (await listEvents(store.db)).length;
    expect(afterFailure).toBe(5);

    // The re-run lists again but fetches nothing of #3 (nock has no answers for it).
    const second = nock(API)
      .get("/repos/acme/app/pulls")
      .query(LIST_QUERY)
      .reply(200, [prs[3], prs[2], prs[1]]);
    mockHistory(second, 2, histories[2]);
    mockHistory(second, 1, histories[1]);
    const rerun = captureIo();

    const resumed = await backfillCommand(store, { repo: "acme/app", since: "2026-11-01" }, rerun, {
      source: source(),
      now,
    });

    expect(resumed).toBe(0);
    expect(second.isDone()).toBe(true);
    expect(rerun.stderr).toEqual([
      "acme/app: 3 pull requests updated since the date; resuming after #3",
      "[1/3] #3: done in the interrupted run",
      "[2/3] #2: 7 new, 0 already stored",
      "[3/3] #1: 6 new, 0 already stored",
    ]);
    const keys = (await listEvents(store.db)).map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(5 + 6 + 5);
    expect(await getBackfillState(store.db, "acme/app")).toMatchObject({ status: "done", prsDone: 3 });
  });

  it("is idempotent: a second full run records nothing new", async () => {
    for (let run = 0; run < 2; run += 1) {
      const scope = nock(API).get("/repos/acme/app/pulls").query(LIST_QUERY).reply(200, [prs[1]]);
      mockHistory(scope, 1, histories[1]);
    }
    await backfillCommand(store, { repo: "acme/app", since: "2026-11-01" }, captureIo(), {
      source: source(),
      now,
    });
    const io = captureIo();
    expect(
      await backfillCommand(store, { repo: "acme/app", since: "2026-11-01" }, io, { source: source(), now }),
    ).toBe(0);
    expect(io.stdout).toEqual([
      "backfill of acme/app done: 1 pull requests, 0 deliveries recorded, 6 already stored",
    ]);
    expect(await listEvents(store.db)).toHaveLength(5);
  });
});

describe("backfilled drafts", () => {
  it("start the pickup clock when the PR was marked ready, not when it was opened", async () => {
    const store = await openSqliteTestStore();
    try {
      const draft = pull(4, { created: "2026-11-16T08:00:00Z", updated: "2026-11-18T10:00:00Z" });
      const scope = nock(API).get("/repos/acme/app/pulls").query(LIST_QUERY).reply(200, [draft]);
      mockHistory(
        scope,
        4,
        history(4, {
          requested: "2026-11-17T08:00:00Z",
          readyAt: "2026-11-17T08:00:00Z",
          reviewed: "2026-11-17T10:00:00Z",
        }),
      );
      await backfillCommand(store, { repo: "acme/app", since: "2026-11-01" }, captureIo(), {
        source: source(),
        now,
      });
      const opened = (await listEvents(store.db)).find((e) => e.action === "opened");
      expect(opened?.draft).toBe(true);
      const io = captureIo();
      await printMetrics(store, { repo: "acme/app", week: "2026-W47", json: true }, io, now);
      expect(
        (JSON.parse(io.stdout[0] ?? "") as { team: { pickupP50Hours: number } }).team.pickupP50Hours,
      ).toBe(2);
    } finally {
      await store.close();
    }
  });
});

describe("review-coach backfill from the command line", () => {
  const db = () => join(mkdtempSync(join(tmpdir(), "review-coach-backfill-")), "s.sqlite");

  it("asks for GITHUB_TOKEN when it is not set", async () => {
    const io = captureIo();
    expect(await runCli(["backfill", "acme/app", "--since", "2026-11-01", "--db", db()], io, {})).toBe(2);
    expect(io.stderr.join("\n")).toContain("set GITHUB_TOKEN");
  });

  it("rejects a date that is not one", async () => {
    const io = captureIo();
    const code = await runCli(["backfill", "acme/app", "--since", "2026-02-30", "--db", db()], io, {
      GITHUB_TOKEN: "t",
    });
    expect(code).toBe(2);
    expect(io.stderr.join("\n")).toContain('--since "2026-02-30" is not a date');
  });

  it("talks to GitHub Enterprise Server with the token from the environment", async () => {
    const scope = nock("https://ghe.example.com", { reqheaders: { authorization: "token ghe-t0ken" } })
      .get("/api/v3/repos/acme/app/pulls")
      .query(LIST_QUERY)
      .reply(200, []);
    const io = captureIo();
    const code = await runCli(["backfill", "acme/app", "--since", "2026-11-01", "--db", db()], io, {
      GITHUB_TOKEN: "ghe-t0ken",
      GHE_HOST: "ghe.example.com",
    });
    expect(code).toBe(0);
    expect(scope.isDone()).toBe(true);
    expect(io.stdout).toEqual([
      "backfill of acme/app done: 0 pull requests, 0 deliveries recorded, 0 already stored",
    ]);
  });
});

describe("parseSince", () => {
  it("reads dates and instants, and rejects everything else", () => {
    expect(parseSince("2026-09-01")?.toISOString()).toBe("2026-09-01T00:00:00.000Z");
    expect(parseSince("2026-09-01T08:00:00+02:00")?.toISOString()).toBe("2026-09-01T06:00:00.000Z");
    for (const bad of ["2026-02-30", "yesterday", "2026-9-1", ""]) expect(parseSince(bad)).toBeNull();
  });
});
