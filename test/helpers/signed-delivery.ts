// Sends a webhook the way GitHub does: JSON body, event and delivery headers, HMAC-SHA256 signature.
import { createHmac, generateKeyPairSync } from "node:crypto";

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export async function sendDelivery(
  url: string,
  d: { event: string; id: string; payload: unknown; secret: string; signature?: string },
): Promise<Response> {
  const body = JSON.stringify(d.payload);
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": d.event,
      "x-github-delivery": d.id,
      "x-hub-signature-256": d.signature ?? sign(d.secret, body),
    },
    body,
  });
}

/** A throwaway RSA key, so the real Probot can start without a registered app. */
export function testPrivateKey(): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return privateKey.export({ type: "pkcs1", format: "pem" }).toString();
}
