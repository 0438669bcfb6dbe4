// The digest's description figures (issue #18; docs/architecture.md, "Descriptions"): the share of PRs whose
// description explains why and how it was tested, week over week; architectural PRs with and without an ADR; one
// standout description, credited to the team. Pure.
import { weekBounds } from "../figures/iso-week.js";

/** One PR's latest description assessment, as stored (see description-assessments-repository.ts). */
export interface DescriptionRecord {
  repoFullName: string;
  prNumber: number;
  htmlUrl: string | null;
  /** When it first became ready for review: the week it counts in. */
  readyAt: string;
  explainsWhy: boolean;
  howTested: boolean;
  completeness: number;
  missing: readonly string[];
  words: number;
  architectural: boolean | null;
  linksAdr: boolean;
}

export interface DescriptionWeek {
  week: string;
  prs: number;
  /** Share whose description explains why and says how it was tested; null without PRs. */
  whyAndTested: number | null;
  explainsWhy: number | null;
  howTested: number | null;
}

export interface DescriptionFigures {
  /** Oldest first, the reported week last. */
  weeks: DescriptionWeek[];
  current: DescriptionWeek;
  /** Last week's, when it had PRs. */
  previous: DescriptionWeek | null;
  /** The reported week's PRs that touched architectural paths (files known). */
  architectural: { withAdr: number; withoutAdr: number };
  standout: { pr: string; url: string; because: string[] } | null;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function buildDescriptionFigures(input: {
  records: readonly DescriptionRecord[];
  /** Consecutive ISO weeks, the reported one last. */
  weeks: readonly string[];
  timezone: string;
}): DescriptionFigures | null {
  const inWeek = (week: string) => {
    const { start, end } = weekBounds(week, input.timezone);
    return input.records.filter((r) => {
      const ms = Date.parse(r.readyAt);
      return ms >= start.getTime() && ms < end.getTime();
    });
  };
  const perWeek = input.weeks.map((week) => ({ week, records: inWeek(week) }));
  const summary = ({ week, records }: { week: string; records: DescriptionRecord[] }): DescriptionWeek => ({
    week,
    prs: records.length,
    whyAndTested: share(records.filter((r) => r.explainsWhy && r.howTested).length, records.length),
    explainsWhy: share(records.filter((r) => r.explainsWhy).length, records.length),
    howTested: share(records.filter((r) => r.howTested).length, records.length),
  });
  const weeks = perWeek.map(summary);
  const firstActive = weeks.findIndex((w) => w.prs > 0);
  const current = weeks[weeks.length - 1];
  if (current === undefined || firstActive === -1) return null;
  const last = weeks[weeks.length - 2];
  const records = perWeek[perWeek.length - 1]?.records ?? [];
  const architectural = records.filter((r) => r.architectural === true);
  return {
    weeks: weeks.slice(firstActive),
    current,
    previous: last !== undefined && last.prs > 0 ? last : null,
    architectural: {
      withAdr: architectural.filter((r) => r.linksAdr).length,
      withoutAdr: architectural.filter((r) => !r.linksAdr).length,
    },
    standout: standout(records),
  };
}

/**
 * The week's most complete description that explains why and how it was tested; an architectural PR that links its
 * ADR first, then the more detailed text, then the earliest. Linked only (a page on GitHub is what is credited).
 */
function standout(records: readonly DescriptionRecord[]): DescriptionFigures["standout"] {
  const candidates = records
    .filter((r) => r.explainsWhy && r.howTested && r.completeness === 1 && r.htmlUrl !== null)
    .filter((r) => /^https:\/\/[^\s()<>]+\/pull\/\d+$/.test(r.htmlUrl ?? ""))
    .sort(
      (a, b) =>
        Number(b.architectural === true && b.linksAdr) - Number(a.architectural === true && a.linksAdr) ||
        b.words - a.words ||
        a.readyAt.localeCompare(b.readyAt),
    );
  const best = candidates[0];
  if (!best) return null;
  const because = ["explains why", "says how it was tested"];
  if (best.architectural === true && best.linksAdr) because.push("links its ADR");
  return { pr: `${best.repoFullName}#${best.prNumber}`, url: best.htmlUrl as string, because };
}
