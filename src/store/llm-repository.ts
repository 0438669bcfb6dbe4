// SQL-backed LLM judge cache and per-installation daily budget (the ports of src/analysis/judge.ts).
import type { Kysely } from "kysely";
import type { BudgetLimits, JudgeBudget, JudgeCache, JudgeResult } from "../analysis/judge.js";
import type { Database } from "./schema.js";

export function createSqlJudgeCache(db: Kysely<Database>, now: () => Date = () => new Date()): JudgeCache {
  return {
    async get(installationId, hash) {
      const row = await db
        .selectFrom("llm_cache")
        .select("result")
        .where("hash", "=", hash)
        .where("installation_id", "=", installationId)
        .executeTakeFirst();
      return row ? (JSON.parse(row.result) as JudgeResult) : undefined;
    },
    async set(installationId, hash, result) {
      await db
        .insertInto("llm_cache")
        .values({
          hash,
          installation_id: installationId,
          result: JSON.stringify(result),
          created_at: now().toISOString(),
        })
        .onConflict((oc) => oc.column("hash").doNothing())
        .execute();
    },
  };
}

/**
 * `reserve` is one conditional UPDATE, so two replicas can never both spend the last of a day's allowance:
 * the row only changes when both limits still hold after adding this request, and it counts the estimated tokens
 * at once; `record` settles them against what the call cost.
 */
export function createSqlJudgeBudget(db: Kysely<Database>): JudgeBudget {
  return {
    async reserve(
      installationId: number,
      day: string,
      comments: number,
      estTokens: number,
      limits: BudgetLimits,
    ) {
      await db
        .insertInto("llm_usage")
        .values({ installation_id: installationId, day, comments: 0, tokens: 0 })
        .onConflict((oc) => oc.columns(["installation_id", "day"]).doNothing())
        .execute();
      const result = await db
        .updateTable("llm_usage")
        .set((eb) => ({ comments: eb("comments", "+", comments), tokens: eb("tokens", "+", estTokens) }))
        .where("installation_id", "=", installationId)
        .where("day", "=", day)
        .where((eb) => eb(eb("comments", "+", comments), "<=", limits.maxComments))
        .where((eb) => eb(eb("tokens", "+", estTokens), "<=", limits.maxTokens))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async record(installationId: number, day: string, tokensUsed: number, reservedTokens = 0) {
      const settled = Math.max(0, Math.round(tokensUsed)) - Math.round(reservedTokens);
      await db
        .updateTable("llm_usage")
        .set((eb) => ({ tokens: eb("tokens", "+", settled) }))
        .where("installation_id", "=", installationId)
        .where("day", "=", day)
        .execute();
    },
  };
}
