import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { buildJsonSchema, type JsonSchema } from "../../src/config/json-schema.js";
import { parseConfigText } from "../../src/config/parse-config-text.js";
import { inferTimezone } from "../../src/onboarding/infer-timezone.js";
import { busiestHours, proposeOnboarding } from "../../src/onboarding/propose-onboarding.js";
import { renderProposedConfig } from "../../src/onboarding/render-config.js";
import { ONBOARDING_MARKER, renderOnboardingBody } from "../../src/onboarding/render-preview.js";
import { at } from "../figures/factory.js";
import { CORRECTIONS, FIXTURE_NOW, FIXTURE_WEEKS, fixtureHistory } from "./fixture-history.js";

const propose = (weeks?: number) => {
  const history = fixtureHistory(weeks);
  return proposeOnboarding({ repoFullName: "acme/shop", ...history, now: FIXTURE_NOW });
};

/** The subset of JSON Schema the committed schema uses: enough to say a file is valid for an editor. */
function schemaErrors(schema: JsonSchema, value: unknown, path = "$"): string[] {
  if (typeof schema !== "object" || schema === null) return [];
  const s = schema as Record<string, unknown>;
  const errors: string[] = [];
  if (Array.isArray(s.anyOf)) {
    const ok = (s.anyOf as JsonSchema[]).some((option) => schemaErrors(option, value, path).length === 0);
    return ok ? [] : [`${path}: matches no option`];
  }
  const type = s.type;
  const typeOf = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
  if (type === "integer" && !(typeof value === "number" && Number.isInteger(value)))
    errors.push(`${path}: integer`);
  else if (type !== undefined && type !== "integer" && type !== typeOf)
    errors.push(`${path}: ${String(type)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(value)) errors.push(`${path}: enum`);
  if (typeof s.pattern === "string" && typeof value === "string" && !new RegExp(s.pattern).test(value))
    errors.push(`${path}: pattern`);
  if (typeof s.minimum === "number" && typeof value === "number" && value < s.minimum)
    errors.push(`${path}: min`);
  if (typeof s.maximum === "number" && typeof value === "number" && value > s.maximum)
    errors.push(`${path}: max`);
  if (typeOf === "array" && s.items) {
    for (const [i, item] of (value as unknown[]).entries())
      errors.push(...schemaErrors(s.items as JsonSchema, item, `${path}[${i}]`));
  }
  if (typeOf === "object") {
    const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (properties[key] === undefined) {
        if (s.additionalProperties === false) errors.push(`${path}.${key}: unknown`);
      } else errors.push(...schemaErrors(properties[key] as JsonSchema, child, `${path}.${key}`));
    }
  }
  return errors;
}

describe("proposeOnboarding on a four-week fixture", () => {
  it("measures the team's figures as computed by hand", () => {
    const proposal = propose();

    expect(proposal.weeks).toEqual(FIXTURE_WEEKS);
    expect(proposal.enoughHistory).toBe(true);
    // Pickups 1, 4, 3 h a week: sorted 1×4, 3×4, 4×4; nearest rank 6 of 12 is 3, rank 11 is 4.
    expect(proposal.asHappened).toMatchObject({
      sessions: 12,
      pickups: 12,
      pickupP50Hours: 3,
      pickupP90Hours: 4,
      // No windows yet: every session interrupts; 12 sessions on 12 (reviewer, day) pairs.
      interruptionsPerWorkday: 1,
      teaching: 4,
      feedback: 12,
      breaches: 0,
    });
    expect(proposal.asHappened.teachingRatio).toBeCloseTo(1 / 3);
  });

  it("proposes the zone, a target from the team's p90, and windows that keep p90 within it", () => {
    const proposal = propose();

    expect(proposal.timezone).toBe("Europe/Berlin");
    expect(proposal.timezoneGuess).toEqual({ timezone: "Europe/Berlin", reviewersInZone: 3, reviewers: 3 });
    expect(proposal.targetHours).toBe(4);
    expect(proposal.windowsFrom).toBe("what-if");
    expect(proposal.withWindows?.pickupP90Hours ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(4);
    expect(proposal.withWindows?.pickups).toBe(12);
  });

  it("replays the nudges: ben's two bare corrections each Monday, nothing for one teaching comment or an approval", () => {
    const proposal = propose();

    expect(proposal.nudges).toEqual({ reviews: 12, nudged: 4, forTone: 0 });
    expect(CORRECTIONS).toContain(proposal.example?.body);
  });

  it("says plainly when there is too little history, and proposes the defaults", () => {
    const proposal = propose(1);

    expect(proposal.enoughHistory).toBe(false);
    expect(proposal.windowsFrom).toBe("defaults");
    expect(proposal.windows).toEqual(["09:30-10:30", "15:00-16:00"]);
    expect(proposal.targetHours).toBe(8);
    const body = renderOnboardingBody(proposal, {
      kind: "pull-request",
      configText: renderProposedConfig(proposal),
    });
    expect(body).toContain("### Too little history to draw settings from");
    expect(body).toContain("hold 3 review sessions and 3 first reviews");
    expect(body).not.toContain("### The proposed review windows");
  });
});

describe("renderProposedConfig", () => {
  it("is valid for the app and the committed JSON Schema, and has a comment on every key", () => {
    for (const weeks of [1, 4]) {
      const proposal = propose(weeks);
      const text = renderProposedConfig(proposal);

      const parsed = parseConfigText(text, ".github/review-coach.yml");
      expect(parsed.ok ? [] : parsed.problems).toEqual([]);
      expect(parsed.ok).toBe(true);
      expect(schemaErrors(buildJsonSchema(), parse(text))).toEqual([]);
      expect(parsed.config.review_windows.timezone).toBe(proposal.timezone);
      expect(parsed.config.review_windows.windows).toEqual(proposal.windows);
      expect(parsed.config.review_windows.first_review_target_hours).toBe(proposal.targetHours);
      const keyLines = text.split("\n").filter((line) => /^\s*[a-z_]+:/.test(line));
      expect(keyLines.length).toBeGreaterThan(10);
      for (const line of keyLines) expect(line).toMatch(/ # \S/);
    }
  });
});

describe("renderOnboardingBody", () => {
  const proposal = propose();
  const config = renderProposedConfig(proposal);
  const body = renderOnboardingBody(proposal, { kind: "pull-request", configText: config });

  it("shows the team's figures, the windows replayed and the nudges", () => {
    expect(body.startsWith(ONBOARDING_MARKER)).toBe(true);
    expect(body).toContain("| Time to first review, p50 | 3.0 h |");
    expect(body).toContain("| Time to first review, p90 | 4.0 h |");
    expect(body).toContain("| Review sessions | 12 |");
    expect(body).toContain("| Interruptions per workday | 1.0 |");
    expect(body).toContain("| Comments that explain why (teaching ratio) | 33% (4 of 12) |");
    expect(body).toContain("| Waits over the 4 h target | 0 |");
    expect(body).toContain("Of 12 reviews in those weeks, 4 would have received a short note");
    expect(body).toContain("https://github.com/review-coach/review-coach#onboarding");
  });

  it("names nobody and links nothing inside the repository", () => {
    for (const login of ["ana", "ben", "cy"]) expect(body).not.toMatch(new RegExp(`\\b${login}\\b`, "i"));
    expect(body).not.toContain("acme/shop");
    expect(body).not.toContain("LGTM");
    expect(body).toMatch(/> “(Rename this to `fooBar`|Remove the sleep)\.”\n> → \*Try:\*/);
  });

  it("as an issue, carries the config as a yaml block", () => {
    const issue = renderOnboardingBody(proposal, { kind: "issue", configText: config });

    expect(issue).toContain(`\`\`\`yaml\n${config.trimEnd()}\n\`\`\``);
  });
});

