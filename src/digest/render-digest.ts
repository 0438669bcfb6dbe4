// Renders a DigestModel as the Markdown of a GitHub issue: headline, advice, charts, load, standouts, waits, footer.
import { DateTime } from "luxon";
import type { MetricSet, OpenEndedPr, PrWait } from "../figures/week-metrics.js";
import { escapeMarkdown } from "../markdown/escape-markdown.js";
import type { DigestModel, TrendPoint, WaitingPr } from "./digest-model.js";
import { renderChange } from "./render-change.js";
import { renderDescriptions } from "./render-descriptions.js";
import { formatCount, formatFigure, formatHours, formatPercent } from "./render-figures.js";
import { renderWindowDefinitions } from "./render-window-definitions.js";
import { niceCeiling, renderXyChart } from "./render-xychart.js";

export interface RenderedDigest {
  title: string;
  body: string;
  /** A hidden line in the body that identifies the digest, so a retry finds an issue it already created. */
  marker: string;
}

/** Per-reviewer rows shown at most; an issue body is limited to 65,536 characters. */
const MAX_REVIEWER_ROWS = 100;

export function digestMarker(target: string, week: string): string {
  return `<!-- review-coach:digest target=${target} week=${week} -->`;
}

export function renderDigest(model: DigestModel): RenderedDigest {
  const marker = digestMarker(model.target, model.week);
  const zone = model.definitions.timezone;
  const title = `Review digest: ${subject(model)}, ${model.week} (${weekSpan(model.current.start, model.current.end)})`;
  const sections =
    model.kind === "quiet"
      ? [intro(model), quietSummary(model), renderDescriptions(model.descriptions)]
      : [
          intro(model),
          headlineTable(model),
          advice(model),
          charts(model),
          load(model),
          reviewers(model),
          standouts(model),
          renderDescriptions(model.descriptions),
          waits(model.waits, model.definitions.targetHours, zone),
          openEnded(model, zone),
        ];
  sections.push(footer(model), marker);
  return { title, body: `${sections.filter((s) => s !== "").join("\n\n")}\n`, marker };
}

function subject(model: DigestModel): string {
  return model.repos.length === 1 ? (model.repos[0] as string) : `${model.repos.length} repositories`;
}

function intro(model: DigestModel): string {
  const lines = [`## Review digest for ${model.week}`];
  const covers = model.repos.length === 1 ? `Covers ${model.repos[0]}` : `Covers ${model.repos.join(", ")}`;
  lines.push(
    `${covers}, ${weekSpan(model.current.start, model.current.end)} (${model.definitions.timezone}).` +
      (model.kind === "quiet" ? " A quiet week." : ""),
  );
  // Mentions notify people: only a digest with something in it is worth it (noise kills trust: docs/architecture.md, "The weekly digest").
  if (model.kind === "full" && model.mention.length > 0) lines.push(`cc ${model.mention.join(" ")}`);
  return lines.join("\n");
}

function quietSummary(model: DigestModel): string {
  const team = model.current.team;
  const sessions = team.reviewSessions ?? 0;
  const pickups = model.current.teamExtras.pickups;
  if (sessions === 0 && pickups === 0 && (team.feedbackComments ?? 0) === 0) {
    return "No review activity was recorded this week, and no PR was left waiting for a first review.";
  }
  const parts = [`${sessions} review session${sessions === 1 ? "" : "s"}`];
  if (pickups > 0 && team.pickupP50Hours !== null) {
    parts.push(
      `${pickups} PR${pickups === 1 ? "" : "s"} picked up (median ${formatHours(team.pickupP50Hours)} of business time)`,
    );
  }
  if ((team.feedbackComments ?? 0) > 0 && team.teachingRatio !== null) {
    parts.push(`${formatPercent(team.teachingRatio)} of ${team.feedbackComments} feedback comments taught`);
  }
  return `${sentence(parts)}. No PR was left waiting for a first review at the end of the week.`;
}

