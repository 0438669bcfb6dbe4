// Decides whether a PR's author gets a note about the description: one per PR at most, only for what the config
// asks for, never for bots or dependency updates (docs/architecture.md, "Descriptions"). Pure: data in, data out.
import type { AdrReading } from "../analysis/description/assess-adr.js";
import type {
  DescriptionAssessment,
  DescriptionPart,
} from "../analysis/description/description-assessment.js";
import type { CoachingConfig, DescriptionsConfig } from "../config/schema.js";
import type { ExistingNudge } from "./policy.js";
import { teamDay } from "./policy-day.js";

export interface DescriptionFacts {
  author: string;
  authorType: string;
  /** The PR's head branch, e.g. "dependabot/npm_and_yarn/lodash-4.17.21". */
  headRef: string | null;
  draft: boolean;
  labels: readonly string[];
  createdAt: string;
  /** The delivery that asks: a new note is only started when a PR is opened or marked ready, never on an edit. */
  trigger: "opened" | "ready_for_review" | "edited";
}

export interface DescriptionPolicyInput {
  pr: DescriptionFacts;
  assessment: DescriptionAssessment;
  adr: AdrReading;
  coaching: CoachingConfig;
  descriptions: DescriptionsConfig;
  timezone: string;
  /** False for a repository without a valid config file: observed, never coached. */
  coach: boolean;
  optedOut: boolean;
  existing: ExistingNudge;
}

export type DescriptionGate =
  | "not-configured"
  | "disabled"
  | "bot"
  | "dependency-update"
  | "ignored-user"
  | "before-activation"
  | "draft"
  | "ignored-label";

export type DescriptionSkip =
  | DescriptionGate
  | "complete"
  | "not-on-edit"
  | "nudge-removed"
  | "opted-out"
  | "mode-off";

export interface DescriptionNudgeContent {
  missing: DescriptionPart[];
  unfilledHeadings: string[];
  /** Set when the PR touches architectural paths without linking an ADR: the files to name. */
  adr: { touched: string[] } | null;
}

export type DescriptionDecision =
  | { action: "nudge"; content: DescriptionNudgeContent }
  | { action: "resolve" }
  | { action: "skip"; reason: DescriptionSkip };

/** Dependency-update bots whose PRs describe themselves; checked by login and branch, whatever their type says. */
const DEPENDENCY_BOTS =
  /^(?:dependabot|renovate|depfu|greenkeeper|snyk-bot|pyup-bot|mend-bolt-for-github)(?:\[bot\])?$/i;
const DEPENDENCY_BRANCH = /^(?:dependabot|renovate|depfu|snyk-(?:fix|upgrade))[/-]/i;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function decideDescriptionNudge(input: DescriptionPolicyInput): DescriptionDecision {
  const gate = closedGate(input);
  if (gate) return { action: "skip", reason: gate };

  const adrNeeded = input.descriptions.adr_paths.length > 0 || input.descriptions.adr_dependency_manifests;
  const content: DescriptionNudgeContent = {
    missing: input.assessment.missing,
    unfilledHeadings: input.assessment.missing.includes("template") ? input.assessment.unfilledHeadings : [],
    adr:
      adrNeeded && input.adr.architectural === true && !input.adr.linksAdr
        ? { touched: input.adr.touched }
        : null,
  };
  const needsNote = content.missing.length > 0 || content.adr !== null;
  if (!needsNote) {
    const showing = input.existing === "showing" || input.existing === "resolved";
    return showing ? { action: "resolve" } : { action: "skip", reason: "complete" };
  }
  if (input.existing === "removed") return { action: "skip", reason: "nudge-removed" };
  if (input.optedOut) return { action: "skip", reason: "opted-out" };
  // An edit updates a note that is there; it never starts one (the author is mid-way through writing).
  if (input.existing === "none" && input.pr.trigger === "edited")
    return { action: "skip", reason: "not-on-edit" };
  if (input.coaching.mode === "off") return { action: "skip", reason: "mode-off" };
  return { action: "nudge", content };
}

export function isDependencyUpdate(pr: Pick<DescriptionFacts, "author" | "headRef">): boolean {
  return DEPENDENCY_BOTS.test(pr.author) || (pr.headRef !== null && DEPENDENCY_BRANCH.test(pr.headRef));
}

/** Why a PR's description is not coached at all, whatever it says: checked before any GitHub read. */
export function descriptionGate(
  input: Pick<DescriptionPolicyInput, "pr" | "coaching" | "descriptions" | "timezone" | "coach">,
): DescriptionGate | undefined {
  return closedGate(input);
}

function closedGate(
  input: Pick<DescriptionPolicyInput, "pr" | "coaching" | "descriptions" | "timezone" | "coach">,
): DescriptionGate | undefined {
  const { pr, coaching } = input;
  if (!input.coach) return "not-configured";
  if (!coaching.enabled || !input.descriptions.enabled) return "disabled";
  if (isDependencyUpdate(pr)) return "dependency-update";
  if (pr.authorType === "Bot" || pr.author.endsWith("[bot]")) return "bot";
  if (coaching.ignore_users.some((u) => same(u, pr.author))) return "ignored-user";
  if (coaching.activated_at && teamDay(pr.createdAt, input.timezone) < coaching.activated_at)
    return "before-activation";
  // Drafts are work in progress whatever skip_drafts says: the issue asks for non-draft PRs only.
  if (pr.draft) return "draft";
  const labels = new Set(pr.labels.map((l) => l.toLowerCase()));
  if (coaching.ignore_labels.some((l) => labels.has(l.toLowerCase()))) return "ignored-label";
  return undefined;
}
