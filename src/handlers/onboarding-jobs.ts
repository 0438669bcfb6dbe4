// Glue: onboarding as jobs (issue #17; README, "Onboarding"). An installation delivery becomes one job per repository,
// run one at a time and paced by the installation's rate limit; the onboarding PR's close is the team's answer.
import type { Probot } from "probot";
import { createGithubPrSource } from "../github/backfill-source.js";
import { ONBOARDING_BRANCH, type OnboardingOctokit, paceForRateLimit } from "../github/onboarding-github.js";
import type { IngestResult } from "../ingest/ingest-delivery.js";
import { ClosedPullRequestPayload, InstallationPayload } from "../ingest/payload-schemas.js";
import { ExpectedRetryJobError } from "../jobs/expected-retry-job-error.js";
import type { JobQueue } from "../jobs/job-queue.js";
import { recordOnboardingAnswer } from "../store/onboardings-repository.js";
import type { Store } from "../store/open-store.js";
import { type OnboardOutcome, onboardRepository } from "./onboard-repository.js";
import { eventKey } from "./process-delivery.js";

export const ONBOARD_JOB = "onboard-repository";

const ONBOARDING_EVENTS = new Set(["installation.created", "installation_repositories.added"]);

export interface OnboardJobData {
  installationId: number;
  owner: string;
  repo: string;
}

export interface OnboardingOptions {
  /** ONBOARDING (src/env.ts): `off` opens an issue instead of a pull request. */
  mode: "on" | "off";
  /**
   * Requests left in the installation's hour before the next repository starts; fewer and it waits for the reset
   * (default 500: a 4-week backfill of a busy repository and its pull request).
   */
  reserve?: number;
  /** How a wait for the rate limit's reset is spent (tests pass a fake clock's). */
  sleep?: (ms: number) => Promise<void>;
}

interface OnboardingDeps {
  store: Store;
  now: () => Date;
}

/** The repositories an installation delivery adds (none for any other delivery). */
export function onboardingTargets(delivery: { name: string; payload: unknown }): OnboardJobData[] {
  if (!ONBOARDING_EVENTS.has(eventKey(delivery))) return [];
  const parsed = InstallationPayload.safeParse(delivery.payload);
  if (!parsed.success) return [];
  const p = parsed.data;
  const repositories = (p.action === "added" ? p.repositories_added : p.repositories) ?? [];
  return repositories.flatMap((r) => {
    const [owner, repo] = r.full_name.split("/");
    return owner && repo ? [{ installationId: p.installation.id, owner, repo }] : [];
  });
}

/**
 * After a delivery is recorded: queue an installation's repositories for onboarding (one job per repository, ever
 * queued once at a time), or record the team's answer when the onboarding pull request closed.
 */
export async function afterRecordForOnboarding(
  queue: JobQueue,
  deps: OnboardingDeps,
  delivery: { name: string; payload: unknown },
  recorded: IngestResult,
): Promise<void> {
  if (recorded.status !== "recorded" && recorded.status !== "duplicate") return;
  const targets = onboardingTargets(delivery);
  if (targets.length > 0) {
    await queue.enqueueMany(
      ONBOARD_JOB,
      targets.map((t) => ({ data: t, singletonKey: `onboard:${t.owner}/${t.repo}`.toLowerCase() })),
    );
    return;
  }
  if (eventKey(delivery) !== "pull_request.closed") return;
  const closed = ClosedPullRequestPayload.safeParse(delivery.payload);
  if (!closed.success || closed.data.pull_request.head.ref !== ONBOARDING_BRANCH) return;
  const pr = closed.data.pull_request;
  // Only the open onboarding with this number moves (a redelivery changes nothing): merged turns coaching on from
  // then (activated_at), closed unmerged leaves the repository observed and quiet.
  await recordOnboardingAnswer(deps.store.db, {
    repoFullName: closed.data.repository.full_name,
    number: pr.number,
    merged: pr.merged === true,
    at: pr.merged_at ?? pr.closed_at ?? deps.now().toISOString(),
  });
}

/** One repository's onboarding, paced: waits for the rate limit's reset when the hour's budget is short. */
export async function runOnboardingJob(
  data: OnboardJobData,
  deps: OnboardingDeps & {
    octokit: OnboardingOctokit;
    options: OnboardingOptions;
    log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  },
): Promise<OnboardOutcome> {
  const { octokit, options } = deps;
  const waitedMs = await paceForRateLimit(octokit, {
    reserve: options.reserve ?? 500,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: () => deps.now().getTime(),
  });
  if (waitedMs > 0) deps.log?.info({ waitedMs }, "onboarding waited for the rate limit's reset");
  const outcome = await onboardRepository(
    {
      store: deps.store,
      now: deps.now,
      octokit,
      source: createGithubPrSource(octokit as Parameters<typeof createGithubPrSource>[0]),
      mode: options.mode,
      ...(deps.log ? { log: deps.log } : {}),
    },
    { owner: data.owner, repo: data.repo, installationId: data.installationId },
  );
  // Another replica holds the claim: try later, in case it dies before it writes (its lease then expires).
  if (outcome.status === "held")
    throw new ExpectedRetryJobError(`${data.owner}/${data.repo}: onboarding held elsewhere`);
  return outcome;
}

/** Registers the onboarding job: one repository at a time per process, so pacing sees the budget it leaves. */
export function registerOnboardingJobs(
  app: Probot,
  queue: JobQueue,
  deps: OnboardingDeps,
  options: OnboardingOptions,
  { retryDelaySeconds = 5 }: { retryDelaySeconds?: number } = {},
): void {
  queue.register<OnboardJobData>(
    ONBOARD_JOB,
    async (job) => {
      const log = app.log.child({
        installation: job.data.installationId,
        repo: `${job.data.owner}/${job.data.repo}`,
      });
      const octokit = (await app.auth(job.data.installationId)) as unknown as OnboardingOctokit;
      const outcome = await runOnboardingJob(job.data, { ...deps, octokit, options, log });
      log.info({ outcome: outcome.status }, "onboarding done");
    },
    // Retries outlast ONBOARDING_LEASE_MS (15 min) at the default delay, so a claim a dead replica held is taken over.
    { concurrency: 1, retryLimit: 8, retryDelaySeconds },
  );
}
