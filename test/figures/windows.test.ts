import { describe, expect, it } from "@jest/globals";
import { isInWindow } from "../../src/figures/windows.js";
import { at, windowsConfig } from "./factory.js";

const BERLIN = "Europe/Berlin";
const ALL_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const inWindow = (utc: string, overrides = {}, timezone = BERLIN) =>
  isInWindow(new Date(utc), timezone, windowsConfig(overrides));

describe("isInWindow (windows 09:30-10:30 and 15:00-16:00 unless told)", () => {
  it("includes the start minute and excludes the end minute", () => {
    expect(inWindow(at("2026-11-16 09:29"))).toBe(false);
    expect(inWindow(at("2026-11-16 09:30"))).toBe(true);
    expect(inWindow(at("2026-11-16 10:29"))).toBe(true);
    expect(inWindow(at("2026-11-16 10:30"))).toBe(false);
    expect(inWindow(at("2026-11-16 15:45"))).toBe(true);
  });

  it("is false on weekends and holidays", () => {
    expect(inWindow(at("2026-11-21 09:45"))).toBe(false); // Saturday
    expect(inWindow(at("2026-11-16 09:45"), { holidays: ["2026-11-16"] })).toBe(false);
  });

  it("gives the part of a window after midnight to the day the window started", () => {
    const late = { windows: ["22:00-01:00"] };
    expect(inWindow(at("2026-11-20 23:00"), late)).toBe(true); // Fri 23:00, Friday's window
    expect(inWindow(at("2026-11-21 00:30"), late)).toBe(true); // Sat 00:30, still Friday's window
    expect(inWindow(at("2026-11-21 22:30"), late)).toBe(false); // Saturday's window: not a workday
    expect(inWindow(at("2026-11-23 00:30"), late)).toBe(false); // Mon 00:30 belongs to Sunday's window
    expect(inWindow(at("2026-11-24 00:30"), late)).toBe(true); // Tue 00:30 belongs to Monday's window
    expect(inWindow(at("2026-11-24 01:00"), late)).toBe(false);
  });

  it("follows the wall clock when clocks go forward (Berlin, 29 Mar 2026)", () => {
    // 09:45 CEST on Mon 30 Mar is 07:45Z; the same UTC time on Fri 27 Mar is 08:45 CET, outside.
    expect(inWindow("2026-03-30T07:45:00Z")).toBe(true);
    expect(inWindow("2026-03-27T07:45:00Z")).toBe(false);
    expect(inWindow("2026-03-27T08:45:00Z")).toBe(true);
    // A window over the skipped hour: 01:30 CET (00:30Z) to 03:30 CEST (01:30Z), one real hour.
    const night = { windows: ["01:30-03:30"], workdays: ALL_DAYS };
    expect(inWindow("2026-03-29T00:29:00Z", night)).toBe(false); // 01:29 CET
    expect(inWindow("2026-03-29T00:45:00Z", night)).toBe(true); // 01:45 CET
    expect(inWindow("2026-03-29T01:15:00Z", night)).toBe(true); // 03:15 CEST
    expect(inWindow("2026-03-29T01:30:00Z", night)).toBe(false); // 03:30 CEST
  });

  it("matches both passes of the repeated hour when clocks go back (Berlin, 25 Oct 2026)", () => {
    const night = { windows: ["02:00-03:00"], workdays: ALL_DAYS };
    expect(inWindow("2026-10-24T23:59:00Z", night)).toBe(false); // 01:59 CEST
    expect(inWindow("2026-10-25T00:30:00Z", night)).toBe(true); // 02:30 CEST
    expect(inWindow("2026-10-25T01:30:00Z", night)).toBe(true); // 02:30 CET, the second time round
    expect(inWindow("2026-10-25T02:00:00Z", night)).toBe(false); // 03:00 CET
  });

  it("checks an overnight window's start day across the DST night", () => {
    // Sat 28 Mar 22:00 CET → Sun 01:00 CET. Sun 00:30 CET = Sat 23:30Z.
    const saturdayWorks = { windows: ["22:00-01:00"], workdays: ["mon", "tue", "wed", "thu", "fri", "sat"] };
    expect(inWindow("2026-03-28T23:30:00Z", saturdayWorks)).toBe(true);
    expect(inWindow("2026-03-28T23:30:00Z", { windows: ["22:00-01:00"] })).toBe(false);
    expect(inWindow("2026-03-29T00:30:00Z", saturdayWorks)).toBe(false); // 01:30 CET, after the window
  });

  it("reads the start in the reviewer's timezone", () => {
    // Mon 16 Mar 2026 13:45Z: 09:45 in New York (EDT since 8 Mar, UTC-4), 14:45 in Berlin (CET, UTC+1).
    expect(inWindow("2026-03-16T13:45:00Z", {}, "America/New_York")).toBe(true);
    expect(inWindow("2026-03-16T13:45:00Z", {}, BERLIN)).toBe(false);
  });
});
