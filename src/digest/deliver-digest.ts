// Posts one digest as a GitHub issue, at most once per (target, week): claim, compose, label, create, record.
import type { Kysely } from "kysely";
import type { RepoConfig } from "../config/schema.js";
import { weekBounds } from "../figures/iso-week.js";
import {
  claimDigest,
  getDigest,
  hasEventsBefore,
  markDigestFailed,
  markDigestPosted,
} from "../store/digests-repository.js";
import type { Database } from "../store/schema.js";
import { composeDigest } from "./compose-digest.js";
import type { DigestIssue, DigestPublisher } from "./digest-publisher.js";

export interface DigestJob {
  target: string;
  repos: readonly string[];
  week: string;
  config: RepoConfig;
  installationId: number | null;
}

export type DeliverResult =
  | { status: "posted"; issue: DigestIssue; title: string }
  | { status: "already-posted"; issue: DigestIssue }
  | { status: "nothing-to-report" }
  | { status: "claimed-elsewhere" }
  | { status: "failed"; error: string };

export interface DeliverDeps {
  db: Kysely<Database>;
  now: () => Date;
  /** Asked only when something will be posted (an installation token is not minted for nothing). */
  publisher: () => Promise<DigestPublisher>;
}

/** A claim older than this whose process never finished, or a failure this old, is tried again. */
export const DIGEST_RETRY_AFTER_MS = 30 * 60_000;
export const DIGEST_MAX_ATTEMPTS = 5;

/**
 * Idempotent across restarts and replicas: a posted (target, week) is never posted again; the claim is one atomic
 * statement; and a process that died between creating the issue and recording it is caught by finding the issue's
 * hidden marker before creating another.
 */
export async function deliverDigest(deps: DeliverDeps, job: DigestJob): Promise<DeliverResult> {
  const key = { target: job.target, week: job.week };
  const existing = await getDigest(deps.db, job.target, job.week);
  if (existing?.status === "posted" && existing.issueNumber !== null) {
    return { status: "already-posted", issue: { number: existing.issueNumber, url: existing.issueUrl } };
  }
  // Nothing stored up to the week's end: the app was not watching yet, so there is nothing to report.
  const { end } = weekBounds(job.week, job.config.review_windows.timezone);
  if (!(await hasEventsBefore(deps.db, job.repos, end.toISOString()))) return { status: "nothing-to-report" };

  const now = deps.now();
  const claimed = await claimDigest(deps.db, {
    ...key,
    installationId: job.installationId,
    repos: job.repos,
    at: now.toISOString(),
    retryBefore: new Date(now.getTime() - DIGEST_RETRY_AFTER_MS).toISOString(),
    maxAttempts: DIGEST_MAX_ATTEMPTS,
  });
  if (!claimed) return { status: "claimed-elsewhere" };

  try {
    const { rendered } = await composeDigest(deps.db, { ...job, now });
    const publisher = await deps.publisher();
    const label = job.config.digest.label;
    await publisher.ensureLabel(job.target, label);
    const issue =
      (await publisher.findIssue(job.target, label, rendered.marker)) ??
      (await publisher.createIssue(job.target, {
        title: rendered.title,
        body: rendered.body,
        labels: [label],
      }));
    await markDigestPosted(deps.db, key, { ...issue, at: deps.now().toISOString() });
    return { status: "posted", issue, title: rendered.title };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await markDigestFailed(deps.db, key, message);
    return { status: "failed", error: message };
  }
}
