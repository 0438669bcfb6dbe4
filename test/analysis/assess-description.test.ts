import { describe, expect, it } from "@jest/globals";
import { assessAdr, linksAdr } from "../../src/analysis/description/assess-adr.js";
import { assessDescription } from "../../src/analysis/description/assess-description.js";
import type {
  DescriptionInput,
  DescriptionPart,
  DescriptionRules,
} from "../../src/analysis/description/description-assessment.js";

const RULES: DescriptionRules = {
  required: ["what", "why", "testing"],
  changedLinesThreshold: 400,
  uiPaths: ["src/ui/**"],
};
const input = (body: string | null, extra: Partial<DescriptionInput> = {}): DescriptionInput => ({
  title: "Retry the capture call",
  body,
  changedLines: 40,
  files: ["src/capture.ts"],
  template: null,
  ...extra,
});
const missingOf = (body: string | null, extra: Partial<DescriptionInput> = {}, rules = RULES) =>
  assessDescription(input(body, extra), rules).missing;

describe("assessDescription: what, why and how tested", () => {
  it.each<{ name: string; body: string | null; missing: DescriptionPart[] }>([
    { name: "an empty body", body: null, missing: ["what", "why", "testing"] },
    { name: "a one-liner", body: "Small fix.", missing: ["what", "why", "testing"] },
    {
      name: "what without why or testing",
      body: "Wraps the capture call in a retry with three attempts and a short backoff.",
      missing: ["why", "testing"],
    },
    {
      name: "what and why in prose",
      body: "Wraps the capture call in a retry, because the payment provider drops about 1% of requests at peak.",
      missing: ["testing"],
    },
    {
      name: "a problem named in prose is a why",
      body: "Checkout currently fails when the provider times out. This retries the capture call three times.",
      missing: ["testing"],
    },
    {
      name: "all three in prose",
      body: "Retries the capture call because the provider drops requests at peak. Added a unit test with a fake provider that fails twice.",
      missing: [],
    },
    {
      name: "all three under headings",
      body: "## What\nRetry the capture call three times.\n\n## Why\nThe provider drops requests at peak hours.\n\n## How was this tested?\n`npm test`, plus a manual checkout on staging.",
      missing: [],
    },
    {
      name: "a why on a label line",
      body: "Retry the capture call three times with backoff.\nWhy: the provider drops requests at peak hours.\nTesting: ran the checkout suite locally.",
      missing: [],
    },
    {
      name: "an honest 'not tested' says how it was tested",
      body: "Bump the timeout from 5 s to 10 s so slow providers finish. Not tested: config only.",
      missing: [],
    },
    {
      name: "a typo fix explains itself",
      body: "Fixes a typo in the README's install section.",
      missing: ["testing"],
    },
  ])("$name misses $missing", ({ body, missing }) => {
    expect(missingOf(body)).toEqual(missing);
  });

  it("does not count an unfilled template's instructions and placeholders as the author's text", () => {
    const body = [
      "## Description",
      "",
      "Please include a summary of the change and which issue is fixed. Please also include relevant motivation and context.",
      "",
      "Fixes # (issue)",
      "",
      "## How Has This Been Tested?",
      "",
      "Please describe the tests that you ran to verify your changes.",
      "",
      "- [ ] Test A",
      "- [ ] Test B",
      "<!-- Describe how you tested -->",
    ].join("\n");

    const a = assessDescription(input(body), RULES);

    expect(a.missing).toEqual(["what", "why", "testing"]);
    expect(a.words).toBe(0);
  });

  it.each<{ name: string; body: string; testing: boolean }>([
    {
      name: "an unticked box claims nothing",
      body: "- [ ] Unit tests pass locally with my changes",
      testing: false,
    },
    { name: "a ticked box is a claim", body: "- [x] tests added / passed", testing: true },
    { name: "a ticked n/a says nothing", body: "## How Has This Been Tested?\n- [x] n/a", testing: false },
    { name: "a label with n/a says nothing", body: "Test Plan: n/a", testing: false },
    { name: "a prompt left as a question", body: "## Test Plan\nWhat commands did you run?", testing: false },
    { name: "a measured result", body: "This reduces the 16MB run by about 10%.", testing: true },
    {
      name: "a PR about a test plan is not a test plan",
      body: "Adds a test plan document to the template.",
      testing: false,
    },
  ])("testing: $name", ({ body, testing }) => {
    expect(assessDescription(input(body), RULES).parts.testing.present).toBe(testing);
  });

  it("reads a filled heading as surer evidence than a phrase, and a long text without markers as unsure", () => {
    const headed = assessDescription(
      input("## Why\nThe provider drops requests.\n## Testing\nRan the checkout suite."),
      RULES,
    );
    const long = assessDescription(
      input(Array.from({ length: 30 }, () => "The capture flow moves.").join(" ")),
      RULES,
    );

    expect(headed.confidence).toBe(0.9);
    expect(long.missing).toEqual(["why", "testing"]);
    expect(long.confidence).toBeLessThan(0.7);
  });

  it("scores completeness as the share of applicable parts present, and names its evidence", () => {
    const a = assessDescription(
      input("Retries the capture call because the provider drops requests at peak hours."),
      RULES,
    );

    expect(a.completeness).toBe(0.67);
    expect(a.signals).toEqual(
      expect.arrayContaining([
        { part: "why", name: "reason-marker", span: "because" },
        { part: "what", name: "prose", span: expect.stringContaining("Retries the capture call") },
      ]),
    );
  });
});

