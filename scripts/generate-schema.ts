// Writes schema/review-coach.schema.json from the zod schema (`npm run schema`); a test keeps it in sync.
import { mkdir, writeFile } from "node:fs/promises";
import { buildJsonSchema } from "../src/config/json-schema.js";

const target = new URL("../schema/review-coach.schema.json", import.meta.url);
await mkdir(new URL(".", target), { recursive: true });
await writeFile(target, `${JSON.stringify(buildJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
