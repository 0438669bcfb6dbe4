import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../src/config/schema.js";
import { buildDescriptionFigures, type DescriptionRecord } from "../../src/digest/build-descriptions.js";
import { composeDigest } from "../../src/digest/compose-digest.js";
import { renderDescriptions } from "../../src/digest/render-descriptions.js";
import { upsertDescriptionAssessment } from "../../src/store/description-assessments-repository.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";

let n = 0;
/** A PR ready on `day` (UTC noon) whose description has what the flags say. */
const pr = (
  day: string,
  why: boolean,
  tested: boolean,
  extra: Partial<DescriptionRecord> = {},
): DescriptionRecord => {
  n += 1;
  return {
    repoFullName: "acme/shop",
    prNumber: n,
    htmlUrl: `https://github.com/acme/shop/pull/${n}`,
    readyAt: `${day}T12:00:00Z`,
    explainsWhy: why,
    howTested: tested,
    completeness: why && tested ? 1 : 0.33,
    missing: [...(why ? [] : ["why"]), ...(tested ? [] : ["testing"])],
    words: 40,
    architectural: false,
    linksAdr: false,
    ...extra,
  };
};
const WEEKS = ["2026-W46", "2026-W47"];
const build = (records: DescriptionRecord[]) =>
  buildDescriptionFigures({ records, weeks: WEEKS, timezone: "Europe/Berlin" });

describe("buildDescriptionFigures", () => {
  it("is null when no PR became ready in the weeks charted", () => {
    expect(build([pr("2026-10-01", true, true)])).toBeNull();
  });

  it.each([
    {
      name: "all explain",
      records: [
        [true, true],
        [true, true],
      ],
      both: 1,
      why: 1,
      tested: 1,
    },
    {
      name: "half explain why, none say how tested",
      records: [
        [true, false],
        [false, false],
      ],
      both: 0,
      why: 0.5,
      tested: 0,
    },
    {
      name: "one of three has both",
      records: [
        [true, true],
        [true, false],
        [false, true],
      ],
      both: 1 / 3,
      why: 2 / 3,
      tested: 2 / 3,
    },
  ])("counts the reported week's shares: $name", ({ records, both, why, tested }) => {
    const figures = build(records.map(([w, t]) => pr("2026-11-18", w as boolean, t as boolean)));

    expect(figures?.current).toEqual({
      week: "2026-W47",
      prs: records.length,
      whyAndTested: both,
      explainsWhy: why,
      howTested: tested,
    });
  });

  it("compares with last week, counting each PR in the week it became ready (team timezone)", () => {
    const figures = build([
      pr("2026-11-10", false, false),
      pr("2026-11-11", true, true),
      // Sunday 23:30 UTC is Monday 00:30 in Berlin: the next week.
      { ...pr("2026-11-15", true, true), readyAt: "2026-11-15T23:30:00Z" },
    ]);

    expect(figures?.previous).toMatchObject({ week: "2026-W46", prs: 2, whyAndTested: 0.5 });
    expect(figures?.current).toMatchObject({ week: "2026-W47", prs: 1, whyAndTested: 1 });
  });

  it("counts architectural PRs with and without an ADR, leaving out those whose files were unknown", () => {
    const figures = build([
      pr("2026-11-18", true, true, { architectural: true, linksAdr: true }),
      pr("2026-11-18", true, false, { architectural: true, linksAdr: false }),
      pr("2026-11-18", true, false, { architectural: null, linksAdr: false }),
    ]);

    expect(figures?.architectural).toEqual({ withAdr: 1, withoutAdr: 1 });
  });

  it("credits one complete description, linked, an architectural one with its ADR first", () => {
    const plain = pr("2026-11-17", true, true, { words: 200 });
    const adr = pr("2026-11-18", true, true, { architectural: true, linksAdr: true, words: 60 });
    const figures = build([plain, adr, pr("2026-11-18", true, false)]);

    expect(figures?.standout).toEqual({
      pr: `acme/shop#${adr.prNumber}`,
      url: adr.htmlUrl,
      because: ["explains why", "says how it was tested", "links its ADR"],
    });
  });

  it("credits nothing when no description is complete", () => {
    expect(build([pr("2026-11-18", true, false)])?.standout).toBeNull();
  });
});

describe("renderDescriptions", () => {
  it("shows this week against last week with the change in points, the ADR count and the standout", () => {
    const text = renderDescriptions(
      build([
        pr("2026-11-10", false, false),
        pr("2026-11-11", true, true),
        pr("2026-11-18", true, true, { architectural: true, linksAdr: false }),
        pr("2026-11-18", true, true, { prNumber: 99, htmlUrl: "https://github.com/acme/shop/pull/99" }),
      ]),
    );

    expect(text).toContain("### Pull request descriptions");
    expect(text).toContain("2 PRs became ready for review this week.");
    expect(text).toContain("| Explain why and how they were tested | 100% (▲ 50 pts) | 50% |");
    expect(text).toContain("1 PR touched architectural paths: 0 linked an ADR, 1 did not.");
    expect(text).toMatch(
      /✨ A description worth borrowing from: \[acme\/shop#\d+\]\(https:\/\/github\.com\/acme\/shop\/pull\/\d+\) explains why, says how it was tested\./,
    );
  });

  it("renders nothing without figures", () => {
    expect(renderDescriptions(null)).toBe("");
  });
});

describe("the digest's description section", () => {
  it("appears in the composed digest from the stored assessments", async () => {
    const store = await openSqliteTestStore();
    try {
      for (const [i, why] of [true, false].entries())
        await upsertDescriptionAssessment(
          store.db,
          {
            ...pr("2026-11-18", why, true),
            prNumber: 10 + i,
            installationId: 1,
            prUpdatedAt: "2026-11-18T12:00:00Z",
            missing: why ? [] : ["why"],
          },
          "2026-11-18T12:00:00Z",
        );
      const { rendered } = await composeDigest(store.db, {
        target: "acme/shop",
        repos: ["acme/shop"],
        week: "2026-W47",
        config: defaultConfig(),
        now: new Date("2026-11-23T09:00:00Z"),
      });

      expect(rendered.body).toContain("### Pull request descriptions");
      expect(rendered.body).toContain("| Explain why and how they were tested | 50% |");
    } finally {
      await store.close();
    }
  });
});
