// The content hash for the judge cache: sha256 of prompt version + model + comment body, hex-encoded.
import { createHash } from "node:crypto";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
