// The onboarding pull request's title and body: the preview of what review-coach would have done here, team-level
// only (issue #17; README, "Onboarding"). Pure text.
import { suggestionMarkdown } from "../coaching/render-suggestion.js";
import { capLength, quoteComment } from "../coaching/render-text.js";
import { CONFIG_PATH } from "../config/config-path.js";
import { WHAT_IF_ASSUMPTION } from "../figures/window-what-if.js";
import { MIN_PICKUPS, MIN_SESSIONS, type OnboardingProposal } from "./propose-onboarding.js";
import { CONFIG_DOCS_URL } from "./render-config.js";

export const ONBOARDING_TITLE = "Configure review-coach";
export const ONBOARDING_MARKER = "<!-- review-coach:onboarding -->";
export const DOCS_URL = "https://github.com/review-coach/review-coach#onboarding";

const hours = (value: number | null): string => (value === null ? "–" : `${value.toFixed(1)} h`);
const perDay = (value: number | null): string => (value === null ? "–" : value.toFixed(1));
const percent = (value: number | null): string => (value === null ? "–" : `${Math.round(value * 100)}%`);
const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

export type PreviewKind = "pull-request" | "issue";

/**
 * The body: figures, what the windows would have meant, nudges, one anonymised example, what merging does. As an
 * issue (ONBOARDING=off) it carries the config as a code block and says how to add it.
 */
export function renderOnboardingBody(
  proposal: OnboardingProposal,
  options: { kind: PreviewKind; configText: string },
): string {
  const weeks = `${proposal.weeks[0]} to ${proposal.weeks[proposal.weeks.length - 1]}`;
  const n = proposal.weeks.length;
  const figures = proposal.asHappened;
  const lines: string[] = [ONBOARDING_MARKER];
  lines.push(
    "review-coach is installed here and has been observing only: it has posted nothing. " +
      (options.kind === "pull-request"
        ? `This pull request adds \`${CONFIG_PATH}\`; merging it turns coaching on, closing it keeps the repository observed and quiet.`
        : `Adding \`${CONFIG_PATH}\` (below) turns coaching on; closing this issue keeps the repository observed and quiet.`),
    "",
  );

  if (!proposal.enoughHistory) {
    lines.push(
      `### Too little history to draw settings from`,
      "",
      `The last ${plural(n, "week")} (${weeks}) hold ${plural(figures.sessions, "review session")} and ` +
        `${plural(figures.pickups, "first review")}; settings drawn from fewer than ${MIN_SESSIONS} sessions ` +
        `and ${MIN_PICKUPS} first reviews would be guesswork. The config therefore uses the defaults` +
        (proposal.timezoneGuess === null
          ? "."
          : ", with the timezone guessed from the hours reviews happened at."),
      "",
    );
  } else {
    lines.push(
      `### The team's last ${plural(n, "week")} (${weeks})`,
      "",
      "Team figures only; nobody is named or ranked. Time to first review counts business hours " +
        `(${proposal.timezone}, 09:00-17:00 on workdays) from a pull request being ready to its first review.`,
      "",
      "| | |",
      "| --- | --- |",
      `| Time to first review, p50 | ${hours(figures.pickupP50Hours)} |`,
      `| Time to first review, p90 | ${hours(figures.pickupP90Hours)} |`,
      `| Review sessions | ${figures.sessions} |`,
      `| Interruptions per workday | ${perDay(figures.interruptionsPerWorkday)} |`,
      `| Comments that explain why (teaching ratio) | ${percent(figures.teachingRatio)} (${figures.teaching} of ${figures.feedback}) |`,
      "",
    );
    const replay = proposal.withWindows;
    if (replay !== null) {
      const windows = proposal.windows.map((w) => `\`${w}\``).join(" and ");
      lines.push(
        "### The proposed review windows",
        "",
        `${windows} on workdays (${proposal.timezone}). Reviewing in set windows trades a little waiting for ` +
          "fewer breaks in focus; replayed on the same weeks:",
        "",
        "| | as it happened | with these windows |",
        "| --- | --- | --- |",
        `| Interruptions per workday | ${perDay(figures.interruptionsPerWorkday)} | ${perDay(replay.interruptionsPerWorkday)} |`,
        `| Time to first review, p50 | ${hours(figures.pickupP50Hours)} | ${hours(replay.pickupP50Hours)} |`,
        `| Time to first review, p90 | ${hours(figures.pickupP90Hours)} | ${hours(replay.pickupP90Hours)} |`,
        `| Waits over the ${proposal.targetHours} h target | ${figures.breaches} | ${replay.breaches} |`,
        "",
        `<sub>${WHAT_IF_ASSUMPTION}</sub>`,
        "",
      );
    }
  }

  const nudges = proposal.nudges;
  lines.push("### Coaching", "");
  lines.push(
    nudges.reviews === 0
      ? "No reviews were submitted in those weeks, so there is nothing to replay yet."
      : `Of ${plural(nudges.reviews, "review")} in those weeks, ${nudges.nudged} would have received a short note ` +
          "(at most one per review and two per reviewer a day) suggesting where a comment could explain its why" +
          (nudges.forTone > 0
            ? `; ${nudges.forTone} of them for a comment's wording, which a note never quotes.`
            : "."),
  );
  if (proposal.example !== null) {
    lines.push(
      "",
      "An example, with nothing that says whose review it was:",
      "",
      `> “${quoteComment(proposal.example.body)}”`,
      `> → ${suggestionMarkdown(proposal.example.body, proposal.example.suggestion)}`,
    );
  }
  lines.push("");

  lines.push("### What happens next", "");
  if (options.kind === "pull-request") {
    lines.push(
      "- **Merge**: coaching applies to pull requests opened from the day of the merge; earlier ones are left alone. " +
        "The weekly digest starts the following week.",
      "- **Change anything first**: edit the file in this pull request; every key has a comment.",
      "- **Close**: review-coach keeps observing, posts nothing, and does not open this pull request again.",
    );
  } else {
    lines.push(
      `- **Add the config**: commit the file below as \`${CONFIG_PATH}\` on the default branch; coaching applies to ` +
        "pull requests opened from then on, and the weekly digest starts the following week.",
      "- **Close this issue**: review-coach keeps observing, posts nothing, and does not open it again.",
      "",
      "```yaml",
      options.configText.trimEnd(),
      "```",
    );
  }
  lines.push(
    "",
    `<sub>From review-coach · [How onboarding works](${DOCS_URL}) · [Every config key](${CONFIG_DOCS_URL})</sub>`,
  );
  return capLength(lines.join("\n"));
}
