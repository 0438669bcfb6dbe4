// The Probot application function: registers handlers and nothing else (logic lives in handlers/ and the core).
import type { ApplicationFunction } from "probot";
import type { SecondOpinionPorts } from "./analysis/second-opinion.js";
import {
  createTimerScheduler,
  DEFAULT_SETTLE_MS,
  type SettleScheduler,
} from "./coaching/settle-scheduler.js";
import { enqueueDelivery, registerDeliveryJobs } from "./handlers/delivery-jobs.js";
import { needsProcessing, processDelivery } from "./handlers/process-delivery.js";
import { RECORDED_EVENTS, type RecordDeps, recordDelivery } from "./handlers/record-delivery.js";
import type { JobQueue } from "./jobs/job-queue.js";

export interface CoachingOptions {
  /** Settle delay port for comment and edit deliveries; default: in-memory timers (lost on restart). */
  scheduler?: SettleScheduler;
  settleMs?: number;
  /** The optional LLM second opinion (wired when an OpenAI key is configured); heuristics only without it. */
  secondOpinion?: SecondOpinionPorts;
}

export interface AppDeps extends RecordDeps {
  coaching?: CoachingOptions;
  /**
   * With a queue, a delivery is recorded and acknowledged, and its work (config check, commands, coaching,
   * settle delays) runs as persistent jobs; without one (tests, the setup page) it runs inline.
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
    };
    if (jobs)
      registerDeliveryJobs(app, jobs, coach, {
        ...(deps.jobRetryDelaySeconds !== undefined ? { retryDelaySeconds: deps.jobRetryDelaySeconds } : {}),
      });
    const scheduler =
      deps.coaching?.scheduler ??
      createTimerScheduler((error, key) =>
        app.log.error({ err: error, key }, "settled coaching evaluation failed"),
      );

    app.on([...RECORDED_EVENTS], async (context) => {
      const recorded = await recordDelivery(context, deps);
      if (!jobs) {
        // Probot runs the handlers of one event concurrently, so the work that reads what ingest stored runs here.
        await processDelivery(context, recorded, { ...coach, scheduler });
        return;
      }
      if (needsProcessing(context, recorded)) {
        const installationId =
          (context.payload as { installation?: { id?: number } }).installation?.id ?? null;
        await enqueueDelivery(jobs, {
          id: context.id,
          name: context.name,
          installationId,
          payload: context.payload,
        });
      }
    });
  };
}
