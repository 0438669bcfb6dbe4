import { describe, expect, it } from "@jest/globals";
import { computeWeekMetrics, computeWeeks } from "../../src/figures/compute-weeks.js";
import { consecutiveWeeks } from "../../src/figures/iso-week.js";
import { at, input, pr } from "./factory.js";

describe("computeWeeks", () => {
  const one = pr(1);
  const two = pr(2, "ben");
  const events = [
    one.opened(at("2026-11-10 09:00")),
    one.review("bob", at("2026-11-12 10:00")),
    two.opened(at("2026-11-18 16:00")),
    two.comment("carol", at("2026-11-18 16:10")),
    one.comment("carol", at("2026-11-26 09:45")),
  ];

  it("gives each week what computeWeekMetrics gives it, in the order asked", () => {
    const weeks = ["2026-W48", ...consecutiveWeeks("2026-W47", 3)];

    const results = computeWeeks(input("unused", events), weeks);

    expect(results.map((r) => r.week)).toEqual(["2026-W48", "2026-W45", "2026-W46", "2026-W47"]);
    for (const [i, week] of weeks.entries()) {
      expect(results[i]).toEqual(computeWeekMetrics(input(week, events)));
    }
  });

  it("answers a week asked twice twice", () => {
    const results = computeWeeks(input("unused", events), ["2026-W47", "2026-W47"]);
    expect(results).toHaveLength(2);
    expect(results[0]).toEqual(results[1]);
  });
});
