// The webhook edge (DESIGN §6): check GitHub's signature, parse, hand the delivery to `accept` (which stores it as a
// job) and acknowledge. Nothing else runs before the answer: ingest, analysis and coaching are the job's work.
//
// Probot's own middleware builds an installation Octokit and a Context for every delivery before its handlers run;
// at hundreds of deliveries a second that alone costs more than storing them, so the server receives here and
// builds the Context only in the job, when a delivery needs GitHub.
import type { IncomingMessage, ServerResponse } from "node:http";
import { text } from "node:stream/consumers";
import { verify } from "@octokit/webhooks-methods";
import { sendJson } from "../http/send-json.js";

export interface ReceivedDelivery {
  /** X-GitHub-Delivery. */
  id: string;
  /** X-GitHub-Event. */
  name: string;
  installationId: number | null;
  payload: unknown;
  /** The body as GitHub sent it (the payload's JSON text), so storing it needs no second serialization. */
  body: string;
}

export interface WebhookReceiverOptions {
  secret: string;
  /** Events worth storing; others are acknowledged and dropped, as Probot does for events without handlers. */
  events: ReadonlySet<string>;
  /** Resolves once the delivery is stored (acknowledged then), rejects when it could not be (answered 500). */
  accept(delivery: ReceivedDelivery): Promise<void>;
  /** Where a delivery that could not be stored is reported. */
  onError(error: unknown, delivery: { id: string; name: string }): void;
}

type Answer = { status: number; body: { ok: true } | { error: string } };

const answer = (res: ServerResponse, { status, body }: Answer) => sendJson(res, status, body);
const refuse = (status: number, error: string): Answer => ({ status, body: { error } });

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === "string" && value !== "" ? value : undefined;
};

/** The answer to one POST on the webhook path; `body` is read only when the headers are acceptable. */
export async function receiveWebhook(req: IncomingMessage, options: WebhookReceiverOptions): Promise<Answer> {
  const contentType = header(req, "content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(contentType))
    return refuse(415, 'Unsupported "Content-Type" header value. Must be "application/json"');
  const name = header(req, "x-github-event");
  const id = header(req, "x-github-delivery");
  const signature = header(req, "x-hub-signature-256");
  const missing = [
    name ? null : "x-github-event",
    id ? null : "x-github-delivery",
    signature ? null : "x-hub-signature-256",
  ].filter((h) => h !== null);
  if (!name || !id || !signature) return refuse(400, `Required headers missing: ${missing.join(", ")}`);

  // The server has refused bodies over 25 MB from their length already.
  const body = await text(req);
  // Constant-time comparison of the HMAC (@octokit/webhooks-methods, as Probot uses).
  if (!(await verify(options.secret, body, signature).catch(() => false)))
    return refuse(401, "signature does not match event payload and secret");
  if (!options.events.has(name)) return { status: 200, body: { ok: true } };

  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return refuse(400, "Invalid JSON");
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    return refuse(400, "the payload is not a JSON object");
  const installation = (payload as { installation?: { id?: unknown } }).installation?.id;
  try {
    await options.accept({
      id,
      name,
      installationId: typeof installation === "number" ? installation : null,
      payload,
      body,
    });
  } catch (error) {
    options.onError(error, { id, name });
    // GitHub shows the failure and the delivery can be redelivered; nothing was acknowledged that is not stored.
    return refuse(500, "the delivery could not be stored; redeliver it");
  }
  return { status: 200, body: { ok: true } };
}

/** A node:http handler for the webhook path. */
export function createWebhookReceiver(
  options: WebhookReceiverOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      answer(res, await receiveWebhook(req, options));
    } catch (error) {
      options.onError(error, {
        id: header(req, "x-github-delivery") ?? "?",
        name: header(req, "x-github-event") ?? "?",
      });
      if (!res.headersSent) answer(res, refuse(400, "the request could not be read"));
    }
  };
}
