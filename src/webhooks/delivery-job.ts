// A webhook delivery as a job: what the receiver stores and the delivery job handler (src/handlers/delivery-jobs.ts)
// runs.
import type { JobQueue } from "../jobs/job-queue.js";
import { JsonText } from "../jobs/json-text.js";
import type { ReceivedDelivery } from "./webhook-receiver.js";

export const DELIVERY_JOB = "process-delivery";

export interface DeliveryJobData {
  id: string;
  name: string;
  installationId: number | null;
  payload: unknown;
}

/**
 * Stores deliveries as delivery jobs in one write. The job data is the DeliveryJobData JSON, assembled around the
 * body GitHub sent: a 20 KB payload is not serialized again on the webhook path.
 */
export async function enqueueDeliveries(
  queue: Pick<JobQueue, "enqueueMany">,
  deliveries: readonly Pick<ReceivedDelivery, "id" | "name" | "installationId" | "body">[],
): Promise<void> {
  await queue.enqueueMany<DeliveryJobData>(
    DELIVERY_JOB,
    deliveries.map((d) => ({
      data: new JsonText(
        `{"id":${JSON.stringify(d.id)},"name":${JSON.stringify(d.name)},"installationId":${JSON.stringify(d.installationId)},"payload":${d.body}}`,
      ),
      singletonKey: d.id,
    })),
  );
}
