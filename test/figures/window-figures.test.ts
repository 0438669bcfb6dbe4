// Hand-computed next-window figures (docs/metrics.md, "Next-window figures").
import { describe, expect, it } from "@jest/globals";
import { batchingBound } from "../../src/figures/batching-bound.js";
import { computeWeeks } from "../../src/figures/compute-weeks.js";
import type { WeekMetrics } from "../../src/figures/week-metrics.js";
import { at, input, pr, windowsConfig } from "./factory.js";

const figures = (week: WeekMetrics) => {
  if (week.windowFigures === undefined) throw new Error("no window figures");
  return week.windowFigures;
};

// Defaults: Europe/Berlin, windows 09:30-10:30 and 15:00-16:00, working hours 09:00-17:00 Mon-Fri, target 8 h.
describe("next-window figures, an ordinary week (2026-W47, Mon 16 – Sun 22 Nov, CET)", () => {
  const one = pr(1);
  const two = pr(2);
  const three = pr(3);
  const four = pr(4);
  const five = pr(5);
  const events = [
    // Ready Mon 11:00, due Mon 15:00-16:00, reviewed Mon 15:20: a hit; waited 4 h for the window.
    one.opened(at("2026-11-16 11:00")),
    one.review("bob", at("2026-11-16 15:20")),
    // Ready inside Mon's 09:30 window, so due Mon 15:00; reviewed Tue 09:40: a miss. Waited 5 h for the window it
    // was due in (10:00 → 15:00); the night and the missed window are not batching's.
    two.opened(at("2026-11-16 10:00")),
    two.review("bob", at("2026-11-17 09:40")),
    // Ready Friday evening: due Mon 23 Nov 09:30 (next week), reviewed 09:35 by carol: a hit in W48, waited 0.5 h
    // of business time (Mon 09:00-09:30) for the window.
    three.opened(at("2026-11-20 18:30")),
    three.review("carol", at("2026-11-23 09:35")),
    // Ready Tue 11:00, never reviewed: a miss in W47 (due Tue 15:00).
    four.opened(at("2026-11-17 11:00")),
    // Closed before its window opened: not counted.
    five.opened(at("2026-11-18 11:00")),
    five.closed(at("2026-11-18 12:00")),
  ];
  const [w47, w48] = computeWeeks(input("2026-W47", events), ["2026-W47", "2026-W48"]) as WeekMetrics[];

  it("counts each wait once, in the week of the window it was due in", () => {
    expect(figures(w47 as WeekMetrics).team.nextWindowHitRate).toBeCloseTo(1 / 3); // PR 1 of PRs 1, 2, 4
    expect(figures(w48 as WeekMetrics).team.nextWindowHitRate).toBe(1); // PR 3
  });

  it("gives a reviewer the waits they picked up", () => {
    expect(figures(w47 as WeekMetrics).reviewers.bob?.nextWindowHitRate).toBe(0.5);
    expect(figures(w48 as WeekMetrics).reviewers.carol?.nextWindowHitRate).toBe(1);
  });

  it("measures window slip from the window's opening to the first session in it", () => {
    // Mon 15:00 window: bob at 15:20 (20 min); Tue 09:30 window: bob at 09:40 (10). Nearest-rank median of [10, 20].
    expect(figures(w47 as WeekMetrics).team.windowSlipMinutes).toBe(10);
    expect(figures(w48 as WeekMetrics).team.windowSlipMinutes).toBe(5);
  });

  it("attributes to batching only the wait for the window a PR was due in", () => {
    expect(figures(w47 as WeekMetrics).team.batchingWaitP50Hours).toBe(4); // median of [4, 5]
    expect(figures(w48 as WeekMetrics).team.batchingWaitP50Hours).toBe(0.5);
  });

  it("reports the batching bound for the team only", () => {
    // After the 09:30-10:30 window: 10:30 → 15:00 = 4.5 h (after 15:00-16:00: 16-17 + 09-09:30 = 1.5 h).
    expect(figures(w47 as WeekMetrics).team.batchingBoundHours).toBe(4.5);
    expect(figures(w47 as WeekMetrics).reviewers.bob?.batchingBoundHours).toBeNull();
  });

  it("has nothing to measure in an empty week", () => {
    const [empty] = computeWeeks(input("2026-W45", events), ["2026-W45"]) as WeekMetrics[];
    expect(figures(empty as WeekMetrics).team).toEqual({
      nextWindowHitRate: null,
      windowSlipMinutes: null,
      batchingBoundHours: 4.5,
      batchingWaitP50Hours: null,
    });
  });
});

describe("next-window figures across a DST change (Sun 25 Oct 2026, CEST → CET)", () => {
  it("reads the window's opening on the new offset", () => {
    // Every day a workday, one window 09:30-10:30. Ready Sat 24 Oct 12:00 CEST (10:00Z); due Sun 25 Oct 09:30 CET
    // (08:30Z); reviewed 09:50 CET (08:50Z): a hit, 20 min of slip (80 if the opening were read at CEST), and
    // 5 h (Sat 12-17) + 0.5 h (Sun 09-09:30) of business time waiting for the window.
    const config = windowsConfig({
      windows: ["09:30-10:30"],
      workdays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    });
    const one = pr(1);
    const events = [one.opened(at("2026-10-24 12:00")), one.review("bob", at("2026-10-25 09:50"))];
    expect(at("2026-10-25 09:50")).toBe("2026-10-25T08:50:00.000Z");
    const [week] = computeWeeks(input("2026-W43", events, { config }), ["2026-W43"]) as WeekMetrics[];
    expect(figures(week as WeekMetrics).team).toEqual({
      nextWindowHitRate: 1,
      windowSlipMinutes: 20,
      batchingBoundHours: 7, // 10:30 → 17:00 (6.5 h) + 09:00 → 09:30 the next day (0.5 h)
      batchingWaitP50Hours: 5.5,
    });
  });
});

