// Setup mode (no app credentials, outside production): Probot's setup page, which registers the app from app.yml and
// writes its credentials to .env, plus the health endpoints, so a probe sees the process alive and why it is not
// ready. Probot's run() builds this server without a way to add routes, so it is assembled here from Probot's parts.
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Logger } from "pino";
import { Probot, Server } from "probot";
import type { Env } from "./env.js";
import { sendJson } from "./http/send-json.js";

type Handler = Parameters<Server["addHandler"]>[0];
type SetupAppFactory = (options: { host: string; port: number; log: Logger }) => () => Promise<Handler>;

/** Probot's setup app, which its package does not export: loaded from the file next to its entry. */
async function loadSetupAppFactory(): Promise<SetupAppFactory> {
  const entry = createRequire(import.meta.url).resolve("probot");
  const setup = (await import(pathToFileURL(join(dirname(entry), "apps", "setup.js")).href)) as {
    setupAppFactory?: SetupAppFactory;
  };
  if (typeof setup.setupAppFactory !== "function")
    throw new Error(
      "review-coach: this Probot version has no setup app where it is expected (lib/apps/setup.js)",
    );
  return setup.setupAppFactory;
}

const NOT_READY =
  "setup mode: no GitHub App credentials yet; register the app on this server's page, then restart";

const healthHandler: Handler = (req, res) => {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method !== "GET") return false;
  if (path === "/healthz") sendJson(res, 200, { status: "ok", mode: "setup" });
  else if (path === "/readyz") sendJson(res, 503, { status: "unready", reason: NOT_READY });
  else return false;
  return true;
};

export interface SetupServer {
  url: string;
  stop(): Promise<void>;
}

export async function startSetupServer(env: Env, log: Logger): Promise<SetupServer> {
  const setupAppFactory = await loadSetupAppFactory();
  const server = new Server({
    host: env.HOST,
    port: env.PORT,
    webhookPath: env.WEBHOOK_PATH,
    ...(env.WEBHOOK_PROXY_URL ? { webhookProxy: env.WEBHOOK_PROXY_URL } : {}),
    log,
    // Probot needs an id and a key to exist; in setup mode they are never used (Probot's own run() does the same).
    Probot: Probot.defaults({ appId: 1, privateKey: "unused in setup mode", log }),
  });
  server.addHandler(healthHandler);
  await server.loadHandlerFactory(
    setupAppFactory({ host: env.HOST, port: env.PORT, log: log.child({ name: "setup" }) }),
  );
  const http = await server.start();
  const address = http.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return { url: `http://${host}:${address.port}`, stop: () => server.stop() };
}
