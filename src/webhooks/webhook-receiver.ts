// The webhook edge (docs/architecture.md, "The flow"): check GitHub's signature, parse, hand the delivery to `accept` (which stores it as a
// job) and acknowledge. Nothing else runs before the answer: ingest, analysis and coaching are the job's work.
// In steps, so the ingest thread (ingest-thread.ts) can take the last two: `checkHead` (no body read yet),
// `checkSigned` (signature, event), `parseDelivery` (JSON) and `storeDelivery`; `receiveWebhook` runs them all on
// the calling thread.
//
// Probot's own middleware builds an installation Octokit and a Context for every delivery before its handlers run;
// at hundreds of deliveries a second that alone costs more than storing them, so the server receives here and
// builds the Context only in the job, when a delivery needs GitHub.
import type { IncomingMessage, ServerResponse } from "node:http";
import { text } from "node:stream/consumers";
import { sendJson } from "../http/send-json.js";
import { verifySignature } from "./verify-signature.js";

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

export type Answer = { status: number; body: { ok: true } | { error: string } };

/** What the headers say of a delivery, once they are acceptable. */
export interface DeliveryHead {
  id: string;
  name: string;
  signature: string;
}

/** The part of the receiver's options that judges what was signed (on the thread serving HTTP, in either receiver). */
export interface BodyCheck {
  secret: string;
  /** Events worth storing; others are acknowledged and dropped, as Probot does for events without handlers. */
  events: ReadonlySet<string>;
  /** Told of a request whose signature passed and that is to be stored (the server lets jobs give way to it). */
  onVerified?: (req: IncomingMessage) => void;
}

export interface WebhookReceiverOptions extends BodyCheck {
  /** Resolves once the delivery is stored (acknowledged then), rejects when it could not be (answered 500). */
  accept(delivery: ReceivedDelivery): Promise<void>;
  /** Where a delivery that could not be stored is reported. */
  onError(error: unknown, delivery: { id: string; name: string }): void;
}

export const sendAnswer = (res: ServerResponse, { status, body }: Answer) => sendJson(res, status, body);
const refuse = (status: number, error: string): Answer => ({ status, body: { error } });
export const ACCEPTED: Answer = { status: 200, body: { ok: true } };
/** Not stored, so not acknowledged: GitHub shows the failure and the delivery can be redelivered. */
export const UNSTORED: Answer = refuse(500, "the delivery could not be stored; redeliver it");
const UNREADABLE: Answer = refuse(400, "the request could not be read");

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === "string" && value !== "" ? value : undefined;
};

/** The headers' verdict: a refusal, or what the body will be checked against. Nothing is read yet. */
export function checkHead(req: IncomingMessage): DeliveryHead | Answer {
  const contentType = header(req, "content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(contentType))
    return refuse(415, 'Unsupported "Content-Type" header value. Must be "application/json"');
  const name = header(req, "x-github-event");
  const id = header(req, "x-github-delivery");
  const signature = header(req, "x-hub-signature-256");
  if (name && id && signature) return { id, name, signature };
  const missing = [
    name ? null : "x-github-event",
    id ? null : "x-github-delivery",
    signature ? null : "x-hub-signature-256",
  ].filter((h) => h !== null);
  return refuse(400, `Required headers missing: ${missing.join(", ")}`);
}

export const isAnswer = <T extends object>(value: T | Answer): value is Answer => "status" in value;

/**
 * The verdict on what was signed: a refusal (401 bad signature), an acknowledgement of an event not stored, or null
 * when the body is to be parsed and stored. Takes the body's bytes as read, or its text.
 */
export function checkSigned(check: BodyCheck, head: DeliveryHead, body: string | Uint8Array): Answer | null {
  if (!verifySignature(check.secret, body, head.signature))
    return refuse(401, "signature does not match event payload and secret");
  return check.events.has(head.name) ? null : ACCEPTED;
}

/** The JSON's verdict on a signed body: a refusal (400 not a JSON object), or the delivery to store. */
export function parseDelivery(head: DeliveryHead, body: string): ReceivedDelivery | Answer {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return refuse(400, "Invalid JSON");
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    return refuse(400, "the payload is not a JSON object");
  const installation = (payload as { installation?: { id?: unknown } }).installation?.id;
  return {
    id: head.id,
    name: head.name,
    installationId: typeof installation === "number" ? installation : null,
    payload,
    body,
  };
}

/**
 * The body's verdict: a refusal (401 bad signature, 400 not a JSON object), an acknowledgement of an event not
 * stored, or the delivery to store.
 */
export function checkBody(check: BodyCheck, head: DeliveryHead, body: string): ReceivedDelivery | Answer {
  return checkSigned(check, head, body) ?? parseDelivery(head, body);
}

/**
 * Stores a delivery that passed its checks: 200 once stored, 500 (reported to `onError`) when it could not be, so
 * GitHub shows the failure and it can be redelivered; nothing is acknowledged that is not stored.
 */
export async function storeDelivery(
  delivery: ReceivedDelivery,
  options: Pick<WebhookReceiverOptions, "accept" | "onError">,
): Promise<Answer> {
  try {
    await options.accept(delivery);
  } catch (error) {
    options.onError(error, { id: delivery.id, name: delivery.name });
    return UNSTORED;
  }
  return ACCEPTED;
}

/** The answer to one POST on the webhook path; `body` is read only when the headers are acceptable. */
export async function receiveWebhook(req: IncomingMessage, options: WebhookReceiverOptions): Promise<Answer> {
  const head = checkHead(req);
  if (isAnswer(head)) return head;
  // The server has refused bodies over 25 MB from their length already.
  const checked = checkBody(options, head, await text(req));
  if (isAnswer(checked)) return checked;
  options.onVerified?.(req);
  return storeDelivery(checked, options);
}

/**
 * A node:http handler for the webhook path from what answers one request; a request that cannot be read (the
 * client went away, say) is reported to `onError` and answered 400 if it still can be.
 */
export function webhookHandler(
  answerFor: (req: IncomingMessage) => Promise<Answer>,
  onError: WebhookReceiverOptions["onError"],
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      sendAnswer(res, await answerFor(req));
    } catch (error) {
      onError(error, {
        id: header(req, "x-github-delivery") ?? "?",
        name: header(req, "x-github-event") ?? "?",
      });
      if (!res.headersSent) sendAnswer(res, UNREADABLE);
    }
  };
}

/** The webhook path's handler, everything on the calling thread. */
export function createWebhookReceiver(
  options: WebhookReceiverOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return webhookHandler((req) => receiveWebhook(req, options), options.onError);
}
