#!/usr/bin/env node
// kpi, as npm links it. It runs the CLI compiled to JavaScript in compiled/ (scripts/build-cli.ts, run by `npm ci`,
// `npm install` and `npm run build`) when that is there and fresh: stamped no earlier than the newest file or folder
// of loaders/. Otherwise, in a checkout being edited or never compiled, it falls back to the TypeScript itself through
// tsx, which compiles it on each start (about 0.6 s more) but never runs stale code. Either way in this one process,
// so that a signal sent to kpi reaches the command itself.
import { readdirSync, statSync } from "node:fs";

const ROOT = new URL("../", import.meta.url);
const STAMP = new URL("compiled/.built", ROOT);
const SOURCES = new URL("loaders/", ROOT);

/** Whether compiled/ was built after every change to loaders/ (a file written, added, removed or renamed). */
function compiledIsFresh() {
  let built;
  try {
    built = statSync(STAMP).mtimeMs;
  } catch {
    return false;
  }
  const sources = SOURCES.pathname;
  if (statSync(sources).mtimeMs > built) return false;
  return readdirSync(sources, { recursive: true }).every((path) => statSync(sources + path).mtimeMs <= built);
}

/** The CLI's `main`, compiled or through tsx. */
async function loadCli() {
  if (compiledIsFresh()) return import("../compiled/cli.js");
  const { register } = await import("tsx/esm/api");
  register();
  return import("../loaders/cli.ts");
}

const { main } = await loadCli();
process.exitCode = await main(process.argv.slice(2));
