// `review-coach backfill OWNER/NAME --since DATE`: loads past reviews from GitHub through the webhook ingest path.
import { type BackfillProgress, runBackfill } from "../backfill/run-backfill.js";
import type { PrHistorySource } from "../github/backfill-source.js";
import type { Store } from "../store/open-store.js";
import type { CommandIo } from "./io.js";
import { checkRepo } from "./metrics.js";

export interface BackfillCommandDeps {
  source: PrHistorySource;
  now?: () => Date;
}

/** "2026-09-01" (UTC midnight) or an ISO 8601 instant such as "2026-09-01T08:00:00Z"; null otherwise. */
export function parseSince(text: string): Date | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const date = new Date(`${text}T00:00:00Z`);
    // "2026-02-30" would roll over to March: not a date anyone meant.
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? date : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Progress on stderr, one line per PR (stdout keeps the summary, for scripts). */
export function progressLines(io: CommandIo, repo: string): BackfillProgress {
  return {
    listed(total, resumedAfter) {
      io.err(
        `${repo}: ${total} pull request${total === 1 ? "" : "s"} updated since the date` +
          (resumedAfter === null ? "" : `; resuming after #${resumedAfter}`),
      );
    },
    pr(step) {
      const width = String(step.total).length;
      const position = `[${String(step.index + 1).padStart(width)}/${step.total}]`;
      io.err(
        step.skipped
          ? `${position} #${step.number}: done in the interrupted run`
          : `${position} #${step.number}: ${step.recorded} new, ${step.duplicate} already stored` +
              (step.failed > 0 ? `, ${step.failed} not readable` : ""),
      );
    },
  };
}

/** Exit codes: 0 done, 1 stopped (resumable) or some deliveries unreadable, 2 a bad argument. */
export async function backfillCommand(
  store: Store,
  options: { repo: string; since: string },
  io: CommandIo,
  deps: BackfillCommandDeps,
): Promise<number> {
  const repo = checkRepo(options.repo, io, "backfill");
  if (repo === null) return 2;
  const since = parseSince(options.since);
  if (since === null) {
    io.err(
      `review-coach backfill: --since "${options.since}" is not a date; expected YYYY-MM-DD such as 2026-09-01`,
    );
    return 2;
  }
  const summary = await runBackfill(
    { store, source: deps.source, now: deps.now ?? (() => new Date()), progress: progressLines(io, repo) },
    { repo, since },
  );
  const counts =
    `${summary.recorded} deliveries recorded, ${summary.duplicate} already stored` +
    (summary.skipped > 0 ? `, ${summary.skipped} PRs done in the interrupted run` : "") +
    (summary.failedDeliveries > 0 ? `, ${summary.failedDeliveries} not readable` : "");
  if (summary.status === "failed") {
    io.err(
      `review-coach backfill: stopped at #${summary.failedAt ?? "?"}: ${summary.error}\n` +
        "Run the same command again to resume after the last completed pull request.",
    );
    io.out(`backfill of ${repo} stopped: ${counts}`);
    return 1;
  }
  io.out(`backfill of ${repo} done: ${summary.prs} pull requests, ${counts}`);
  return summary.failedDeliveries > 0 ? 1 : 0;
}
