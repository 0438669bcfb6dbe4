// Real webhook payloads from @octokit/webhooks-examples, looked up by event and action.
import { createRequire } from "node:module";

interface ExampleGroup {
  name: string;
  actions: string[];
  examples: Record<string, unknown>[];
}

const require = createRequire(import.meta.url);
const groups = require("@octokit/webhooks-examples/api.github.com/index.json") as ExampleGroup[];

/** A deep copy of the first real example of `event` with `action` (or the first example when action is omitted). */
export function example(event: string, action?: string, index = 0): Record<string, unknown> {
  const group = groups.find((g) => g.name === event);
  if (!group) throw new Error(`no webhook example for ${event}`);
  const matches = action ? group.examples.filter((e) => e.action === action) : group.examples;
  const found = matches[index];
  if (!found) throw new Error(`no webhook example for ${event}.${action ?? ""} #${index}`);
  return structuredClone(found);
}
