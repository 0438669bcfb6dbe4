import { describe, expect, it } from "@jest/globals";
import { buildDigest } from "../../src/digest/build-digest.js";
import { renderDigest } from "../../src/digest/render-digest.js";
import { pr } from "../figures/factory.js";
import { digestInput, HARSH_BODY, merge, repoConfig, type Scenario, week } from "./helpers/scenario.js";
import { mermaidBlocks, parseXyChart } from "./helpers/validate-xychart.js";

const rich = () =>
  merge(
    week("2026-11-02", 450, { weak: true }),
    week("2026-11-09", 460, { weak: true }),
    week("2026-11-16", 470),
  );

describe("a rich week", () => {
  const model = buildDigest(digestInput(rich()));
  const { title, body } = renderDigest(model);

  it("is a full digest titled with the repository, week and dates", () => {
    expect(model.kind).toBe("full");
    expect(model.first).toBe(false);
    expect(title).toBe("Review digest: acme/app, 2026-W47 (16–22 Nov 2026)");
    expect(body).toContain("## Review digest for 2026-W47");
  });

  it("shows headline figures with the change from last week, pickup down reading as faster", () => {
    const teaching = model.headline.find((f) => f.key === "teachingRatio");
    expect(teaching?.value).toBeCloseTo(3 / 7);
    expect(teaching?.previous).toBe(0);
    expect(body).toMatch(
      /\| Teaching ratio \| 43% of 7 feedback comments \| ▲ 43 pts from 0% · more comments teach \|/,
    );
    expect(body).toMatch(/\| Harsh comments \| 1 \| no change \(1\) \|/);
    expect(body).toContain("| Sessions started in a window | 75% of 4 sessions | no change (75%) |");
  });

  it("draws three valid xychart-beta charts over the weeks with activity", () => {
    const charts = mermaidBlocks(body).map(parseXyChart);
    expect(charts).toHaveLength(3);
    for (const chart of charts) expect(chart.labels).toEqual(["W45", "W46", "W47"]);
    const [teaching, pickup, inWindow] = charts;
    expect(teaching?.series).toEqual([{ type: "line", values: [0, 0, 42.9] }]);
    expect(pickup?.series.map((s) => s.type)).toEqual(["bar", "line"]);
    expect(pickup?.yAxis).toEqual({ title: "hours", min: 0, max: 20 });
    expect(inWindow?.series[0]?.values).toEqual([75, 75, 75]);
  });

  it("quotes up to three teaching comments with links, escaped, and never the harsh one", () => {
    expect(model.standouts.length).toBeGreaterThan(0);
    expect(model.standouts.length).toBeLessThanOrEqual(3);
    expect(body).toContain("### Comments that teach");
    expect(body).toContain(
      "[A comment on acme/app#471](https://github.com/acme/app/pull/471#discussion_r4702)",
    );
    expect(body).not.toContain("Obviously");
    expect(body).not.toContain(HARSH_BODY);
    const mention = model.standouts.find((s) => s.quote.includes("@dan"));
    expect(mention).toBeDefined();
    expect(body).toContain("@\u200bdan see #\u200b12: \\*\\*without\\*\\* it \\`fetch\\`");
    expect(body).toContain("&lt;b&gt;every&lt;/b&gt;");
    expect(body).not.toMatch(/@dan\b/);
  });

  it("lists the longest waits and the PR still waiting, in business hours with wall-clock beside", () => {
    expect(body).toContain("### Longest waits for a first review");
    expect(body).toMatch(
      /\| acme\/app#473 \| Tue 17 Nov 11:00 \| Wed 18 Nov 16:29 \| 13 h \(over target\) \| 29 h \|/,
    );
    expect(body).toContain("### Still waiting for a first review at the end of the week");
    expect(body).toMatch(/\| acme\/app#474 \| Thu 19 Nov 11:00 \| 14 h \(over target\) \| 85 h \|/);
  });

  it("names nobody unless per_reviewer is on, and shows load as a distribution", () => {
    for (const login of ["alice", "bob", "carol", "erin", "ana"])
      expect(body).not.toMatch(new RegExp(`\\b${login}\\b`));
    expect(model.reviewers).toBeNull();
    expect(body).toContain(
      "4 reviewers ran 4 sessions this week. Reviewers by sessions run: 1: 4 (median 1).",
    );
    expect(body).not.toContain("### Per reviewer");
  });

  it("gives at most two pieces of advice", () => {
    expect(model.advice.length).toBeGreaterThan(0);
    expect(model.advice.length).toBeLessThanOrEqual(2);
    expect(body).toContain("### Worth a look");
  });

  it("leads 'Worth a look' with the PRs over the target and still waiting, linked, longest first", () => {
    const start = body.indexOf("### Worth a look");
    const section = body.slice(start, body.indexOf("\n\n", start));
    const items = section.split("\n").slice(1);
    expect(items.slice(0, 3)).toEqual([
      "- [acme/app#454](https://github.com/acme/app/pull/454) is waiting for a first review: ready since Thu 5 Nov 11:00, 94 h of business time by the week's end (target 8 h).",
      "- [acme/app#464](https://github.com/acme/app/pull/464) is waiting for a first review: ready since Thu 12 Nov 11:00, 54 h of business time by the week's end (target 8 h).",
      "- [acme/app#474](https://github.com/acme/app/pull/474) is waiting for a first review: ready since Thu 19 Nov 11:00, 14 h of business time by the week's end (target 8 h).",
    ]);
    // Then the advice, which no longer repeats the waiting PRs.
    expect(items.slice(3)).toEqual(model.advice.map((a) => `- ${a.text}`));
    expect(section).not.toContain("listed below");
  });

  it("leaves out the load buckets nobody is in and a 'busiest' share when the load is even", () => {
    expect(body).toContain(
      "4 reviewers ran 4 sessions this week. Reviewers by sessions run: 1: 4 (median 1).",
    );
    expect(body).not.toContain("4–6: 0");
    expect(body).not.toContain("busiest");
  });

  it("ends with every definition in a collapsed footer and the hidden marker", () => {
    const footer = body.slice(body.indexOf("<details><summary>How these figures are measured"));
    expect(footer).toContain("in Europe/Berlin (UTC+01:00)");
    expect(footer).toContain("09:30-10:30, 15:00-16:00 on mon, tue, wed, thu, fri");
    expect(footer).toContain("**Business hours**: 09:00-17:00");
    expect(footer).toContain("nearest rank");
    expect(footer).toContain("1 activity by bots");
    expect(footer).toContain("`Copilot`, `coderabbitai[bot]`");
    expect(footer).toContain("events from 2026-07-27 on");
    expect(body.trimEnd().endsWith("<!-- review-coach:digest target=acme/app week=2026-W47 -->")).toBe(true);
  });
});

describe("per_reviewer on", () => {
  it("adds an alphabetical table of reviewers and names standout authors without pinging them", () => {
    const config = repoConfig({ digest: { per_reviewer: true } });
    const { body } = renderDigest(buildDigest(digestInput(rich(), { config })));
    const table = body.slice(body.indexOf("### Per reviewer"));
    expect(table).toContain("not a ranking");
    const rows = table.split("\n").filter((line) => line.startsWith("| `"));
    expect(rows.map((row) => row.split("|")[1]?.trim())).toEqual(["`alice`", "`bob`", "`carol`", "`erin`"]);
    expect(body).toMatch(/\) by `alice`/);
    expect(body).not.toMatch(/@alice/);
  });
});

