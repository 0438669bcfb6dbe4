// An organisation with 200 repositories is onboarded within the installation's rate limit (issue #17): the onboarding
// job (one repository at a time, as the queue runs it) waits for the reset when the hour's budget is short. The fake
// GitHub enforces the limit on a fake clock; the wait is that clock's, never a real one.
import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { type FakeGithub, startFakeGithub } from "../../scripts/fake-github/fake-github.js";
import { ONBOARDING_BRANCH } from "../../src/github/onboarding-github.js";
import { onboardingTargets, runOnboardingJob } from "../../src/handlers/onboarding-jobs.js";
import type { Store } from "../../src/store/open-store.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";

const LIMIT = 600;
let fake: FakeGithub;
let store: Store;
let clock = Date.parse("2026-11-30T11:00:00Z");
const now = () => new Date(clock);

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  fake = await startFakeGithub({ now, rateLimit: { limit: LIMIT } });
  store = await openSqliteTestStore();
});
afterAll(async () => {
  await fake.close();
  await store.close();
  nock.enableNetConnect();
});

/** An installation token from the fake (it accepts an unsigned app JWT when given no public key). */
async function installationOctokit(): Promise<Octokit> {
  const claims = Buffer.from(JSON.stringify({ iss: 4242 })).toString("base64url");
  const response = await fetch(`${fake.apiUrl}/app/installations/77/access_tokens`, {
    method: "POST",
    headers: { authorization: `Bearer e30.${claims}.x` },
  });
  const { token } = (await response.json()) as { token: string };
  const quiet = () => undefined;
  // Octokit logs every 404 (a config that is not there is the usual case here).
  return new Octokit({
    auth: token,
    baseUrl: fake.apiUrl,
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
}

it("onboards 200 repositories, waiting for the reset instead of running past the limit", async () => {
  const payload = {
    action: "created",
    installation: { id: 77 },
    repositories: Array.from({ length: 200 }, (_, i) => ({ id: i + 1, full_name: `acme/service-${i}` })),
  };
  const targets = onboardingTargets({ name: "installation", payload });
  expect(targets).toHaveLength(200);

  const octokit = await installationOctokit();
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    clock += ms;
  };
  for (const target of targets) {
    const outcome = await runOnboardingJob(target, {
      store,
      now,
      octokit,
      options: { mode: "on", reserve: 30, sleep },
    });
    expect(outcome.status).toBe("opened");
  }

  const opened = new Set(
    fake
      .pulls()
      .filter((p) => p.head === ONBOARDING_BRANCH)
      .map((p) => p.repo),
  );
  expect(opened.size).toBe(200);
  expect(fake.rateLimited()).toEqual([]);
  // Each repository costs ~10 requests: 2,000 in all is three hours' budget and more, so it waited for the reset.
  const spent = fake.requests.filter((r) => r.auth === "token" && r.route !== "rateLimit.get").length;
  expect(spent).toBeGreaterThan(3 * LIMIT);
  expect(waits.length).toBeGreaterThanOrEqual(Math.floor(spent / LIMIT));
  for (const ms of waits) expect(ms).toBeLessThanOrEqual(3_601_000);
}, 120_000);
