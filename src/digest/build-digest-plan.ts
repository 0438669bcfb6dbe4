// Which digests are due now: one per target repository, for the last complete week, at digest.day + digest.time.
import { DateTime, type WeekdayNumbers } from "luxon";
import type { RepoConfig, Weekday } from "../config/schema.js";
import { isoWeekOf } from "../figures/iso-week.js";

/** A coached repository as the store knows it (see listCoachedRepos). */
export interface DigestSubject {
  repoFullName: string;
  config: RepoConfig;
  installationId: number | null;
  repoRemoved: boolean;
  installationRemoved: boolean;
}

export interface PlannedDigest {
  /** OWNER/NAME the issue goes to. */
  target: string;
  /** The repositories covered, alphabetical. */
  repos: string[];
  /** The config whose timezone, windows and digest settings apply (the target's own, else the first repo's). */
  config: RepoConfig;
  installationId: number;
  /** The reported week: the last one complete at `dueAt`. */
  week: string;
  dueAt: Date;
}

/** The account part of OWNER/NAME, compared case-insensitively as GitHub does. */
const ownerOf = (fullName: string): string => (fullName.split("/")[0] ?? "").toLowerCase();

const WEEKDAY: Record<Weekday, WeekdayNumbers> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

/**
 * The latest digest moment at or before `now`: digest.day at digest.time in the team timezone. A time that does
 * not exist that day (a DST gap) moves forward with the clock, as luxon resolves it.
 */
export function lastScheduledAt(now: Date, schedule: { day: Weekday; time: string; timezone: string }): Date {
  const [hour = 0, minute = 0] = schedule.time.split(":").map(Number);
  const local = DateTime.fromJSDate(now, { zone: schedule.timezone });
  let due = local.set({ weekday: WEEKDAY[schedule.day], hour, minute, second: 0, millisecond: 0 });
  if (due > local) due = due.minus({ weeks: 1 });
  return due.toJSDate();
}

/**
 * Decisions:
 * - A digest reports the last ISO week complete at its scheduled moment: posted Monday 09:00, it covers the week
 *   that ended at midnight; posted on a Friday, the week before (a week is reported only once it is over).
 * - Only the most recent scheduled moment is considered. After downtime the missed week is caught up once, on the
 *   first run; older missed weeks are not posted (a flood of stale issues helps nobody).
 * - Repositories whose digest.repository names the same target share one digest; the target's own config
 *   governs it when the target is one of them, else the alphabetically first repository's.
 * - Left out: digest disabled, repository removed from the installation, installation removed or suspended, or
 *   no installation known to post with.
 * - Isolation per installation (README, Security): digests are planned per installation, and a target owned by
 *   another account than the repository is left out (an app has one installation per account; loadRepoConfig
 *   reports such a target as a config error). Another tenant's figures can never reach, or govern, a digest.
 */
export function planDigests(subjects: readonly DigestSubject[], now: Date): PlannedDigest[] {
  const groups = new Map<string, DigestSubject[]>();
  for (const subject of subjects) {
    if (!subject.config.digest.enabled || subject.repoRemoved || subject.installationRemoved) continue;
    if (subject.installationId === null) continue;
    const target = subject.config.digest.repository || subject.repoFullName;
    if (ownerOf(target) !== ownerOf(subject.repoFullName)) continue;
    const key = `${subject.installationId}:${target.toLowerCase()}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [subject]);
    else group.push(subject);
  }
  const plans: PlannedDigest[] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => a.repoFullName.localeCompare(b.repoFullName));
    const first = sorted[0] as DigestSubject;
    const targetKey = (first.config.digest.repository || first.repoFullName).toLowerCase();
    const governing = sorted.find((s) => s.repoFullName.toLowerCase() === targetKey) ?? first;
    const { digest, review_windows: windows } = governing.config;
    const dueAt = lastScheduledAt(now, { day: digest.day, time: digest.time, timezone: windows.timezone });
    const weekBefore = DateTime.fromJSDate(dueAt, { zone: windows.timezone }).minus({ weeks: 1 }).toJSDate();
    plans.push({
      target: digest.repository || governing.repoFullName,
      repos: sorted.map((s) => s.repoFullName),
      config: governing.config,
      installationId: governing.installationId as number,
      week: isoWeekOf(weekBefore, windows.timezone),
      dueAt,
    });
  }
  return plans.sort((a, b) => a.target.localeCompare(b.target));
}
