import { describe, expect, it } from "@jest/globals";
import { computeWeekMetrics } from "../../src/figures/compute-weeks.js";
import { METRIC_KEYS } from "../../src/figures/week-metrics.js";
import { assessed, at, input, pr, windowsConfig } from "./factory.js";

// 2026-W47 = Mon 16 – Sun 22 Nov 2026 in Berlin (CET, UTC+1). Defaults: windows 09:30-10:30 and 15:00-16:00,
// working hours 09:00-17:00 Mon-Fri, session gap 30 min, target 8 business hours.
const W47 = "2026-W47";

describe("computeWeekMetrics: sessions and windows", () => {
  it("counts sessions, in-window share, interruptions per workday and PRs per session", () => {
    const one = pr(1);
    const two = pr(2);
    const three = pr(3, "ben");
    const events = [
      one.opened(at("2026-11-16 09:00")),
      two.opened(at("2026-11-16 09:00")),
      three.opened(at("2026-11-17 09:00")),
      // bob, Mon 09:45-10:05: PRs 1 and 2, starts in a window
      one.review("bob", at("2026-11-16 09:45")),
      one.reviewComment("bob", at("2026-11-16 09:45")),
      two.comment("bob", at("2026-11-16 10:05")),
      // bob, Mon 13:00: PR 1, outside (gap 175 min)
      one.comment("bob", at("2026-11-16 13:00")),
      // bob, Tue 15:10: PR 3, in a window
      three.review("bob", at("2026-11-17 15:10")),
      // carol, Wed 11:00: PR 3, outside
      three.review("carol", at("2026-11-18 11:00")),
    ];

    const week = computeWeekMetrics(input(W47, events));

    // bob: 3 sessions, 2 in window; 1 interruption over 2 days (Mon, Tue); PRs (2 + 1 + 1) / 3
    expect(week.reviewers.bob).toMatchObject({
      reviewSessions: 3,
      inWindowShare: 2 / 3,
      interruptionsPerWorkday: 0.5,
      prsPerSession: 4 / 3,
    });
    // carol: 1 session outside, 1 day
    expect(week.reviewers.carol).toMatchObject({
      reviewSessions: 1,
      inWindowShare: 0,
      interruptionsPerWorkday: 1,
    });
    // team: 4 sessions, 2 in window → 0.5; 2 interruptions / 3 reviewer-days; PRs (2+1+1+1) / 4 = 1.25
    expect(week.team).toMatchObject({
      reviewSessions: 4,
      inWindowShare: 0.5,
      interruptionsPerWorkday: 2 / 3,
      prsPerSession: 1.25,
    });
    expect(week.teamExtras).toMatchObject({
      activeReviewers: 2,
      reviewerDays: 3,
      interruptions: 2,
      pickups: 3,
    });
  });

  it("measures pickups in business hours with nearest-rank percentiles, for the reviewer who picked up", () => {
    const one = pr(1);
    const two = pr(2);
    const three = pr(3, "ben");
    const events = [
      one.opened(at("2026-11-16 09:00")),
      two.opened(at("2026-11-16 09:00")),
      three.opened(at("2026-11-17 09:00")),
      one.review("bob", at("2026-11-16 09:45")), // PR 1: 0.75 h
      two.comment("bob", at("2026-11-16 10:05")), // PR 2: 65 min = 13/12 h
      three.review("carol", at("2026-11-17 15:10")), // PR 3: 6 h 10 min = 37/6 h
      three.review("bob", at("2026-11-18 11:00")), // not a first review
    ];

    const week = computeWeekMetrics(input(W47, events));

    // sorted [0.75, 13/12, 37/6]: p50 rank ceil(1.5) = 2 → 13/12; p90 rank ceil(2.7) = 3 → 37/6
    expect(week.team.pickupP50Hours).toBeCloseTo(13 / 12, 10);
    expect(week.team.pickupP90Hours).toBeCloseTo(37 / 6, 10);
    expect(week.teamExtras.pickupP50WallClockHours).toBeCloseTo(13 / 12, 10);
    expect(week.reviewers.bob?.pickupP50Hours).toBe(0.75); // bob's: [0.75, 13/12] → rank 1
    expect(week.reviewers.carol?.pickupP50Hours).toBeCloseTo(37 / 6, 10);
    expect(week.waits.map((w) => [w.prNumber, w.reviewer])).toEqual([
      [3, "carol"],
      [2, "bob"],
      [1, "bob"],
    ]);
    expect(week.team.targetBreaches).toBe(0);
  });

  it("gives each reviewer's sessions to the windows and days of their own timezone", () => {
    // W12 = Mon 16 – Sun 22 Mar 2026. New York is on EDT (UTC-4) since 8 Mar, Berlin still CET (UTC+1).
    const one = pr(1);
    const events = [
      one.opened("2026-03-16T08:00:00Z"),
      one.review("alice", "2026-03-16T13:45:00Z"), // 09:45 New York: in window
      one.review("alice", "2026-03-17T03:00:00Z"), // Mon 23:00 New York (Tue 04:00 Berlin): outside
      one.review("bob", "2026-03-16T13:45:00Z"), // 14:45 Berlin: outside
    ];
    const config = windowsConfig({ reviewers: { alice: { timezone: "America/New_York" } } });

    const week = computeWeekMetrics(input("2026-W12", events, { config }));

    // alice: 2 sessions, 1 in window, both on Monday in New York → 1 interruption / 1 day
    expect(week.reviewers.alice).toMatchObject({
      reviewSessions: 2,
      inWindowShare: 0.5,
      interruptionsPerWorkday: 1,
    });
    expect(week.reviewers.bob).toMatchObject({ reviewSessions: 1, inWindowShare: 0 });
  });
});