function sentence(parts: string[]): string {
  const text = parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function headlineTable(model: DigestModel): string {
  const rows = model.headline.map((figure) => {
    let value = formatFigure(figure.value, figure.unit);
    if (figure.unit === "hours" && figure.value !== null) value += " of business time";
    if (figure.wallClock != null && figure.value !== null)
      value += ` (wall-clock ${formatHours(figure.wallClock)})`;
    if (figure.context && figure.value !== null) value += ` ${figure.context}`;
    return model.first
      ? `| ${figure.label} | ${value} |`
      : `| ${figure.label} | ${value} | ${renderChange(figure, model.first)} |`;
  });
  const head = model.first
    ? ["| | This week |", "| --- | --- |"]
    : ["| | This week | Since last week |", "| --- | --- | --- |"];
  const note = model.first
    ? "\n\nThe first week with review activity: changes from week to week, and charts, start with the next digest."
    : "";
  return `${[...head, ...rows].join("\n")}${note}`;
}

/** PRs over the target and still waiting first (they need someone today), then the advice; left out when empty. */
function advice(model: DigestModel): string {
  const zone = model.definitions.timezone;
  const target = model.definitions.targetHours;
  const waiting = model.worthALook.map((pr) => `- ${waitingPr(pr, target, zone)}`);
  const more = model.worthALookTotal - model.worthALook.length;
  if (more > 0) waiting.push(`- And ${formatCount(more, "more PR")} over the target and still waiting.`);
  const items = [...waiting, ...model.advice.map((item) => `- ${item.text}`)];
  if (items.length === 0) return "";
  return ["### Worth a look", ...items].join("\n");
}

function waitingPr(pr: WaitingPr, target: number, zone: string): string {
  const name = pr.url === null ? pr.pr : `[${pr.pr}](${pr.url})`;
  return (
    `${name} is waiting for a first review: ready since ${localTime(pr.readyAt, zone)}, ` +
    `${formatHours(pr.waitedBusinessHours)} of business time by the week's end (target ${formatHours(target)}).`
  );
}

const shortWeek = (week: string): string => week.slice(week.indexOf("-") + 1);

function charts(model: DigestModel): string {
  const blocks: string[] = [];
  const chart = (
    title: string,
    yTitle: string,
    pick: (point: TrendPoint) => Array<number | null>,
    types: ReadonlyArray<"line" | "bar">,
    maxOf: (values: number[]) => number,
  ): void => {
    // xychart cannot leave gaps: a week with nothing to measure is left out of that chart.
    const points = model.trend.filter((point) => pick(point).every((value) => value !== null));
    if (points.length < 2) return;
    const values = points.map((point) => pick(point) as number[]);
    blocks.push(
      renderXyChart({
        title,
        labels: points.map((point) => shortWeek(point.week)),
        yAxis: { title: yTitle, min: 0, max: maxOf(values.flat()) },
        series: types.map((type, index) => ({ type, values: values.map((row) => row[index] as number) })),
      }),
    );
  };
  const percent = (share: number | null): number | null => (share === null ? null : share * 100);
  chart(
    "Teaching ratio, percent of feedback comments",
    "percent",
    (p) => [percent(p.teachingRatio)],
    ["line"],
    () => 100,
  );
  chart(
    "Time to first review, business hours: bars p90, line median",
    "hours",
    (p) => [p.pickupP90Hours, p.pickupP50Hours],
    ["bar", "line"],
    (values) => niceCeiling(Math.max(model.definitions.targetHours, ...values)),
  );
  chart(
    "Sessions started in a review window, percent",
    "percent",
    (p) => [percent(p.inWindowShare)],
    ["bar"],
    () => 100,
  );

  // Nothing to chart yet (one week with activity): no heading without content.
  if (blocks.length === 0) return "";
  const heading = `### The last ${model.trend.length} weeks`;
  return [heading, ...blocks, trendTable(model.trend)].join("\n\n");
}

function trendTable(trend: readonly TrendPoint[]): string {
  const cell = (value: number | null, unit: "percent" | "hours") => formatFigure(value, unit);
  const rows = trend.map(
    (p) =>
      `| ${p.week} | ${p.reviewSessions} | ${cell(p.inWindowShare, "percent")} | ${cell(p.pickupP50Hours, "hours")} | ` +
      `${cell(p.pickupP90Hours, "hours")} | ${p.targetBreaches} | ${cell(p.teachingRatio, "percent")} | ${p.feedbackComments} |`,
  );
  return [
    "<details><summary>The figures by week</summary>",
    "",
    "| Week | Sessions | In window | Pickup median | Pickup p90 | Over target | Teaching ratio | Feedback comments |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    "</details>",
  ].join("\n");
}

function load(model: DigestModel): string {
  const distribution = model.load;
  if (distribution === null) return "";
  const sessions = model.current.team.reviewSessions ?? 0;
  if (distribution.activeReviewers === 1)
    return ["### Review load", `One reviewer ran all ${formatCount(sessions, "session")} this week.`].join(
      "\n\n",
    );
  // Only the buckets someone is in: "2–3: 2", not a row of zeros.
  const buckets = distribution.buckets
    .filter((b) => b.reviewers > 0)
    .map((b) => `${b.label}: ${b.reviewers}`)
    .join(" · ");
  return [
    "### Review load",
    `${distribution.activeReviewers} reviewers ran ${formatCount(sessions, "session")} this week. ` +
      `Reviewers by sessions run: ${buckets} (median ${distribution.medianSessions}).` +
      // Only when someone carries more than the median: an even load has no "busiest".
      (Math.round(distribution.busiestShare * sessions) > distribution.medianSessions
        ? ` The busiest reviewer ran ${formatPercent(distribution.busiestShare)} of them.`
        : ""),
  ].join("\n\n");
}

function reviewers(model: DigestModel): string {
  if (model.reviewers === null || model.reviewers.length === 0) return "";
  const shown = model.reviewers.slice(0, MAX_REVIEWER_ROWS);
  const cells = (f: MetricSet): string =>
    [
      formatFigure(f.reviewSessions, "count"),
      formatFigure(f.inWindowShare, "percent"),
      formatFigure(f.interruptionsPerWorkday, "decimal"),
      formatFigure(f.prsPerSession, "decimal"),
      formatFigure(f.pickupP50Hours, "hours"),
      formatFigure(f.teachingRatio, "percent"),
      formatFigure(f.feedbackComments, "count"),
    ].join(" | ");
  const more = model.reviewers.length - shown.length;
  return [
    "### Per reviewer",
    "In alphabetical order: these figures describe habits, not performance, and are not a ranking.",
    "",
    "| Reviewer | Sessions | In window | Interruptions per workday | PRs per session | Pickups made, median | Teaching ratio | Feedback comments |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...shown.map((row) => `| \`${row.login.replace(/`/g, "")}\` | ${cells(row.figures)} |`),
    ...(more > 0 ? ["", `And ${more} more.`] : []),
  ].join("\n");
}

function standouts(model: DigestModel): string {
  if (model.standouts.length === 0) return "";
  const items = model.standouts.map((s) => {
    const who = s.reviewer === null ? "" : ` by \`${s.reviewer.replace(/`/g, "")}\``;
    const why = s.because.length > 0 ? `: ${s.because.join(", ")}` : "";
    return `> “${escapeMarkdown(s.quote)}”\n>\n> [A comment on ${s.pr}](${s.url})${who}${why}`;
  });
  return ["### Comments that teach", ...items].join("\n\n");
}

