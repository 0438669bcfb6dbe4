// A JudgeCache held in memory: for tests (the app uses the store-backed one).
import type { JudgeCache, JudgeResult } from "../../src/analysis/judge.js";

export interface InMemoryJudgeCache extends JudgeCache {
  readonly size: number;
}

export function createInMemoryJudgeCache(): InMemoryJudgeCache {
  const entries = new Map<string, JudgeResult>();
  return {
    get size() {
      return entries.size;
    },
    async get(installationId, hash) {
      return entries.get(`${installationId}:${hash}`);
    },
    async set(installationId, hash, result) {
      entries.set(`${installationId}:${hash}`, result);
    },
  };
}
