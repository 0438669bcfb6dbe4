// Readiness: can this replica reach its store right now? (For /readyz: a load balancer stops sending webhooks if not.)
import { sql } from "kysely";
import type { Store } from "../store/open-store.js";

export interface Readiness {
  ok: boolean;
  /** Why not, for the response body and the logs (never credentials: the store's location is redacted). */
  detail?: string;
}

/** A `select 1` that must answer within `timeoutMs` (default 2000); never throws. */
export async function checkReady(store: Store, options: { timeoutMs?: number } = {}): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 2000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Readiness>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          detail: `the store at ${store.location} did not answer within ${timeoutMs} ms`,
        }),
      timeoutMs,
    );
  });
  const probe = sql`select 1`.execute(store.db).then(
    (): Readiness => ({ ok: true }),
    (error: unknown): Readiness => ({
      ok: false,
      detail: `the store at ${store.location} failed: ${error instanceof Error ? error.message : String(error)}`,
    }),
  );
  try {
    return await Promise.race([probe, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What /readyz answers: a status and nothing else (README, Security). Hosts, users and the driver's message stay in
 * the log (`detail`).
 */
export function readinessAnswer(
  ready: Readiness,
  draining: boolean,
): { status: 200 | 503; body: { status: "ready" | "unready" } } {
  return ready.ok && !draining
    ? { status: 200, body: { status: "ready" } }
    : { status: 503, body: { status: "unready" } };
}
