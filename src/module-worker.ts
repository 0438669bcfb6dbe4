// Starts a worker thread on one of this project's modules, compiled (dist/…/x.js) or, in development and tests,
// as TypeScript source (src/…/x.ts). Node 20 does not apply the parent's loader (tsx) to a worker's entry, so a .ts
// entry is booted through tsx's API (tsx is a devDependency; a .ts file only exists where it is installed).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

// A failure (tsx missing, the entry throwing as it starts) is left unhandled: it ends the thread and reaches the
// parent as the Worker's 'error' event, with its message, instead of being printed on the process's stderr.
const TS_BOOT = `
const { workerData } = require("node:worker_threads");
import(workerData.__tsx).then((tsx) => {
  tsx.register();
  return import(workerData.__entry);
});
`;

/** tsx's ESM API (its `import` export of "tsx/esm/api"), as a file URL. */
function tsxEsmApi(from: string): string {
  const manifest = createRequire(from).resolve("tsx/package.json");
  const { exports } = JSON.parse(readFileSync(manifest, "utf8")) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const api = exports["./esm/api"]?.import.default;
  if (!api) throw new Error("review-coach: tsx has no ESM API to start a TypeScript worker with");
  return pathToFileURL(join(dirname(manifest), api)).href;
}

/**
 * `sibling` is the worker module's name without extension, next to `from` (the caller's `import.meta.url`): the
 * caller's own extension decides between source and compiled output.
 */
export function startModuleWorker(from: string, sibling: string, workerData: unknown): Worker {
  const extension = extname(fileURLToPath(from));
  const entry = new URL(`./${sibling}${extension}`, from);
  if (extension !== ".ts") return new Worker(entry, { workerData });
  return new Worker(TS_BOOT, {
    eval: true,
    workerData: { ...(workerData as object), __tsx: tsxEsmApi(from), __entry: entry.href },
  });
}