describe("an empty week", () => {
  it("renders a short quiet digest with the footer and no charts", () => {
    const model = buildDigest(digestInput({ events: [], assessments: new Map() }));
    const { body } = renderDigest(model);
    expect(model.kind).toBe("quiet");
    expect(model.trend).toEqual([]);
    expect(body).toContain("A quiet week.");
    expect(body).toContain("No review activity was recorded this week");
    expect(mermaidBlocks(body)).toEqual([]);
    expect(body).toContain("<details><summary>How these figures are measured</summary>");
    expect(body.length).toBeLessThan(3500);
  });

  it("keeps mentions out of a quiet digest", () => {
    const config = repoConfig({ digest: { mention: ["@acme/leads"] } });
    const { body } = renderDigest(
      buildDigest(digestInput({ events: [], assessments: new Map() }, { config })),
    );
    expect(body).not.toContain("@acme/leads");
  });
});

describe("a quiet week after busy ones", () => {
  it("is short, with a sentence of what happened", () => {
    // Every PR of those weeks got its review, so nothing is left waiting into this week.
    const reviewed = (s: ReturnType<typeof week>) => ({
      ...s,
      events: s.events.filter((e) => e.prNumber % 10 !== 4),
    });
    const scenario = merge(reviewed(week("2026-11-02", 450)), reviewed(week("2026-11-09", 460)));
    const { body } = renderDigest(buildDigest(digestInput(scenario)));
    expect(body).toContain("A quiet week.");
    expect(body).not.toContain("### Worth a look");
    expect(body).toContain("No review activity was recorded this week");
    expect(mermaidBlocks(body)).toEqual([]);
  });
});