describe("next-window figures with holidays", () => {
  it("skips a holiday when finding the window a PR is due in", () => {
    // Mon 23 Nov is a holiday. Ready Fri 20 Nov 18:30: due Tue 24 Nov 09:30-10:30.
    const config = windowsConfig({ holidays: ["2026-11-23"] });
    const one = pr(1);
    const two = pr(2);
    const three = pr(3);
    const events = [
      one.opened(at("2026-11-20 18:30")),
      one.review("bob", at("2026-11-23 11:00")), // on the holiday, before the window: a hit, not in a window
      two.opened(at("2026-11-20 18:40")),
      two.review("bob", at("2026-11-24 09:45")), // in the due window: a hit; 0.5 h waited (Tue 09:00-09:30)
      three.opened(at("2026-11-20 18:50")),
      three.review("bob", at("2026-11-24 11:00")), // after it closed: a miss
    ];
    const [week] = computeWeeks(input("2026-W48", events, { config }), ["2026-W48"]) as WeekMetrics[];
    const team = figures(week as WeekMetrics).team;
    expect(team.nextWindowHitRate).toBeCloseTo(2 / 3);
    expect(team.batchingWaitP50Hours).toBe(0.5);
    // Only the Tue 09:30 window had a session starting in it (the 11:00 sessions are outside every window).
    expect(team.windowSlipMinutes).toBe(15);
  });
});

describe("next-window figures for a reviewer in another timezone", () => {
  // 2026-W44 (Mon 26 Oct – Sun 1 Nov): Berlin is back on CET (UTC+1), New York still on EDT (UTC−4) until Sunday,
  // so alice's 09:30 window opens at 14:30 Berlin time this week (15:30 the week after).
  const config = windowsConfig({ reviewers: { alice: { timezone: "America/New_York" } } });
  const one = pr(1);
  const two = pr(2);
  const events = [
    // Ready Mon 11:00 Berlin; team due Mon 15:00-16:00 Berlin; alice reviews 09:40 NY = 14:40 Berlin: a hit. In her
    // own 09:30 window (14:30 Berlin), due there too: waited 11:00 → 14:30 = 3.5 h; slip 10 min.
    one.opened(at("2026-10-26 11:00")),
    one.review("alice", at("2026-10-26 09:40", "America/New_York")),
    // Ready Mon 16:30 Berlin; team due Tue 09:30-10:30 Berlin; alice reviews Tue 09:35 NY = 14:35 Berlin: a miss.
    // Her next window after 16:30 Berlin (11:30 NY) is 15:00 NY = 20:00 Berlin, outside business hours: 0.5 h
    // (16:30 → 17:00) attributed to batching; she then picked it up in Tue's 09:30 NY window (slip 5 min).
    two.opened(at("2026-10-26 16:30")),
    two.review("alice", at("2026-10-27 09:35", "America/New_York")),
  ];
  const [week] = computeWeeks(input("2026-W44", events, { config }), ["2026-W44"]) as WeekMetrics[];

  it("reads her windows in her timezone and the due window in the team's", () => {
    expect(at("2026-10-26 09:40", "America/New_York")).toBe(at("2026-10-26 14:40"));
    expect(figures(week as WeekMetrics).team).toEqual({
      nextWindowHitRate: 0.5,
      windowSlipMinutes: 5, // median of [10, 5]
      batchingBoundHours: 4.5,
      batchingWaitP50Hours: 0.5, // median of [3.5, 0.5]
    });
    expect(figures(week as WeekMetrics).reviewers.alice).toEqual({
      nextWindowHitRate: 0.5,
      windowSlipMinutes: 5,
      batchingBoundHours: null,
      batchingWaitP50Hours: 0.5,
    });
  });
});

describe("batchingBound", () => {
  const bound = (overrides: Parameters<typeof windowsConfig>[0]) => batchingBound(windowsConfig(overrides));

  it("is the longest business wait from a window's close to the next opening", () => {
    expect(bound({})).toEqual({ hours: 4.5, after: "09:30-10:30" });
    // One afternoon window: 16:00 → 17:00, then 09:00 → 15:00 the next workday (the weekend adds nothing).
    expect(bound({ windows: ["15:00-16:00"] })).toEqual({ hours: 7, after: "15:00-16:00" });
    expect(bound({ windows: ["09:30-10:00"] })).toEqual({ hours: 7.5, after: "09:30-10:00" });
  });

  it("counts a window outside working hours as a whole working day between openings", () => {
    expect(bound({ windows: ["18:00-19:00"] })).toEqual({ hours: 8, after: "18:00-19:00" });
  });

  it("is null without windows", () => {
    expect(bound({ windows: [] })).toBeNull();
  });
});
