// The webhook edge, on the main thread (docs/architecture.md, "The flow"): check the headers and GitHub's signature
// over the bytes received, parse, hand the delivery to `accept` (which stores it as a job; deliveries that arrive
// together share one write, batch-writes.ts) and answer. Nothing else runs before the answer: ingest, analysis and
// coaching are the job's work, and Probot builds no Context for a delivery that only needs recording.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../http/send-json.js";
import { verifySignature } from "./verify-signature.js";

export interface ReceivedDelivery {
  /** X-GitHub-Delivery. */
  id: string;
  /** X-GitHub-Event. */
  name: string;
  installationId: number | null;
  /** The body as GitHub sent it (the payload's JSON text), so storing it needs no second serialization. */
  body: string;
}

export type Answer = { status: number; body: { ok: true } | { error: string } };

export interface WebhookReceiverOptions {
  secret: string;
  /** Events worth storing; others are acknowledged and dropped. */
  events: ReadonlySet<string>;
  /** Resolves once the delivery is stored (acknowledged then), rejects when it could not be (answered 500). */
  accept(delivery: ReceivedDelivery): Promise<void>;
  /** Where a delivery that could not be stored or read is reported. */
  onError(error: unknown, delivery: { id: string; name: string }): void;
}

const refuse = (status: number, error: string): Answer => ({ status, body: { error } });
const ACCEPTED: Answer = { status: 200, body: { ok: true } };
/** Not stored, so not acknowledged: GitHub shows the failure and the delivery can be redelivered. */
const UNSTORED: Answer = refuse(500, "the delivery could not be stored; redeliver it");
const UNREADABLE: Answer = refuse(400, "the request could not be read");

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === "string" && value !== "" ? value : undefined;
};

/** The body's bytes, collected without a detour through a Blob (node:stream/consumers' `buffer`). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("error", reject);
    req.once("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
  });
}

/** The answer to one POST on the webhook path; the body is read only when the headers are acceptable. */
export async function receiveWebhook(req: IncomingMessage, options: WebhookReceiverOptions): Promise<Answer> {
  if (!/^application\/json\s*(;|$)/i.test(header(req, "content-type") ?? ""))
    return refuse(415, "a webhook body must be sent as application/json");
  const name = header(req, "x-github-event");
  const id = header(req, "x-github-delivery");
  const signature = header(req, "x-hub-signature-256");
  if (!name || !id || !signature) {
    const headers = { "x-github-event": name, "x-github-delivery": id, "x-hub-signature-256": signature };
    const missing = Object.keys(headers).filter((h) => headers[h as keyof typeof headers] === undefined);
    return refuse(400, `a GitHub delivery carries these headers, missing here: ${missing.join(", ")}`);
  }
  // The server has refused bodies over 25 MB from their length already.
  const bytes = await readBody(req);
  if (!verifySignature(options.secret, bytes, signature))
    return refuse(401, "the x-hub-signature-256 header is not the body's signature under the webhook secret");
  if (!options.events.has(name)) return ACCEPTED;
  const body = bytes.toString("utf8");
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return refuse(400, "the body is not JSON");
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    return refuse(400, "the body is not a JSON object");
  const installation = (payload as { installation?: { id?: unknown } }).installation?.id;
  try {
    await options.accept({
      id,
      name,
      installationId: typeof installation === "number" ? installation : null,
      body,
    });
  } catch (error) {
    options.onError(error, { id, name });
    return UNSTORED;
  }
  return ACCEPTED;
}

/**
 * The webhook path's node:http handler; a request that cannot be read (the client went away, say) is reported to
 * `onError` and answered 400 if it still can be.
 */
export function createWebhookReceiver(
  options: WebhookReceiverOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    let answer: Answer;
    try {
      answer = await receiveWebhook(req, options);
    } catch (error) {
      options.onError(error, {
        id: header(req, "x-github-delivery") ?? "?",
        name: header(req, "x-github-event") ?? "?",
      });
      answer = UNREADABLE;
    }
    if (!res.headersSent) sendJson(res, answer.status, answer.body);
  };
}
