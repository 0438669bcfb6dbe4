// The ingest thread (a worker thread; the main side is ingest-client.ts): parses each webhook body the main thread
// read and found signed, and stores the deliveries as jobs on its own connection to the SQLite file, those that
// arrive together in one transaction. Storing never blocks the event loop serving HTTP. The signature is checked
// there, not here: this thread was the busier of the two (bench/load.ts, BENCH_CPU_PROF).
import { parentPort, workerData } from "node:worker_threads";
import { sqliteJobWriter } from "../jobs/sqlite-job-queue.js";
import { openStore } from "../store/open-store.js";
import { checkpointOnlyAsFallback } from "../store/wal-checkpointer.js";
import { batchWrites } from "./batch-writes.js";
import { enqueueDeliveries } from "./delivery-job.js";
import {
  type Answer,
  type DeliveryHead,
  isAnswer,
  parseDelivery,
  storeDelivery,
  UNSTORED,
} from "./webhook-receiver.js";

export interface IngestThreadData {
  /** The SQLite file (migrated by the main thread before the thread starts). */
  file: string;
}

/** Main → thread. `body` is the bytes of a signed body of an event to store, transferred (not copied). */
export type IngestRequest =
  | { type: "deliveries"; deliveries: { seq: number; head: DeliveryHead; body: Uint8Array }[] }
  | { type: "stop" };

/** Thread → main. `failure`: why a delivery answered 500 could not be stored, for the main thread's log. */
export type IngestReply =
  | { type: "ready" }
  | { type: "answers"; answers: { seq: number; answer: Answer; failure?: string }[] }
  | { type: "stopped" };

async function main(port: NonNullable<typeof parentPort>, data: IngestThreadData): Promise<void> {
  const store = await openStore(data.file, { migrate: false });
  // The main thread's checkpointer copies the WAL back; this connection checkpoints only as a far fallback.
  await checkpointOnlyAsFallback(store.db);
  const writer = sqliteJobWriter(store.db);
  const accept = batchWrites((deliveries: Parameters<typeof enqueueDeliveries>[1]) =>
    enqueueDeliveries(writer, deliveries),
  );
  const decoder = new TextDecoder();

  // Answers go back in one message per turn of this thread's event loop, like the writes.
  let outbox: { seq: number; answer: Answer; failure?: string }[] = [];
  const sendAnswers = () => {
    if (outbox.length === 0) return;
    const answers = outbox;
    outbox = [];
    port.postMessage({ type: "answers", answers } satisfies IngestReply);
  };
  const reply = (entry: { seq: number; answer: Answer; failure?: string }) => {
    if (outbox.length === 0) setImmediate(sendAnswers);
    outbox.push(entry);
  };
  let inFlight = 0;
  let stopping = false;
  const stop = async () => {
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    // Answers still waiting for their turn go before "stopped", after which the main side answers 500.
    sendAnswers();
    await store.close();
    port.postMessage({ type: "stopped" } satisfies IngestReply);
    port.close();
  };

  const receive = async (seq: number, head: DeliveryHead, body: Uint8Array): Promise<void> => {
    let failure: string | undefined;
    const checked = parseDelivery(head, decoder.decode(body));
    const answer = isAnswer(checked)
      ? checked
      : await storeDelivery(checked, {
          accept,
          onError: (error) => {
            failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          },
        });
    reply(failure === undefined ? { seq, answer } : { seq, answer, failure });
  };

  port.on("message", (message: IngestRequest) => {
    if (message.type === "stop") {
      if (!stopping) {
        stopping = true;
        void stop();
      }
      return;
    }
    for (const { seq, head, body } of message.deliveries) {
      inFlight++;
      void receive(seq, head, body)
        .catch((error: unknown) =>
          reply({
            seq,
            answer: UNSTORED,
            failure: String(error),
          }),
        )
        .finally(() => {
          inFlight--;
        });
    }
  });
  port.postMessage({ type: "ready" } satisfies IngestReply);
}

if (parentPort) {
  // A failure to start ends the thread with the error, which the main side receives as the Worker's 'error' event
  // and names in its own (ingest-client.ts): nothing is printed from here.
  await main(parentPort, workerData as IngestThreadData);
}
