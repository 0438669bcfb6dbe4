// The main thread's side of the ingest thread (ingest-thread.ts): the webhook path checks the headers, reads the body
// and checks its signature here, and hands the bytes over; the thread parses, stores, and says what to answer.
// Used for a SQLite file store (a PostgreSQL store's writes already happen in the database server, and an
// in-memory SQLite database cannot be shared with a thread).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Worker } from "node:worker_threads";
import { startModuleWorker } from "../module-worker.js";
import type { IngestReply, IngestRequest, IngestThreadData } from "./ingest-thread.js";
import {
  type Answer,
  type BodyCheck,
  checkHead,
  checkSigned,
  type DeliveryHead,
  isAnswer,
  UNSTORED,
  webhookHandler,
} from "./webhook-receiver.js";

export interface IngestThreadOptions extends IngestThreadData {
  /** A delivery answered 500: why it could not be stored (or that the thread stopped under it). */
  onFailure(failure: string, head: DeliveryHead): void;
  /** The thread exited unexpectedly and is being started again (after `restartDelayMs`). */
  onRestart(reason: string): void;
  /** Deliveries were stored (answered 200): the job queue can look for them at once. */
  onStored(): void;
  /** Default 1000. */
  restartDelayMs?: number;
  /** Starts one thread (default: ingest-thread.ts as a worker); tests wrap it to end a thread as a crash would. */
  startThread?: (data: IngestThreadData) => Worker;
}

export interface IngestThread {
  /** Parses and stores one signed delivery of an event to store; resolves with the answer to send. */
  receive(head: DeliveryHead, body: Uint8Array): Promise<Answer>;
  /** Waits for the deliveries handed over so far, then closes the thread's connection and ends it. */
  stop(): Promise<void>;
}

/** Starts the thread; rejects (with the thread's reason) when it cannot open the store. */
export async function startIngestThread(options: IngestThreadOptions): Promise<IngestThread> {
  const {
    onFailure,
    onRestart,
    onStored,
    restartDelayMs = 1000,
    startThread = (threadData: IngestThreadData) =>
      startModuleWorker(import.meta.url, "ingest-thread", threadData),
    ...data
  } = options;
  const pending = new Map<number, { head: DeliveryHead; resolve: (answer: Answer) => void }>();
  let seq = 0;
  let stopping = false;
  // Deliveries read in the same turn go over in one message (one structured clone, one wake-up).
  let outbox: { seq: number; head: DeliveryHead; body: Uint8Array }[] = [];
  const post = (worker: Worker) => {
    if (outbox.length === 0) return;
    const deliveries = outbox;
    outbox = [];
    worker.postMessage(
      { type: "deliveries", deliveries } satisfies IngestRequest,
      deliveries.map((d) => d.body.buffer as ArrayBuffer),
    );
  };

  const settle = (n: number, answer: Answer, failure?: string) => {
    const entry = pending.get(n);
    if (!entry) return;
    pending.delete(n);
    if (failure !== undefined) onFailure(failure, entry.head);
    entry.resolve(answer);
  };

  const spawn = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const worker = startThread(data);
      let ready = false;
      let reason = "it exited";
      worker.on("message", (message: IngestReply) => {
        if (message.type === "ready") {
          ready = true;
          resolve(worker);
        } else if (message.type === "answers") {
          for (const { seq: n, answer, failure } of message.answers) settle(n, answer, failure);
          if (message.answers.some((a) => a.answer.status === 200)) onStored();
        }
      });
      worker.on("error", (error) => {
        reason = error instanceof Error ? error.message : String(error);
      });
      worker.once("exit", (code) => {
        if (!ready) {
          reject(new Error(`review-coach: the ingest thread could not start (${reason}, exit code ${code})`));
          return;
        }
        if (stopping) return;
        // Whatever it held was not acknowledged: GitHub shows the failure and the delivery can be redelivered.
        for (const n of [...pending.keys()]) settle(n, UNSTORED, `the ingest thread stopped (${reason})`);
        outbox = [];
        onRestart(`${reason}, exit code ${code}`);
        current = restart();
      });
    });

  const restart = (): Promise<Worker> => {
    const next = new Promise<void>((resolve) => setTimeout(resolve, restartDelayMs).unref()).then(spawn);
    // A failed restart is retried by its own exit handler's successor: keep trying while the server runs.
    next.catch((error: unknown) => {
      if (stopping) return;
      onRestart(error instanceof Error ? error.message : String(error));
      current = restart();
    });
    return next;
  };

  let current = spawn();
  await current;

  return {
    async receive(head, body) {
      if (stopping) return UNSTORED;
      let worker: Worker;
      try {
        worker = await current;
      } catch {
        return UNSTORED;
      }
      const n = seq++;
      return new Promise<Answer>((resolve) => {
        pending.set(n, { head, resolve });
        if (outbox.length === 0) setImmediate(() => post(worker));
        outbox.push({ seq: n, head, body });
      });
    },

    async stop() {
      if (stopping) return;
      stopping = true;
      const worker = await current.catch(() => null);
      if (!worker) return;
      // Deliveries handed over in this turn go first: the thread stores them before it stops.
      post(worker);
      const stopped = new Promise<void>((resolve) => {
        worker.on("message", (message: IngestReply) => {
          if (message.type === "stopped") resolve();
        });
        worker.once("exit", () => resolve());
      });
      worker.postMessage({ type: "stop" } satisfies IngestRequest);
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      await worker.terminate();
      for (const n of [...pending.keys()])
        settle(n, UNSTORED, "the server stopped before the delivery was stored");
    },
  };
}

/**
 * The request body in an ArrayBuffer of its own (a Buffer may share a pooled one), so it can be transferred.
 * Not `buffer()` from node:stream/consumers: it goes through a Blob, which cost ~50 µs per delivery here (profiled).
 */
function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
    });
    req.once("error", reject);
    req.once("end", () => {
      const body = new Uint8Array(length);
      let at = 0;
      for (const chunk of chunks) {
        body.set(chunk, at);
        at += chunk.length;
      }
      resolve(body);
    });
  });
}

/** The webhook path's handler over the ingest thread. */
export function createThreadedReceiver(
  thread: IngestThread,
  check: BodyCheck,
  onError: (error: unknown, delivery: { id: string; name: string }) => void,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return webhookHandler(async (req) => {
    const head = checkHead(req);
    if (isAnswer(head)) return head;
    const body = await readBody(req);
    const refused = checkSigned(check, head, body);
    if (refused) return refused;
    check.onVerified?.(req);
    return thread.receive(head, body);
  }, onError);
}
