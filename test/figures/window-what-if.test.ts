// Hand-computed what-if of other review windows (docs/metrics.md, "What if the windows were different").
import { describe, expect, it } from "@jest/globals";
import { nearestRank } from "../../src/figures/percentile.js";
import {
  bestWithinTarget,
  candidateWindowSets,
  paretoFront,
  valuesAtRanks,
  type WindowSetResult,
  windowsWhatIf,
} from "../../src/figures/window-what-if.js";
import { at, input, pr, windowsConfig } from "./factory.js";

// 2026-W47, Berlin, working hours 09:00-17:00 Mon-Fri, today's windows 09:30-10:30 and 15:00-16:00, target 8 h.
// bob reviews three PRs: Mon 11:00 (ready Mon 09:00), Mon 15:10 (ready 14:00), Tue 18:00 (ready Tue 16:30).
// Real reviewer-days: Mon and Tue.
const one = pr(1);
const two = pr(2);
const three = pr(3);
const events = [
  one.opened(at("2026-11-16 09:00")),
  one.review("bob", at("2026-11-16 11:00")),
  two.opened(at("2026-11-16 14:00")),
  two.review("bob", at("2026-11-16 15:10")),
  three.opened(at("2026-11-17 16:30")),
  three.review("bob", at("2026-11-17 18:00")),
];
const replay = (config = windowsConfig()) =>
  windowsWhatIf(input("2026-W47", events, { config }), ["2026-W47"]);

