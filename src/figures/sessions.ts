// Review sessions (docs/architecture.md, "Metrics"): a reviewer's activities in time order, split where a gap exceeds session_gap_minutes.

export interface SessionActivity {
  ms: number;
  reviewerKey: string;
  login: string;
  prKey: string;
}

export interface ReviewSession {
  reviewerKey: string;
  login: string;
  startMs: number;
  endMs: number;
  /** Distinct PRs touched. */
  prCount: number;
  /** Every activity's instant, ascending (for the days a reviewer was active). */
  activityMs: number[];
}

/**
 * A gap of exactly `gapMinutes` keeps the session going; a longer one starts a new session. A review and its
 * review comments carry nearly the same timestamp, so they fall into one session without special handling.
 * Returns sessions ordered by start.
 */
export function buildSessions(activities: readonly SessionActivity[], gapMinutes: number): ReviewSession[] {
  const gapMs = gapMinutes * 60_000;
  const byReviewer = new Map<string, SessionActivity[]>();
  for (const activity of activities) {
    const list = byReviewer.get(activity.reviewerKey);
    if (list === undefined) byReviewer.set(activity.reviewerKey, [activity]);
    else list.push(activity);
  }
  const sessions: ReviewSession[] = [];
  for (const list of byReviewer.values()) {
    list.sort((a, b) => a.ms - b.ms);
    let current: ReviewSession | null = null;
    let prs = new Set<string>();
    for (const activity of list) {
      if (current === null || activity.ms - current.endMs > gapMs) {
        current = {
          reviewerKey: activity.reviewerKey,
          login: activity.login,
          startMs: activity.ms,
          endMs: activity.ms,
          prCount: 0,
          activityMs: [],
        };
        sessions.push(current);
        prs = new Set();
      }
      current.endMs = activity.ms;
      current.activityMs.push(activity.ms);
      if (!prs.has(activity.prKey)) {
        prs.add(activity.prKey);
        current.prCount = prs.size;
      }
    }
  }
  return sessions.sort((a, b) => a.startMs - b.startMs || (a.reviewerKey < b.reviewerKey ? -1 : 1));
}
