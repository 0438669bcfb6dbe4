import { describe, expect, it } from "@jest/globals";
import { sign } from "@octokit/webhooks-methods";
import { verifySignature } from "../../src/webhooks/verify-signature.js";

const SECRET = "webhook-secret";

describe("verifySignature", () => {
  // @octokit/webhooks-methods' sign is GitHub's signature as Probot checks it: the oracle.
  it.each([
    ["ASCII", '{"action":"created"}'],
    ["unicode", '{"body":"naïve 👀 — 为什么？"}'],
    ["20 KB", JSON.stringify({ body: "x".repeat(20_000) })],
  ])("accepts GitHub's signature of a %s body, as text or as the bytes read", async (_what, body) => {
    const signature = await sign(SECRET, body);
    expect(verifySignature(SECRET, body, signature)).toBe(true);
    expect(verifySignature(SECRET, new TextEncoder().encode(body), signature)).toBe(true);
  });

  it.each([
    ["another secret", async (body: string) => sign("another", body)],
    ["a changed body", async (body: string) => sign(SECRET, `${body} `)],
    ["sha1", async () => `sha1=${"a".repeat(40)}`],
    ["no prefix", async (body: string) => (await sign(SECRET, body)).slice("sha256=".length)],
    ["a truncated digest", async (body: string) => (await sign(SECRET, body)).slice(0, -2)],
    ["not hex", async () => `sha256=${"z".repeat(64)}`],
    ["an empty value", async () => ""],
  ])("refuses a signature made with %s", async (_what, signatureOf) => {
    const body = '{"action":"created"}';
    expect(verifySignature(SECRET, body, await signatureOf(body))).toBe(false);
  });
});
