// The kpi command's start time: `kpi --help` as npm links it (bin/kpi.js, running the CLI compiled to JavaScript in
// compiled/) against the TypeScript run through tsx, which compiles it on every start. Median of 5 starts of each.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const STARTS = 5;

/** Wall-clock seconds of one run of node with `args` from the project root; throws if it fails. */
function timed(args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${run.stderr}`);
  return seconds;
}

/** The median of `STARTS` timings of `args`. */
function median(args: string[]): number {
  const times = Array.from({ length: STARTS }, () => timed(args)).sort((a, b) => a - b);
  return times[Math.floor(STARTS / 2)]!;
}

/**
 * Compiles the CLI (scripts/build-cli.ts, so that bin/kpi.js finds it fresh), then times `kpi --help` started through
 * bin/kpi.js and through tsx.
 */
export async function cliStart(): Promise<{ compiled_s: number; tsx_s: number }> {
  timed(["--import", "tsx", "scripts/build-cli.ts"]);
  return {
    compiled_s: median(["bin/kpi.js", "--help"]),
    tsx_s: median(["--import", "tsx", "loaders/cli.ts", "--help"]),
  };
}