describe("windowsWhatIf", () => {
  const { report, whatIf } = replay();

  it("replays today's windows under the assumption", () => {
    // Mon 11:00 moves to 15:00 (waited 6 h) and shares the 15:00 window with the 15:10 review (1 h 10 min).
    // Tue 18:00 moves to Wed 09:30 (0.5 h Tue + 0.5 h Wed). Windows used: Mon 15:00, Wed 09:30 → 2 / 2 days.
    expect(report.today).toMatchObject({
      windows: ["09:30-10:30", "15:00-16:00"],
      minutes: 120,
      windowsUsed: 2,
      reviewerDays: 2,
      interruptionsPerWorkday: 1,
      pickups: 3,
      pickupP90Hours: 6,
      breaches: 0,
    });
    expect(report.today.pickupP50Hours).toBeCloseTo(7 / 6); // nearest rank of [1, 1 h 10 min, 6]
  });

  it("keeps work that falls inside a candidate's window where it was", () => {
    // 11:00-12:00 and 15:00-16:00: Mon 11:00 stays (2 h), Mon 15:10 stays, Tue 18:00 moves to Wed 11:00
    // (0.5 + 2 = 2.5 h). Windows used: Mon 11:00, Mon 15:00, Wed 11:00 → 3 / 2.
    expect(whatIf.evaluate(["11:00-12:00", "15:00-16:00"])).toMatchObject({
      windowsUsed: 3,
      interruptionsPerWorkday: 1.5,
      pickupP50Hours: 2,
      pickupP90Hours: 2.5,
      breaches: 0,
    });
    // One window 15:00-17:00: Tue 18:00 waits until Wed 15:00 (0.5 + 6 = 6.5 h); 2 windows used.
    expect(whatIf.evaluate(["15:00-17:00"])).toMatchObject({
      windowsUsed: 2,
      interruptionsPerWorkday: 1,
      pickupP90Hours: 6.5,
    });
  });

  it("replays a window outside working hours too (pickups one by one, not from the per-column groups)", () => {
    // 08:00-08:30 and 15:00-16:00: Mon 11:00 moves to 15:00 (6 h), Mon 15:10 stays (1 h 10 min), Tue 18:00 moves to
    // Wed 08:00 (0.5 h of Tue's business hours). Nearest rank of [0.5, 7/6, 6]: p50 7/6, p90 6.
    const result = whatIf.evaluate(["08:00-08:30", "15:00-16:00"]);
    expect(result).toMatchObject({ pickups: 3, pickupP90Hours: 6, breaches: 0 });
    expect(result.pickupP50Hours).toBeCloseTo(7 / 6);
  });

  it("counts a breach when moving the review pushes the wait over the target", () => {
    // Target 2 h: today's Mon 11:00 → 15:00 wait of 6 h is over it.
    const { whatIf: strict } = replay(windowsConfig({ first_review_target_hours: 2 }));
    expect(strict.evaluate(["09:30-10:30", "15:00-16:00"]).breaches).toBe(1);
    expect(strict.evaluate(["11:00-12:00", "15:00-16:00"]).breaches).toBe(1); // 2.5 h; 2 h is not over
  });

  it("reads a reviewer's windows in their own timezone", () => {
    // carol in New York (UTC−5 in November) reviews PR 4 at 09:00 NY = 15:00 Berlin, outside her 09:30 window: it
    // moves to 09:30 NY = 15:30 Berlin. Ready Mon 11:00 Berlin: 4.5 h instead of 4 h.
    const four = pr(4);
    const config = windowsConfig({ reviewers: { carol: { timezone: "America/New_York" } } });
    const result = windowsWhatIf(
      input(
        "2026-W47",
        [
          four.opened(at("2026-11-16 11:00")),
          four.review("carol", at("2026-11-16 09:00", "America/New_York")),
        ],
        { config },
      ),
      ["2026-W47"],
    ).report.today;
    expect(result).toMatchObject({ windowsUsed: 1, reviewerDays: 1, pickups: 1, pickupP50Hours: 4.5 });
  });

  it("moves work on a holiday to the next workday's first window", () => {
    // Mon 16 Nov a holiday: Mon 11:00 and 15:10 move to Tue 09:30, which Tue 18:00 cannot share (it moves on to
    // Wed). Waits: ready Mon 09:00 → Tue 09:30 = 0.5 h (Mon has no business hours); ready Mon 14:00 → 0.5 h;
    // Tue 16:30 → Wed 09:30 = 1 h. Windows used: Tue 09:30, Wed 09:30.
    const { report: holiday } = replay(windowsConfig({ holidays: ["2026-11-16"] }));
    expect(holiday.today).toMatchObject({ windowsUsed: 2, pickupP50Hours: 0.5, pickupP90Hours: 1 });
  });

  it("moves a Friday-evening PR's weekend review to Monday's first window across a DST change", () => {
    // Ready Fri 23 Oct 18:00 CEST, reviewed Sat 24 Oct 11:00 (0 business hours in reality). Berlin leaves summer
    // time on Sun 25 Oct: the review moves to Mon 26 Oct 09:30 CET (08:30Z), 0.5 business hours after ready. Read
    // at the old offset, 09:30 would be 07:30Z, before working hours, and the wait 0.
    const five = pr(5);
    const fridayEvening = [five.opened(at("2026-10-23 18:00")), five.review("bob", at("2026-10-24 11:00"))];
    const { report: dst } = windowsWhatIf(input("2026-W43", fridayEvening), ["2026-W43"]);
    expect(dst.today).toMatchObject({ windowsUsed: 1, reviewerDays: 1, pickups: 1, pickupP50Hours: 0.5 });
  });

  it("puts on the front only sets nothing beats on both axes, and picks the best within the target", () => {
    expect(report.candidates).toBe(3260); // 3,261 candidate sets, one of them today's
    const keys = report.front.map((r) => `${r.interruptionsPerWorkday}|${r.pickupP90Hours}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [i, r] of report.front.entries()) {
      const next = report.front[i + 1];
      if (next !== undefined) {
        expect(next.interruptionsPerWorkday as number).toBeGreaterThan(r.interruptionsPerWorkday as number);
        expect(next.pickupP90Hours as number).toBeLessThan(r.pickupP90Hours as number);
      }
    }
    expect(report.bestWithinTarget?.interruptionsPerWorkday).toBe(report.front[0]?.interruptionsPerWorkday);
  });
});

describe("paretoFront and bestWithinTarget", () => {
  const set = (windows: string, interruptions: number, p90: number): WindowSetResult => ({
    windows: [windows],
    minutes: 60,
    windowsUsed: 0,
    reviewerDays: 1,
    interruptionsPerWorkday: interruptions,
    pickups: 1,
    pickupP50Hours: p90,
    pickupP90Hours: p90,
    breaches: 0,
  });
  const a = set("a", 1, 9);
  const b = set("b", 1.5, 6);
  const c = set("c", 1.5, 7); // beaten by b
  const d = set("d", 2, 6); // beaten by b
  const e = set("e", 2.5, 3);

  it("keeps the sets no other set beats", () => {
    expect(paretoFront([c, d, e, a, b]).map((r) => r.windows[0])).toEqual(["a", "b", "e"]);
  });

  it("picks the fewest interruptions with p90 within the target", () => {
    expect(bestWithinTarget([a, b, c, d, e], 8)?.windows).toEqual(["b"]);
    expect(bestWithinTarget([a], 8)).toBeNull();
  });
});

describe("candidateWindowSets", () => {
  it("enumerates 1 to 3 windows on the 30-minute grid inside working hours, with today's total ± 30 min", () => {
    const sets = candidateWindowSets(windowsConfig());
    // 16 half-hour cells, totals 3, 4, 5 cells: 39 single windows, 680 pairs, 2,542 triples.
    expect(sets).toHaveLength(3261);
    expect(new Set(sets.map((s) => s.join(","))).size).toBe(3261);
    expect(sets).toContainEqual(["09:30-10:30", "15:00-16:00"]);
    expect(sets).toContainEqual(["09:00-09:30", "10:00-10:30", "16:00-17:00"]);
    expect(sets).not.toContainEqual(["09:00-09:30", "09:30-10:30"]); // touching windows are one window
    expect(sets.some((s) => s.some((w) => w < "09:00" || w.slice(6) > "17:00"))).toBe(false);
  });
});

describe("valuesAtRanks", () => {
  it("agrees with nearest rank, values in the same minute and waits over the histogram's range included", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const hour = 3_600_000;
    for (const n of [1, 2, 3, 10, 97, 1000]) {
      const values = Array.from({ length: n }, (_, i) =>
        i % 5 === 0 ? 200 * hour + random() * 50 * hour : Math.floor(random() * 600) * 1000,
      );
      const ranks = [50, 90].map((p) => Math.max(Math.ceil((p * n) / 100), 1) - 1);
      expect(valuesAtRanks(Float64Array.from(values), n, ranks)).toEqual([
        nearestRank(values, 50),
        nearestRank(values, 90),
      ]);
    }
  });
});
