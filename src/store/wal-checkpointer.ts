// WAL checkpoints off the event loop. SQLite checkpoints when a commit finds the WAL over wal_autocheckpoint pages,
// in that commit, on the committing thread: it copies the WAL into the database file and fsyncs it, which stalled
// every webhook for up to 300 ms (bench/load.ts at 200 deliveries/s). A worker thread with its own connection runs
// PASSIVE checkpoints (they never block the writer) every second instead; the server's connection keeps a far
// higher autocheckpoint as a safety net should the worker stop.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { type Kysely, sql } from "kysely";

/** The server connection's fallback: 10,000 pages (160 MB of WAL with 16 KB pages) before it checkpoints itself. */
const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
/** SQLite's default, restored on stop for whoever keeps using the connection. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/** A connection that leaves checkpoints to the checkpointer's thread, and runs one itself only as a far fallback. */
export async function checkpointOnlyAsFallback<DB>(db: Kysely<DB>): Promise<void> {
  await sql.raw(`pragma wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`).execute(db);
}

export interface WalCheckpointer {
  stop(): Promise<void>;
}

export interface WalCheckpointerOptions {
  intervalMs?: number;
  onError?: (message: string) => void;
}

export async function startWalCheckpointer<DB>(
  db: Kysely<DB>,
  file: string,
  { intervalMs = 1000, onError = () => undefined }: WalCheckpointerOptions = {},
): Promise<WalCheckpointer> {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, intervalMs } });
  worker.on("message", (message: { error?: string }) => {
    if (message.error) onError(message.error);
  });
  worker.on("error", (error) => onError(String(error)));
  // The worker never keeps the process alive on its own.
  worker.unref();
  await checkpointOnlyAsFallback(db);
  return {
    async stop() {
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.postMessage("stop");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      await worker.terminate();
      await sql.raw(`pragma wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`).execute(db);
    },
  };
}
