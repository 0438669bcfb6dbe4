// The digest's window advice (docs/metrics.md, "In the digest"), on hand-built weeks.
import { describe, expect, it } from "@jest/globals";
import { buildDigest } from "../../src/digest/build-digest.js";
import { buildWindowAdvice } from "../../src/digest/build-window-advice.js";
import { renderDigest } from "../../src/digest/render-digest.js";
import type { ReviewEvent } from "../../src/ingest/review-event.js";
import { at, pr } from "../figures/factory.js";
import { digestInput, merge, repoConfig, week } from "./helpers/scenario.js";

const WORKDAYS = [
  // 2026-W44 to W47 (Mon 26 Oct – Fri 20 Nov), Berlin, CET throughout.
  ...["10-26", "10-27", "10-28", "10-29", "10-30"],
  ...["11-02", "11-03", "11-04", "11-05", "11-06"],
  ...["11-09", "11-10", "11-11", "11-12", "11-13"],
  ...["11-16", "11-17", "11-18", "11-19", "11-20"],
];

/** Every workday a PR becomes ready at `ready` and bob reviews it at `review`, the same day. */
function daily(ready: string, review: string): ReviewEvent[] {
  return WORKDAYS.flatMap((day, index) => {
    const one = pr(500 + index);
    return [one.opened(at(`2026-${day} ${ready}`)), one.review("bob", at(`2026-${day} ${review}`))];
  });
}

const advise = (events: ReviewEvent[], target = 4) =>
  buildWindowAdvice({
    events,
    verdicts: new Map(),
    config: repoConfig({ review_windows: { timezone: "Europe/Berlin", first_review_target_hours: target } }),
    week: "2026-W47",
    now: new Date("2026-11-23T08:00:00Z"),
  });

describe("buildWindowAdvice", () => {
  it("advises the smallest change that beats today's windows on both axes", () => {
    // Ready 10:45, reviewed 11:00. Today's windows move each review to 15:00: 4.25 h, over the 4 h target, 20
    // times. A window at 11:00-11:30 keeps it at 11:00 (0.25 h); either way one window a day is used.
    expect(advise(daily("10:45", "11:00"))).toEqual({
      id: "better-windows",
      text:
        "Adding a 11:00-11:30 window would have kept every PR inside the 4 h target (today's windows: 20 over it) " +
        "with the same interruptions over the last 4 weeks, replayed on the team's own reviews (assuming work done " +
        "outside the windows moves to the next one; `review-coach windows` shows the alternatives).",
    });
  });

  it("gives no advice when no set beats today's beyond noise", () => {
    // Reviewed inside today's 15:00 window: nothing waits less, and no set uses fewer windows.
    expect(advise(daily("14:00", "15:05"))).toBeNull();
  });

  it("gives no advice on fewer than 20 first reviews", () => {
    expect(advise(daily("10:45", "11:00").slice(0, 38))).toBeNull(); // 19 PRs
  });
});

describe("the digest with the next-window figures", () => {
  it("defines them in the footer with the week's values", () => {
    // The scenario's W47 (see test/commands/metrics.test.ts): hit rate 2 of 4, slips 14, 10, 30 min, bound 4.5 h,
    // batching-attributable waits 0.5 and 1 h.
    const scenario = merge(week("2026-11-09", 460), week("2026-11-16", 470));
    const rendered = renderDigest(buildDigest(digestInput(scenario)));
    const footer = rendered.body.slice(rendered.body.indexOf("How these figures are measured"));
    expect(footer).toContain("- **Next-window figures** (this week): *next-window hit rate* 50%: of the PRs");
    expect(footer).toContain("*Window slip* 14 min:");
    expect(footer).toContain("*Batching bound* 4.5 h:");
    expect(footer).toContain("against the 8 h target");
    expect(footer).toContain("*Batching-attributable wait* 0.5 h (median)");
  });

  it("puts the window advice first when there is one", () => {
    const events = daily("10:45", "11:00");
    const model = buildDigest(
      digestInput(
        { events, assessments: new Map() },
        {
          config: repoConfig({ review_windows: { timezone: "Europe/Berlin", first_review_target_hours: 4 } }),
        },
      ),
    );
    expect(model.advice[0]?.id).toBe("better-windows");
    expect(model.advice.length).toBeLessThanOrEqual(2);
  });
});