const localTime = (iso: string, zone: string): string =>
  DateTime.fromISO(iso, { zone: "utc" }).setZone(zone).setLocale("en-GB").toFormat("ccc d LLL HH:mm");

function waits(list: readonly PrWait[], target: number, zone: string): string {
  if (list.length === 0) return "";
  const rows = list.map(
    (w) =>
      `| ${w.repoFullName}#${w.prNumber} | ${localTime(w.readyAt, zone)} | ${localTime(w.firstReviewAt, zone)} | ` +
      `${formatHours(w.businessHours)}${w.overTarget ? " (over target)" : ""} | ${formatHours(w.wallClockHours)} |`,
  );
  return [
    "### Longest waits for a first review",
    `Business hours against the ${formatHours(target)} target; wall-clock beside.`,
    "",
    "| PR | Ready | First review | Business hours | Wall-clock |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

function openEnded(model: DigestModel, zone: string): string {
  if (model.openEndedTotal === 0) return "";
  const rows = model.openEnded.map(
    (pr: OpenEndedPr) =>
      `| ${pr.repoFullName}#${pr.prNumber} | ${localTime(pr.readyAt, zone)} | ` +
      `${formatHours(pr.waitedBusinessHours)}${pr.overTarget ? " (over target)" : ""} | ${formatHours(pr.waitedWallClockHours)} |`,
  );
  const more = model.openEndedTotal - model.openEnded.length;
  return [
    "### Still waiting for a first review at the end of the week",
    "",
    "| PR | Ready | Waited so far, business hours | Wall-clock |",
    "| --- | --- | --- | --- |",
    ...rows,
    ...(more > 0 ? ["", `And ${more} more.`] : []),
  ].join("\n");
}

function footer(model: DigestModel): string {
  const d = model.definitions;
  const excluded = d.excluded;
  const zones =
    d.reviewerZones.length === 0
      ? ""
      : model.perReviewer
        ? ` (${d.reviewerZones.join(", ")} read in their own timezone)`
        : ` (${d.reviewerZones.length} reviewer${d.reviewerZones.length === 1 ? "" : "s"} read in their own timezone)`;
  const start = DateTime.fromISO(d.start, { setZone: true }).setLocale("en-GB");
  const end = DateTime.fromISO(d.end, { setZone: true }).setLocale("en-GB");
  const loaded = DateTime.fromISO(d.loadedFrom, { zone: "utc" }).setZone(d.timezone).toISODate();
  const items = [
    `**Week**: ${model.week}, ${start.toFormat("cccc d LLL yyyy HH:mm")} to ${end.toFormat("cccc d LLL HH:mm")} ` +
      `in ${d.timezone} (UTC${start.toFormat("ZZ")}).`,
    "**Review activity**: a submitted review, a review comment or a conversation comment on a pull request by a " +
      "human who is not its author, while the pull request is not a draft.",
    `**Session**: a reviewer's activities with gaps of at most ${d.sessionGapMinutes} minutes; a session belongs ` +
      "to the week it starts in.",
    `**Review windows**: ${d.windows.length > 0 ? d.windows.join(", ") : "none"} on ${d.workdays.join(", ")}, ` +
      `in the team timezone${zones}. In-window share: sessions starting inside a window on a workday / all ` +
      "sessions. Interruptions per workday: sessions starting outside every window / days with review activity.",
    `**Business hours**: ${d.workingHours} on ${d.workdays.join(", ")}, not on ${d.holidays} configured ` +
      `holiday${d.holidays === 1 ? "" : "s"}, in ${d.timezone}; wall-clock hours are shown beside them.`,
    "**Time to first review**: from the moment a pull request is ready for review (opened as ready, marked ready, " +
      "or reopened) to the first review activity by a human who is not its author, in business hours; counted in " +
      "the week of that first review. Pull requests still waiting at the end of the week are listed with their " +
      "wait so far, not dropped.",
    "**Percentiles**: nearest rank: the median (p50) and p90 are the smallest waits with at least 50% and 90% " +
      "of the waits at or below them; always one of the measured waits, never interpolated.",
    `**Target**: ${formatHours(d.targetHours)} of business time; a wait over it counts once, in the week it went ` +
      "over (when picked up, or at the first week's end it was still waiting at).",
    `**Teaching ratio**: teaching / (teaching + correcting) among feedback comments, assessed by review-coach's ` +
      `heuristics${d.llm ? " with a language model's second opinion on unsure comments" : ""}; the team aims ` +
      `for ${formatPercent(d.teachingThreshold)}. Harsh comments are counted, never quoted.`,
    `**Left out this week**: ${excluded.botEvents} activit${excluded.botEvents === 1 ? "y" : "ies"} by bots ` +
      `(and review-coach itself), ${excluded.selfReviews} by authors on their own pull requests, ` +
      `${excluded.draftActivities} on drafts, ${excluded.ignoredUsers} by ignored users` +
      `${d.ignoreUsers.length > 0 ? ` (${d.ignoreUsers.map((u) => `\`${u.replace(/`/g, "")}\``).join(", ")})` : ""}. ` +
      "Deleted comments still count as activity but not as feedback.",
    renderWindowDefinitions(model.current.windowFigures?.team, d.targetHours),
    `**Data**: events from ${loaded} on; a pull request that became ready before then has no measured pickup.`,
  ];
  return [
    "<details><summary>How these figures are measured</summary>",
    "",
    ...items.map((item) => `- ${item}`),
    "",
    "</details>",
  ].join("\n");
}

/** "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "29 Dec 2025 – 4 Jan 2026": the week's Monday to Sunday. */
export function weekSpan(startIso: string, endIso: string): string {
  const start = DateTime.fromISO(startIso, { setZone: true }).setLocale("en-GB");
  const last = DateTime.fromISO(endIso, { setZone: true }).setLocale("en-GB").minus({ days: 1 });
  if (start.year !== last.year) return `${start.toFormat("d LLL yyyy")} – ${last.toFormat("d LLL yyyy")}`;
  if (start.month !== last.month) return `${start.toFormat("d LLL")} – ${last.toFormat("d LLL yyyy")}`;
  return `${start.toFormat("d")}–${last.toFormat("d LLL yyyy")}`;
}
