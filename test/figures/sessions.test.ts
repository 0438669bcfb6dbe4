import { describe, expect, it } from "@jest/globals";
import { buildSessions } from "../../src/figures/sessions.js";

const t = (hhmm: string) => Date.parse(`2026-11-16T${hhmm}:00Z`);
const act = (reviewer: string, hhmm: string, pr: number) => ({
  ms: t(hhmm),
  reviewerKey: reviewer,
  login: reviewer,
  prKey: `1#${pr}`,
});

describe("buildSessions", () => {
  it("keeps a gap of exactly session_gap_minutes in the session and splits at a longer one", () => {
    // 10:00, 10:20 (+20), 10:50 (+30, not > 30) | 11:21 (+31 > 30) → two sessions
    const sessions = buildSessions(
      [act("bob", "10:50", 1), act("bob", "10:00", 1), act("bob", "10:20", 2), act("bob", "11:21", 1)],
      30,
    );
    expect(sessions.map((s) => [s.startMs, s.endMs, s.prCount, s.activityMs.length])).toEqual([
      [t("10:00"), t("10:50"), 2, 3], // PRs 1 and 2
      [t("11:21"), t("11:21"), 1, 1],
    ]);
  });

  it("keeps reviewers apart and orders sessions by start", () => {
    const sessions = buildSessions(
      [act("carol", "10:05", 1), act("bob", "10:10", 1), act("carol", "10:15", 2), act("bob", "09:00", 3)],
      30,
    );
    expect(sessions.map((s) => [s.login, s.startMs, s.prCount])).toEqual([
      ["bob", t("09:00"), 1],
      ["carol", t("10:05"), 2],
      ["bob", t("10:10"), 1], // 70 minutes after bob's 09:00
    ]);
  });

  it("returns no sessions for no activity", () => {
    expect(buildSessions([], 30)).toEqual([]);
  });
});