describe("computeWeekMetrics: identity", () => {
  it("tells PRs with the same number in different repositories apart", () => {
    const app = pr(1, "ana", { id: 1, fullName: "acme/app" });
    const api = pr(1, "ana", { id: 2, fullName: "acme/api" });
    const events = [
      app.opened(at("2026-11-16 09:00")),
      api.opened(at("2026-11-16 09:00")),
      app.review("bob", at("2026-11-16 10:00")),
      api.review("bob", at("2026-11-16 10:10")),
    ];

    const week = computeWeekMetrics(input(W47, events));

    expect(week.team.prsPerSession).toBe(2);
    expect(week.waits.map((w) => w.repoFullName).sort()).toEqual(["acme/api", "acme/app"]);
  });

  it("counts an event delivered twice once", () => {
    const one = pr(1);
    const review = one.review("bob", at("2026-11-16 10:00"), { id: 99 });
    const events = [
      one.opened(at("2026-11-16 09:00")),
      review,
      { ...review },
      one.review("bob", at("2026-11-16 11:00")),
    ];

    const week = computeWeekMetrics(
      input(W47, events, { assessments: assessed([["review:99", "teaching"]]) }),
    );

    expect(week.team).toMatchObject({ reviewSessions: 2, feedbackComments: 1 });
  });
});

describe("computeWeekMetrics: week boundaries in the team timezone", () => {
  it("counts Sunday 23:30 in Berlin in the week that ends, Monday 00:30 in the next", () => {
    const one = pr(1);
    const events = [
      one.opened(at("2026-11-20 09:00")),
      one.comment("bob", at("2026-11-22 23:30")), // Sun 22:30Z
      one.comment("bob", at("2026-11-23 00:31")), // Mon, 61 min later: a new session
    ];
    expect(computeWeekMetrics(input(W47, events)).team.reviewSessions).toBe(1);
    expect(computeWeekMetrics(input("2026-W48", events)).team.reviewSessions).toBe(1);
  });

  it("gives a session that runs past Sunday midnight to the week it started in", () => {
    const one = pr(1);
    const events = [
      one.opened(at("2026-11-20 09:00")),
      one.comment("bob", at("2026-11-22 23:50")),
      one.comment("bob", at("2026-11-23 00:10")), // 20 min later: same session
    ];
    expect(computeWeekMetrics(input(W47, events)).team.reviewSessions).toBe(1);
    expect(computeWeekMetrics(input("2026-W48", events)).team.reviewSessions).toBe(0);
  });
});

