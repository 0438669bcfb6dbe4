import type { AddressInfo } from "node:net";
import { createServer, type Socket } from "node:net";
import { describe, expect, it } from "@jest/globals";
import { createJobQueue } from "../../src/jobs/create-job-queue.js";
import type { Store } from "../../src/store/open-store.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";

describe("createJobQueue", () => {
  it("uses the embedded queue for a SQLite store", async () => {
    const store = await openSqliteTestStore();
    try {
      expect(createJobQueue(store).kind).toBe("sqlite");
    } finally {
      await store.close();
    }
  });

  it("uses pg-boss for a PostgreSQL store, connecting only on start", async () => {
    // A stand-in for the database that counts connections and hangs up on each.
    const connections: Socket[] = [];
    const database = createServer((socket) => {
      connections.push(socket);
      socket.destroy();
    });
    await new Promise<void>((resolve) => database.listen(0, "127.0.0.1", resolve));
    const { port } = database.address() as AddressInfo;
    const store = { dialect: "postgres", location: `postgres://app:***@127.0.0.1:${port}/app` } as Store;
    try {
      const queue = createJobQueue(store, { databaseUrl: `postgres://app:secret@127.0.0.1:${port}/app` });

      expect(queue.kind).toBe("pg-boss");
      // No pool before start: nothing can have connected.
      await expect(queue.stats()).rejects.toThrow(/not started/);
      expect(connections).toHaveLength(0);
      await expect(queue.start()).rejects.toThrow();
      expect(connections.length).toBeGreaterThan(0);
    } finally {
      await new Promise((resolve) => database.close(resolve));
    }
  });

  it("says what to pass when a PostgreSQL store comes without its URL", () => {
    const store = { dialect: "postgres", location: "postgres://app:***@db/app" } as Store;
    expect(() => createJobQueue(store)).toThrow(/needs its URL; pass DATABASE_URL as databaseUrl/);
  });
});
