// The Probot application function: registers the job handlers and nothing else. The server stores each delivery as a
// job (src/webhooks/webhook-receiver.ts) and the job does its work (docs/architecture.md, "The flow").
import type { ApplicationFunction } from "probot";
import type { SecondOpinionPorts } from "./analysis/second-opinion.js";
import type { CoachingObserver } from "./coaching/evaluate-review.js";
import { DEFAULT_SETTLE_MS } from "./handlers/coach-review.js";
import { registerDeliveryJobs } from "./handlers/delivery-jobs.js";
import {
  afterRecordForOnboarding,
  type OnboardingOptions,
  registerOnboardingJobs,
} from "./handlers/onboarding-jobs.js";
import type { RecordDeps } from "./handlers/record-delivery.js";
import type { RepoConfigCache } from "./handlers/resolve-repo-config.js";
import type { JobQueue } from "./jobs/job-queue.js";

export interface CoachingOptions {
  /** Settle delay before re-evaluating a review after comment or edit deliveries (default 15 s). */
  settleMs?: number;
  /** The optional LLM second opinion (wired when an OpenAI key is configured); heuristics only without it. */
  secondOpinion?: SecondOpinionPorts;
  /** Told every coaching evaluation's outcome (the server counts them in /metrics). */
  observer?: CoachingObserver;
  /** How long a claim on a review's nudge outlives a holder that died (default 30 s). */
  nudgeLeaseMs?: number;
}

export interface AppDeps extends RecordDeps {
  /** The queue the deliveries are stored in; register before it starts. */
  jobs: JobQueue;
  coaching?: CoachingOptions;
  /** Remembers each repository's loaded config for a while (createRepoConfigCache); without it, read per event. */
  configCache?: RepoConfigCache;
  /** First retry delay of a failed delivery job (default 5 s, doubling with jitter). */
  jobRetryDelaySeconds?: number;
  /** Onboarding on install (README, "Onboarding"); without it, installations are only recorded. */
  onboarding?: OnboardingOptions;
}

export function createApp(deps: AppDeps): ApplicationFunction {
  return (app) => {
    registerDeliveryJobs(
      app,
      deps.jobs,
      {
        ...deps,
        settleMs: deps.coaching?.settleMs ?? DEFAULT_SETTLE_MS,
        ...(deps.coaching?.secondOpinion ? { secondOpinion: deps.coaching.secondOpinion } : {}),
        ...(deps.coaching?.observer ? { observer: deps.coaching.observer } : {}),
        ...(deps.coaching?.nudgeLeaseMs !== undefined ? { nudgeLeaseMs: deps.coaching.nudgeLeaseMs } : {}),
      },
      {
        ...(deps.jobRetryDelaySeconds !== undefined ? { retryDelaySeconds: deps.jobRetryDelaySeconds } : {}),
        ...(deps.onboarding
          ? { afterRecord: (data, recorded) => afterRecordForOnboarding(deps.jobs, deps, data, recorded) }
          : {}),
      },
    );
    if (deps.onboarding) {
      registerOnboardingJobs(app, deps.jobs, deps, deps.onboarding, {
        ...(deps.jobRetryDelaySeconds !== undefined ? { retryDelaySeconds: deps.jobRetryDelaySeconds } : {}),
      });
    }
  };
}