describe("the first week with activity", () => {
  const model = buildDigest(digestInput(week("2026-11-16", 470)));
  const { body } = renderDigest(model);

  it("has no comparison column and says why", () => {
    expect(model.first).toBe(true);
    expect(body).toContain("| | This week |\n| --- | --- |");
    expect(body).not.toContain("Since last week");
    expect(body).toContain("changes from week to week, and charts, start with the next digest");
  });

  it("has no charts yet (a trend needs two weeks), and no heading for them, but still the standouts and waits", () => {
    expect(mermaidBlocks(body)).toEqual([]);
    expect(body).not.toContain("### The last");
    expect(body).not.toContain("Charts start");
    expect(body).toContain("### Comments that teach");
    expect(body).toContain("acme/app#474");
  });

  it("mentions the configured people in a full digest", () => {
    const config = repoConfig({ digest: { mention: ["@acme/leads"] } });
    const rendered = renderDigest(buildDigest(digestInput(week("2026-11-16", 470), { config })));
    expect(rendered.body).toContain("cc @acme/leads");
  });
});

describe("a week with a gap in the history", () => {
  it("leaves weeks without data out of the charts instead of drawing them as zero", () => {
    const scenario = merge(week("2026-10-26", 440), week("2026-11-16", 470));
    const { body } = renderDigest(buildDigest(digestInput(scenario)));
    const charts = mermaidBlocks(body).map(parseXyChart);
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) expect(chart.labels).toEqual(["W44", "W47"]);
    expect(body).toContain("| 2026-W45 | 0 | – | – | – | 0 | – | 0 |");
  });
});

describe("Worth a look", () => {
  const withEvents = (scenario: Scenario, ...events: Scenario["events"]): Scenario => ({
    events: [...scenario.events, ...events],
    assessments: scenario.assessments,
  });
  // The digest is posted Monday 09:00; the week ended at midnight.
  const monday = new Date("2026-11-23T08:00:00Z");
  const waitingIn = (scenario: Scenario) =>
    buildDigest(digestInput(scenario, { now: monday })).worthALook.map((w) => w.pr);

  it("leaves out a PR reviewed, closed or made a draft after the week ended, but keeps the table's record", () => {
    const four = pr(474, "dan");
    const base = week("2026-11-16", 470);
    expect(waitingIn(base)).toEqual(["acme/app#474"]);
    expect(waitingIn(withEvents(base, four.review("alice", "2026-11-23T07:30:00Z")))).toEqual([]);
    expect(waitingIn(withEvents(base, four.closed("2026-11-22T23:30:00Z")))).toEqual([]);
    expect(waitingIn(withEvents(base, four.convertedToDraft("2026-11-23T07:00:00Z")))).toEqual([]);
    const reviewed = buildDigest(
      digestInput(withEvents(base, four.review("alice", "2026-11-23T07:30:00Z")), { now: monday }),
    );
    expect(reviewed.openEnded.map((w) => w.prNumber)).toEqual([474]);
  });

  it("still lists it after the author's own comment, a bot's, or activity later than now", () => {
    const four = pr(474, "dan");
    const base = week("2026-11-16", 470);
    expect(waitingIn(withEvents(base, four.comment("dan", "2026-11-23T07:00:00Z")))).toEqual([
      "acme/app#474",
    ]);
    expect(
      waitingIn(withEvents(base, four.review("renovate[bot]", "2026-11-23T07:00:00Z", { isBot: true }))),
    ).toEqual(["acme/app#474"]);
    expect(waitingIn(withEvents(base, four.review("alice", "2026-11-23T09:00:00Z")))).toEqual([
      "acme/app#474",
    ]);
  });

  it("leaves out PRs still within the target", () => {
    const config = repoConfig({
      review_windows: { timezone: "Europe/Berlin", first_review_target_hours: 40 },
    });
    const model = buildDigest(digestInput(week("2026-11-16", 470), { config, now: monday }));
    expect(model.openEnded.map((w) => w.prNumber)).toEqual([474]);
    expect(model.worthALook).toEqual([]);
  });

  it("names a PR without a known page as plain text, and counts those past the list", () => {
    const model = buildDigest(digestInput(week("2026-11-16", 470), { now: monday }));
    const waiting = model.worthALook[0];
    if (!waiting) throw new Error("expected a waiting PR");
    const { body } = renderDigest({
      ...model,
      advice: [],
      worthALook: [{ ...waiting, url: null }],
      worthALookTotal: 3,
    });
    expect(body).toContain("### Worth a look\n- acme/app#474 is waiting for a first review:");
    expect(body).toContain("- And 2 more PRs over the target and still waiting.");
  });

  it("is left out, heading and all, when no PR waits past the target and there is no advice", () => {
    const model = buildDigest(digestInput(week("2026-11-16", 470), { now: monday }));
    const { body } = renderDigest({ ...model, advice: [], worthALook: [], worthALookTotal: 0 });
    expect(body).not.toContain("### Worth a look");
    expect(body).not.toMatch(/\n\n\n/);
  });
});
