// better-sqlite3 statements kept by SQL text: Kysely's SQLite driver prepares every query anew, which cost as much as
// running it on the job path (bench/load.ts profile). A prepared statement is reusable: parameters bind per call.
import type { SqliteDatabase, SqliteStatement } from "kysely";
import { LRUCache } from "lru-cache";

/** Distinct SQL texts remembered; the app has a few dozen, so this only bounds a pathological caller. */
const MAX_STATEMENTS = 500;

export function withStatementCache(database: SqliteDatabase, max = MAX_STATEMENTS): SqliteDatabase {
  // The least recently used statement goes first when full.
  const statements = new LRUCache<string, SqliteStatement>({ max });
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      return database.close();
    },
  };
}
