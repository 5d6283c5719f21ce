// One `kpi build` in a process of its own, so that its peak memory is its own. Prints the stage timings as JSON.
//   tsx bench/build-stage.ts SOURCES_DIR OUT_DIR [--compiled]
// --compiled runs the build as `kpi` ships it, compiled to JavaScript in compiled/ (scripts/build-cli.ts, which the
// caller runs first): its extraction workers then load JavaScript instead of registering tsx each.
import { statSync } from "node:fs";
import { join } from "node:path";
import { listSources } from "../loaders/extract/extract.ts";
import { createProgress } from "../loaders/terminal/progress.ts";

const [sourcesDir, outDir, mode] = process.argv.slice(2);
if (!sourcesDir || !outDir || (mode !== undefined && mode !== "--compiled")) throw new Error("usage: tsx bench/build-stage.ts SOURCES_DIR OUT_DIR [--compiled]");
const { build } = (await import(mode ? "../compiled/build.js" : "../loaders/build.ts")) as typeof import("../loaders/build.ts");
const files = listSources(sourcesDir);
const sourceBytes = files.reduce((n, f) => n + statSync(join(sourcesDir, f)).size, 0);
const progress = createProgress("  extract", "MB", sourceBytes, 1e6);
let done = 0;
const started = performance.now();
let last = started;
const stages: Record<string, number> = {};
const result = await build({
  sourcesDir,
  curationDir: null,
  outDir,
  buildDate: "2026-01-01",
  onFile: (_, bytes) => progress.update((done += bytes)),
  onStage: (stage) => {
    const now = performance.now();
    stages[stage] = (now - last) / 1000;
    last = now;
    if (stage === "extract") progress.finish(done);
  },
});
process.stdout.write(
  JSON.stringify({
    files: files.length,
    source_bytes: sourceBytes,
    records: result.records,
    report_errors: result.report.entries.filter((e) => e.status === "error").length,
    extract_s: stages.extract,
    analyze_s: stages.analyze,
    write_s: stages.write,
    total_s: (performance.now() - started) / 1000,
    // kilobytes on Linux
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
  }) + "\n",
);
