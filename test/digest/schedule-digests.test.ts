import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { createOctokitDigestPublisher } from "../../src/digest/digest-publisher.js";
import { type DigestScheduleDeps, runDigestTick } from "../../src/digest/schedule-digests.js";
import { getDigest } from "../../src/store/digests-repository.js";
import { applyInstallationChange } from "../../src/store/installations-repository.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import { captureLog } from "../helpers/capture-log.js";
import { storeTargets } from "../helpers/test-stores.js";
import { merge, repoConfig, week } from "./helpers/scenario.js";
import { seedStore } from "./helpers/seed-store.js";
import { mermaidBlocks, parseXyChart } from "./helpers/validate-xychart.js";

const API = "https://api.github.com";
/** Monday 23 Nov 2026 09:05 in Berlin: just after the default digest time (mon 09:00). */
const MONDAY_AFTER = new Date("2026-11-23T08:05:00Z");
const silent = { info: () => undefined, warn: () => undefined, debug: () => undefined };

/** Octokit's request log: each failed request is an error there, which the tests that cause one assert. */
let octokitLog = captureLog();
beforeEach(() => {
  octokitLog = captureLog();
});
afterEach(() => {
  expect(octokitLog.warnings).toEqual([]);
});

const deps = (store: Store, now: () => Date): DigestScheduleDeps => ({
  db: store.db,
  now,
  log: silent,
  publisherFor: async () =>
    createOctokitDigestPublisher(new Octokit({ auth: "installation-token", log: octokitLog.log })),
});

interface PostedIssue {
  title: string;
  body: string;
  labels: string[];
}

