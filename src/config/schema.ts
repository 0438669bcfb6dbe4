// The one source of truth for `.github/review-coach.yml`: type, defaults, error messages and JSON Schema (docs/architecture.md, "Configuration").
import { z } from "zod";

// Authored messages start with "expected …": parseConfig puts the YAML path and the bad value in front of them,
// and writes its own text (from the JSON Schema) for every issue that has no authored message.

const Weekday = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]).describe("A day of the week.");
export type Weekday = z.infer<typeof Weekday>;

const clock = /^([01]\d|2[0-3]):[0-5]\d$/;
const timeRangeMessage = 'expected a time range "HH:MM-HH:MM" in 24-hour time, e.g. "09:30-10:30"';
const TimeRange = z
  .string({ error: timeRangeMessage })
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { error: timeRangeMessage })
  .describe('A daily time range "HH:MM-HH:MM" (24-hour); an end before the start spans midnight.');
const clockTimeMessage = 'expected a time "HH:MM" in 24-hour time, e.g. "09:00"';
const ClockTime = z.string({ error: clockTimeMessage }).regex(clock, { error: clockTimeMessage });
const isoDateMessage = 'expected an ISO date "YYYY-MM-DD", e.g. "2025-01-31"';
/** A calendar date; "2025-02-30" is rejected (Date.parse alone would roll it over to March). */
const IsoDate = z
  .string({ error: isoDateMessage })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: isoDateMessage })
  .refine(
    (s) => {
      const date = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s);
    },
    { error: 'expected a real calendar date "YYYY-MM-DD"' },
  );

/** What `_extends` accepts, as @probot/octokit-plugin-config parses it: `repo`, `owner/repo`, `repo:path.yml`. */
// Spelled without the /i flag: JSON Schema patterns carry no flags, and editors must accept what the app accepts.
const extendsPattern =
  /^(?:([A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.(?:[yY][aA]?[mM][lL])))?$/;

/** IANA timezone names only ("Europe/Berlin"), checked against the runtime's tz database. */
export const TimeZone = z
  .string({ error: 'expected an IANA timezone name such as "Europe/Berlin" or "UTC"' })
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return tz.includes("/") || tz === "UTC";
      } catch {
        return false;
      }
    },
    { error: 'expected an IANA timezone name such as "Europe/Berlin" or "UTC"' },
  );

export const CoachingConfig = z
  .strictObject({
    /** Master switch for nudges; metrics are recorded regardless. */
    enabled: z.boolean().default(true).describe("Master switch for nudges; metrics are recorded regardless."),
    /** How nudges are delivered. */
    mode: z
      .enum(["summary", "inline", "check", "off"])
      .default("summary")
      .describe(
        "summary: one PR comment per review; inline: a reply per thread; check: a neutral check run; off: record and measure only.",
      ),
    /** Nudge only on PRs opened on or after this date. */
    activated_at: IsoDate.nullable()
      .default(null)
      .describe("ISO date: nudge only on PRs opened on or after it."),
    min_comments: z
      .int()
      .min(1)
      .max(100)
      .default(2)
      .describe("Feedback comments in a review before a nudge is considered."),
    teaching_ratio_threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe("Nudge when fewer than this share of a review's feedback comments teach."),
    call_out_confidence: z
      .number()
      .min(0)
      .max(1)
      .default(0.7)
      .describe(
        "A correction is named in a nudge only when the verdict model is at least this sure of it; 0.7 keeps the share of named comments that already teach near 10% (docs/analysis.md).",
      ),
    flag_harsh_tone: z
      .boolean()
      .default(true)
      .describe("A harsh comment triggers a nudge even when the ratio is fine."),
    max_nudges_per_reviewer_per_day: z
      .int()
      .min(0)
      .max(50)
      .default(2)
      .describe("Per reviewer per repository."),
    skip_drafts: z.boolean().default(true).describe("Never nudge on draft PRs."),
    on_resolved: z
      .enum(["thank", "delete"])
      .default("thank")
      .describe(
        "When the reviewer edits the comments so that they teach: update the nudge to say thanks, or delete it.",
      ),
    ignore_users: z
      .array(z.string().min(1))
      .default(["Copilot", "coderabbitai[bot]"])
      .describe("Logins never nudged nor counted as reviewers; bots are always ignored."),
    ignore_labels: z
      .array(z.string().min(1))
      .default(["no-coach"])
      .describe("PRs with any of these labels are not coached."),
    ignore_paths: z
      .array(z.string().min(1))
      .default(["**/*.lock"])
      .describe("Glob patterns; review comments on matching files are not assessed for nudges."),
  })
  .describe("Coaching nudges on pull requests.");
