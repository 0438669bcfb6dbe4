// Credentials are checked before the server listens: each missing or malformed one named, all in one message.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { checkCredentials, formatCredentialProblems } from "../../src/check-credentials.js";
import { readEnv } from "../../src/env.js";
import { testPrivateKey } from "../helpers/signed-delivery.js";

const key = testPrivateKey();
const problems = (vars: Record<string, string>) => checkCredentials(readEnv(vars)).problems;

describe("checkCredentials", () => {
  it("answers setup mode when nothing is set outside production", () => {
    expect(checkCredentials(readEnv({}))).toEqual({ mode: "setup", problems: [] });
  });

  it("accepts a complete set, with the key inline (\\n escapes) or from a file", () => {
    const inline = checkCredentials(
      readEnv({ APP_ID: "7", PRIVATE_KEY: key.replace(/\n/g, "\\n"), WEBHOOK_SECRET: "s" }),
    );
    expect(inline).toMatchObject({ mode: "app", appId: 7, secret: "s", privateKey: key });
    const file = join(mkdtempSync(join(tmpdir(), "review-coach-key-")), "app.pem");
    writeFileSync(file, key);
    expect(checkCredentials(readEnv({ APP_ID: "7", PRIVATE_KEY_PATH: file, WEBHOOK_SECRET: "s" })).mode).toBe(
      "app",
    );
  });

  it("names the missing key when only APP_ID is set, and the missing secret in the same breath", () => {
    expect(problems({ APP_ID: "7" })).toEqual([
      expect.stringMatching(/^PRIVATE_KEY \(or PRIVATE_KEY_PATH\) is not set, but APP_ID is/),
      expect.stringMatching(/^WEBHOOK_SECRET is required whenever APP_ID and a private key are set/),
    ]);
  });

  it("names the missing APP_ID when only a key is set", () => {
    expect(problems({ PRIVATE_KEY: key, WEBHOOK_SECRET: "s" })).toEqual([
      expect.stringMatching(/^APP_ID is not set, but a private key is/),
    ]);
  });

  it("says a key that is not PEM is not one, inline or from a file, and an unreadable key file", () => {
    expect(problems({ APP_ID: "7", PRIVATE_KEY: "notakey", WEBHOOK_SECRET: "s" })).toEqual([
      expect.stringMatching(/^PRIVATE_KEY is not a PEM private key/),
    ]);
    const bad = join(mkdtempSync(join(tmpdir(), "review-coach-key-")), "app.pem");
    writeFileSync(bad, "-----BEGIN RSA PRIVATE KEY-----\nnot base64\n-----END RSA PRIVATE KEY-----\n");
    expect(problems({ APP_ID: "7", PRIVATE_KEY_PATH: bad, WEBHOOK_SECRET: "s" })).toEqual([
      `PRIVATE_KEY_PATH ${bad} is not a PEM private key: expected the .pem file GitHub gave, from "-----BEGIN RSA PRIVATE KEY-----" to its END line (inline, newlines may be written \\n)`,
    ]);
    expect(problems({ APP_ID: "7", PRIVATE_KEY_PATH: "/no/such/app.pem", WEBHOOK_SECRET: "s" })).toEqual([
      "PRIVATE_KEY_PATH /no/such/app.pem cannot be read (ENOENT)",
    ]);
  });

  it("refuses the development secret, and missing credentials, in production", () => {
    expect(
      problems({ NODE_ENV: "production", APP_ID: "7", PRIVATE_KEY: key, WEBHOOK_SECRET: "development" }),
    ).toEqual(['WEBHOOK_SECRET is the development default "development", refused in production']);
    expect(problems({ NODE_ENV: "production" })).toEqual([
      expect.stringMatching(/^APP_ID and PRIVATE_KEY \(or PRIVATE_KEY_PATH\) are required/),
      expect.stringMatching(/^WEBHOOK_SECRET is required/),
    ]);
  });

  it("puts every problem in one message, one line each", () => {
    const message = formatCredentialProblems(problems({ APP_ID: "7", PRIVATE_KEY: "notakey" }));
    expect(message.split("\n")).toEqual([
      "review-coach: cannot start, the GitHub App credentials are incomplete:",
      expect.stringMatching(/^- PRIVATE_KEY is not a PEM private key/),
      expect.stringMatching(/^- WEBHOOK_SECRET is required/),
    ]);
  });
});
