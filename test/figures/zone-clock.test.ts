import { describe, expect, it } from "@jest/globals";
import { IANAZone } from "luxon";
import { createZoneClock } from "../../src/figures/zone-clock.js";

describe("createZoneClock", () => {
  it.each([
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Pacific/Chatham",
  ])("agrees with luxon's offset every 7 minutes through 2026 in %s", (timezone) => {
    const zone = IANAZone.create(timezone);
    const clock = createZoneClock(timezone);
    // Every 7 minutes through the year hits every transition hour several times; plus the exact switch instants.
    const start = Date.UTC(2026, 0, 1);
    const end = Date.UTC(2027, 0, 1);
    let mismatches = 0;
    for (let ms = start; ms < end; ms += 7 * 60_000) {
      if (clock.offsetMinutes(ms) !== zone.offset(ms)) mismatches += 1;
    }
    expect(mismatches).toBe(0);
  });

  it("switches at the exact millisecond of a DST change", () => {
    // Berlin springs forward at 2026-03-29 01:00:00Z (02:00 CET → 03:00 CEST).
    const clock = createZoneClock("Europe/Berlin");
    const change = Date.parse("2026-03-29T01:00:00Z");
    expect(clock.offsetMinutes(change - 1)).toBe(60);
    expect(clock.offsetMinutes(change)).toBe(120);
    expect(clock.local(change).toFormat("yyyy-MM-dd HH:mm")).toBe("2026-03-29 03:00");
    expect(clock.local(change - 1).toFormat("HH:mm:ss.SSS")).toBe("01:59:59.999");
  });

  it("reads the local calendar day", () => {
    const clock = createZoneClock("Europe/Berlin");
    // Sun 22 Nov 2026 23:30 CET and Mon 23 Nov 00:30 CET are different local days, one UTC day.
    const sunday = clock.dayNumber(Date.parse("2026-11-22T22:30:00Z"));
    const monday = clock.dayNumber(Date.parse("2026-11-22T23:30:00Z"));
    expect(monday - sunday).toBe(1);
    expect(sunday).toBe(Date.UTC(2026, 10, 22) / 86_400_000);
  });

  it("names the bad timezone", () => {
    expect(() => createZoneClock("Mars/Olympus")).toThrow(/Mars\/Olympus/);
  });
});