/** The three calls of one post: label (created, or already there), the marker lookup, the issue. */
function expectPost(repo: string, number: number, label: { status: 201 | 422 } = { status: 201 }) {
  const posted: PostedIssue[] = [];
  const scope = nock(API)
    .post(`/repos/${repo}/labels`, (body: { name: string }) => body.name === "review-coach")
    .reply(
      label.status,
      label.status === 201
        ? { name: "review-coach" }
        : {
            message: "Validation Failed",
            errors: [{ resource: "Label", code: "already_exists", field: "name" }],
          },
    )
    .get(`/repos/${repo}/issues`)
    .query({ labels: "review-coach", state: "all", sort: "created", direction: "desc", per_page: "50" })
    .reply(200, [])
    .post(`/repos/${repo}/issues`, (body: PostedIssue) => {
      posted.push(body);
      return true;
    })
    .reply(201, { number, html_url: `https://github.com/${repo}/issues/${number}` });
  return { scope, posted };
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

describe.each(storeTargets())("the digest scheduler on $name", (target) => {
  let store: Store;
  beforeEach(async () => {
    store = await target.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it("posts the week's digest once as a labelled issue, and not again on the next run", async () => {
    await seedStore(store, merge(week("2026-11-09", 460), week("2026-11-16", 470)), { config: repoConfig() });
    const { scope, posted } = expectPost("acme/app", 12);

    const [first] = await runDigestTick(deps(store, () => MONDAY_AFTER));

    expect(first?.result).toMatchObject({ status: "posted", issue: { number: 12 } });
    expect(first?.plan.week).toBe("2026-W47");
    expect(scope.isDone()).toBe(true);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.title).toBe("Review digest: acme/app, 2026-W47 (16–22 Nov 2026)");
    expect(posted[0]?.labels).toEqual(["review-coach"]);
    expect(posted[0]?.body).toContain("<!-- review-coach:digest target=acme/app week=2026-W47 -->");
    for (const block of mermaidBlocks(posted[0]?.body ?? "")) parseXyChart(block);
    expect(await getDigest(store.db, "acme/app", "2026-W47")).toMatchObject({
      status: "posted",
      issueNumber: 12,
    });

    // Ten minutes later: nothing is asked of GitHub (nock would refuse it).
    const [second] = await runDigestTick(deps(store, () => new Date(MONDAY_AFTER.getTime() + 600_000)));
    expect(second?.result).toEqual({
      status: "already-posted",
      issue: { number: 12, url: "https://github.com/acme/app/issues/12" },
    });
  });

  it("accepts a label that already exists", async () => {
    await seedStore(store, week("2026-11-16", 470), { config: repoConfig() });
    const { scope } = expectPost("acme/app", 3, { status: 422 });
    const [outcome] = await runDigestTick(deps(store, () => MONDAY_AFTER));
    expect(outcome?.result.status).toBe("posted");
    expect(scope.isDone()).toBe(true);
    // Octokit's request log says what GitHub answered; the publisher takes the 422 as "it exists".
    expect(octokitLog.errors).toEqual([expect.stringMatching(/^POST \/repos\/acme\/app\/labels - 422 /)]);
  });

  it("catches up only the most recent missed week, once, then posts weekly", async () => {
    await seedStore(
      store,
      merge(
        week("2026-10-26", 440),
        week("2026-11-02", 450),
        week("2026-11-09", 460),
        week("2026-11-16", 470),
      ),
      { config: repoConfig() },
    );
    // The app was down from before W45's digest until Wednesday 25 Nov: W45 and W46 were missed, W47 is due.
    const wednesday = new Date("2026-11-25T14:00:00Z");
    const { posted } = expectPost("acme/app", 20);
    const outcomes = await runDigestTick(deps(store, () => wednesday));
    expect(outcomes.map((o) => [o.plan.week, o.result.status])).toEqual([["2026-W47", "posted"]]);
    expect(posted).toHaveLength(1);
    expect(await getDigest(store.db, "acme/app", "2026-W46")).toBeUndefined();

    const again = await runDigestTick(deps(store, () => new Date("2026-11-26T14:00:00Z")));
    expect(again.map((o) => o.result.status)).toEqual(["already-posted"]);

    const next = expectPost("acme/app", 21);
    const monday = await runDigestTick(deps(store, () => new Date("2026-11-30T08:05:00Z")));
    expect(monday.map((o) => [o.plan.week, o.result.status])).toEqual([["2026-W48", "posted"]]);
    expect(next.posted[0]?.body).toContain("## Review digest for 2026-W48");
  });

  it("posts nothing for a repository without a config file, with an invalid one, or with digests off", async () => {
    await seedStore(store, week("2026-11-16", 470), {
      repo: "acme/observed",
      config: repoConfig(),
      status: "missing",
    });
    await seedStore(store, week("2026-11-16", 470), {
      repo: "acme/broken",
      config: repoConfig(),
      status: "invalid",
    });
    await seedStore(store, week("2026-11-16", 470), {
      repo: "acme/quiet",
      config: repoConfig({ digest: { enabled: false } }),
    });
    expect(await runDigestTick(deps(store, () => MONDAY_AFTER))).toEqual([]);
  });

  it("posts nothing once the installation is removed", async () => {
    await seedStore(store, week("2026-11-16", 470), { config: repoConfig() });
    await applyInstallationChange(
      store.db,
      { id: 1, accountLogin: "acme", accountType: "Organization", action: "deleted", repositories: [] },
      "2026-11-20T00:00:00Z",
    );
    expect(await runDigestTick(deps(store, () => MONDAY_AFTER))).toEqual([]);
  });

  it("posts nothing for a week before the store saw any activity", async () => {
    await seedStore(store, week("2026-11-23", 480), { config: repoConfig() });
    const [outcome] = await runDigestTick(deps(store, () => MONDAY_AFTER));
    expect(outcome?.result.status).toBe("nothing-to-report");
    expect(await getDigest(store.db, "acme/app", "2026-W47")).toBeUndefined();
  });

  it("posts to the configured target repository at the configured day and time", async () => {
    const config = repoConfig({ digest: { repository: "acme/eng-leads", day: "tue", time: "08:30" } });
    await seedStore(store, week("2026-11-16", 470), { config });
    expect(await runDigestTick(deps(store, () => MONDAY_AFTER))).toMatchObject([
      { plan: { week: "2026-W46" }, result: { status: "nothing-to-report" } },
    ]);
    const { posted } = expectPost("acme/eng-leads", 5);
    const [outcome] = await runDigestTick(deps(store, () => new Date("2026-11-24T07:31:00Z")));
    expect(outcome?.result.status).toBe("posted");
    expect(posted[0]?.body).toContain("Covers acme/app");
  });

  it("never lets another installation's repository post into, or govern, a digest it names as its target", async () => {
    // acme (installation 1) and an attacker (installation 2) share the store; the attacker's config names acme/app
    // as its digest target and sorts first ("acme/app" > "aaa-evil/app"), with its own day.
    await seedStore(store, week("2026-11-16", 470), { config: repoConfig() });
    await seedStore(store, week("2026-11-16", 900), {
      repo: "aaa-evil/app",
      installationId: 2,
      config: repoConfig({ digest: { repository: "acme/app", day: "mon", time: "06:00" } }),
    });
    const { posted } = expectPost("acme/app", 12);

    const outcomes = await runDigestTick(deps(store, () => MONDAY_AFTER));

    expect(outcomes.map((o) => [o.plan.target, o.plan.installationId, o.plan.repos])).toEqual([
      ["acme/app", 1, ["acme/app"]],
    ]);
    expect(outcomes[0]?.plan.config.digest.time).toBe("09:00");
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toContain("Covers acme/app");
    expect(posted[0]?.body).not.toContain("aaa-evil");
  });

  it("records a failure, leaves it for half an hour, then retries", async () => {
    await seedStore(store, week("2026-11-16", 470), { config: repoConfig() });
    nock(API)
      .post("/repos/acme/app/labels")
      .reply(201, {})
      .get("/repos/acme/app/issues")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/app/issues")
      .reply(500, { message: "boom" });
    const [failed] = await runDigestTick(deps(store, () => MONDAY_AFTER));
    expect(failed?.result.status).toBe("failed");
    expect(octokitLog.errors).toEqual([expect.stringMatching(/^POST \/repos\/acme\/app\/issues - 500 /)]);
    expect(await getDigest(store.db, "acme/app", "2026-W47")).toMatchObject({
      status: "failed",
      attempts: 1,
    });

    const [soon] = await runDigestTick(deps(store, () => new Date(MONDAY_AFTER.getTime() + 10 * 60_000)));
    expect(soon?.result.status).toBe("claimed-elsewhere");

    const { scope } = expectPost("acme/app", 9);
    const [later] = await runDigestTick(deps(store, () => new Date(MONDAY_AFTER.getTime() + 31 * 60_000)));
    expect(later?.result.status).toBe("posted");
    expect(scope.isDone()).toBe(true);
    expect(await getDigest(store.db, "acme/app", "2026-W47")).toMatchObject({
      status: "posted",
      attempts: 2,
    });
  });

  it("finds the issue a crashed run created instead of posting a second one", async () => {
    await seedStore(store, week("2026-11-16", 470), { config: repoConfig() });
    await store.db
      .insertInto("digests")
      .values({
        target: "acme/app",
        week: "2026-W47",
        installation_id: 1,
        repos: '["acme/app"]',
        status: "claimed",
        attempts: 1,
        issue_number: null,
        issue_url: null,
        claimed_at: "2026-11-23T07:00:00.000Z",
        posted_at: null,
        error: null,
      })
      .execute();
    const scope = nock(API)
      .post("/repos/acme/app/labels")
      .reply(422, { message: "Validation Failed" })
      .get("/repos/acme/app/issues")
      .query(true)
      .reply(200, [
        { number: 4, html_url: "https://github.com/acme/app/pull/4", body: "", pull_request: {} },
        {
          number: 8,
          html_url: "https://github.com/acme/app/issues/8",
          body: "…\n<!-- review-coach:digest target=acme/app week=2026-W47 -->\n",
        },
      ]);
    const [outcome] = await runDigestTick(deps(store, () => MONDAY_AFTER));
    expect(outcome?.result).toMatchObject({ status: "posted", issue: { number: 8 } });
    expect(scope.isDone()).toBe(true);
  });
});

describe("the digest scheduler across a restart", () => {
  it("does not post the same week again after the process restarts on the same store", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "review-coach-digest-")), "store.sqlite");
    const before = await openStore(file);
    await seedStore(before, week("2026-11-16", 470), { config: repoConfig() });
    const { scope } = expectPost("acme/app", 12);
    const [posted] = await runDigestTick(deps(before, () => MONDAY_AFTER));
    expect(posted?.result.status).toBe("posted");
    await before.close();
    expect(scope.isDone()).toBe(true);

    const after = await openStore(file);
    try {
      const outcomes = await runDigestTick(deps(after, () => new Date("2026-11-23T09:00:00Z")));
      expect(outcomes.map((o) => o.result.status)).toEqual(["already-posted"]);
    } finally {
      await after.close();
    }
  });
});
