// Renders the digest's "Pull request descriptions" section from buildDescriptionFigures (issue #18). Pure.
import type { DescriptionFigures } from "./build-descriptions.js";
import { formatCount, formatPercent } from "./render-figures.js";

export function renderDescriptions(figures: DescriptionFigures | null | undefined): string {
  if (!figures || figures.current.prs === 0) return "";
  const { current, previous } = figures;
  const lines = ["### Pull request descriptions", ""];
  lines.push(
    `${formatCount(current.prs, "PR")} became ready for review this week. ` +
      "A description that says why and how it was tested lets reviewers aim their comments.",
    "",
    previous ? "| | This week | Last week |" : "| | This week |",
    previous ? "| --- | --- | --- |" : "| --- | --- |",
    row(
      "Explain why and how they were tested",
      current.whyAndTested,
      previous?.whyAndTested,
      previous !== null,
    ),
    row("Explain why", current.explainsWhy, previous?.explainsWhy, previous !== null),
    row("Say how they were tested", current.howTested, previous?.howTested, previous !== null),
  );
  if (figures.weeks.length > 2) {
    const trend = figures.weeks.map(
      (w) => `${w.week.slice(5)} ${w.whyAndTested === null ? "–" : formatPercent(w.whyAndTested)}`,
    );
    lines.push("", `Why and how tested, week by week: ${trend.join(" · ")}.`);
  }
  const { withAdr, withoutAdr } = figures.architectural;
  if (withAdr + withoutAdr > 0) {
    lines.push(
      "",
      `${formatCount(withAdr + withoutAdr, "PR")} touched architectural paths: ${withAdr} linked an ADR, ${withoutAdr} did not.`,
    );
  }
  if (figures.standout) {
    lines.push(
      "",
      `✨ A description worth borrowing from: [${figures.standout.pr}](${figures.standout.url}) ${figures.standout.because.join(", ")}.`,
    );
  }
  return lines.join("\n");
}

function row(label: string, now: number | null, before: number | null | undefined, compare: boolean): string {
  const value = now === null ? "–" : formatPercent(now);
  if (!compare) return `| ${label} | ${value} |`;
  const last = before == null ? "–" : formatPercent(before);
  const change =
    now === null || before == null
      ? ""
      : Math.round((now - before) * 100) === 0
        ? ""
        : ` (${now > before ? "▲" : "▼"} ${Math.abs(Math.round((now - before) * 100))} pts)`;
  return `| ${label} | ${value}${change} | ${last} |`;
}
