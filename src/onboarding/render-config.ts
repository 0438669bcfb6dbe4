// The proposed `.github/review-coach.yml`: every key with a one-line comment saying what it does or where its value
// came from (issue #17; README, "Onboarding"). Pure text; validated by parseConfigText in the tests.
import { defaultConfig } from "../config/schema.js";
import type { OnboardingProposal } from "./propose-onboarding.js";

export const CONFIG_DOCS_URL = "https://github.com/review-coach/review-coach/blob/main/docs/configuration.md";

type Line = { indent: number; key: string; value?: string; comment: string };

const quote = (text: string): string => JSON.stringify(text);
const flowList = (items: readonly string[], quoted: boolean): string =>
  `[${items.map((item) => (quoted ? quote(item) : item)).join(", ")}]`;
const hoursText = (hours: number): string => `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;

export function renderProposedConfig(proposal: OnboardingProposal): string {
  const defaults = defaultConfig();
  const coaching = defaults.coaching;
  const digest = defaults.digest;
  const rules = defaults.review_windows;
  const weeks = `${proposal.weeks[0]} to ${proposal.weeks[proposal.weeks.length - 1]}`;
  const guess = proposal.timezoneGuess;
  const timezoneComment =
    guess === null
      ? "the default: no review activity to guess from; set the zone most reviewers work in"
      : `guessed from the hours reviews happened at (${guess.reviewersInZone} of ${guess.reviewers} reviewers); correct it if it is off`;
  const windowsComment = {
    "what-if": `where review sessions already cluster, with pickup p90 within the target (${weeks})`,
    "busiest-hours": `the two hours in which most review sessions started (${weeks})`,
    defaults: "the defaults: too little history to place them; move them to where the team reviews",
  }[proposal.windowsFrom];
  const p90 = proposal.asHappened.pickupP90Hours;
  const targetComment =
    proposal.enoughHistory && p90 !== null
      ? `business hours to a first review; the team's p90 was ${hoursText(p90)} (${weeks})`
      : "business hours to a first review: one working day, the default";

  const lines: Line[] = [
    { indent: 0, key: "coaching", comment: "notes to reviewers on their reviews" },
    {
      indent: 1,
      key: "enabled",
      value: String(coaching.enabled),
      comment: "notes on; figures are recorded either way",
    },
    {
      indent: 1,
      key: "mode",
      value: coaching.mode,
      comment: "one comment per review; inline, check or off also work",
    },
    {
      indent: 1,
      key: "min_comments",
      value: String(coaching.min_comments),
      comment: "feedback comments a review needs before a note is considered",
    },
    {
      indent: 1,
      key: "teaching_ratio_threshold",
      value: String(coaching.teaching_ratio_threshold),
      comment: "a note when fewer than this share of a review's feedback comments explain why",
    },
    {
      indent: 1,
      key: "flag_harsh_tone",
      value: String(coaching.flag_harsh_tone),
      comment: "a harshly worded comment gets a note even when the share is fine",
    },
    {
      indent: 1,
      key: "max_nudges_per_reviewer_per_day",
      value: String(coaching.max_nudges_per_reviewer_per_day),
      comment: "at most this many notes per reviewer and day",
    },
    { indent: 0, key: "review_windows", comment: "when the team reviews, and how long authors should wait" },
    { indent: 1, key: "timezone", value: proposal.timezone, comment: timezoneComment },
    { indent: 1, key: "windows", value: flowList(proposal.windows, true), comment: windowsComment },
    {
      indent: 1,
      key: "workdays",
      value: flowList(rules.workdays, false),
      comment: "days that count as workdays",
    },
    {
      indent: 1,
      key: "working_hours",
      value: quote(rules.working_hours),
      comment: "business hours, in which time to first review is counted",
    },
    {
      indent: 1,
      key: "first_review_target_hours",
      value: String(proposal.targetHours),
      comment: targetComment,
    },
    { indent: 0, key: "digest", comment: "a weekly issue with the team's figures; nobody is ranked" },
    { indent: 1, key: "enabled", value: String(digest.enabled), comment: "post it weekly" },
    { indent: 1, key: "day", value: digest.day, comment: "the day it is posted, team timezone" },
    { indent: 1, key: "time", value: quote(digest.time), comment: "the time it is posted, team timezone" },
  ];
  const head = lines.map(
    (line) => `${"  ".repeat(line.indent)}${line.key}:${line.value ? ` ${line.value}` : ""}`,
  );
  const width = Math.max(...head.map((text) => text.length)) + 1;
  return [
    "# review-coach configuration, proposed from this repository's reviews " +
      (proposal.enoughHistory ? `in ${weeks}.` : "(too few in the last weeks: mostly defaults)."),
    `# Every key, with its default: ${CONFIG_DOCS_URL}`,
    ...lines.map((line, i) => `${(head[i] as string).padEnd(width)}# ${line.comment}`),
    "",
  ].join("\n");
}
