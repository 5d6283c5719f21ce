// Entry of an extraction worker thread. Beside the TypeScript sources, worker threads do not inherit tsx from the kpi
// command, so the worker registers it before loading worker.ts; in the compiled CLI (compiled/, scripts/build-cli.ts)
// worker.js sits beside this file and is loaded as it is.
import { existsSync } from "node:fs";

const compiled = new URL("./worker.js", import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./worker.ts");
}
