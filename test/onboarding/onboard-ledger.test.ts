import { afterEach, describe, expect, it } from "@jest/globals";
import { onboardCommand } from "../../src/commands/onboard.js";
import { parseConfigText } from "../../src/config/parse-config-text.js";
import { upsertAssessment } from "../../src/store/assessments-repository.js";
import { upsertEvents } from "../../src/store/events-repository.js";
import {
  claimOnboarding,
  getOnboarding,
  recordOnboardingAnswer,
  settleOnboarding,
} from "../../src/store/onboardings-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { captureIo } from "../helpers/capture-io.js";
import { storeTargets } from "../helpers/test-stores.js";
import { FIXTURE_NOW, fixtureHistory } from "./fixture-history.js";

const REPO = "acme/shop";
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();

describe.each(storeTargets())("the onboarding ledger on $name", (target) => {
  let store: Store;
  afterEach(async () => store?.close());

  it("lets one claimant at a time hold a repository, and a crashed one's lease expire", async () => {
    store = await target.open();
    const claim = (minute: number, leaseMs?: number) =>
      claimOnboarding(store.db, {
        repoFullName: REPO,
        installationId: 1,
        kind: "pull-request",
        at: at(minute),
        ...(leaseMs ? { leaseMs } : {}),
      });

    const [first, second] = await Promise.all([claim(0, 60_000), claim(0, 60_000)]);
    expect([first.claimed, second.claimed].sort()).toEqual([false, true]);
    expect((await claim(0)).claimed).toBe(false);
    // The holder died without settling: after its lease, another replica takes over.
    expect((await claim(2)).claimed).toBe(true);
  });

  it("never proposes again once closed unmerged, unless forced; merged is final and records activated_at", async () => {
    store = await target.open();
    const base = { repoFullName: REPO, installationId: 1, kind: "pull-request" as const };
    expect((await claimOnboarding(store.db, { ...base, at: at(0) })).claimed).toBe(true);
    await settleOnboarding(store.db, REPO, { status: "open", at: at(1), number: 5, contentHash: "h" });
    // Open: claimable again, to update the PR in place.
    expect((await claimOnboarding(store.db, { ...base, at: at(2) })).claimed).toBe(true);
    await settleOnboarding(store.db, REPO, { status: "open", at: at(3) });

    expect(
      await recordOnboardingAnswer(store.db, { repoFullName: REPO, number: 5, merged: false, at: at(4) }),
    ).toBe(true);
    // A redelivery of the close changes nothing.
    expect(
      await recordOnboardingAnswer(store.db, { repoFullName: REPO, number: 5, merged: false, at: at(5) }),
    ).toBe(false);
    expect((await claimOnboarding(store.db, { ...base, at: at(6) })).claimed).toBe(false);
    expect((await getOnboarding(store.db, REPO))?.status).toBe("closed");

    expect((await claimOnboarding(store.db, { ...base, at: at(7), force: true })).claimed).toBe(true);
    await settleOnboarding(store.db, REPO, { status: "open", at: at(8), number: 6 });
    expect(
      await recordOnboardingAnswer(store.db, { repoFullName: REPO, number: 6, merged: true, at: at(9) }),
    ).toBe(true);
    expect(await getOnboarding(store.db, REPO)).toMatchObject({ status: "merged", activatedAt: at(9) });
    expect((await claimOnboarding(store.db, { ...base, at: at(10), force: true })).claimed).toBe(false);
  });
});

describe("review-coach onboard --dry-run", () => {
  let store: Store;
  afterEach(async () => store?.close());

  it("prints the title, the preview and the config as a yaml block, from the store alone", async () => {
    store = (await storeTargets()[0]?.open()) as Store;
    const history = fixtureHistory();
    await upsertEvents(store.db, history.events, null, FIXTURE_NOW.toISOString());
    for (const event of history.events) {
      const assessment = history.assessments.get(event.key);
      if (assessment && event.body)
        await upsertAssessment(store.db, {
          eventKey: event.key,
          repoFullName: REPO,
          body: event.body,
          assessment,
          at: FIXTURE_NOW.toISOString(),
        });
    }
    const io = captureIo();

    const code = await onboardCommand(store, { repo: REPO, dryRun: true }, io, {
      github: null,
      now: () => FIXTURE_NOW,
    });

    expect(code).toBe(0);
    const out = io.stdout.join("\n");
    expect(out.startsWith("title: Configure review-coach")).toBe(true);
    expect(out).toContain("| Time to first review, p90 | 4.0 h |");
    expect(out).toContain("Of 12 reviews in those weeks, 4 would have received a short note");
    const yaml = /```yaml\n([\s\S]*?)\n```\s*$/.exec(out)?.[1] ?? "";
    expect(parseConfigText(yaml, "proposed").ok).toBe(true);
    expect(await getOnboarding(store.db, REPO)).toBeUndefined();
  });

  it("without a token and without --dry-run, says what to do (exit 2)", async () => {
    store = (await storeTargets()[0]?.open()) as Store;
    const io = captureIo();

    expect(await onboardCommand(store, { repo: REPO }, io, { github: null })).toBe(2);
    expect(io.stderr.join("\n")).toContain("GITHUB_TOKEN");
  });
});
