import { describe, expect, it } from "@jest/globals";
import { buildAdvice, longestWindowGapHours } from "../../src/digest/build-advice.js";
import { excerpt } from "../../src/digest/build-standouts.js";
import type { HeadlineFigure } from "../../src/digest/digest-model.js";
import { renderChange } from "../../src/digest/render-change.js";
import { weekSpan } from "../../src/digest/render-digest.js";
import { chartNumber, niceCeiling, renderXyChart } from "../../src/digest/render-xychart.js";
import type { MetricSet, WeekMetrics } from "../../src/figures/week-metrics.js";
import { escapeMarkdown } from "../../src/markdown/escape-markdown.js";
import { repoConfig } from "./helpers/scenario.js";
import { mermaidBlocks, parseXyChart } from "./helpers/validate-xychart.js";

const figure = (
  overrides: { [K in keyof HeadlineFigure]?: HeadlineFigure[K] | undefined },
): HeadlineFigure => {
  const base: HeadlineFigure = {
    key: "pickupP50Hours",
    label: "Pickup",
    unit: "hours",
    value: 3.5,
    previous: 5,
    good: "down",
    words: ["slower", "faster"],
  };
  const merged = { ...base, ...overrides };
  if (merged.words === undefined) delete merged.words;
  return merged as HeadlineFigure;
};

describe("renderChange", () => {
  it.each([
    [figure({}), "▼ 1.5 h from 5 h · faster"],
    [figure({ value: 7, previous: 5 }), "▲ 2 h from 5 h · slower"],
    [figure({ value: 5.02, previous: 5 }), "no change (5 h)"],
    [
      figure({ unit: "percent", good: "up", words: undefined, value: 0.46, previous: 0.38 }),
      "▲ 8 pts from 38% · better",
    ],
    [
      figure({ unit: "percent", good: "up", words: undefined, value: 0.3, previous: 0.38 }),
      "▼ 8 pts from 38% · worse",
    ],
    [
      figure({ unit: "count", good: "down", words: ["more", "fewer"], value: 1, previous: 4 }),
      "▼ 3 from 4 · fewer",
    ],
    [figure({ unit: "decimal", good: "neutral", value: 1.6, previous: 1.2 }), "▲ 0.4 from 1.2"],
    [figure({ previous: null }), "no data last week"],
    [figure({ value: null }), "–"],
  ])("%# reads %s", (input, expected) => {
    expect(renderChange(input, false)).toBe(expected);
  });

  it("says it is the first week when there is nothing to compare with", () => {
    expect(renderChange(figure({ previous: null }), true)).toBe("first week measured");
  });
});

describe("escapeMarkdown", () => {
  it("neutralises mentions, issue references, Markdown and HTML", () => {
    expect(escapeMarkdown("@alice see #12 **now** <img src=x> [x](y) `c` & ~~s~~ | t")).toBe(
      "@\u200balice see #\u200b12 \\*\\*now\\*\\* &lt;img src=x&gt; \\[x\\]\\(y\\) \\`c\\` &amp; \\~\\~s\\~\\~ \\| t",
    );
  });

  it("keeps e-mail-like text readable and puts everything on one line", () => {
    expect(escapeMarkdown("a\nb\r\nc")).toBe("a b c");
  });
});

describe("excerpt", () => {
  it("leaves out code blocks, quoted lines and HTML comments", () => {
    const body =
      "> you wrote this\nUse a map here, because lookups are O(1).\n```ts\nconst x = 1;\n```\n<!-- hidden -->done";
    expect(excerpt(body)).toBe("Use a map here, because lookups are O(1). [code] done");
  });

  it("cuts long comments at a word boundary with an ellipsis", () => {
    const long = `${"word ".repeat(100)}end`;
    const cut = excerpt(long, 60);
    expect(cut.length).toBeLessThanOrEqual(60);
    expect(cut.endsWith("word…")).toBe(true);
  });
});

describe("renderXyChart", () => {
  it("emits a block the strict validator accepts", () => {
    const block = renderXyChart({
      title: 'Pickup "p50"; #1 100%',
      labels: ["W46", "W47"],
      yAxis: { title: "hours", min: 0, max: 20 },
      series: [
        { type: "bar", values: [12.345, 0] },
        { type: "line", values: [3, -0.01] },
      ],
    });
    // -0.01 rounds to "0", inside the axis: the validator sees exactly what GitHub would.
    const [chart] = mermaidBlocks(block).map(parseXyChart);
    expect(chart?.title).toBe("Pickup p50 1 100");
    expect(chart?.series[0]?.values).toEqual([12.3, 0]);
    expect(chart?.series[1]?.values).toEqual([3, 0]);
  });

  it("refuses values xychart cannot draw", () => {
    const chart = { title: "t", labels: ["a", "b"], yAxis: { title: "y", min: 0, max: 1 } };
    expect(() => renderXyChart({ ...chart, series: [{ type: "line", values: [1, Number.NaN] }] })).toThrow(
      /not a number/,
    );
    expect(() => renderXyChart({ ...chart, series: [{ type: "line", values: [1] }] })).toThrow(
      /1 values for 2 labels/,
    );
  });

  it("formats numbers as Mermaid tokens and picks readable axis maxima", () => {
    expect([1e-9, -0.04, 2.25, 100].map(chartNumber)).toEqual(["0", "0", "2.3", "100"]);
    expect([0, 0.5, 8, 13.5, 21, 160].map(niceCeiling)).toEqual([1, 1, 10, 20, 50, 200]);
  });
});

