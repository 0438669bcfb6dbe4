// The once-per-input pass behind every week: dedupe, order, replay each PR, build sessions (O(n log n)).
import type { Tone, Verdict } from "../analysis/assessment.js";
import type { ReviewEvent } from "../ingest/review-event.js";
import {
  type ExcludedActivity,
  type ReviewActivity,
  type TimedEvent,
  type WaitingSpan,
  walkPrTimeline,
} from "./pr-timeline.js";
import { buildSessions, type ReviewSession } from "./sessions.js";
import type { MetricsInput } from "./week-metrics.js";

/** An assessed review body, review comment or conversation comment that counts as review activity. */
export interface FeedbackItem {
  ms: number;
  reviewerKey: string;
  login: string;
  verdict: Verdict;
  tone: Tone;
}

export interface PreparedActivity {
  activities: ReviewActivity[];
  /** Ordered by start. */
  sessions: ReviewSession[];
  excluded: ExcludedActivity[];
  spans: WaitingSpan[];
  feedback: FeedbackItem[];
}

interface PrGroup {
  prKey: string;
  byKey: Map<string, TimedEvent>;
  first: ReviewEvent;
  authorIsBot: boolean;
}

const BOT_LOGIN = /\[bot\]$/i;

/** `sessions: false` leaves `sessions` empty, for callers that read none (the window what-if). */
export function prepareActivity(input: MetricsInput, options: { sessions?: boolean } = {}): PreparedActivity {
  const ignored = new Set((input.ignoreUsers ?? []).map((login) => login.toLowerCase()));
  const lowerCased = new Map<string, string>();
  const lowerCase = (login: string): string => {
    let lower = lowerCased.get(login);
    if (lower === undefined) {
      lower = login.toLowerCase();
      lowerCased.set(login, lower);
    }
    return lower;
  };

  // 1. Group by PR (numbers repeat across repositories); one row per key within it (a redelivery or backfill of
  //    the same fact), the earliest if they disagree.
  const byRepo = new Map<number, Map<number, PrGroup>>();
  const prs: PrGroup[] = [];
  for (const event of input.events) {
    const ms = Date.parse(event.occurredAt);
    if (Number.isNaN(ms)) continue;
    let repo = byRepo.get(event.repoId);
    if (repo === undefined) {
      repo = new Map();
      byRepo.set(event.repoId, repo);
    }
    let group = repo.get(event.prNumber);
    if (group === undefined) {
      const author = lowerCase(event.prAuthor);
      group = {
        prKey: `${event.repoId}#${event.prNumber}`,
        byKey: new Map(),
        first: event,
        authorIsBot: BOT_LOGIN.test(author) || ignored.has(author),
      };
      repo.set(event.prNumber, group);
      prs.push(group);
    }
    const seen = group.byKey.get(event.key);
    if (seen === undefined || ms < seen.ms) group.byKey.set(event.key, { ms, event });
    if ((event.isBot || event.isApp) && lowerCase(event.actorLogin) === lowerCase(event.prAuthor)) {
      group.authorIsBot = true;
    }
  }

  // 2. Replay each PR: review activities, exclusions, waits.
  const activities: ReviewActivity[] = [];
  const excluded: ExcludedActivity[] = [];
  const spans: WaitingSpan[] = [];
  for (const group of prs) {
    const pr = {
      repoFullName: group.first.repoFullName,
      prNumber: group.first.prNumber,
      prAuthor: group.first.prAuthor,
    };
    const timeline = walkPrTimeline(group.prKey, pr, [...group.byKey.values()], {
      ignored,
      authorIsBot: group.authorIsBot,
      lowerCase,
    });
    for (const activity of timeline.activities) activities.push(activity);
    for (const exclusion of timeline.excluded) excluded.push(exclusion);
    for (const span of timeline.spans) spans.push(span);
  }

  // 3. Feedback: review activities that have an assessment (deleted comments no longer count).
  const feedback: FeedbackItem[] = [];
  for (const activity of input.assessments.size === 0 ? [] : activities) {
    if (!activity.feedbackEligible) continue;
    const assessment = input.assessments.get(activity.eventKey);
    if (assessment === undefined) continue;
    feedback.push({
      ms: activity.ms,
      reviewerKey: activity.reviewerKey,
      login: activity.login,
      verdict: assessment.verdict,
      tone: assessment.tone,
    });
  }

  // 4. Sessions over the whole history, so a session that starts on Sunday night keeps its Monday activities.
  const sessions =
    options.sessions === false ? [] : buildSessions(activities, input.config.session_gap_minutes);
  return { activities, sessions, excluded, spans, feedback };
}
