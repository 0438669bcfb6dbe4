import { describe, expect, it } from "@jest/globals";
import { type DigestSubject, lastScheduledAt, planDigests } from "../../src/digest/build-digest-plan.js";
import { repoConfig } from "./helpers/scenario.js";

const subject = (repoFullName: string, overrides: Partial<DigestSubject> = {}, config = repoConfig()) => ({
  repoFullName,
  config,
  installationId: 7,
  repoRemoved: false,
  installationRemoved: false,
  ...overrides,
});

describe("lastScheduledAt", () => {
  const schedule = { day: "mon" as const, time: "09:00", timezone: "Europe/Berlin" };
  it("is this Monday 09:00 Berlin once it has passed, else last Monday's", () => {
    expect(lastScheduledAt(new Date("2026-11-23T08:00:00Z"), schedule).toISOString()).toBe(
      "2026-11-23T08:00:00.000Z",
    );
    expect(lastScheduledAt(new Date("2026-11-23T07:59:00Z"), schedule).toISOString()).toBe(
      "2026-11-16T08:00:00.000Z",
    );
    expect(lastScheduledAt(new Date("2026-11-26T12:00:00Z"), schedule).toISOString()).toBe(
      "2026-11-23T08:00:00.000Z",
    );
  });

  it("follows the team's clock across a DST change", () => {
    // Berlin leaves summer time on Sunday 25 Oct 2026: Monday 09:00 is 07:00 UTC before, 08:00 UTC after.
    expect(lastScheduledAt(new Date("2026-10-26T09:00:00Z"), schedule).toISOString()).toBe(
      "2026-10-26T08:00:00.000Z",
    );
    expect(lastScheduledAt(new Date("2026-10-20T09:00:00Z"), schedule).toISOString()).toBe(
      "2026-10-19T07:00:00.000Z",
    );
  });
});

describe("planDigests", () => {
  const now = new Date("2026-11-25T10:00:00Z");

  it("reports the last complete week for each repository, in its own issue by default", () => {
    const plans = planDigests([subject("acme/b"), subject("acme/a")], now);
    expect(plans.map((p) => [p.target, p.week, p.repos])).toEqual([
      ["acme/a", "2026-W47", ["acme/a"]],
      ["acme/b", "2026-W47", ["acme/b"]],
    ]);
  });

  it("combines repositories that name the same target, governed by the target's own config", () => {
    const shared = repoConfig({ digest: { repository: "acme/eng" } });
    const own = repoConfig({ digest: { repository: "acme/eng", day: "tue" } });
    const plans = planDigests([subject("acme/api", {}, shared), subject("acme/eng", {}, own)], now);
    expect(plans).toHaveLength(1);
    expect(plans[0]?.repos).toEqual(["acme/api", "acme/eng"]);
    expect(plans[0]?.config.digest.day).toBe("tue");
  });

  it("plans per installation: a repository of another installation never joins or governs a digest", () => {
    const intruder = repoConfig({ digest: { repository: "acme/eng", day: "sun" } });
    const plans = planDigests(
      [subject("aaa/evil", { installationId: 9 }, intruder), subject("acme/eng", {}, repoConfig())],
      now,
    );
    expect(plans.map((p) => [p.target, p.installationId, p.repos, p.config.digest.day])).toEqual([
      ["acme/eng", 7, ["acme/eng"], "mon"],
    ]);
  });

  it("leaves out disabled digests, removed repositories and installations, and unknown installations", () => {
    const plans = planDigests(
      [
        subject("acme/off", {}, repoConfig({ digest: { enabled: false } })),
        subject("acme/gone", { repoRemoved: true }),
        subject("acme/uninstalled", { installationRemoved: true }),
        subject("acme/unknown", { installationId: null }),
      ],
      now,
    );
    expect(plans).toEqual([]);
  });
});
