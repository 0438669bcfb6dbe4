// Reads the process environment once, at the edge, into a typed object (docs/architecture.md, "Conventions").
import { z } from "zod";

const Env = z.object({
  NODE_ENV: z.string().default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  DATABASE_URL: z.string().min(1).default("./data/review-coach.sqlite"),
  APP_ID: z.coerce.number().int().positive().optional(),
  PRIVATE_KEY: z.string().optional(),
  PRIVATE_KEY_PATH: z.string().optional(),
  WEBHOOK_SECRET: z.string().optional(),
  WEBHOOK_PATH: z.string().default("/api/github/webhooks"),
  /** Local development: a webhook proxy channel (smee.io) whose deliveries are forwarded to WEBHOOK_PATH. */
  WEBHOOK_PROXY_URL: z.url().optional(),
  /** GitHub Enterprise Server API, e.g. https://ghe.example.com/api/v3 */
  GHE_HOST: z.string().optional(),
  GITHUB_API_URL: z.url().optional(),
  /** The app's bot login, to recognise its own comments; defaults to "<slug>[bot]" looked up at start. */
  APP_SLUG: z.string().optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.url().optional(),
  /** Price of a million tokens (prompt and completion alike), for the spend metric; no spend is counted without it. */
  OPENAI_USD_PER_MILLION_TOKENS: z.coerce.number().nonnegative().optional(),
  GITHUB_TOKEN: z.string().optional(),
  /** Days an uninstalled (or suspended) installation's data is kept before the server purges it (README, Security). */
  PURGE_AFTER_DAYS: z.coerce.number().int().min(0).default(30),
  /** `off`: onboard with an issue instead of a pull request, for an app kept read-only on contents (README, Onboarding). */
  ONBOARDING: z.enum(["on", "off"]).default("on"),
});
export type Env = z.infer<typeof Env>;

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

export function readEnv(env: Record<string, string | undefined> = process.env): Env {
  // Empty strings in .env files mean "unset", not "set to empty".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = Env.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `- ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`review-coach: invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** The GitHub REST base URL: GITHUB_API_URL, else https://GHE_HOST/api/v3, else github.com's. */
export function githubApiUrl(env: Env): string | undefined {
  if (env.GITHUB_API_URL) return env.GITHUB_API_URL.replace(/\/$/, "");
  if (env.GHE_HOST) return `https://${env.GHE_HOST}/api/v3`;
  return undefined;
}
