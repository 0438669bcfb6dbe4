// Sends a webhook the way GitHub does: JSON body, event and delivery headers, HMAC-SHA256 signature.
import { createHmac } from "node:crypto";

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export interface SignedDelivery {
  event: string;
  id: string;
  /** Serialized as GitHub does (JSON.stringify) unless `body` is given. */
  payload?: unknown;
  /** The exact bytes to send, e.g. malformed JSON. */
  body?: string;
  secret: string;
  /** Overrides the computed signature (a forged delivery); null sends none. */
  signature?: string | null;
  contentType?: string;
}

export interface DeliveryAnswer {
  status: number;
  text: string;
  /** Milliseconds until the answer (the "ack"). */
  ms: number;
}

export async function postDelivery(url: string, d: SignedDelivery): Promise<DeliveryAnswer> {
  const body = d.body ?? JSON.stringify(d.payload);
  const headers: Record<string, string> = {
    "content-type": d.contentType ?? "application/json",
    "user-agent": "GitHub-Hookshot/review-coach-fake",
    "x-github-event": d.event,
    "x-github-delivery": d.id,
    "x-github-hook-id": "1",
  };
  const signature = d.signature === undefined ? signBody(d.secret, body) : d.signature;
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  const started = performance.now();
  const res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(20_000) });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}
