// A query compiled once per store and run with new parameters: for the few statements on the webhook path, where
// building and compiling Kysely's tree for every call costs more than SQLite's work (bench/load.ts; docs/architecture.md, "Store and jobs").
import { type Compilable, CompiledQuery, type Kysely, type QueryResult } from "kysely";

// A noncharacter, never in real text (and not U+0000, which the PostgreSQL store replaces: src/store/without-nul.ts).
const SENTINEL = "\uFDD0review-coach-parameter:";

/**
 * `build` receives a placeholder per parameter name in `parameterNames` and returns the query; it is compiled by the store's own dialect
 * (so the SQL is right for SQLite and PostgreSQL alike) the first time a store of that dialect runs it. Each placeholder must be used
 * as a plain value (not inside an expression Kysely would rewrite), which every call then fills from `params`.
 */
export function preparedQuery<DB, P extends object, R = unknown>(
  parameterNames: readonly (keyof P & string)[],
  build: (db: Kysely<DB>, placeholders: P) => Compilable<R>,
): (db: Kysely<DB>, params: P) => Promise<QueryResult<R>> {
  const compiled = new WeakMap<
    object,
    { sql: string; names: (keyof P | null)[]; fixed: readonly unknown[] }
  >();
  return async (db, params) => {
    // Keyed by the dialect's adapter, which a store and its transactions share.
    const dialect = db.getExecutor().adapter;
    let entry = compiled.get(dialect);
    if (!entry) {
      // A plain object, so builders that enumerate it (`values(row)`) see every parameter.
      const placeholders = Object.fromEntries(
        parameterNames.map((name) => [name, `${SENTINEL}${name}`]),
      ) as P;
      const query = build(db, placeholders).compile();
      const names = query.parameters.map((p) =>
        typeof p === "string" && p.startsWith(SENTINEL) ? (p.slice(SENTINEL.length) as keyof P) : null,
      );
      entry = { sql: query.sql, names, fixed: query.parameters };
      compiled.set(dialect, entry);
    }
    const { sql, names, fixed } = entry;
    const parameters = names.map((name, i) => (name === null ? fixed[i] : params[name]));
    return db.executeQuery<R>(CompiledQuery.raw(sql, parameters));
  };
}
