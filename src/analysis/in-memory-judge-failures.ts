// JudgeFailures held in memory: each process remembers the model's recent failures for a few minutes.
import type { FallbackReason, JudgeFailures } from "./judge.js";

export interface JudgeFailuresOptions {
  /** How long a failure is remembered (default 10 minutes). */
  ttlMs?: number;
  /** Failures remembered at most; the oldest goes first (default 10,000). */
  maxEntries?: number;
}

export function createInMemoryJudgeFailures(options: JudgeFailuresOptions = {}): JudgeFailures {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { reason: FallbackReason; detail: string; until: number }>();
  return {
    get(key, now) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (now.getTime() > entry.until) {
        entries.delete(key);
        return undefined;
      }
      return { reason: entry.reason, detail: entry.detail };
    },
    set(key, failure, now) {
      entries.delete(key);
      entries.set(key, { ...failure, until: now.getTime() + ttlMs });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}