describe("computeWeekMetrics: who and what counts", () => {
  it("excludes bots, ignored users and the author, so a bot review does not zero the pickup", () => {
    const one = pr(1);
    const events = [
      one.opened(at("2026-11-16 09:00")),
      one.review("coderabbitai[bot]", at("2026-11-16 09:05"), { isBot: true }),
      one.comment("review-coach[bot]", at("2026-11-16 09:06"), { isBot: true, isApp: true }),
      one.review("Copilot", at("2026-11-16 09:10")), // in ignoreUsers (compared case-insensitively)
      one.reviewComment("ana", at("2026-11-16 09:20")), // the author replying
      one.review("bob", at("2026-11-16 12:00")),
    ];

    const week = computeWeekMetrics(input(W47, events, { ignoreUsers: ["copilot"] }));

    expect(week.waits).toHaveLength(1);
    expect(week.waits[0]).toMatchObject({ reviewer: "bob", businessHours: 3 }); // 09:00 → 12:00
    expect(Object.keys(week.reviewers)).toEqual(["bob"]);
    expect(week.team.reviewSessions).toBe(1);
    expect(week.excluded).toEqual({ botEvents: 2, ignoredUsers: 1, selfReviews: 1, draftActivities: 0 });
  });

  it("does not count activity while the PR is a draft, and starts the clock when it is made ready", () => {
    const one = pr(1);
    const events = [
      one.opened(at("2026-11-16 09:00"), { draft: true }),
      one.comment("bob", at("2026-11-16 10:00")),
      one.readyForReview(at("2026-11-16 13:00")),
      one.review("bob", at("2026-11-16 14:00")),
    ];

    const week = computeWeekMetrics(input(W47, events));

    expect(week.team.reviewSessions).toBe(1); // only 14:00
    expect(week.excluded.draftActivities).toBe(1);
    expect(week.waits[0]).toMatchObject({ readyAt: at("2026-11-16 13:00"), businessHours: 1 }); // not 5 from opening
  });

  it("falls back to the activity's own draft flag when the PR's lifecycle is not stored", () => {
    const one = pr(1);
    const two = pr(2);
    const events = [
      one.comment("bob", at("2026-11-16 10:00"), { draft: true }), // no lifecycle: payload says draft
      two.comment("bob", at("2026-11-16 10:00"), { draft: null }), // first lifecycle event is "ready": was a draft
      two.readyForReview(at("2026-11-16 11:00")),
      two.review("carol", at("2026-11-16 12:00")),
    ];

    const week = computeWeekMetrics(input(W47, events));

    expect(week.excluded.draftActivities).toBe(2);
    expect(week.waits.map((w) => [w.prNumber, w.businessHours])).toEqual([[2, 1]]); // PR 1 has no known ready time
  });

  it("stops the clock when the PR goes back to draft and starts it afresh when ready again", () => {
    const one = pr(1);
    const events = [
      one.opened(at("2026-11-16 09:00")),
      one.convertedToDraft(at("2026-11-16 10:00")),
      one.readyForReview(at("2026-11-17 09:00")),
      one.review("bob", at("2026-11-17 11:00")),
    ];
    expect(computeWeekMetrics(input(W47, events)).waits[0]?.businessHours).toBe(2); // Tue 09:00 → 11:00
  });

  it("does not restart the clock when a review is re-requested", () => {
    const one = pr(1);
    const two = pr(2);
    const events = [
      one.opened(at("2026-11-16 09:00")),
      one.reviewRequested(at("2026-11-16 09:00"), "bob"),
      one.reviewRequested(at("2026-11-17 09:00"), "carol"), // re-request, nobody has reviewed yet
      one.review("carol", at("2026-11-17 10:00")),
      // PR 2: reviewed, re-requested, reviewed again: still one pickup
      two.opened(at("2026-11-16 09:00")),
      two.review("bob", at("2026-11-16 10:00")),
      two.reviewRequested(at("2026-11-17 09:00"), "bob"),
      two.review("bob", at("2026-11-17 12:00")),
    ];

    const week = computeWeekMetrics(input(W47, events));

    // PR 1: Mon 09:00-17:00 = 8 + Tue 09:00-10:00 = 1 → 9 (not 1); 9 > 8 → a breach
    expect(week.waits.map((w) => [w.prNumber, w.businessHours])).toEqual([
      [1, 9],
      [2, 1],
    ]);
    expect(week.team.targetBreaches).toBe(1);
    expect(week.reviewers.carol?.targetBreaches).toBe(1);
  });

  it("restarts the clock when a PR is reopened, and a PR closed without review is neither a pickup nor waiting", () => {
    const one = pr(1);
    const two = pr(2);
    const events = [
      one.opened(at("2026-11-16 09:00")),
      one.closed(at("2026-11-16 11:00")),
      one.reopened(at("2026-11-17 09:00")),
      one.review("bob", at("2026-11-17 12:00")),
      two.opened(at("2026-11-16 09:00")),
      two.closed(at("2026-11-18 09:00")),
    ];

    const week = computeWeekMetrics(input(W47, events));

    expect(week.waits).toHaveLength(1);
    expect(week.waits[0]).toMatchObject({ prNumber: 1, readyAt: at("2026-11-17 09:00"), businessHours: 3 });
    expect(week.openEnded).toEqual([]);
  });

  it("measures PRs opened by bots for nobody's pickup, but counts reviewing them", () => {
    const deps = pr(7, "dependabot[bot]");
    const events = [
      deps.opened(at("2026-11-16 09:00"), { isBot: true }),
      deps.review("bob", at("2026-11-18 10:00")),
    ];

    const week = computeWeekMetrics(input(W47, events));

    expect(week.waits).toEqual([]);
    expect(week.openEnded).toEqual([]);
    expect(week.team.reviewSessions).toBe(1);
  });
});

