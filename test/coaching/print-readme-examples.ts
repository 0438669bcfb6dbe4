// Prints the README's coaching examples from the real renderer: `npx tsx test/coaching/print-readme-examples.ts`.
import { README_EXAMPLES } from "./readme-examples.js";

for (const [name, render] of Object.entries(README_EXAMPLES)) {
  process.stdout.write(`<!-- example:${name} -->\n${render()}\n<!-- /example:${name} -->\n\n`);
}