export type CoachingConfig = z.infer<typeof CoachingConfig>;

export const LlmConfig = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe("Ask an OpenAI-compatible model for a second opinion on unsure comments."),
    model: z.string().min(1).default("gpt-4o-mini").describe("Model name sent to the OpenAI-compatible API."),
    confidence_below: z
      .number()
      .min(0)
      .max(1)
      .default(0.6)
      .describe("Only comments whose heuristic confidence is below this go to the model for a verdict."),
    write_suggestions: z
      .boolean()
      .default(true)
      .describe(
        "Also send the corrections a nudge would name, so the model writes their suggestion (checked before it is shown); same request and budget.",
      ),
    max_comments_per_day: z.int().min(0).default(500).describe("Per installation per UTC day."),
    max_tokens_per_day: z
      .int()
      .min(0)
      .default(200000)
      .describe("Per installation per UTC day, prompt plus completion."),
    timeout_ms: z
      .int()
      .min(100)
      .max(60000)
      .default(8000)
      .describe("Per request; on timeout the heuristic verdict stands."),
  })
  .describe("Optional LLM second opinion.");
export type LlmConfig = z.infer<typeof LlmConfig>;

export const ReviewerSettings = z.strictObject({
  timezone: TimeZone.describe("IANA timezone of this reviewer."),
});

export const ReviewWindowsConfig = z
  .strictObject({
    timezone: TimeZone.default("Europe/Berlin").describe("The team's IANA timezone."),
    windows: z
      .array(TimeRange)
      .default(["09:30-10:30", "15:00-16:00"])
      .describe("Daily review windows in the reviewer's timezone."),
    workdays: z
      .array(Weekday)
      .min(1)
      .default(["mon", "tue", "wed", "thu", "fri"])
      .describe("Days that count as workdays."),
    working_hours: TimeRange.default("09:00-17:00").describe("Business hours, for pickup time."),
    holidays: z.array(IsoDate).default([]).describe("ISO dates that are not workdays."),
    session_gap_minutes: z
      .int()
      .min(1)
      .max(24 * 60)
      .default(30)
      .describe("A longer gap starts a new review session."),
    first_review_target_hours: z
      .number()
      .positive()
      .max(1000)
      .default(8)
      .describe("Pickup target in business hours."),
    reviewers: z
      .record(
        z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/, { error: "expected a GitHub login" }),
        ReviewerSettings,
      )
      .default({})
      .describe("Optional per-reviewer timezone, keyed by GitHub login."),
  })
  .describe("Review windows, business hours and pickup target.");
export type ReviewWindowsConfig = z.infer<typeof ReviewWindowsConfig>;

export const DigestConfig = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Post a weekly digest issue."),
    repository: z
      .string()
      .regex(/^$|^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, {
        error: 'expected a repository "OWNER/NAME", or "" for this repository',
      })
      .default("")
      .describe("OWNER/NAME to post to; empty means this repository."),
    day: Weekday.default("mon").describe("Day of the week the digest is posted, team timezone."),
    time: ClockTime.default("09:00").describe("Time of day the digest is posted, team timezone."),
    per_reviewer: z
      .boolean()
      .default(false)
      .describe("Show per-reviewer figures (team-level only by default)."),
    mention: z
      .array(
        z
          .string()
          .regex(/^@\S+$/, { error: 'expected a mention such as "@acme/tech-leads" (quote it in YAML)' }),
      )
      .default([])
      .describe(
        'Users or teams mentioned in the digest, e.g. ["@acme/tech-leads"]; quoted, since YAML reserves "@".',
      ),
    label: z
      .string()
      .min(1)
      .max(50)
      .default("review-coach")
      .describe("Label put on digest issues (created if missing)."),
  })
  .describe("Weekly digest for tech leads.");