describe("assessDescription: the parts that depend on the change", () => {
  const ALL: DescriptionRules = {
    required: ["what", "why", "testing", "issue", "risks", "screenshot"],
    changedLinesThreshold: 400,
    uiPaths: ["src/ui/**"],
  };
  const full = "Retries the capture call because the provider drops requests. Added a unit test.";

  it.each<{ name: string; body: string; extra: Partial<DescriptionInput>; missing: DescriptionPart[] }>([
    { name: "a small change needs no risks", body: full, extra: { changedLines: 40 }, missing: ["issue"] },
    {
      name: "a large change needs risks",
      body: full,
      extra: { changedLines: 900 },
      missing: ["issue", "risks"],
    },
    {
      name: "an unknown size asks for no risks",
      body: full,
      extra: { changedLines: null },
      missing: ["issue"],
    },
    {
      name: "a large change with a rollout note",
      body: `${full} Fixes #12. Rollout: behind the capture_retry feature flag.`,
      extra: { changedLines: 900 },
      missing: [],
    },
    {
      name: "a UI change needs a screenshot",
      body: `${full} Closes ACME-123.`,
      extra: { files: ["src/ui/Checkout.tsx"] },
      missing: ["screenshot"],
    },
    {
      name: "a UI change with an image",
      body: `${full} Closes https://github.com/acme/shop/issues/7\n\n![after](https://github.com/user-attachments/assets/abc)`,
      extra: { files: ["src/ui/Checkout.tsx"] },
      missing: [],
    },
    {
      name: "unknown files ask for no screenshot",
      body: `${full} See #7.`,
      extra: { files: null },
      missing: [],
    },
  ])("$name", ({ body, extra, missing }) => {
    expect(missingOf(body, extra, ALL)).toEqual(missing);
  });

  it.each(["UTF-8 decoding", "SHA-256 hashes", "ADR-12 covers it"])(
    "does not read %s as an issue link",
    (text) => {
      expect(missingOf(`${full} ${text}.`, {}, ALL)).toContain("issue");
    },
  );
});

describe("assessDescription: the PR template", () => {
  const template = [
    "## Summary",
    "<!-- What does this change and why? -->",
    "",
    "## Testing",
    "Describe how you tested your change.",
    "",
    "## Checklist",
    "- [ ] Docs updated",
  ].join("\n");
  const rules: DescriptionRules = { ...RULES, required: ["template"] };

  it.each<{ name: string; body: string; unfilled: string[] }>([
    {
      name: "left as the template had it",
      body: template,
      unfilled: ["Summary", "Testing"],
    },
    {
      name: "filled in",
      body: "## Summary\nRetry the capture call.\n\n## Testing\nUnit test with a failing fake.\n\n## Checklist\n- [ ] Docs updated",
      unfilled: [],
    },
    {
      name: "one heading dropped",
      body: "## Summary\nRetry the capture call.",
      unfilled: ["Testing"],
    },
  ])("$name", ({ body, unfilled }) => {
    const a = assessDescription(input(body, { template }), rules);

    expect(a.unfilledHeadings).toEqual(unfilled);
    expect(a.missing).toEqual(unfilled.length > 0 ? ["template"] : []);
  });

  it("asks for nothing about a template the repository does not have", () => {
    expect(missingOf("x", { template: null }, rules)).toEqual([]);
  });
});

describe("assessAdr", () => {
  const rules = { paths: ["src/store/**", "infra/**"], dependencyManifests: true, folder: "docs/adr" };

  it.each<{
    name: string;
    body: string;
    files: string[] | null;
    architectural: boolean | null;
    linksAdr: boolean;
  }>([
    { name: "no architectural path", body: "", files: ["src/app.ts"], architectural: false, linksAdr: false },
    {
      name: "a store change",
      body: "",
      files: ["src/store/schema.ts"],
      architectural: true,
      linksAdr: false,
    },
    { name: "a new dependency", body: "", files: ["package.json"], architectural: true, linksAdr: false },
    {
      name: "a lock file alone",
      body: "",
      files: ["package-lock.json"],
      architectural: false,
      linksAdr: false,
    },
    {
      name: "an ADR reference",
      body: "Implements ADR-007.",
      files: ["src/store/schema.ts"],
      architectural: true,
      linksAdr: true,
    },
    {
      name: "a link into the ADR folder",
      body: "See [the decision](https://github.com/acme/shop/blob/main/docs/adr/0007-queue.md).",
      files: ["infra/queue.tf"],
      architectural: true,
      linksAdr: true,
    },
    {
      name: "the ADR added in the same PR",
      body: "",
      files: ["infra/queue.tf", "docs/adr/0008-queue.md"],
      architectural: true,
      linksAdr: true,
    },
    { name: "unknown files", body: "", files: null, architectural: null, linksAdr: false },
  ])("$name", ({ body, files, architectural, linksAdr: linked }) => {
    expect(assessAdr({ body, files }, rules)).toMatchObject({ architectural, linksAdr: linked });
  });

  it("claims nothing architectural when no paths are configured", () => {
    expect(
      assessAdr(
        { body: "", files: ["src/store/schema.ts"] },
        { ...rules, paths: [], dependencyManifests: false },
      ),
    ).toMatchObject({ architectural: false });
  });

  it("does not take the folder's name inside another word for a link", () => {
    expect(linksAdr("see mydocs/adrs", "docs/adr")).toBe(false);
  });
});
