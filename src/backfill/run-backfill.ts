// Backfills a repository's review history through the same ingest path as webhooks, resumably.
//
// Steps:
// 1. Start a run, or resume an interrupted one (same run start, cursor = the last PR completed).
// 2. List the PRs updated since the date, newest first.
// 3. For each PR not completed by the interrupted run: fetch its history, build webhook-shaped deliveries, ingest
//    them, then move the cursor past it. A failure stops the run with the cursor where it was.
import type { PrHistorySource } from "../github/backfill-source.js";
import { describeGitHubError } from "../github/github-error.js";
import { ingestDelivery } from "../ingest/ingest-delivery.js";
import {
  advanceBackfillCursor,
  finishBackfillRun,
  getBackfillState,
  resumeBackfillRun,
  startBackfillRun,
} from "../store/backfill-state-repository.js";
import type { Store } from "../store/open-store.js";
import { buildBackfillDeliveries, parsePullSummary } from "./build-backfill-deliveries.js";
import type { PullSummary } from "./github-objects.js";

export interface BackfillProgress {
  listed(total: number, resumedAfter: number | null): void;
  pr(step: {
    index: number;
    total: number;
    number: number;
    skipped: boolean;
    recorded: number;
    duplicate: number;
    failed: number;
  }): void;
}

export interface BackfillSummary {
  status: "done" | "failed";
  prs: number;
  skipped: number;
  recorded: number;
  duplicate: number;
  ignored: number;
  /** Deliveries ingest rejected (a payload it could not read): counted, reported, not retried. */
  failedDeliveries: number;
  error?: string;
  /** The PR the run stopped at, when it failed. */
  failedAt?: number;
}

export interface BackfillDeps {
  store: Store;
  source: PrHistorySource;
  now: () => Date;
  progress: BackfillProgress;
}

/**
 * On resume, a PR counts as completed when it comes before the cursor in the listing order (updated later than the
 * cursor PR, or the cursor PR itself) and was not updated after the interrupted run started: a PR updated since
 * may have new activity and is fetched again (harmless: its known deliveries are duplicates).
 */
function completedBefore(
  pr: PullSummary,
  cursor: { prNumber: number; updatedAt: string },
  runStartedAt: string,
) {
  const updated = Date.parse(pr.updated_at);
  if (updated > Date.parse(runStartedAt)) return false;
  return pr.number === cursor.prNumber || updated > Date.parse(cursor.updatedAt);
}

export async function runBackfill(
  deps: BackfillDeps,
  request: { repo: string; since: Date },
): Promise<BackfillSummary> {
  const { store, now } = deps;
  const summary: BackfillSummary = {
    status: "done",
    prs: 0,
    skipped: 0,
    recorded: 0,
    duplicate: 0,
    ignored: 0,
    failedDeliveries: 0,
  };

  // 1. Start or resume.
  const previous = await getBackfillState(store.db, request.repo);
  const resuming = previous !== undefined && previous.status !== "done";
  if (resuming) await resumeBackfillRun(store.db, request.repo, now().toISOString());
  else
    await startBackfillRun(store.db, {
      repoFullName: request.repo,
      since: request.since.toISOString(),
      at: now().toISOString(),
    });
  const cursor = resuming ? previous.cursor : null;
  const runStartedAt = resuming ? previous.runStartedAt : "";

  let current: number | undefined;
  try {
    // 2. List.
    const prs = (await deps.source.listPullRequests(request.repo, request.since)).map(parsePullSummary);
    summary.prs = prs.length;
    deps.progress.listed(prs.length, cursor?.prNumber ?? null);

    // 3. Each PR.
    for (const [index, pr] of prs.entries()) {
      current = pr.number;
      if (cursor !== null && completedBefore(pr, cursor, runStartedAt)) {
        summary.skipped += 1;
        deps.progress.pr({
          index,
          total: prs.length,
          number: pr.number,
          skipped: true,
          recorded: 0,
          duplicate: 0,
          failed: 0,
        });
        continue;
      }
      const history = await deps.source.fetchHistory(request.repo, pr.number);
      const deliveries = buildBackfillDeliveries(pr, history);
      const counts = { recorded: 0, duplicate: 0, failed: 0 };
      for (const delivery of deliveries) {
        const result = await ingestDelivery(store, delivery, { now });
        if (result.status === "recorded") counts.recorded += 1;
        else if (result.status === "duplicate") counts.duplicate += 1;
        else if (result.status === "ignored") summary.ignored += 1;
        else counts.failed += 1;
      }
      summary.recorded += counts.recorded;
      summary.duplicate += counts.duplicate;
      summary.failedDeliveries += counts.failed;
      await advanceBackfillCursor(store.db, request.repo, {
        number: pr.number,
        updatedAt: pr.updated_at,
        deliveries: deliveries.length,
        at: now().toISOString(),
      });
      deps.progress.pr({ index, total: prs.length, number: pr.number, skipped: false, ...counts });
    }
  } catch (error) {
    // Octokit's plugins have already waited out rate limits and retried server errors (github/backfill-octokit.ts).
    const message = describeGitHubError(error);
    await finishBackfillRun(store.db, request.repo, {
      status: "failed",
      at: now().toISOString(),
      error: message,
    });
    return {
      ...summary,
      status: "failed",
      error: message,
      ...(current === undefined ? {} : { failedAt: current }),
    };
  }
  await finishBackfillRun(store.db, request.repo, { status: "done", at: now().toISOString() });
  return summary;
}
