// Glue: runs a delivery's work as persistent jobs, so the webhook is acknowledged as soon as it is stored (docs/architecture.md, "The flow").
import { Context, type Probot } from "probot";
import { describeGitHubError, httpStatusOf } from "../github/github-error.js";
import type { IngestResult } from "../ingest/ingest-delivery.js";
import { ExpectedRetryJobError } from "../jobs/expected-retry-job-error.js";
import type { JobQueue } from "../jobs/job-queue.js";
import { PermanentJobError } from "../jobs/permanent-job-error.js";
import { DELIVERY_JOB, type DeliveryJobData } from "../webhooks/delivery-job.js";
import type { CoachDeps } from "./coach-review.js";
import { needsProcessing, processDelivery } from "./process-delivery.js";
import { type RecordDeps, recordDelivery } from "./record-delivery.js";

export const SETTLED_JOB = "coach-settled";

/**
 * Registers the job handlers; call before the queue starts. A delivery job records the delivery (ingest, which
 * dedupes by delivery id) and then does the work it causes; a settled job only the work.
 */
export function registerDeliveryJobs(
  app: Probot,
  queue: JobQueue,
  deps: Omit<CoachDeps, "settle"> & RecordDeps,
  {
    retryDelaySeconds = 5,
    afterRecord,
  }: {
    retryDelaySeconds?: number;
    /** Work every recorded delivery may cause before its own (onboarding: handlers/onboarding-jobs.ts). */
    afterRecord?: (data: DeliveryJobData, recorded: IngestResult) => Promise<void>;
  } = {},
): void {
  const logFor = (data: DeliveryJobData) =>
    app.log.child({ delivery: data.id, installation: data.installationId, event: data.name });
  const contextFor = async (data: DeliveryJobData): Promise<Context> => {
    const octokit = await app.auth(data.installationId ?? undefined);
    // The same Context Probot builds for a webhook, so handlers cannot tell a job from a live delivery.
    return new Context(
      { id: data.id, name: data.name, payload: data.payload } as never,
      octokit,
      logFor(data),
    );
  };
  const record = (data: DeliveryJobData) =>
    recordDelivery({ id: data.id, name: data.name, payload: data.payload, log: logFor(data) }, deps);
  const run = async (data: DeliveryJobData, settle: CoachDeps["settle"], recorded: IngestResult) => {
    // Most deliveries only need recording: no installation token, no Octokit for them.
    if (!needsProcessing(data, recorded)) return;
    try {
      await processDelivery(await contextFor(data), recorded, {
        ...deps,
        ...(settle ? { settle } : {}),
        // Fail the attempt so the job is retried with backoff: usually the holder has finished by then
        // ("unchanged"); if it died (kill -9), its lease has expired by a later retry and this one takes over.
        // Expected, so logged at debug: only running out of retries is worth a line at error.
        onBusy: async (key) => {
          throw new ExpectedRetryJobError(
            `review ${key}: its nudge is being evaluated elsewhere (lease held); trying again`,
          );
        },
      });
    } catch (error) {
      // 404/410/422 cannot get better by retrying: dead-letter at once instead of a retry storm.
      const permanent = PermanentJobError.fromGitHub(error);
      if (permanent !== error) throw permanent;
      // Anything else is retried; the status goes into the reason a dead letter shows.
      const status = httpStatusOf(error);
      if (status === undefined) throw error;
      throw new Error(describeGitHubError(error), { cause: error });
    }
  };

  queue.register<DeliveryJobData>(
    DELIVERY_JOB,
    async (job) => {
      const recorded = await record(job.data);
      await afterRecord?.(job.data, recorded);
      await run(job.data, settleAsJob(queue, job.data, deps.now), recorded);
    },
    {
      concurrency: 4,
      retryLimit: 5,
      retryDelaySeconds,
    },
  );
  // A settled evaluation runs now: the delay was the job's startAfter.
  queue.register<DeliveryJobData>(
    SETTLED_JOB,
    async (job) => run(job.data, undefined, { status: "duplicate" }),
    {
      concurrency: 2,
      retryLimit: 5,
      retryDelaySeconds,
    },
  );
}

/**
 * A settle delay that survives restarts: one job per review and time bucket, not before the delay. The bucket
 * lets an edit that arrives while the previous evaluation runs still get its own evaluation.
 */
function settleAsJob(queue: JobQueue, data: DeliveryJobData, now: () => Date): CoachDeps["settle"] {
  return async (key, delayMs) => {
    const at = now().getTime();
    await queue.enqueue(SETTLED_JOB, data, {
      singletonKey: `${key}@${Math.floor(at / Math.max(delayMs, 1))}`,
      startAfter: new Date(at + delayMs),
    });
  };
}