describe("the xychart validator", () => {
  const valid = 'xychart-beta\n  title "t"\n  x-axis ["a", "b"]\n  y-axis "y" 0 --> 10\n  line [1, 2]';
  it.each([
    ["a NaN value", valid.replace("[1, 2]", "[1, NaN]")],
    ["an exponent", valid.replace("[1, 2]", "[1, 1e3]")],
    ["unequal lengths", valid.replace("[1, 2]", "[1, 2, 3]")],
    ["a value above the axis", valid.replace("[1, 2]", "[1, 20]")],
    ["an unquoted title", valid.replace('title "t"', "title t")],
    ["a missing header", valid.replace("xychart-beta", "xychart-alpha")],
    ["an unknown statement", `${valid}\n  legend on`],
  ])("rejects %s", (_name, block) => {
    expect(() => parseXyChart(block)).toThrow(/invalid xychart/);
  });

  it("accepts the subset the digest emits", () => {
    expect(parseXyChart(valid).series).toEqual([{ type: "line", values: [1, 2] }]);
  });
});

describe("weekSpan", () => {
  it("spells weeks within a month, across months and across years", () => {
    expect(weekSpan("2026-11-16T00:00:00.000+01:00", "2026-11-23T00:00:00.000+01:00")).toBe("16–22 Nov 2026");
    expect(weekSpan("2026-11-30T00:00:00.000+01:00", "2026-12-07T00:00:00.000+01:00")).toBe(
      "30 Nov – 6 Dec 2026",
    );
    expect(weekSpan("2025-12-29T00:00:00.000+01:00", "2026-01-05T00:00:00.000+01:00")).toBe(
      "29 Dec 2025 – 4 Jan 2026",
    );
  });
});

const team = (overrides: Partial<MetricSet>): MetricSet => ({
  reviewSessions: 20,
  inWindowShare: 0.8,
  interruptionsPerWorkday: 0.2,
  prsPerSession: 1.5,
  pickupP50Hours: 2,
  pickupP90Hours: 6,
  targetBreaches: 0,
  teachingRatio: 0.6,
  harshComments: 0,
  feedbackComments: 30,
  ...overrides,
});
const weekWith = (figures: Partial<MetricSet>): WeekMetrics =>
  ({ team: team(figures), openEnded: [], waits: [], reviewers: {} }) as unknown as WeekMetrics;

describe("buildAdvice", () => {
  it("gives none when every figure is within its target", () => {
    expect(buildAdvice(weekWith({}), repoConfig())).toEqual([]);
  });

  it("says the windows are too sparse for the target when waits go over it", () => {
    const config = repoConfig({
      review_windows: { timezone: "Europe/Berlin", windows: ["09:30-10:00"], first_review_target_hours: 4 },
    });
    const [advice] = buildAdvice(weekWith({ pickupP90Hours: 7, targetBreaches: 3 }), config);
    expect(advice?.id).toBe("sparse-windows");
    expect(advice?.text).toContain("just after the 09:30-10:00 window waits up to 7.5 h");
  });

  it("flags many interruptions and a low teaching ratio, two at most", () => {
    const advice = buildAdvice(
      weekWith({ interruptionsPerWorkday: 2.5, teachingRatio: 0.2, harshComments: 2 }),
      repoConfig(),
    );
    expect(advice.map((a) => a.id)).toEqual(["interruptions", "low-teaching"]);
  });

  it("counts harsh comments without quoting them, and says whether one reviewer or several wrote them", () => {
    const [advice] = buildAdvice(weekWith({ harshComments: 2 }), repoConfig());
    expect(advice?.text).toMatch(/^2 comments this week read as harsh \(contempt/);
    const reviewers = (...counts: number[]) =>
      Object.fromEntries(counts.map((harshComments, i) => [`r${i}`, team({ harshComments })]));
    const oneReviewer = { ...weekWith({ harshComments: 2 }), reviewers: reviewers(2, 0) } as WeekMetrics;
    expect(buildAdvice(oneReviewer, repoConfig())[0]?.text).toMatch(
      /^2 comments this week read as harsh, all from one reviewer \(/,
    );
    const three = { ...weekWith({ harshComments: 3 }), reviewers: reviewers(1, 1, 1) } as WeekMetrics;
    expect(buildAdvice(three, repoConfig())[0]?.text).toMatch(
      /^3 comments this week read as harsh, from 3 reviewers \(/,
    );
  });

  it("says how many of the week's corrections needed a reason to reach the team's teaching aim", () => {
    // 30 feedback comments, 20% teaching: 6 teach, 24 correct; the aim (50%) needs 15, so 9 more.
    const [advice] = buildAdvice(weekWith({ teachingRatio: 0.2 }), repoConfig());
    expect(advice?.id).toBe("low-teaching");
    expect(advice?.text).toMatch(
      /^6 of 30 feedback comments explained why \(20%; the team aims for 50%\)\. A reason in 9 of the 24 corrections would have met it: /,
    );
  });

  it("gives no advice about PRs still waiting: the digest lists them first, with links", () => {
    const waiting = {
      ...weekWith({}),
      openEnded: [1, 2, 3].map((n) => ({ repoFullName: "acme/app", prNumber: n, overTarget: true })),
    } as unknown as WeekMetrics;
    expect(buildAdvice(waiting, repoConfig())).toEqual([]);
  });
});

describe("longestWindowGapHours", () => {
  it("measures the longest stretch of working time between windows, over the night too", () => {
    expect(longestWindowGapHours(["09:30-10:30", "15:00-16:00"], "09:00-17:00")).toEqual({
      hours: 4.5,
      after: "09:30-10:30",
    });
    expect(longestWindowGapHours(["16:00-16:30"], "09:00-17:00")).toEqual({
      hours: 7.5,
      after: "16:00-16:30",
    });
    expect(longestWindowGapHours([], "09:00-17:00")).toBeNull();
    expect(longestWindowGapHours(["22:00-01:00"], "09:00-17:00")).toBeNull();
  });
});
