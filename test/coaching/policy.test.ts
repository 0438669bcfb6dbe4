import { describe, expect, it } from "@jest/globals";
import { suggestRewrite } from "../../src/analysis/suggest-rewrite.js";
import { decideNudge, type PolicyInput } from "../../src/coaching/policy.js";
import { rewriteInput, suggestionPlain, worthListing } from "../../src/coaching/render-suggestion.js";
import type { CoachingConfig } from "../../src/config/schema.js";
import { coachingConfig, comment, correcting, harsh, nit, praise, review, teaching } from "./factory.js";

function input(
  comments: ReturnType<typeof teaching>[],
  over: Omit<Partial<PolicyInput>, "config"> & { config?: Partial<CoachingConfig> } = {},
): PolicyInput {
  const { config, ...rest } = over;
  return {
    review: review(comments),
    config: coachingConfig(config),
    timezone: "Europe/Berlin",
    coach: true,
    optedOut: false,
    nudgesToday: 0,
    existing: "none",
    ...rest,
  };
}

describe("decideNudge", () => {
  it.each<{ name: string; input: PolicyInput; action: string; reason: string }>([
    {
      name: "two bare corrections",
      input: input([correcting(), correcting()]),
      action: "nudge",
      reason: "low-teaching-ratio",
    },
    {
      name: "one correction, below min_comments",
      input: input([correcting()]),
      action: "skip",
      reason: "below-min-comments",
    },
    {
      name: "ratio exactly at the threshold",
      input: input([correcting(), teaching()]),
      action: "skip",
      reason: "ratio-ok",
    },
    {
      name: "ratio below a higher threshold",
      input: input([correcting(), teaching()], { config: { teaching_ratio_threshold: 0.6 } }),
      action: "nudge",
      reason: "low-teaching-ratio",
    },
    {
      name: "a harsh comment, ratio fine",
      input: input([teaching(), teaching(), harsh()]),
      action: "nudge",
      reason: "harsh-tone",
    },
    {
      name: "a harsh comment alone, below min_comments",
      input: input([harsh()]),
      action: "nudge",
      reason: "harsh-tone",
    },
    {
      name: "harsh tone not flagged",
      input: input([teaching(), harsh()], { config: { flag_harsh_tone: false } }),
      action: "skip",
      reason: "ratio-ok",
    },
    { name: "nits only", input: input([nit(), nit(), nit()]), action: "skip", reason: "only-nits" },
    {
      name: "praise is not a correction",
      input: input([praise(), praise(), teaching()]),
      action: "skip",
      reason: "ratio-ok",
    },
    {
      name: "not feedback (LGTM)",
      input: input([comment("LGTM", { verdict: "not-feedback" }), correcting()]),
      action: "skip",
      reason: "below-min-comments",
    },
    {
      name: "correcting comments that are all harsh, tone not flagged: nothing to quote",
      input: input([harsh(), harsh()], { config: { flag_harsh_tone: false } }),
      action: "skip",
      reason: "nothing-to-suggest",
    },
    {
      name: "repo not configured",
      input: input([correcting(), correcting()], { coach: false }),
      action: "skip",
      reason: "not-configured",
    },
    {
      name: "coaching disabled",
      input: input([correcting(), correcting()], { config: { enabled: false } }),
      action: "skip",
      reason: "disabled",
    },
    {
      name: "a bot reviewer",
      input: {
        ...input([correcting(), correcting()]),
        review: review([correcting(), correcting()], { reviewerIsBot: true }),
      },
      action: "skip",
      reason: "bot",
    },
    {
      name: "an ignored user, any case",
      input: input([correcting(), correcting()], { config: { ignore_users: ["ALICE"] } }),
      action: "skip",
      reason: "ignored-user",
    },
    {
      name: "the PR author in their own PR",
      input: { ...input([]), review: review([correcting(), correcting()], { reviewer: "Bob" }) },
      action: "skip",
      reason: "pr-author",
    },
    {
      name: "a PR opened before activated_at",
      input: input([correcting(), correcting()], { config: { activated_at: "2026-11-20" } }),
      action: "skip",
      reason: "before-activation",
    },
    {
      name: "activated_at in the team's timezone (23:30 UTC is the next day in Berlin)",
      input: {
        ...input([], { config: { activated_at: "2026-11-20" } }),
        review: review([correcting(), correcting()], { prCreatedAt: "2026-11-19T23:30:00Z" }),
      },
      action: "nudge",
      reason: "low-teaching-ratio",
    },
    {
      name: "a draft",
      input: { ...input([]), review: review([correcting(), correcting()], { prDraft: true }) },
      action: "skip",
      reason: "draft",
    },
    {
      name: "a draft when skip_drafts is off",
      input: {
        ...input([], { config: { skip_drafts: false } }),
        review: review([correcting(), correcting()], { prDraft: true }),
      },
      action: "nudge",
      reason: "low-teaching-ratio",
    },
    {
      name: "an ignored label",
      input: { ...input([]), review: review([correcting(), correcting()], { prLabels: ["No-Coach"] }) },
      action: "skip",
      reason: "ignored-label",
    },
    {
      name: "comments on ignored paths are left out",
      input: input([correcting(), comment("Bump it.", {}, { path: "web/yarn.lock" })]),
      action: "skip",
      reason: "below-min-comments",
    },
    {
      name: "a command is not a comment",
      input: input([correcting(), comment("/review-coach off", { verdict: "correcting" })]),
      action: "skip",
      reason: "below-min-comments",
    },
    {
      name: "opted out",
      input: input([correcting(), correcting()], { optedOut: true }),
      action: "skip",
      reason: "opted-out",
    },
    {
      name: "the daily cap reached",
      input: input([correcting(), correcting()], { nudgesToday: 2 }),
      action: "skip",
      reason: "rate-limited",
    },
    {
      name: "a cap of 0 never nudges",
      input: input([correcting(), correcting()], { config: { max_nudges_per_reviewer_per_day: 0 } }),
      action: "skip",
      reason: "rate-limited",
    },
    {
      name: "the cap does not apply to updating this review's own nudge",
      input: input([correcting(), correcting()], { nudgesToday: 2, existing: "showing" }),
      action: "nudge",
      reason: "low-teaching-ratio",
    },
    {
      name: "mode off",
      input: input([correcting(), correcting()], { config: { mode: "off" } }),
      action: "skip",
      reason: "mode-off",
    },
    {
      name: "a nudge someone removed",
      input: input([correcting(), correcting()], { existing: "removed" }),
      action: "skip",
      reason: "nudge-removed",
    },
    {
      name: "comments now teach, nudge showing",
      input: input([teaching(), correcting()], { existing: "showing" }),
      action: "resolve",
      reason: "ratio-ok",
    },
    {
      name: "comments now teach, no nudge",
      input: input([teaching(), correcting()]),
      action: "skip",
      reason: "ratio-ok",
    },
    {
      name: "a thanked nudge goes back to a nudge when comments regress",
      input: input([correcting(), correcting()], { existing: "resolved" }),
      action: "nudge",
      reason: "low-teaching-ratio",
    },
  ])("$name → $action ($reason)", ({ input: i, action, reason }) => {
    const decision = decideNudge(i);
    expect({ action: decision.action, reason: decision.reason }).toEqual({ action, reason });
  });

  it("names only corrections that are not nits nor harsh, and credits teaching comments", () => {
    const a = correcting("Rename it.");
    const b = correcting("Remove the sleep.");
    const n = nit();
    const h = harsh();
    const t = teaching();
    const decision = decideNudge(input([a, b, n, h, t], { config: { teaching_ratio_threshold: 0.6 } }));
    expect(decision.action).toBe("nudge");
    if (decision.action !== "nudge") return;
    expect(decision.content.couldTeachMore).toEqual([a, b]);
    expect(decision.content.harsh).toEqual([h]);
    expect(decision.content.teaching).toEqual([t]);
    expect(decision.tally).toEqual({
      considered: 5,
      feedback: 5,
      teaching: 1,
      correcting: 3,
      nits: 1,
      harsh: 1,
      ratio: 0.25,
    });
  });

  it("counts a clarifying question and a ditto as corrections but names only the request", () => {
    const question = correcting("Are these the v2 routes?");
    const ditto = correcting("ditto");
    const request = correcting("Remove the sleep.");
    const decision = decideNudge(input([question, ditto, request]));
    expect(decision.action).toBe("nudge");
    if (decision.action !== "nudge") return;
    expect(decision.tally.correcting).toBe(3);
    expect(decision.content.couldTeachMore).toEqual([request]);
  });

  it("lists a correction only with a concrete line under it; the rest still count in the ratio", () => {
    const offline = (body: string) => correcting(body, suggestRewrite(rewriteInput(body)));
    const vague = offline("You should backport this separately.");
    const request = offline("Remove the sleep.");
    const decision = decideNudge(input([vague, request]));
    expect(decision.action).toBe("nudge");
    if (decision.action !== "nudge") return;
    expect(decision.tally.correcting).toBe(2);
    expect(decision.content.couldTeachMore).toEqual([request]);
    // Alone, the vague one leaves nothing worth listing.
    expect(decideNudge(input([vague, offline("This belongs in a follow-up change.")])).reason).toBe(
      "nothing-to-suggest",
    );
  });

  it("drops a question readers seldom passed: a rewrite keeps its place, a bare one is not listed", () => {
    const body = "Validate the port.";
    const line = suggestRewrite(rewriteInput(body));
    expect(line).toContain("which input or case goes wrong");
    expect(suggestionPlain(body, line)).toBe("Try: “Could we validate the port?”, and add the why.");
    const question = "Add the why: what gets easier, or safer, once it is moved?";
    expect(worthListing("Move the helper.", { source: "heuristic", suggestion: question })).toBe(false);
    // The rewrite alone only rephrases the request: not listed offline.
    expect(worthListing(body, { source: "heuristic", suggestion: line })).toBe(false);
  });

  it("does not list a question the comment already answers, but still lists its nit", () => {
    const offline = (body: string) => ({
      source: "heuristic" as const,
      suggestion: suggestRewrite(rewriteInput(body)),
    });
    for (const body of [
      "Remove this unused import.",
      "The retry flag is never used; drop it.",
      "This block is a duplicate, remove it.",
      "Drop the fallback, it isn't needed anymore.",
    ])
      expect(worthListing(body, offline(body))).toBe(false);
    expect(worthListing("Remove the sleep.", offline("Remove the sleep."))).toBe(true);
    // "Redundant" already reads as the reason: the unneeded thing's question alone is not listed, under a rewrite it is.
    expect(offline("This cast is redundant.").suggestion).toContain("what makes it unnecessary");
    expect(worthListing("This cast is redundant.", offline("This cast is redundant."))).toBe(false);
    const removal = "The retry flag should be removed.";
    expect(offline(removal).suggestion).toMatch(/^Should the retry flag be removed\? .*unnecessary/);
    expect(worthListing(removal, offline(removal))).toBe(true);
    expect(worthListing("Unused blank line here.", offline("Unused blank line here."))).toBe(true);
  });

  it("lists the same correction when the model wrote a line for it", () => {
    const body = "You should backport this separately.";
    const modelLine = comment(body, {
      verdict: "correcting",
      source: "llm",
      suggestion:
        "Could we backport this on its own? Add the why: which users of the stable branch need the fix?",
    });
    const decision = decideNudge(input([modelLine, correcting(body, suggestRewrite(rewriteInput(body)))]));
    expect(decision.action).toBe("nudge");
    if (decision.action !== "nudge") return;
    expect(decision.content.couldTeachMore).toEqual([modelLine]);
  });

  it("skips a review whose only corrections are questions: nothing to suggest", () => {
    const decision = decideNudge(
      input([correcting("Are these the v2 routes?"), correcting("When is this null?")]),
    );
    expect({ action: decision.action, reason: decision.reason }).toEqual({
      action: "skip",
      reason: "nothing-to-suggest",
    });
  });

  it("never credits a comment as teaching while flagging its wording", () => {
    const harshButTeaching = comment("Why would you loop twice?! Obviously a map.", {
      verdict: "teaching",
      tone: "harsh",
    });
    const t = teaching();
    const decision = decideNudge(input([harshButTeaching, t]));
    expect(decision.action === "nudge" && decision.content.teaching).toEqual([t]);
  });

  it("names only the harsh comment when the ratio is fine", () => {
    const decision = decideNudge(input([teaching(), teaching(), correcting(), harsh()]));
    expect(decision.action === "nudge" && decision.content.couldTeachMore).toEqual([]);
  });

  it("tells a resolved nudge which comments still read as corrections", () => {
    const c = correcting();
    const decision = decideNudge(input([teaching(), c], { existing: "showing" }));
    expect(decision.action === "resolve" && decision.stillFlagged).toEqual([c]);
  });
});
