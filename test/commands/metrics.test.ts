import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { runCli } from "../../src/cli.js";
import { printMetrics } from "../../src/commands/metrics.js";
import { METRIC_KEYS, WINDOW_FIGURE_KEYS } from "../../src/figures/week-metrics.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import { merge, repoConfig, week } from "../digest/helpers/scenario.js";
import { seedStore } from "../digest/helpers/seed-store.js";
import { captureIo } from "../helpers/capture-io.js";
import { storeTargets } from "../helpers/test-stores.js";

const now = () => new Date("2026-12-01T12:00:00Z");
const scenario = () => merge(week("2026-11-09", 460), week("2026-11-16", 470));

interface MetricsJson {
  week: string;
  team: Record<string, number | null>;
  reviewers: Record<string, Record<string, number | null>>;
}

describe.each(storeTargets())("review-coach metrics on $name", (target) => {
  let store: Store;
  beforeEach(async () => {
    store = await target.open();
    await seedStore(store, scenario());
  });
  afterEach(async () => {
    await store.close();
  });

  it("prints one JSON object whose metric keys are exactly the documented ones", async () => {
    const io = captureIo();
    const code = await printMetrics(store, { repo: "acme/app", week: "2026-W47", json: true }, io, now);
    expect(code).toBe(0);
    expect(io.stdout).toHaveLength(1);
    const parsed = JSON.parse(io.stdout[0] ?? "") as MetricsJson;
    expect(Object.keys(parsed)).toEqual(["week", "team", "reviewers"]);
    expect(parsed.week).toBe("2026-W47");
    expect(Object.keys(parsed.team)).toEqual([...METRIC_KEYS, ...WINDOW_FIGURE_KEYS]);
    expect(Object.keys(parsed.reviewers)).toEqual(["alice", "bob", "carol", "erin"]);
    for (const figures of Object.values(parsed.reviewers))
      expect(Object.keys(figures)).toEqual([...METRIC_KEYS, ...WINDOW_FIGURE_KEYS]);
    expect(parsed.team).toMatchObject({
      reviewSessions: 4,
      inWindowShare: 0.75,
      targetBreaches: 2,
      harshComments: 1,
    });
    expect(parsed.team.teachingRatio).toBeCloseTo(3 / 7);
    // Due windows: #471 Mon 09:30 (alice 09:44, a hit, 0.5 h waited for it), #472 Mon 15:00 (bob 15:10, a hit,
    // 1 h), #473 Tue 15:00 (carol Wed 16:29, a miss), #474 Thu 15:00 (never reviewed, a miss). First sessions in a
    // window: Mon 09:30 +14 min, Mon 15:00 +10, Tue 09:30 +30 (erin).
    expect(parsed.team).toMatchObject({
      nextWindowHitRate: 0.5,
      windowSlipMinutes: 14,
      batchingBoundHours: 4.5,
      batchingWaitP50Hours: 0.5,
    });
    expect(parsed.reviewers.carol).toMatchObject({ nextWindowHitRate: 0, windowSlipMinutes: null });
    expect(parsed.reviewers.alice).toMatchObject({ nextWindowHitRate: 1, batchingBoundHours: null });
  });

  it("writes null, never NaN, where a week has nothing to measure", async () => {
    const io = captureIo();
    await printMetrics(store, { repo: "acme/app", week: "2026-W30", json: true }, io, now);
    expect(io.stdout[0]).not.toMatch(/NaN/);
    const parsed = JSON.parse(io.stdout[0] ?? "") as MetricsJson;
    expect(parsed.team).toEqual({
      reviewSessions: 0,
      inWindowShare: null,
      interruptionsPerWorkday: null,
      prsPerSession: null,
      pickupP50Hours: null,
      pickupP90Hours: null,
      targetBreaches: 0,
      teachingRatio: null,
      harshComments: 0,
      feedbackComments: 0,
      nextWindowHitRate: null,
      windowSlipMinutes: null,
      batchingBoundHours: 4.5,
      batchingWaitP50Hours: null,
    });
    expect(parsed.reviewers).toEqual({});
  });

  it("gives a reviewer without feedback a null teaching ratio", async () => {
    const io = captureIo();
    await printMetrics(store, { repo: "acme/app", week: "2026-W47", json: true }, io, now);
    const parsed = JSON.parse(io.stdout[0] ?? "") as MetricsJson;
    // carol's only comments this week are corrections; everyone has a pickup p90 or null, never NaN.
    expect(parsed.reviewers.carol?.teachingRatio).toBe(0);
    expect(parsed.reviewers.erin?.pickupP50Hours).toBeNull();
  });

  it("prints the team and every reviewer as a table", async () => {
    const io = captureIo();
    expect(await printMetrics(store, { repo: "acme/app", week: "2026-W47" }, io, now)).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain("acme/app · 2026-W47 (16–22 Nov 2026, Europe/Berlin)");
    expect(text).toContain("config: defaults (no config stored for this repository)");
    expect(text).toMatch(/ {2}in-window share +75%/);
    expect(text).toMatch(/ {2}pickup p90, business hours +13 h {2}\(wall-clock 29 h\)/);
    expect(text).toContain(
      "  next-window hit rate 50% · window slip 14 min · batching bound 4.5 h · batching-attributable wait p50 0.5 h",
    );
    expect(text).toMatch(/ {2}reviewer +sessions +in-window/);
    expect(text).toMatch(/ {2}alice +1 +100%/);
  });

  it("uses the stored config of the repository when no file is given", async () => {
    await seedStore(
      store,
      { events: [], assessments: new Map() },
      {
        config: repoConfig({ review_windows: { timezone: "Europe/Berlin", first_review_target_hours: 100 } }),
      },
    );
    const io = captureIo();
    await printMetrics(store, { repo: "acme/app", week: "2026-W47", json: true }, io, now);
    expect((JSON.parse(io.stdout[0] ?? "") as MetricsJson).team.targetBreaches).toBe(0);
  });
});

