// `review-coach ingest FILE.jsonl`: replays webhook envelopes through the same ingest code as the server.
import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { createInterface } from "node:readline";
import { z } from "zod";
import { type IngestResult, ingestDelivery } from "../ingest/ingest-delivery.js";
import type { Store } from "../store/open-store.js";
import type { CommandIo } from "./io.js";

const Envelope = z.object({
  event: z.string().min(1, "event must name the X-GitHub-Event, e.g. pull_request_review"),
  delivery: z.string().min(1, "delivery must be the X-GitHub-Delivery id"),
  payload: z.record(z.string(), z.unknown()),
});

export interface IngestSummary {
  recorded: number;
  duplicate: number;
  ignored: number;
  failed: number;
}

export async function ingestFile(
  store: Store,
  file: string,
  io: CommandIo,
  now: () => Date = () => new Date(),
): Promise<{ exitCode: number; summary: IngestSummary }> {
  const summary: IngestSummary = { recorded: 0, duplicate: 0, ignored: 0, failed: 0 };
  try {
    await access(file);
  } catch {
    io.err(`review-coach: cannot read ${file}: no such file`);
    return { exitCode: 2, summary };
  }
  const lines = createInterface({
    input: createReadStream(file, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    const problem = await ingestLine(store, line, now);
    if (typeof problem === "string") {
      summary.failed++;
      io.err(`${file}:${lineNumber}: ${problem}`);
      continue;
    }
    summary[problem.status === "failed" ? "failed" : problem.status]++;
    if (problem.status === "failed") io.err(`${file}:${lineNumber}: ${problem.error}`);
  }
  io.out(
    `ingested ${file}: ${summary.recorded} recorded, ${summary.duplicate} duplicate, ${summary.ignored} ignored, ${summary.failed} failed`,
  );
  return { exitCode: summary.failed > 0 ? 1 : 0, summary };
}

async function ingestLine(store: Store, line: string, now: () => Date): Promise<IngestResult | string> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return `not JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    return `not a webhook envelope {"event","delivery","payload"}: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`;
  }
  const { event, delivery, payload } = envelope.data;
  return ingestDelivery(store, { id: delivery, event, payload }, { now });
}
