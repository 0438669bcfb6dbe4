// better-sqlite3 statements kept by SQL text: Kysely's SQLite driver prepares every query anew, which cost as much as
// running it on the job path (bench/load.ts profile). A prepared statement is reusable: parameters bind per call.
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** Distinct SQL texts remembered; the app has a few dozen, so this only bounds a pathological caller. */
const MAX_STATEMENTS = 500;

export function withStatementCache(database: SqliteDatabase, max = MAX_STATEMENTS): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        // Most recently used last, so the oldest unused goes first when full.
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= max) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      return statement;
    },
    close() {
      statements.clear();
      return database.close();
    },
  };
}
