// The GitHub App credentials, checked before the server listens: every missing or malformed one is named, in one
// message, instead of the first request failing later.
import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Env } from "./env.js";

/** Probot's setup page needs no credentials; anything else needs all of them. */
export type CredentialCheck =
  | { mode: "setup"; problems: [] }
  | { mode: "app"; appId: number; privateKey: string; secret: string; problems: [] }
  | { mode: "invalid"; problems: string[] };

/** The secret Probot and many templates use in development: never accepted in production. */
export const DEFAULT_WEBHOOK_SECRET = "development";

/**
 * `allowSetup`: with none of APP_ID, PRIVATE_KEY and PRIVATE_KEY_PATH set, outside production, the answer is the
 * setup mode (Probot's page that registers the app) rather than a problem.
 */
export function checkCredentials(
  env: Env,
  { allowSetup = true, readFile = (path: string) => readFileSync(path, "utf8") } = {},
): CredentialCheck {
  const production = env.NODE_ENV === "production";
  const keyGiven = env.PRIVATE_KEY !== undefined || env.PRIVATE_KEY_PATH !== undefined;
  if (allowSetup && !production && env.APP_ID === undefined && !keyGiven)
    return { mode: "setup", problems: [] };

  const problems: string[] = [];
  if (env.APP_ID === undefined && !keyGiven)
    problems.push(
      "APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are required to receive webhooks: register the app from " +
        "app.yml (README, Registering the app)" +
        (production ? "" : ", or unset both to get Probot's setup page"),
    );
  else if (env.APP_ID === undefined)
    problems.push("APP_ID is not set, but a private key is: set the App ID too");
  else if (!keyGiven)
    problems.push(
      "PRIVATE_KEY (or PRIVATE_KEY_PATH) is not set, but APP_ID is: set the app's private key (a .pem file)",
    );

  let privateKey: string | undefined;
  if (env.PRIVATE_KEY !== undefined) privateKey = env.PRIVATE_KEY.replace(/\\n/g, "\n");
  else if (env.PRIVATE_KEY_PATH !== undefined) {
    try {
      privateKey = readFile(env.PRIVATE_KEY_PATH);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      problems.push(`PRIVATE_KEY_PATH ${env.PRIVATE_KEY_PATH} cannot be read (${String(code ?? error)})`);
    }
  }
  if (privateKey !== undefined && !isPemPrivateKey(privateKey)) {
    const name = env.PRIVATE_KEY !== undefined ? "PRIVATE_KEY" : `PRIVATE_KEY_PATH ${env.PRIVATE_KEY_PATH}`;
    problems.push(
      `${name} is not a PEM private key: expected the .pem file GitHub gave, from "-----BEGIN RSA PRIVATE KEY-----" ` +
        "to its END line (inline, newlines may be written \\n)",
    );
  }

  const secret = env.WEBHOOK_SECRET;
  if (secret === undefined)
    problems.push(
      "WEBHOOK_SECRET is required whenever APP_ID and a private key are set, so forged deliveries are rejected; " +
        "set it to the secret registered with the GitHub App",
    );
  else if (production && secret === DEFAULT_WEBHOOK_SECRET)
    problems.push(
      `WEBHOOK_SECRET is the development default "${DEFAULT_WEBHOOK_SECRET}", refused in production`,
    );

  if (problems.length > 0 || env.APP_ID === undefined || privateKey === undefined || secret === undefined)
    return { mode: "invalid", problems };
  return { mode: "app", appId: env.APP_ID, privateKey, secret, problems: [] };
}

/** One message naming every problem, for the log and the exit. */
export function formatCredentialProblems(problems: readonly string[]): string {
  return `review-coach: cannot start, the GitHub App credentials are incomplete:\n${problems.map((p) => `- ${p}`).join("\n")}`;
}

function isPemPrivateKey(text: string): boolean {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) return false;
  try {
    createPrivateKey(text);
    return true;
  } catch {
    return false;
  }
}
