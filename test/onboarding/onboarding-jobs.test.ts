// The onboarding glue (issue #17; README, "Onboarding"): which deliveries onboard which repositories, ONBOARDING=off
// (an issue, contents untouched), and a merged onboarding's activated_at applied to the config that is read.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { type FakeGithub, startFakeGithub } from "../../scripts/fake-github/fake-github.js";
import { defaultConfig } from "../../src/config/schema.js";
import { readEnv } from "../../src/env.js";
import { applyOnboardingActivation } from "../../src/handlers/onboarding-activation.js";
import { onboardingTargets, runOnboardingJob } from "../../src/handlers/onboarding-jobs.js";
import {
  claimOnboarding,
  recordOnboardingAnswer,
  settleOnboarding,
} from "../../src/store/onboardings-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";

let store: Store;
let fake: FakeGithub;
const now = () => new Date("2026-11-30T11:00:00Z");
const quiet = () => undefined;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  store = await openSqliteTestStore();
  fake = await startFakeGithub({ now });
});
afterAll(async () => {
  await fake.close();
  await store.close();
  nock.enableNetConnect();
});

describe("onboardingTargets", () => {
  it("takes the repositories an installation adds, and nothing from other deliveries", () => {
    const repo = (full_name: string) => ({ id: 1, full_name });
    const installation = { id: 5 };
    expect(
      onboardingTargets({
        name: "installation_repositories",
        payload: { action: "added", installation, repositories_added: [repo("acme/a")] },
      }),
    ).toEqual([{ installationId: 5, owner: "acme", repo: "a" }]);
    expect(
      onboardingTargets({
        name: "installation",
        payload: { action: "created", installation, repositories: [repo("acme/b")] },
      }),
    ).toEqual([{ installationId: 5, owner: "acme", repo: "b" }]);
    expect(
      onboardingTargets({
        name: "installation",
        payload: { action: "deleted", installation, repositories: [repo("acme/b")] },
      }),
    ).toEqual([]);
    expect(
      onboardingTargets({
        name: "installation_repositories",
        payload: { action: "removed", installation, repositories_removed: [repo("acme/a")] },
      }),
    ).toEqual([]);
  });
});

describe("ONBOARDING=off", () => {
  it("is read from the environment in src/env.ts, on unless set to off", () => {
    expect(readEnv({}).ONBOARDING).toBe("on");
    expect(readEnv({ ONBOARDING: "off" }).ONBOARDING).toBe("off");
    expect(() => readEnv({ ONBOARDING: "no" })).toThrow(/ONBOARDING/);
  });

  it("opens one issue with the preview and the config as a code block, and writes no contents", async () => {
    const claims = Buffer.from(JSON.stringify({ iss: 4242 })).toString("base64url");
    const answer = await fetch(`${fake.apiUrl}/app/installations/9/access_tokens`, {
      method: "POST",
      headers: { authorization: `Bearer e30.${claims}.x` },
    });
    const { token } = (await answer.json()) as { token: string };
    const octokit = new Octokit({
      auth: token,
      baseUrl: fake.apiUrl,
      log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    });
    const deps = { store, now, octokit, options: { mode: "off" as const, reserve: 0 } };
    const target = { installationId: 9, owner: "acme", repo: "quiet" };
    expect((await runOnboardingJob(target, deps)).status).toBe("opened");
    expect((await runOnboardingJob(target, deps)).status).toBe("unchanged");

    const issues = fake.issues("acme/quiet");
    expect(issues).toHaveLength(1);
    expect(issues[0]?.title).toBe("Configure review-coach");
    expect(issues[0]?.body).toContain("```yaml\n");
    expect(fake.pulls("acme/quiet")).toEqual([]);
    expect(fake.requestsTo("PUT", "/contents/")).toEqual([]);
    expect(fake.requestsTo("POST", "/git/refs")).toEqual([]);
  });
});

describe("applyOnboardingActivation", () => {
  const at = "2026-11-30T23:30:00Z";

  it("gives a config without activated_at the day its onboarding PR was merged, in the team's timezone", async () => {
    const repoFullName = "acme/merged";
    await claimOnboarding(store.db, { repoFullName, installationId: 1, kind: "pull-request", at });
    await settleOnboarding(store.db, repoFullName, { status: "open", at, number: 3 });
    expect(await recordOnboardingAnswer(store.db, { repoFullName, number: 3, merged: true, at })).toBe(true);

    const config = defaultConfig();
    config.review_windows.timezone = "Europe/Berlin";
    const applied = await applyOnboardingActivation(store.db, repoFullName, config);
    // 23:30 UTC is already 1 December in Berlin.
    expect(applied.coaching.activated_at).toBe("2026-12-01");

    const own = defaultConfig();
    own.coaching.activated_at = "2026-01-05";
    expect((await applyOnboardingActivation(store.db, repoFullName, own)).coaching.activated_at).toBe(
      "2026-01-05",
    );
  });

  it("leaves a config alone when the onboarding was closed unmerged, or there was none", async () => {
    const repoFullName = "acme/closed";
    await claimOnboarding(store.db, { repoFullName, installationId: 1, kind: "pull-request", at });
    await settleOnboarding(store.db, repoFullName, { status: "open", at, number: 4 });
    await recordOnboardingAnswer(store.db, { repoFullName, number: 4, merged: false, at });
    expect(
      (await applyOnboardingActivation(store.db, repoFullName, defaultConfig())).coaching.activated_at,
    ).toBeNull();
    expect(
      (await applyOnboardingActivation(store.db, "acme/none", defaultConfig())).coaching.activated_at,
    ).toBeNull();
  });
});
