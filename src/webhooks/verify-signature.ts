// GitHub's webhook signature (X-Hub-Signature-256: "sha256=" and the hex HMAC-SHA256 of the body under the
// webhook secret), checked in constant time over the bytes as read, before they are decoded (webhook-receiver.ts).
import { createHmac, timingSafeEqual } from "node:crypto";

const PREFIX = "sha256=";

export function verifySignature(secret: string, body: string | Uint8Array, signature: string): boolean {
  if (!signature.startsWith(PREFIX)) return false;
  const given = Buffer.from(signature.slice(PREFIX.length), "hex");
  const expected = createHmac("sha256", secret).update(body).digest();
  // A malformed hex string decodes short; lengths are not secret.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
