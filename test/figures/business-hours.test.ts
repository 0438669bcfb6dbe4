import { describe, expect, it } from "@jest/globals";
import { businessHoursBetween, createBusinessCalendar } from "../../src/figures/business-calendar.js";
import { at, windowsConfig } from "./factory.js";

const hours = (from: string, to: string, overrides = {}) =>
  businessHoursBetween(new Date(at(from)), new Date(at(to)), windowsConfig(overrides));

describe("businessHoursBetween (Europe/Berlin, 09:00-17:00, Mon-Fri)", () => {
  it("counts ready Friday 16:00 → first review Monday 10:00 as 2 hours (the example in docs/architecture.md, Metrics)", () => {
    // Fri 16:00-17:00 = 1, Sat + Sun = 0, Mon 09:00-10:00 = 1 → 2 (wall clock: 66 h)
    expect(hours("2026-11-20 16:00", "2026-11-23 10:00")).toBe(2);
  });

  it("skips holidays", () => {
    // Fri 16:00-17:00 = 1, Mon 23 Nov is a holiday = 0, Tue 09:00-10:00 = 1 → 2
    expect(hours("2026-11-20 16:00", "2026-11-24 10:00", { holidays: ["2026-11-23"] })).toBe(2);
    // without the holiday: 1 + 8 + 1 = 10
    expect(hours("2026-11-20 16:00", "2026-11-24 10:00")).toBe(10);
  });

  it("counts partial hours within a day and nothing outside working hours", () => {
    expect(hours("2026-11-16 10:00", "2026-11-16 12:30")).toBe(2.5);
    expect(hours("2026-11-16 07:00", "2026-11-16 08:59")).toBe(0);
    // Sat 12:00 → Mon 09:30 = 0.5
    expect(hours("2026-11-21 12:00", "2026-11-23 09:30")).toBe(0.5);
  });

  it("is 0 when the end is not after the start", () => {
    expect(hours("2026-11-16 12:00", "2026-11-16 10:00")).toBe(0);
    expect(hours("2026-11-16 12:00", "2026-11-16 12:00")).toBe(0);
  });

  it("is not disturbed by a DST change at the weekend", () => {
    // Fri 27 Mar 16:00 CET → Mon 30 Mar 10:00 CEST: 1 + 1 = 2 (wall clock 65 h, one hour skipped on Sunday)
    expect(hours("2026-03-27 16:00", "2026-03-30 10:00")).toBe(2);
  });

  it("measures overnight working hours across DST nights in real hours", () => {
    const night = {
      working_hours: "22:00-06:00",
      workdays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    };
    // Sat 28 Mar 22:00 CET (21:00Z) → Sun 29 Mar 06:00 CEST (04:00Z): 7 real hours (02:00-03:00 never happens)
    expect(hours("2026-03-28 21:00", "2026-03-29 07:00", night)).toBe(7);
    // Sat 24 Oct 22:00 CEST (20:00Z) → Sun 25 Oct 06:00 CET (05:00Z): 9 real hours (02:00-03:00 happens twice)
    expect(hours("2026-10-24 21:00", "2026-10-25 07:00", night)).toBe(9);
  });

  it("gives overnight working hours to the day they start on", () => {
    // Fri 22:00 → Sat 06:00 belongs to Friday (a workday) = 8; Sun 22:00 → Mon 06:00 belongs to Sunday = 0
    expect(hours("2026-11-20 21:00", "2026-11-23 08:00", { working_hours: "22:00-06:00" })).toBe(8);
  });

  it("measures a four-week wait and answers the same whichever order ranges are asked in", () => {
    const calendar = createBusinessCalendar(windowsConfig());
    const ms = (local: string) => Date.parse(at(local));
    // Ask late first, then early, so the calendar extends backwards.
    expect(calendar.hoursBetween(ms("2026-11-30 09:00"), ms("2026-11-30 12:00"))).toBe(3);
    expect(calendar.hoursBetween(ms("2026-11-02 09:00"), ms("2026-11-02 17:00"))).toBe(8);
    // Mon 2 Nov 09:00 → Mon 30 Nov 09:00: 20 workdays × 8 = 160
    expect(calendar.hoursBetween(ms("2026-11-02 09:00"), ms("2026-11-30 09:00"))).toBe(160);
  });
});
