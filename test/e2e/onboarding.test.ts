// Onboarding end to end (issue #17; README, "Onboarding"): the real server, the fake GitHub, signed deliveries.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { steerableClock } from "../../scripts/fake-github/steerable-clock.js";
import { CONFIG_PATH as CONFIG_FILE } from "../../src/config/config-path.js";
import { parseConfigText } from "../../src/config/parse-config-text.js";
import { ONBOARDING_BRANCH } from "../../src/github/onboarding-github.js";
import { waitForIdle } from "../../src/jobs/wait-for-idle.js";
import { ONBOARDING_TITLE } from "../../src/onboarding/render-preview.js";
import { getOnboarding } from "../../src/store/onboardings-repository.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";
import { FIXTURE_NOW } from "../onboarding/fixture-history.js";
import { type E2e, loopbackOnly, restoreNet, startE2e } from "./e2e-stack.js";
import {
  installationCreated,
  ONBOARDED_REPO,
  pullRequestClosed,
  repositoriesAdded,
  seedFixtureHistory,
} from "./onboarding-github.js";

const target = { name: "sqlite" as const, open: openSqliteTestStore };
let e2e: E2e | undefined;

beforeAll(loopbackOnly);
afterAll(restoreNet);
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const onboardingPulls = (stack: E2e["stack"]) =>
  stack.fake.pulls(ONBOARDED_REPO).filter((p) => p.head === ONBOARDING_BRANCH);

async function installed(): Promise<E2e> {
  const clock = steerableClock(FIXTURE_NOW);
  e2e = await startE2e(target, { config: null, now: clock.now, fake: { now: clock.now } });
  seedFixtureHistory(e2e.stack.fake);
  await e2e.stack.deliver(installationCreated([ONBOARDED_REPO]));
  return e2e;
}

describe("onboarding on install", () => {
  it("backfills the last 4 weeks and opens exactly one PR with a valid config and the hand-computed preview", async () => {
    const { stack, store } = await installed();
    expect(stack.fake.requestsTo("GET", /\/pulls\/\d+\/reviews$/).length).toBe(12);

    const pulls = onboardingPulls(stack);
    expect(pulls).toHaveLength(1);
    const pull = pulls[0];
    expect(pull?.title).toBe(ONBOARDING_TITLE);
    // The figures test/onboarding/fixture-history.ts computes by hand.
    for (const line of [
      "| Time to first review, p50 | 3.0 h |",
      "| Time to first review, p90 | 4.0 h |",
      "| Review sessions | 12 |",
      "| Comments that explain why (teaching ratio) | 33% (4 of 12) |",
      "Of 12 reviews in those weeks, 4 would have received a short note",
    ]) {
      expect(pull?.body).toContain(line);
    }
    for (const name of ["ana", "ben", "cy", "LGTM"]) expect(pull?.body).not.toContain(name);

    const text = stack.fake.branchFile(ONBOARDED_REPO, ONBOARDING_BRANCH, CONFIG_FILE) ?? "";
    const parsed = parseConfigText(text, CONFIG_FILE);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    expect(parsed.ok && parsed.config.review_windows.timezone).toBe("Europe/Berlin");
    expect((await getOnboarding(store.db, ONBOARDED_REPO))?.status).toBe("open");
    expect(stack.fake.unknownRequests()).toEqual([]);
  });

  it("opens nothing more on a redelivery or through a second replica, and merging records activated_at", async () => {
    const { stack, store } = await installed();
    await stack.deliver(installationCreated([ONBOARDED_REPO]));
    const replica = await stack.startReplica();
    try {
      const { postDelivery } = await import("../../scripts/fake-github/signed-delivery.js");
      const added = repositoriesAdded([ONBOARDED_REPO], "added-1");
      await postDelivery(`${replica.url}/api/github/webhooks`, {
        event: added.event,
        id: added.delivery,
        payload: added.payload,
        secret: stack.secret,
      });
      expect(await waitForIdle(replica.jobs, { timeoutMs: 30_000 })).toBe(true);
      await stack.settle();
    } finally {
      await replica.stop();
    }
    expect(onboardingPulls(stack)).toHaveLength(1);
    expect(stack.fake.requestsTo("POST", /\/pulls$/)).toHaveLength(1);
    expect(stack.fake.requestsTo("POST", /\/git\/refs$/)).toHaveLength(1);

    const number = onboardingPulls(stack)[0]?.number as number;
    await stack.deliver(pullRequestClosed(stack.fake, number, true, "merged-1"));
    const record = await getOnboarding(store.db, ONBOARDED_REPO);
    expect(record?.status).toBe("merged");
    expect(record?.activatedAt).not.toBeNull();
  });

  it("never reopens or reproposes a PR closed without merging", async () => {
    const { stack, store } = await installed();
    const number = onboardingPulls(stack)[0]?.number as number;
    await stack.deliver(pullRequestClosed(stack.fake, number, false, "closed-1"));
    expect((await getOnboarding(store.db, ONBOARDED_REPO))?.status).toBe("closed");

    await stack.deliver(repositoriesAdded([ONBOARDED_REPO], "added-2"));
    await stack.restartApp();
    await stack.deliver(installationCreated([ONBOARDED_REPO], "install-2"));
    expect(onboardingPulls(stack)).toHaveLength(1);
    expect(onboardingPulls(stack)[0]?.state).toBe("closed");
    expect(stack.fake.requestsTo("POST", /\/pulls$/)).toHaveLength(1);
    expect(stack.fake.requestsTo("PATCH", /\/pulls\/\d+$/)).toHaveLength(0);
  });
});
