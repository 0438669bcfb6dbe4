import { describe, expect, it } from "@jest/globals";
import { consecutiveWeeks, isoWeekOf, weekBounds } from "../../src/figures/iso-week.js";

const BERLIN = "Europe/Berlin";

describe("weekBounds", () => {
  it("runs from Monday 00:00 to the next Monday 00:00 in the team timezone", () => {
    // 2026-W01 starts Mon 2025-12-29 (1 Jan 2026 is a Thursday); + 46 weeks = Mon 2026-11-16. CET = UTC+1.
    const { start, end } = weekBounds("2026-W47", BERLIN);
    expect(start.toISOString()).toBe("2026-11-15T23:00:00.000Z");
    expect(end.toISOString()).toBe("2026-11-22T23:00:00.000Z");
  });

  it("lasts 167 hours in the week clocks go forward and 169 in the week they go back", () => {
    // W13 = Mon 23 Mar – Sun 29 Mar 2026 (spring forward 29 Mar); W43 = 19–25 Oct (fall back 25 Oct).
    const spring = weekBounds("2026-W13", BERLIN);
    const autumn = weekBounds("2026-W43", BERLIN);
    expect(spring.start.toISOString()).toBe("2026-03-22T23:00:00.000Z"); // 00:00 CET
    expect(spring.end.toISOString()).toBe("2026-03-29T22:00:00.000Z"); // 00:00 CEST
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(167);
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(169);
  });

  it.each(["2025-W53", "2026-W00", "2026-47", "W47", ""])(
    "rejects %p, naming the expected format",
    (week) => {
      expect(() => weekBounds(week, BERLIN)).toThrow(/expected "YYYY-Www"/);
    },
  );

  it("accepts week 53 in a year that has one", () => {
    // 2026 starts on a Thursday, so it has 53 ISO weeks: W53 = Mon 28 Dec 2026 – Sun 3 Jan 2027.
    expect(weekBounds("2026-W53", "UTC").start.toISOString()).toBe("2026-12-28T00:00:00.000Z");
  });
});

describe("isoWeekOf", () => {
  it("puts Sunday 23:30 in Berlin in the week that is ending, though it is already Monday-eve in UTC terms", () => {
    // Sun 22 Nov 23:30 CET = 22:30Z → W47; Mon 23 Nov 00:30 CET = Sun 23:30Z → W48 (UTC would still say W47).
    expect(isoWeekOf(new Date("2026-11-22T22:30:00Z"), BERLIN)).toBe("2026-W47");
    expect(isoWeekOf(new Date("2026-11-22T23:30:00Z"), BERLIN)).toBe("2026-W48");
    expect(isoWeekOf(new Date("2026-11-22T23:30:00Z"), "UTC")).toBe("2026-W47");
  });

  it("uses the ISO week-year at year ends", () => {
    expect(isoWeekOf(new Date("2025-12-29T12:00:00Z"), BERLIN)).toBe("2026-W01");
    expect(isoWeekOf(new Date("2027-01-01T12:00:00Z"), BERLIN)).toBe("2026-W53");
  });
});

describe("consecutiveWeeks", () => {
  it("lists the weeks ending with the given one, oldest first, across a year end", () => {
    // 2025 starts on a Wednesday: 52 weeks.
    expect(consecutiveWeeks("2026-W02", 4)).toEqual(["2025-W51", "2025-W52", "2026-W01", "2026-W02"]);
  });
});
