// End-to-end harness: the real server on loopback, a fake GitHub, signed webhooks, one store per test.
import { it } from "@jest/globals";
import nock from "nock";
import pg from "pg";
import { buildScenario, DEMO_REPO, type Envelope } from "../../scripts/demo/build-scenario.js";
import type { DeliveryAnswer } from "../../scripts/fake-github/signed-delivery.js";
import {
  type AppStack,
  type AppStackOptions,
  startAppStack,
} from "../../scripts/fake-github/start-app-stack.js";
import { CONFIG_PATH } from "../../src/config/config-path.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import { skipNote } from "../helpers/skip-note.js";
import { openSqliteTestStore, POSTGRES_SKIPPED, type StoreTarget } from "../helpers/test-stores.js";

/** The repository config the stack serves, where the app reads it. */
export const CONFIG_FILE = CONFIG_PATH;
export { DEMO_REPO };

/** A team that opted in: coaching in summary mode and the weekly digest. */
export const COACHING_CONFIG = `coaching:
  enabled: true
  mode: summary
review_windows:
  timezone: Europe/Berlin
`;

/**
 * The stores the e2e suites run on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. Each PostgreSQL
 * store is a database of its own, not a schema: Kysely's migrator looks for its lock table in every schema it can
 * see, so a schema-per-test store fails to migrate while another process's test schema exists.
 */
export function e2eStoreTargets(): StoreTarget[] {
  const url = process.env.TEST_DATABASE_URL;
  const targets: StoreTarget[] = [{ name: "sqlite", open: openSqliteTestStore }];
  if (url) targets.push({ name: "postgres", open: () => openPostgresDatabaseStore(url) });
  else skipNote(POSTGRES_SKIPPED);
  return targets;
}

/**
 * Defines a suite on one store target, by name, so that each target can have a test file of its own (jest runs files
 * in parallel, the tests of one file in turn). Without TEST_DATABASE_URL a PostgreSQL file holds one skipped test.
 */
export function onE2eTarget(name: StoreTarget["name"], define: (target: StoreTarget) => void): void {
  const target = e2eStoreTargets().find((t) => t.name === name);
  if (target) define(target);
  else it.skip(`on ${name}: ${POSTGRES_SKIPPED}`, () => undefined);
}

export async function openPostgresDatabaseStore(url: string): Promise<Store> {
  const name = `e2e_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  let store: Store;
  try {
    store = await openStore(own.toString());
  } catch (error) {
    await admin(`drop database if exists ${name} with (force)`);
    throw error;
  }
  return {
    ...store,
    close: async () => {
      try {
        await store.close();
      } finally {
        await admin(`drop database if exists ${name} with (force)`);
      }
    },
  };
}

/** Nothing leaves the machine: fetch to anything but loopback fails the test (nock intercepts fetch). */
export function loopbackOnly(): void {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
}

export function restoreNet(): void {
  nock.enableNetConnect();
}

export interface E2e {
  stack: AppStack;
  store: Store;
  close(): Promise<void>;
}

/** Starts the stack on a fresh store of `target`; `files` are served per repository by the fake GitHub. */
export async function startE2e(
  target: StoreTarget,
  options: Omit<AppStackOptions, "store" | "databaseUrl"> & { config?: string | null } = {},
): Promise<E2e> {
  const store = await target.open();
  const { config = COACHING_CONFIG, ...rest } = options;
  const files = config === null ? {} : { [DEMO_REPO]: { [CONFIG_FILE]: config } };
  let stack: AppStack;
  try {
    stack = await startAppStack({ ...rest, store, fake: { files, ...rest.fake } });
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    stack,
    store,
    async close() {
      try {
        await stack.stop();
      } finally {
        await store.close();
      }
    },
  };
}

/** Sends deliveries one after another, as GitHub does for one repository, and returns the answers. */
export async function deliverAll(stack: AppStack, envelopes: readonly Envelope[]): Promise<DeliveryAnswer[]> {
  const answers: DeliveryAnswer[] = [];
  for (const envelope of envelopes) answers.push(await stack.deliver(envelope));
  // Acknowledged is not done: the work runs as jobs after the answer.
  await stack.settle();
  return answers;
}

export const scenario = (): Envelope[] => buildScenario();

export const isAck = (answer: DeliveryAnswer): boolean => answer.status >= 200 && answer.status < 300;

export async function countRows(
  store: Store,
  table: "deliveries" | "events" | "assessments" | "nudges" | "digests",
): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function healthz(stack: AppStack): Promise<number> {
  return (await fetch(`${stack.app.url}/healthz`, { signal: AbortSignal.timeout(5_000) })).status;
}
