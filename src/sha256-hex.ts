// The one content hash: sha256 of a text, hex-encoded (judge cache keys, config fingerprints, posted-body hashes).
import { createHash } from "node:crypto";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
