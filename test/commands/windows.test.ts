import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { runCli } from "../../src/cli.js";
import { windowsCommand } from "../../src/commands/windows.js";
import { WHAT_IF_ASSUMPTION } from "../../src/figures/window-what-if.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import { merge, week } from "../digest/helpers/scenario.js";
import { seedStore } from "../digest/helpers/seed-store.js";
import { captureIo } from "../helpers/capture-io.js";

const now = () => new Date("2026-12-01T12:00:00Z"); // Tuesday of 2026-W49: the last complete week is W48

describe("review-coach windows", () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(":memory:");
    await seedStore(store, merge(week("2026-11-09", 460), week("2026-11-16", 470)));
  });
  afterEach(async () => {
    await store.close();
  });

  it("prints today's windows, the Pareto front, the best set and the assumption as JSON", async () => {
    const io = captureIo();
    const code = await windowsCommand(
      store,
      { repo: "acme/app", until: "2026-W47", weeks: 2, json: true },
      io,
      now,
    );
    expect(code).toBe(0);
    const parsed = JSON.parse(io.stdout[0] ?? "");
    expect(parsed).toMatchObject({
      repo: "acme/app",
      assumption: WHAT_IF_ASSUMPTION,
      weeks: ["2026-W46", "2026-W47"],
      candidates: 3260,
      targetHours: 8,
    });
    // Each week: alice Mon 09:44 (in a window), bob Mon 15:10 (in), erin Tue 10:00 (in), carol Wed 16:29-16:30
    // (moves to Thu 09:30): 4 windows used over 4 reviewer-days; waits 0.73, 1.17, 13.5 h measured from Tue 11:00
    // to Thu 09:30 (6 + 8 + 0.5 = 14.5 h), per week.
    expect(parsed.today).toMatchObject({
      windowsUsed: 8,
      reviewerDays: 8,
      interruptionsPerWorkday: 1,
      pickups: 6,
    });
    expect(parsed.today.pickupP90Hours).toBe(14.5);
    expect(parsed.front.length).toBeGreaterThan(0);
  });

  it("states the assumption and the front in the text output, by default over the 4 weeks to the last complete one", async () => {
    const io = captureIo();
    expect(await windowsCommand(store, { repo: "acme/app" }, io, now)).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain(
      "acme/app · other review windows, replayed on 2026-W45 to 2026-W48 (4 weeks, Europe/Berlin)",
    );
    expect(text).toContain(WHAT_IF_ASSUMPTION);
    expect(text).toContain("Pareto front");
    expect(text).toMatch(/ {2}today: 09:30-10:30, 15:00-16:00 +1\.00 /);
  });

  it("rejects bad arguments with exit 2", async () => {
    const io = captureIo();
    expect(await windowsCommand(store, { repo: "acme/app", weeks: "0" }, io, now)).toBe(2);
    expect(await windowsCommand(store, { repo: "acme/app", until: "2026-47" }, io, now)).toBe(2);
    expect(io.stderr.join("\n")).toContain('--until "2026-47" is not an ISO week');
    expect(await runCli(["windows", "--repo", "app", "--db", ":memory:"], io)).toBe(2);
  });

  it("is wired into the command line", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "review-coach-windows-")), "s.sqlite");
    const seeded = await openStore(db);
    await seedStore(seeded, week("2026-11-16", 470));
    await seeded.close();
    const io = captureIo();
    const code = await runCli(
      ["windows", "--repo", "acme/app", "--until", "2026-W47", "--weeks", "1", "--json", "--db", db],
      io,
    );
    expect(code).toBe(0);
    expect(JSON.parse(io.stdout[0] ?? "")).toMatchObject({ weeks: ["2026-W47"], pickups: 3 });
  });
});