describe("inferTimezone", () => {
  it("picks the zone whose working day holds most of each reviewer's activity", () => {
    // New York, 09:00-17:00 local on a Tuesday (UTC-5): Berlin's day would hold only 3 of 8.
    const ms = (hour: number) => Date.parse(`2026-11-17T${String(hour + 5).padStart(2, "0")}:15:00Z`);
    const activities = [9, 10, 11, 12, 13, 14, 15, 16].flatMap((hour) => [
      { reviewerKey: "dee", ms: ms(hour) },
      { reviewerKey: "eve", ms: ms(hour) },
    ]);
    activities.push({ reviewerKey: "fay", ms: Date.parse(at("2026-11-17 10:00")) });

    expect(inferTimezone(activities)).toEqual({
      timezone: "America/New_York",
      reviewersInZone: 2,
      reviewers: 3,
    });
    expect(inferTimezone([])).toBeNull();
  });
});

describe("busiestHours", () => {
  const rules = {
    timezone: "Europe/Berlin",
    working_hours: "09:00-17:00",
    workdays: ["mon", "tue", "wed", "thu", "fri"] as never,
    windows: ["09:30-10:30"],
  };
  const start = (local: string) => ({ startMs: Date.parse(at(local)) });

  it("takes the two hours most sessions started in, merging neighbours, ignoring weekends and after hours", () => {
    const sessions = [
      start("2026-11-16 10:05"),
      start("2026-11-17 10:40"),
      start("2026-11-18 14:10"),
      start("2026-11-19 14:20"),
      start("2026-11-20 14:50"),
      start("2026-11-20 11:00"),
      start("2026-11-21 16:00"),
      start("2026-11-21 16:30"),
      start("2026-11-21 16:45"),
      start("2026-11-19 20:00"),
    ];
    expect(busiestHours(sessions, rules)).toEqual(["10:00-11:00", "14:00-15:00"]);
    expect(busiestHours([start("2026-11-16 10:05"), start("2026-11-16 11:05")], rules)).toEqual([
      "10:00-12:00",
    ]);
    expect(busiestHours([], rules)).toEqual(["09:30-10:30"]);
  });
});