describe("computeWeekMetrics: waits that are still open", () => {
  it("lists a PR without a review at the cutoff, measured up to now in the running week", () => {
    const one = pr(1);
    const events = [one.opened(at("2026-11-18 09:00"))];

    const week = computeWeekMetrics(input(W47, events, { now: new Date(at("2026-11-19 12:00")) }));

    // Wed 09:00-17:00 = 8 + Thu 09:00-12:00 = 3 → 11 > 8
    expect(week.openEnded).toEqual([
      {
        repoFullName: "acme/app",
        prNumber: 1,
        prAuthor: "ana",
        readyAt: at("2026-11-18 09:00"),
        asOf: at("2026-11-19 12:00"),
        waitedBusinessHours: 11,
        waitedWallClockHours: 27,
        overTarget: true,
      },
    ]);
    expect(week.team.targetBreaches).toBe(1);
    expect(week.team.pickupP50Hours).toBeNull();
  });

  it("measures Friday 16:00 → Monday 10:00 as open-ended at the week's end, then as a 2-hour pickup", () => {
    const one = pr(1);
    const events = [one.opened(at("2026-11-20 16:00")), one.review("bob", at("2026-11-23 10:00"))];

    const w47 = computeWeekMetrics(input(W47, events));
    const w48 = computeWeekMetrics(input("2026-W48", events));

    // W47 ends Mon 23 Nov 00:00: Fri 16:00-17:00 = 1 business hour, 56 wall-clock hours
    expect(w47.openEnded).toMatchObject([
      { asOf: at("2026-11-23 00:00"), waitedBusinessHours: 1, waitedWallClockHours: 56 },
    ]);
    expect(w47.waits).toEqual([]);
    // W48: 1 + Mon 09:00-10:00 = 2 business hours; 66 wall-clock hours
    expect(w48.waits).toMatchObject([
      { businessHours: 2, wallClockHours: 66, reviewer: "bob", overTarget: false },
    ]);
    expect(w48.team.pickupP50Hours).toBe(2);
    expect(w48.teamExtras.pickupP50WallClockHours).toBe(66);
    expect(w48.openEnded).toEqual([]);
  });

  it("counts a wait that goes over target once, in the week it went over", () => {
    const one = pr(1); // waits from Wed W47 to Mon W49
    const two = pr(2); // 2 h at the end of W47, picked up in W48 at 17 h
    const events = [
      one.opened(at("2026-11-18 09:00")),
      one.review("bob", at("2026-11-30 10:00")),
      two.opened(at("2026-11-20 15:00")),
      two.review("carol", at("2026-11-24 16:00")),
    ];
    const [w47, w48, w49] = ["2026-W47", "2026-W48", "2026-W49"].map((week) =>
      computeWeekMetrics(input(week, events)),
    );

    // PR 1: end of W47: Wed + Thu + Fri = 24 > 8 → breach in W47
    expect(w47?.openEnded.map((o) => [o.prNumber, o.waitedBusinessHours, o.overTarget])).toEqual([
      [1, 24, true],
      [2, 2, false],
    ]);
    expect(w47?.team.targetBreaches).toBe(1);
    // W48: PR 1 still waiting (24 + 5 × 8 = 64) but already counted; PR 2 picked up: 2 + Mon 8 + Tue 7 = 17 > 8,
    // and it was only at 2 when W48 began → carol's breach
    expect(w48?.openEnded.map((o) => [o.prNumber, o.waitedBusinessHours])).toEqual([[1, 64]]);
    expect(w48?.waits.map((w) => [w.prNumber, w.businessHours])).toEqual([[2, 17]]);
    expect(w48?.team.targetBreaches).toBe(1);
    expect(w48?.reviewers.carol?.targetBreaches).toBe(1);
    // W49: PR 1 picked up at 64 + 1 = 65, over target, not counted again
    expect(w49?.waits).toMatchObject([{ prNumber: 1, businessHours: 65, overTarget: true }]);
    expect(w49?.team.targetBreaches).toBe(0);
    expect(w49?.reviewers.bob?.targetBreaches).toBe(0);
  });

  it("does not list anything for a week that has not begun", () => {
    const one = pr(1);
    const events = [one.opened(at("2026-11-18 09:00"))];
    const week = computeWeekMetrics(input("2026-W48", events, { now: new Date(at("2026-11-19 12:00")) }));
    expect(week.openEnded).toEqual([]);
  });
});

