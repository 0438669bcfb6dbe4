// Local development: deliveries from a webhook proxy channel (WEBHOOK_PROXY_URL, e.g. a smee.io channel) forwarded to
// this server's webhook path, so an app registered with the channel's URL reaches a laptop behind NAT. The Smee client
// is a devDependency: a production install has none, and is told so instead of failing.
import type { Logger } from "pino";

export interface WebhookProxy {
  stop(): Promise<void>;
}

export async function startWebhookProxy(options: {
  source: string;
  target: string;
  log: Logger;
}): Promise<WebhookProxy | null> {
  const { source, target, log } = options;
  let SmeeClient: typeof import("smee-client").SmeeClient;
  try {
    ({ SmeeClient } = await import("smee-client"));
  } catch {
    log.warn(
      { source },
      "WEBHOOK_PROXY_URL is set but smee-client is not installed (a devDependency: npm ci installs it); " +
        "no deliveries are forwarded",
    );
    return null;
  }
  const client = new SmeeClient({
    source,
    target,
    logger: {
      info: (...args: unknown[]) => log.info(args.map(String).join(" ")),
      error: (...args: unknown[]) => log.error(args.map(String).join(" ")),
    },
  });
  try {
    await client.start();
  } catch (error) {
    // The server itself is fine: only the proxy is unreachable, which the developer should hear about.
    log.error({ source, err: error }, "could not connect to the webhook proxy; no deliveries are forwarded");
    return null;
  }
  log.info({ source, target }, "forwarding deliveries from the webhook proxy");
  return { stop: () => client.stop() };
}
