// A JudgeBudget held in memory: for tests (the app uses the store-backed one, shared by replicas).
import type { BudgetLimits, JudgeBudget } from "../../src/analysis/judge.js";

export interface BudgetUsage {
  comments: number;
  tokens: number;
}

export interface InMemoryJudgeBudget extends JudgeBudget {
  usage(installationId: number, day: string): BudgetUsage;
}

export function createInMemoryJudgeBudget(): InMemoryJudgeBudget {
  const used = new Map<string, BudgetUsage>();
  const entry = (installationId: number, day: string): BudgetUsage => {
    const key = `${installationId}:${day}`;
    let usage = used.get(key);
    if (!usage) {
      usage = { comments: 0, tokens: 0 };
      used.set(key, usage);
    }
    return usage;
  };
  return {
    usage: (installationId, day) => ({ ...entry(installationId, day) }),
    async reserve(
      installationId: number,
      day: string,
      comments: number,
      estTokens: number,
      limits: BudgetLimits,
    ) {
      const usage = entry(installationId, day);
      if (usage.comments + comments > limits.maxComments || usage.tokens + estTokens > limits.maxTokens)
        return false;
      usage.comments += comments;
      usage.tokens += estTokens;
      return true;
    },
    async record(installationId, day, tokensUsed, reservedTokens = 0) {
      entry(installationId, day).tokens += tokensUsed - reservedTokens;
    },
  };
}
