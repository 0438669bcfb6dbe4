import { describe, expect, it } from "@jest/globals";
import { assessDescription } from "../../src/analysis/description/assess-description.js";
import type { ExistingNudge } from "../../src/coaching/policy.js";
import {
  type DescriptionFacts,
  type DescriptionPolicyInput,
  decideDescriptionNudge,
} from "../../src/coaching/policy-description.js";
import { renderDescriptionNudge, renderDescriptionThanks } from "../../src/coaching/render-description.js";
import { DescriptionsConfig, defaultConfig } from "../../src/config/schema.js";

const THIN = assessDescription(
  { title: "x", body: "Small fix.", changedLines: 10, files: [], template: null },
  { required: ["what", "why", "testing"], changedLinesThreshold: 400, uiPaths: [] },
);
const FULL = assessDescription(
  {
    title: "x",
    body: "Retries the capture call because the provider drops requests. Added a unit test.",
    changedLines: 10,
    files: [],
    template: null,
  },
  { required: ["what", "why", "testing"], changedLinesThreshold: 400, uiPaths: [] },
);
const PR: DescriptionFacts = {
  author: "erin",
  authorType: "User",
  headRef: "refund-keys",
  draft: false,
  labels: [],
  createdAt: "2026-11-16T13:20:00Z",
  trigger: "opened",
};
const input = (over: Partial<DescriptionPolicyInput> = {}): DescriptionPolicyInput => ({
  pr: PR,
  assessment: THIN,
  adr: { architectural: false, touched: [], linksAdr: false },
  coaching: defaultConfig().coaching,
  descriptions: DescriptionsConfig.parse({}),
  timezone: "Europe/Berlin",
  coach: true,
  optedOut: false,
  existing: "none",
  ...over,
});
const coaching = defaultConfig().coaching;

describe("decideDescriptionNudge", () => {
  it.each<{ name: string; over: Partial<DescriptionPolicyInput>; reason: string }>([
    { name: "no config file", over: { coach: false }, reason: "not-configured" },
    {
      name: "no descriptions section",
      over: { descriptions: { ...DescriptionsConfig.parse({}), enabled: false } },
      reason: "disabled",
    },
    { name: "coaching off", over: { coaching: { ...coaching, enabled: false } }, reason: "disabled" },
    {
      name: "dependabot",
      over: { pr: { ...PR, author: "dependabot[bot]", authorType: "Bot" } },
      reason: "dependency-update",
    },
    {
      name: "a renovate branch",
      over: { pr: { ...PR, headRef: "renovate/lodash-4.x" } },
      reason: "dependency-update",
    },
    { name: "another bot", over: { pr: { ...PR, author: "release-bot[bot]" } }, reason: "bot" },
    {
      name: "an ignored user",
      over: { coaching: { ...coaching, ignore_users: ["Erin"] } },
      reason: "ignored-user",
    },
    {
      name: "before activation",
      over: { coaching: { ...coaching, activated_at: "2026-12-01" } },
      reason: "before-activation",
    },
    { name: "a draft", over: { pr: { ...PR, draft: true } }, reason: "draft" },
    { name: "an ignored label", over: { pr: { ...PR, labels: ["No-Coach"] } }, reason: "ignored-label" },
    { name: "the author opted out", over: { optedOut: true }, reason: "opted-out" },
    { name: "a note someone removed", over: { existing: "removed" }, reason: "nudge-removed" },
    { name: "an edit with no note yet", over: { pr: { ...PR, trigger: "edited" } }, reason: "not-on-edit" },
    { name: "mode off", over: { coaching: { ...coaching, mode: "off" } }, reason: "mode-off" },
    { name: "a complete description", over: { assessment: FULL }, reason: "complete" },
  ])("skips $name", ({ over, reason }) => {
    expect(decideDescriptionNudge(input(over))).toEqual({ action: "skip", reason });
  });

  it("asks for the missing parts only", () => {
    expect(decideDescriptionNudge(input())).toEqual({
      action: "nudge",
      content: { missing: ["what", "why", "testing"], unfilledHeadings: [], adr: null },
    });
  });

  it.each<ExistingNudge>(["showing", "resolved"])(
    "resolves a note that is %s once the description is complete",
    (existing) => {
      expect(decideDescriptionNudge(input({ assessment: FULL, existing }))).toEqual({ action: "resolve" });
    },
  );

  it("updates a showing note on an edit", () => {
    expect(
      decideDescriptionNudge(input({ existing: "showing", pr: { ...PR, trigger: "edited" } })).action,
    ).toBe("nudge");
  });

  it("adds the ADR line only where ADR paths are configured and no ADR is linked", () => {
    const adr = { architectural: true, touched: ["src/store/schema.ts"], linksAdr: false };
    const configured = { ...DescriptionsConfig.parse({}), adr_paths: ["src/store/**"] };

    expect(decideDescriptionNudge(input({ assessment: FULL, adr, descriptions: configured }))).toEqual({
      action: "nudge",
      content: { missing: [], unfilledHeadings: [], adr: { touched: ["src/store/schema.ts"] } },
    });
    expect(
      decideDescriptionNudge(
        input({ assessment: FULL, adr: { ...adr, linksAdr: true }, descriptions: configured }),
      ),
    ).toEqual({ action: "skip", reason: "complete" });
  });
});

describe("renderDescriptionNudge", () => {
  const view = {
    prNumber: 7,
    author: "alice_acme",
    changedLines: 900,
    uiFiles: ["web/Checkout.tsx"],
    adrFolder: { name: "docs/adr", url: null, templateUrl: null },
  };

  it("names each missing part with why it helps, and a skeleton of only those parts", () => {
    const body = renderDescriptionNudge({
      ...view,
      content: { missing: ["testing", "risks", "screenshot"], unfilledHeadings: [], adr: null },
    });

    expect(
      body.startsWith(
        "<!-- review-coach:description pr=7 -->\n👋 Hi @alice\\_acme, thanks for the pull request!",
      ),
    ).toBe(true);
    expect(body).toContain(
      "- **Risks and rollout**: 900 changed lines deserve a word on what could go wrong",
    );
    expect(body).toContain("- **Screenshot**: this touches `web/Checkout.tsx`; a before/after image");
    expect(body).toContain("````markdown\n## How it was tested\n");
    expect(body).not.toContain("## Why");
  });

  it("uses the template's own headings for a template left unfilled, and names the ADR folder without a link it does not have", () => {
    const body = renderDescriptionNudge({
      ...view,
      content: {
        missing: ["template"],
        unfilledHeadings: ["Summary", "Testing"],
        adr: { touched: ["infra/queue.tf"] },
      },
    });

    expect(body).toContain("the headings “Summary” and “Testing” are still as the template left them.");
    expect(body).toContain("## Summary\n<!-- … -->\n## Testing\n<!-- … -->");
    expect(body).toContain(
      "🏛️ This changes `infra/queue.tf`, which the team counts as architectural. If it makes a decision, a short ADR in `docs/adr` records the why",
    );
  });

  it("thanks the author once complete", () => {
    expect(renderDescriptionThanks({ prNumber: 7, author: "erin" })).toContain(
      "✅ Thanks, @erin: with the edits, the description gives reviewers what they need to start. Nothing more to do here.",
    );
  });
});
