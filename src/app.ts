// The Probot application function: registers handlers and nothing else (logic lives in handlers/ and the core).
import type { ApplicationFunction } from "probot";
import type { SecondOpinionPorts } from "./analysis/second-opinion.js";
import type { CoachingObserver } from "./coaching/evaluate-review.js";
import {
  createTimerScheduler,
  DEFAULT_SETTLE_MS,
  type SettleScheduler,
} from "./coaching/settle-scheduler.js";
import { registerDeliveryJobs } from "./handlers/delivery-jobs.js";
import { processDelivery } from "./handlers/process-delivery.js";
import { RECORDED_EVENTS, type RecordDeps, recordDelivery } from "./handlers/record-delivery.js";
import type { RepoConfigCache } from "./handlers/resolve-repo-config.js";
import type { JobQueue } from "./jobs/job-queue.js";

export interface CoachingOptions {
  /** Settle delay port for comment and edit deliveries; default: in-memory timers (lost on restart). */
  scheduler?: SettleScheduler;
  settleMs?: number;
  /** The optional LLM second opinion (wired when an OpenAI key is configured); heuristics only without it. */
  secondOpinion?: SecondOpinionPorts;
  /** Told every coaching evaluation's outcome (the server counts them in /metrics). */
  observer?: CoachingObserver;
}

export interface AppDeps extends RecordDeps {
  coaching?: CoachingOptions;
  /** Remembers each repository's loaded config for a while (createRepoConfigCache); without it, read per event. */
  configCache?: RepoConfigCache;
  /**
   * With a queue, the app only registers the job handlers: the server stores each delivery as a job and
   * acknowledges, and the job records it and does its work (config check, commands, coaching, settle delays).
   * Without one (tests, the setup page) Probot's handlers do all of it inline.
   */
  jobs?: JobQueue;
  /** First retry delay of a failed delivery job (default 5 s, doubling with jitter). */
  jobRetryDelaySeconds?: number;
}

export function createApp(deps: AppDeps): ApplicationFunction {
  return (app) => {
    const { jobs } = deps;
    const coach = {
      ...deps,
      settleMs: deps.coaching?.settleMs ?? DEFAULT_SETTLE_MS,
      ...(deps.coaching?.secondOpinion ? { secondOpinion: deps.coaching.secondOpinion } : {}),
      ...(deps.coaching?.observer ? { observer: deps.coaching.observer } : {}),
    };
    if (jobs) {
      // The server's webhook receiver stores each delivery as a job (src/webhooks/webhook-receiver.ts).
      registerDeliveryJobs(app, jobs, coach, {
        ...(deps.jobRetryDelaySeconds !== undefined ? { retryDelaySeconds: deps.jobRetryDelaySeconds } : {}),
      });
      return;
    }
    const scheduler =
      deps.coaching?.scheduler ??
      createTimerScheduler((error, key) =>
        app.log.error({ err: error, key }, "settled coaching evaluation failed"),
      );

    app.on([...RECORDED_EVENTS], async (context) => {
      const installation = (context.payload as { installation?: { id?: number } }).installation?.id;
      const recorded = await recordDelivery(
        {
          id: context.id,
          name: context.name,
          payload: context.payload,
          log: context.log.child({ delivery: context.id, installation, event: context.name }),
        },
        deps,
      );
      // Probot runs the handlers of one event concurrently, so the work that reads what ingest stored runs here.
      await processDelivery(context, recorded, { ...coach, scheduler });
    });
  };
}