describe("review-coach metrics arguments", () => {
  const dir = () => mkdtempSync(join(tmpdir(), "review-coach-metrics-"));

  it("rejects a malformed week with a clear message and exit 2", async () => {
    const io = captureIo();
    const code = await runCli(
      ["metrics", "--repo", "acme/app", "--week", "2026-47", "--db", join(dir(), "s.sqlite")],
      io,
    );
    expect(code).toBe(2);
    expect(io.stderr.join("\n")).toContain(
      '--week "2026-47" is not an ISO week; expected YYYY-Www such as 2026-W47',
    );
  });

  it("rejects a week that does not exist", async () => {
    const io = captureIo();
    expect(
      await runCli(
        ["metrics", "--repo", "acme/app", "--week", "2026-W54", "--db", join(dir(), "s.sqlite")],
        io,
      ),
    ).toBe(2);
    expect(io.stderr.join("\n")).toContain('"2026-W54" is not an ISO week');
  });

  it("rejects a repository that is not OWNER/NAME", async () => {
    const io = captureIo();
    expect(
      await runCli(["metrics", "--repo", "app", "--week", "2026-W47", "--db", join(dir(), "s.sqlite")], io),
    ).toBe(2);
    expect(io.stderr.join("\n")).toContain('--repo "app" is not a repository');
  });

  it("exits 1 with the located errors of an invalid config file", async () => {
    const work = dir();
    const file = join(work, "review-coach.yml");
    writeFileSync(file, "review_windows:\n  timezone: Mars/Olympus\n  windwos: []\n");
    await (await openStore(join(work, "s.sqlite"))).close();
    const io = captureIo();
    const code = await runCli(
      [
        "metrics",
        "--repo",
        "acme/app",
        "--week",
        "2026-W47",
        "--config",
        file,
        "--db",
        join(work, "s.sqlite"),
      ],
      io,
    );
    expect(code).toBe(1);
    const err = io.stderr.join("\n");
    expect(err).toContain(`Invalid config in ${file}:`);
    expect(err).toMatch(/line 2, col 13: review_windows\.timezone/);
    expect(err).toMatch(/line 3, col 3: .*windwos/);
  });

  it("applies a valid config file and reads the store given by --db", async () => {
    const work = dir();
    const db = join(work, "s.sqlite");
    const seeded = await openStore(db);
    await seedStore(seeded, week("2026-11-16", 470));
    await seeded.close();
    const file = join(work, "review-coach.yml");
    writeFileSync(file, "review_windows:\n  timezone: Europe/Berlin\n  first_review_target_hours: 40\n");
    const io = captureIo();
    const code = await runCli(
      ["metrics", "--repo", "acme/app", "--week", "2026-W47", "--config", file, "--json", "--db", db],
      io,
    );
    expect(code).toBe(0);
    const parsed = JSON.parse(io.stdout[0] ?? "") as MetricsJson;
    expect(parsed.team.targetBreaches).toBe(0);
    expect(parsed.team.reviewSessions).toBe(4);
  });
});