export type DigestConfig = z.infer<typeof DigestConfig>;

/** The parts a description can be asked for; the same list the assessment reads (docs/architecture.md, "Descriptions"). */
const DescriptionPartName = z
  .enum(["what", "why", "testing", "issue", "risks", "screenshot", "template"])
  .describe(
    "what, why, testing (how it was tested), issue (a link), risks (risks or rollout, above changed_lines_threshold), screenshot (for changes under ui_paths), template (the PR template's headings filled in).",
  );

export const DescriptionsConfig = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe(
        "Nudge a PR's author when its description misses a required part (needs coaching.enabled). Only a config with a descriptions section turns this on, so teams that had the app before see no new comments until they ask.",
      ),
    required: z
      .array(DescriptionPartName)
      .default(["what", "why", "testing"])
      .describe("Parts a description should have; risks and screenshot are asked for only where they apply."),
    changed_lines_threshold: z
      .int()
      .min(0)
      .max(1_000_000)
      .default(400)
      .describe("Above this many changed lines (additions + deletions), risks or rollout are asked for."),
    ui_paths: z
      .array(z.string().min(1))
      .default([])
      .describe("Glob patterns; a change touching one of them is asked for a screenshot."),
    adr_paths: z
      .array(z.string().min(1))
      .default([])
      .describe(
        "Glob patterns of architectural paths: a PR touching one without linking an ADR gets one line suggesting one.",
      ),
    adr_folder: z
      .string()
      .min(1)
      .regex(/^[^\s]+$/, { error: 'expected a folder path without spaces, e.g. "docs/adr"' })
      .default("docs/adr")
      .describe("Where the ADRs live; a link into it (or an ADR-NNN reference) counts as linking one."),
    adr_dependency_manifests: z
      .boolean()
      .default(false)
      .describe(
        "Count changes to dependency manifests (package.json, go.mod, pyproject.toml…) as architectural.",
      ),
  })
  .describe("Coaching the pull request's own description, and ADRs where decisions are made.");
export type DescriptionsConfig = z.infer<typeof DescriptionsConfig>;

/** The descriptions settings in force: the section's, or its defaults with coaching off when it is absent. */
export function descriptionsOf(config: {
  descriptions?: DescriptionsConfig | undefined;
}): DescriptionsConfig {
  return config.descriptions ?? { ...DescriptionsConfig.parse({}), enabled: false };
}

export const RepoConfig = z
  .strictObject({
    _extends: z
      .string()
      .regex(extendsPattern, {
        error: 'expected a repository such as ".github", "acme/settings" or "settings:path.yml"',
      })
      .optional()
      .describe(
        "Org defaults from another repository (Probot convention): REPO, OWNER/REPO or REPO:PATH.yml.",
      ),
    coaching: CoachingConfig.prefault({}),
    llm: LlmConfig.prefault({}),
    review_windows: ReviewWindowsConfig.prefault({}),
    digest: DigestConfig.prefault({}),
    // Optional, unlike the other sections: description notes are addressed to authors, who did not ask for review
    // coaching, so they start only where a team writes this section (docs/architecture.md, "Descriptions").
    descriptions: DescriptionsConfig.optional(),
  })
  .describe("review-coach configuration (.github/review-coach.yml).");
export type RepoConfig = z.infer<typeof RepoConfig>;

/** The configuration used when a file is absent or invalid. */
export const defaultConfig = (): RepoConfig => RepoConfig.parse({});