describe("computeWeekMetrics: feedback", () => {
  it("computes the teaching ratio and harsh count from assessed review activity only", () => {
    const one = pr(1);
    const events = [
      one.opened(at("2026-11-16 09:00")),
      one.review("bob", at("2026-11-16 10:00"), { id: 1 }),
      one.reviewComment("bob", at("2026-11-16 10:00"), { id: 2 }),
      one.reviewComment("carol", at("2026-11-16 11:00"), { id: 3 }),
      one.comment("carol", at("2026-11-16 11:05"), { id: 4 }),
      one.reviewComment("carol", at("2026-11-17 15:00"), { id: 5, deletedAt: at("2026-11-17 15:30") }),
      one.reviewComment("ana", at("2026-11-16 12:00"), { id: 6 }), // the author
    ];
    const assessments = assessed([
      ["review:1", "teaching"],
      ["review_comment:2", "correcting", "harsh"],
      ["review_comment:3", "teaching"],
      ["issue_comment:4", "not-feedback"],
      ["review_comment:5", "correcting", "harsh"], // deleted: no longer feedback
      ["review_comment:6", "correcting"], // self: not review activity
    ]);

    const week = computeWeekMetrics(input(W47, events, { assessments }));

    // teaching 2 (1, 3) / (2 + correcting 1 (2)) = 2/3
    expect(week.team).toMatchObject({ teachingRatio: 2 / 3, feedbackComments: 3, harshComments: 1 });
    expect(week.reviewers.bob).toMatchObject({ teachingRatio: 0.5, feedbackComments: 2, harshComments: 1 });
    expect(week.reviewers.carol).toMatchObject({ teachingRatio: 1, feedbackComments: 1, harshComments: 0 });
    // the deleted comment still interrupted carol: sessions Mon 11:00 and Tue 15:00
    expect(week.reviewers.carol?.reviewSessions).toBe(2);
  });
});

describe("computeWeekMetrics: no data", () => {
  it("returns nulls and zeros, never NaN, for an empty week", () => {
    const week = computeWeekMetrics(input(W47, []));

    expect(week.team).toEqual({
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
    });
    expect(Object.keys(week.team)).toEqual([...METRIC_KEYS]);
    expect(week.teamExtras).toEqual({
      pickups: 0,
      pickupP50WallClockHours: null,
      pickupP90WallClockHours: null,
      activeReviewers: 0,
      reviewerDays: 0,
      interruptions: 0,
    });
    expect(week).toMatchObject({
      week: W47,
      start: "2026-11-16T00:00:00.000+01:00",
      end: "2026-11-23T00:00:00.000+01:00",
      reviewers: {},
      openEnded: [],
      waits: [],
      excluded: { botEvents: 0, selfReviews: 0, draftActivities: 0, ignoredUsers: 0 },
    });
  });

  it("gives a reviewer with feedback but no session of their own this week nulls, not NaN", () => {
    const one = pr(1);
    const events = [
      one.opened(at("2026-11-20 09:00")),
      one.comment("bob", at("2026-11-22 23:50"), { id: 10 }), // session starts in W47
      one.comment("bob", at("2026-11-23 00:10"), { id: 11 }), // same session, W48
    ];
    const assessments = assessed([["issue_comment:11", "teaching"]]);

    const week = computeWeekMetrics(input("2026-W48", events, { assessments }));

    expect(week.reviewers.bob).toMatchObject({
      reviewSessions: 0,
      inWindowShare: null,
      interruptionsPerWorkday: null,
      prsPerSession: null,
      teachingRatio: 1,
    });
    for (const value of Object.values(week.reviewers.bob ?? {})) expect(Number.isNaN(value)).toBe(false);
  });
});
