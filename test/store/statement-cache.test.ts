import { describe, expect, it } from "@jest/globals";
import SQLite from "better-sqlite3";
import { withStatementCache } from "../../src/store/statement-cache.js";

function counted() {
  const database = new SQLite(":memory:");
  let prepared = 0;
  const counting = {
    prepare(sql: string) {
      prepared++;
      return database.prepare(sql);
    },
    close: () => database.close(),
  };
  return { database, counting, prepared: () => prepared };
}

describe("withStatementCache", () => {
  it("prepares each SQL text once and binds new parameters on every run", () => {
    const { counting, prepared } = counted();
    const db = withStatementCache(counting);
    db.prepare("create table t (x integer)").run([]);

    for (const x of [1, 2, 3]) db.prepare("insert into t (x) values (?)").run([x]);
    const rows = db.prepare("select x from t where x >= ? order by x").all([2]);

    expect(rows).toEqual([{ x: 2 }, { x: 3 }]);
    expect(prepared()).toBe(3); // create, insert, select
    db.close();
  });

  it("forgets the least recently used statement when full", () => {
    const { counting, prepared } = counted();
    const db = withStatementCache(counting, 2);

    db.prepare("select 1");
    db.prepare("select 2");
    db.prepare("select 1"); // now the most recent
    db.prepare("select 3"); // evicts "select 2"
    db.prepare("select 1");
    db.prepare("select 2");

    expect(prepared()).toBe(4);
    db.close();
  });

  it("closes the database", () => {
    const { database, counting } = counted();
    withStatementCache(counting).close();
    expect(database.open).toBe(false);
  });
});
