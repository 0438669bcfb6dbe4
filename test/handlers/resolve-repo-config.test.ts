import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { Context } from "probot";
import {
  createRepoConfigCache,
  type RepoConfigCache,
  resolveRepoConfig,
} from "../../src/handlers/resolve-repo-config.js";
import type { Store } from "../../src/store/open-store.js";
import { getRepoConfig } from "../../src/store/repo-configs-repository.js";
import { coachHarness, deliver, type Harness } from "../coaching/coach-harness.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";
import { example } from "../helpers/webhook-examples.js";

const api = "https://api.github.com";
const configPath = "/repos/Codertocat/Hello-World/contents/.github%2Freview-coach.yml";
const orgPath = "/repos/Codertocat/.github/contents/.github%2Freview-coach.yml";

function openedPr(sha = "ec26c3e57ca3a959ca5aad62de7213c562f8c821") {
  const payload = example("pull_request", "opened");
  payload.installation = { id: 1 };
  ((payload.pull_request as Record<string, unknown>).head as Record<string, unknown>).sha = sha;
  return payload;
}

// The config plugin asks for the raw file (Accept: application/vnd.github.v3.raw).
const file = (yaml: string) => yaml;

describe("config on pull request events", () => {
  let store: Store;
  let h: Harness;

  beforeEach(async () => {
    nock.disableNetConnect();
    store = await openSqliteTestStore();
    h = await coachHarness(store);
  });
  afterEach(async () => {
    nock.cleanAll();
    await store.close();
  });

  const token = () =>
    nock(api)
      .post("/app/installations/1/access_tokens")
      .optionally()
      .reply(201, { token: "t", permissions: {} });

  it("reports an invalid file once per version as a neutral check run, and keeps safe defaults", async () => {
    token();
    const bad = "coaching:\n  mode: loud\n";
    const scope = nock(api)
      .get(configPath)
      .times(2)
      .reply(200, file(bad))
      .post(
        "/repos/Codertocat/Hello-World/check-runs",
        (body: { conclusion: string; output: { summary: string } }) => {
          return (
            body.conclusion === "neutral" &&
            body.output.summary.includes("coaching.mode") &&
            body.output.summary.includes("loud")
          );
        },
      )
      .once()
      .reply(201, { id: 1 });

    await deliver(h, "pull_request", "p1", openedPr());
    await deliver(h, "pull_request", "p2", openedPr("b".repeat(40)));

    expect(scope.isDone()).toBe(true);
    const stored = await getRepoConfig(store.db, "Codertocat/Hello-World");
    expect(stored?.status).toBe("invalid");
    expect(stored?.config.coaching.mode).toBe("summary");
  });

  it("falls back to a PR comment when the app may not create check runs (403)", async () => {
    token();
    const scope = nock(api)
      .get(configPath)
      .reply(200, file("coaching:\n  min_coments: 2\n"))
      .post("/repos/Codertocat/Hello-World/check-runs")
      .reply(403, { message: "Resource not accessible by integration" })
      .post("/repos/Codertocat/Hello-World/issues/2/comments", (body: { body: string }) =>
        body.body.includes("coaching.min_coments"),
      )
      .reply(201, { id: 5 });

    await deliver(h, "pull_request", "p3", openedPr());
    expect(scope.isDone()).toBe(true);
  });

  it("observes a repository with no config anywhere, posting nothing", async () => {
    token();
    const scope = nock(api).get(configPath).reply(404).get(orgPath).reply(404);
    await deliver(h, "pull_request", "p4", openedPr());
    expect(scope.isDone()).toBe(true);
    expect((await getRepoConfig(store.db, "Codertocat/Hello-World"))?.status).toBe("missing");
  });

  it("survives GitHub errors while reading the config and still records the event", async () => {
    token();
    nock(api).get(configPath).reply(500, { message: "boom" });
    await deliver(h, "pull_request", "p5", openedPr());
    const events = await store.db.selectFrom("events").select("key").execute();
    expect(events).toHaveLength(1);
  });

  it("stores a valid config for later use", async () => {
    token();
    nock(api).get(configPath).reply(200, file("review_windows:\n  timezone: America/New_York\n"));
    await deliver(h, "pull_request", "p6", openedPr());
    const stored = await getRepoConfig(store.db, "Codertocat/Hello-World");
    expect(stored).toMatchObject({ status: "ok" });
    expect(stored?.config.review_windows.timezone).toBe("America/New_York");
  });
});

describe("the repo config cache", () => {
  let store: Store;
  let h: Harness;
  let clock: number;

  beforeEach(async () => {
    nock.disableNetConnect();
    store = await openSqliteTestStore();
    h = await coachHarness(store);
    clock = 1_000_000;
  });
  afterEach(async () => {
    nock.cleanAll();
    await store.close();
  });

  const contextFor = async (id: string) => {
    nock(api)
      .post("/app/installations/1/access_tokens")
      .optionally()
      .reply(201, { token: "t", permissions: {} });
    const octokit = await h.probot.auth(1);
    return new Context(
      { id, name: "pull_request", payload: openedPr() } as never,
      octokit as never,
      h.probot.log,
    );
  };

  const deps = (configCache: RepoConfigCache) => ({
    store,
    now: () => new Date("2026-11-20T10:00:00Z"),
    configCache,
  });

  it("answers a second event within the TTL without asking GitHub, and asks again after it", async () => {
    const cache = createRepoConfigCache({ ttlMs: 60_000, clock: () => clock });
    const first = nock(api).get(configPath).once().reply(200, file("coaching:\n  mode: summary\n"));
    expect((await resolveRepoConfig(await contextFor("c1"), deps(cache))).status).toBe("ok");
    expect(first.isDone()).toBe(true);

    // Within the TTL: no GitHub call (nock refuses any request not set up).
    clock += 59_999;
    const cached = await resolveRepoConfig(await contextFor("c2"), deps(cache));
    expect(cached).toMatchObject({ status: "ok", coach: true });
    expect(cached.config.coaching.mode).toBe("summary");
    expect(nock.pendingMocks()).toEqual([]);

    // After the TTL (60 000 ms still counts as within it): read again, and a changed file applies.
    clock += 2;
    const again = nock(api).get(configPath).once().reply(404).get(orgPath).once().reply(404);
    expect(await resolveRepoConfig(await contextFor("c3"), deps(cache))).toMatchObject({
      status: "missing",
      coach: false,
    });
    expect(again.isDone()).toBe(true);
    expect((await getRepoConfig(store.db, "Codertocat/Hello-World"))?.status).toBe("missing");
  });

  it("does not keep an unavailable config, and stays within its size bound", async () => {
    const cache = createRepoConfigCache({ ttlMs: 60_000, clock: () => clock, maxEntries: 1 });
    nock(api).get(configPath).reply(500, { message: "boom" });
    expect((await resolveRepoConfig(await contextFor("u1"), deps(cache))).status).toBe("unavailable");
    const retried = nock(api).get(configPath).reply(200, file("coaching:\n  mode: summary\n"));
    expect((await resolveRepoConfig(await contextFor("u2"), deps(cache))).status).toBe("ok");
    expect(retried.isDone()).toBe(true);

    cache.set("other/repo", { status: "missing" });
    expect(cache.get("other/repo")).toEqual({ status: "missing" });
    expect(cache.get("Codertocat/Hello-World")).toBeUndefined();
  });
});
