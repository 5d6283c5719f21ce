// The benchmark: synthetic national corpora of about 10k, 100k and 1M records through the whole pipeline, each stage
// against a baseline measured in the same run (extraction against a plain scan of the same files, analytics against
// DuckDB running the same SQL alone), the rebuild after adding one document, the CLI's start, and the site built from
// the 100k corpus in headless Chromium. Prints tables and writes bench/results.json.
//   npm run bench [-- --sizes 10k,100k,1m] [--site-size 100k] [--no-site] [--rebuild-size 100k] [--no-rebuild]
//                 [--work DIR] [--seed S] [--results FILE]
// Figures, not assertions: see docs/benchmarks.md for a run and what the targets are.
import { execFileSync, spawn } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { flaggedAssessments, loadBuiltTables } from "../loaders/analyze/built.ts";
import { queryRows, withDatabase } from "../loaders/analyze/db.ts";
import { createProgress } from "../loaders/terminal/progress.ts";
import { SYNTH_DEFAULTS, writeCorpus, type SynthOptions } from "../loaders/synth/corpus.ts";
import { analyticsBaseline } from "./analytics-baseline.ts";
import { rebuildAfterOneDocument, type RebuildFigures } from "./rebuild.ts";
import type { ScanFigures } from "./scan-baseline.ts";
import { measureSite, type SiteFigures } from "./site.ts";

const ROOT = new URL("../", import.meta.url).pathname;

/**
 * Corpus shapes for each size, over five fiscal years: every platform reports each year whatever the programs, so
 * the small corpus takes fewer prefectures, and programs per body sets the size of the large ones.
 */
const SIZES: Record<string, Partial<SynthOptions>> = {
  "10k": { prefectures: 12, bodiesPerPrefecture: 8, programsPerBody: 1 },
  "100k": { prefectures: 47, bodiesPerPrefecture: 16, programsPerBody: 2 },
  "1m": { prefectures: 47, bodiesPerPrefecture: null, programsPerBody: 13 },
};

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10k,100k,1m" },
    "site-size": { type: "string", default: "100k" },
    "no-site": { type: "boolean", default: false },
    "rebuild-size": { type: "string", default: "100k" },
    "no-rebuild": { type: "boolean", default: false },
    work: { type: "string", default: "/tmp/kpi-bench" },
    seed: { type: "string", default: "bench" },
    results: { type: "string", default: join(ROOT, "bench/results.json") },
  },
});
const sizes = values.sizes.split(",").map((s) => s.trim().toLowerCase());
for (const size of sizes) if (!SIZES[size]) throw new Error(`unknown size ${size}; use ${Object.keys(SIZES).join(", ")}`);

interface BuildFigures {
  files: number;
  source_bytes: number;
  records: number;
  report_errors: number;
  extract_s: number;
  analyze_s: number;
  write_s: number;
  total_s: number;
  peak_rss_bytes: number;
}

interface SizeFigures {
  size: string;
  synth: SynthOptions & { seconds: number };
  build: BuildFigures;
  extract_mb_per_s: number;
  extract_records_per_s: number;
  /** The plain scan of the same files (scan-baseline.ts), and the build's extraction divided by it. */
  scan: ScanFigures;
  extract_to_scan: number;
  end_to_end_s: number;
  /** DuckDB alone running the build's SQL and COPY statements (analytics-baseline.ts), and analyze + write ÷ it. */
  baseline_duckdb_s: number;
  analytics_s: number;
  analytics_to_baseline: number;
  out_bytes: number;
}

/** The CLI's start, `kpi --help`: as shipped (compiled JavaScript) and through tsx. */
interface CliStartFigures {
  compiled_s: number;
  tsx_s: number;
}

function log(text: string): void {
  process.stderr.write(text + "\n");
}

/**
 * Runs a bench script in a child process (so that its memory and its heap are its own) and reads the JSON it prints,
 * with the child's wall time from start to exit.
 */
function runChild<T>(script: string, args: string[]): Promise<T & { wall_s: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${script} ${args.join(" ")} exited with ${code}`));
      resolve({ ...(JSON.parse(stdout) as T), wall_s: (performance.now() - started) / 1000 });
    });
  });
}

/** The CLI start figures of bench/cli-start.ts, when that file is there; null when it is not. */
async function measureCliStart(): Promise<CliStartFigures | null> {
  const script = new URL("./cli-start.ts", import.meta.url);
  if (!existsSync(script)) return null;
  const { cliStart } = (await import(script.href)) as { cliStart: () => CliStartFigures | Promise<CliStartFigures> };
  return cliStart();
}

function directoryBytes(dir: string): number {
  return Number(execFileSync("du", ["-sb", dir]).toString().split("\t")[0]);
}

async function runSize(size: string): Promise<SizeFigures> {
  const dir = join(values.work, size);
  rmSync(dir, { recursive: true, force: true });
  const synth: SynthOptions = { ...SYNTH_DEFAULTS, ...SIZES[size], seed: values.seed };
  log(`${size}: generating ${synth.prefectures} prefectures × ${synth.years} years, ${synth.programsPerBody} programs a body`);
  const progress = createProgress("  synth", "records");
  let started = performance.now();
  const summary = await writeCorpus(dir, synth, (s) => progress.update(s.records));
  progress.finish(summary.records);
  const synthSeconds = (performance.now() - started) / 1000;
  log(`${size}: building (extract, assess, write every extract)`);
  const build = await runChild<BuildFigures>("bench/build-stage.ts", [join(dir, "sources"), join(dir, "out"), ...(compiled ? ["--compiled"] : [])]);
  if (build.records !== summary.records) log(`  warning: the build has ${build.records} records, the truth ${summary.records}`);
  log(`${size}: scan baseline (read, decode, NFKC-fold and test five patterns on every line)`);
  const scan = await runChild<ScanFigures>("bench/scan-baseline.ts", [join(dir, "sources")]);
  log(`${size}: analytics baseline (DuckDB alone running the same SQL and COPY statements)`);
  const baseline = await analyticsBaseline(join(dir, "out", "kpi_records.parquet"), join(dir, "baseline"));
  const outBytes = directoryBytes(join(dir, "out"));
  rmSync(join(dir, "baseline"), { recursive: true, force: true });
  const analytics = build.analyze_s + build.write_s;
  return {
    size,
    synth: { ...synth, seconds: synthSeconds },
    build,
    extract_mb_per_s: build.source_bytes / 1e6 / build.extract_s,
    extract_records_per_s: build.records / build.extract_s,
    scan,
    extract_to_scan: build.extract_s / scan.seconds,
    end_to_end_s: build.wall_s,
    baseline_duckdb_s: baseline.seconds,
    analytics_s: analytics,
    analytics_to_baseline: analytics / baseline.seconds,
    out_bytes: outBytes,
  };
}

/** The flag query alone over a built set: the tables loaded once, then the query timed (best of five). */
async function flagQuery(outDir: string): Promise<{ load_s: number; query_s: number; flagged: number; assessments: number }> {
  return withDatabase(async (connection) => {
    let started = performance.now();
    await loadBuiltTables(connection, outDir);
    const load = (performance.now() - started) / 1000;
    let best = Infinity;
    let flagged = 0;
    for (let i = 0; i < 5; i++) {
      started = performance.now();
      flagged = (await flaggedAssessments(connection, { threshold: 0.5 })).length;
      best = Math.min(best, (performance.now() - started) / 1000);
    }
    const { rows } = await queryRows(connection, "SELECT count(*) AS n FROM kpi_assessments");
    return { load_s: load, query_s: best, flagged, assessments: Number(rows[0]!.n) };
  });
}

function machine(): Record<string, string | number> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memory_gib: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    duckdb: JSON.parse(readFileSync(join(ROOT, "node_modules/@duckdb/node-api/package.json"), "utf8")).version,
    chromium: (() => {
      try {
        return execFileSync(process.env.CHROMIUM_PATH || "/usr/bin/chromium", ["--version"]).toString().trim();
      } catch {
        return "not found";
      }
    })(),
  };
}

const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => fmt(bytes / 1e6);

/** Everything a run measured, as bench/results.json keeps it. */
interface RunFigures {
  results: SizeFigures[];
  flags: Awaited<ReturnType<typeof flagQuery>> | null;
  site: SiteFigures | null;
  rebuild: (RebuildFigures & { size: string; rebuild_to_full: number }) | null;
  cli_start: CliStartFigures | null;
}

/** The targets, each with this run's figure: a row per target and size. */
function targets({ results, rebuild, cli_start }: RunFigures): string[] {
  const rows: [string, string, boolean | null][] = [];
  for (const r of results.filter((r) => r.size !== "10k")) {
    rows.push([`extraction ≤ 4× the scan baseline (${r.size})`, `${fmt(r.extract_to_scan, 1)}×`, r.extract_to_scan <= 4]);
    rows.push([`analytics + writes ≤ 1.5× DuckDB alone (${r.size})`, `${fmt(r.analytics_to_baseline, 2)}×`, r.analytics_to_baseline <= 1.5]);
  }
  const million = results.find((r) => r.size === "1m");
  if (million) {
    rows.push(["1M records, source text to every extract, < 60 s", `${fmt(million.end_to_end_s)} s`, million.end_to_end_s < 60]);
    rows.push(["memory < 2 GB at 1M", `${fmt(million.build.peak_rss_bytes / 1e6, 0)} MB`, million.build.peak_rss_bytes < 2e9]);
  }
  rows.push(["`kpi --help` < 0.3 s", cli_start ? `${fmt(cli_start.compiled_s, 2)} s (through tsx ${fmt(cli_start.tsx_s, 2)} s)` : "not measured (bench/cli-start.ts absent)", cli_start ? cli_start.compiled_s < 0.3 : null]);
  if (rebuild) rows.push([`rebuild after adding one document (${rebuild.size}) ÷ full build`, `${fmt(rebuild.rebuild_s)} s ÷ ${fmt(rebuild.full_s)} s = ${fmt(rebuild.rebuild_to_full, 2)}`, null]);
  return ["| target | result | |", "|---|---|---|", ...rows.map(([target, result, met]) => `| ${target} | ${result} | ${met === null ? "" : met ? "met" : "missed"} |`)];
}

function table(run: RunFigures): string {
  const { results, flags, site } = run;
  const lines = [
    "| corpus | records | source MB | files | extract s | extract MB/s | records/s | scan baseline s | extract ÷ scan | analytics + writes s | DuckDB baseline s | analytics ÷ DuckDB | end to end s | peak memory MB |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.size} | ${r.build.records.toLocaleString("en-US")} | ${mb(r.build.source_bytes)} | ${r.build.files.toLocaleString("en-US")} | ${fmt(r.build.extract_s)} | ${fmt(r.extract_mb_per_s)} | ${Math.round(r.extract_records_per_s).toLocaleString("en-US")} | ${fmt(r.scan.seconds, 2)} | ${fmt(r.extract_to_scan, 1)}× | ${fmt(r.analytics_s)} | ${fmt(r.baseline_duckdb_s)} | ${fmt(r.analytics_to_baseline, 2)}× | ${fmt(r.end_to_end_s)} | ${fmt(r.build.peak_rss_bytes / 1e6, 0)} |`,
    );
  }
  lines.push("", ...targets(run));
  if (flags) lines.push("", `Flag query over the largest set (${flags.assessments.toLocaleString("en-US")} assessments, ${flags.flagged.toLocaleString("en-US")} flagged): ${fmt(flags.query_s * 1000, 0)} ms (tables loaded from Parquet once in ${fmt(flags.load_s, 2)} s).`);
  if (site) {
    lines.push("", `Site built from the ${site.size} corpus (${site.records.toLocaleString("en-US")} records), headless Chromium, cold cache, localhost:`, "", "| page | first chart ms | bytes before it | requests before it | bytes in all | DuckDB-WASM requested |", "|---|---:|---:|---:|---:|---|");
    for (const p of site.pages) lines.push(`| ${p.page} | ${fmt(p.first_chart_ms, 0)} | ${p.bytes_before_chart.toLocaleString("en-US")} | ${p.requests_before_chart} | ${p.bytes_total.toLocaleString("en-US")} | ${p.duckdb_requested ? "yes" : "no"} |`);
    lines.push("", `SQL page: DuckDB-WASM ready in ${fmt(site.sql.ready_ms, 0)} ms; aggregate \`${site.sql.query}\` answered in ${fmt(site.sql.query_ms, 0)} ms (${site.sql.rows} rows).`);
    const t = site.flags_table;
    lines.push("", `Flags table of ${t.rows.toLocaleString("en-US")} rows, built and laid out: ${fmt(t.all_rows_ms, 0)} ms whole, ${fmt(t.first_rows_ms, 0)} ms as the first ${t.first} (${fmt(t.all_rows_ms / t.first_rows_ms, 1)}×).`);
  }
  return lines.join("\n");
}

/**
 * Compiles the CLI to JavaScript (scripts/build-cli.ts) so that the builds run as `kpi build` ships; false, and the
 * builds run through tsx, when it cannot (TypeScript not installed).
 */
function compileCli(): boolean {
  try {
    execFileSync(process.execPath, ["--import", "tsx", "scripts/build-cli.ts"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    return existsSync(join(ROOT, "compiled/build.js"));
  } catch {
    return false;
  }
}

log("compiling the CLI to JavaScript (scripts/build-cli.ts)");
const compiled = compileCli();
if (!compiled) log("  could not: the builds run through tsx");
const results: SizeFigures[] = [];
for (const size of sizes) results.push(await runSize(size));
const largest = results[results.length - 1]!;
log(`flag query over ${largest.size}`);
const flags = await flagQuery(join(values.work, largest.size, "out"));
let rebuild: RunFigures["rebuild"] = null;
if (!values["no-rebuild"]) {
  const size = values["rebuild-size"];
  if (!results.some((r) => r.size === size)) throw new Error(`--rebuild-size ${size} is not among --sizes`);
  log(`rebuild: the ${size} corpus less one document built with the extraction cache, then that document added`);
  const figures = await rebuildAfterOneDocument(join(values.work, size), join(values.work, "rebuild", "out"));
  rebuild = { size, ...figures, rebuild_to_full: figures.rebuild_s / figures.full_s };
}
log("CLI start");
const cliStartFigures = await measureCliStart();
let site: SiteFigures | null = null;
if (!values["no-site"]) {
  const siteSize = values["site-size"];
  const built = results.find((r) => r.size === siteSize);
  if (!built) throw new Error(`--site-size ${siteSize} is not among --sizes`);
  log(`site: building from the ${siteSize} corpus and measuring in Chromium`);
  site = await measureSite(join(values.work, siteSize, "out"), join(values.work, "site"), siteSize, built.build.records);
}
const run: RunFigures = { results, flags, site, rebuild, cli_start: cliStartFigures };
const output = { date: new Date().toISOString(), command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(), machine: machine(), compiled, results, flag_query: flags, site, rebuild, cli_start: cliStartFigures };
const resultsFile = resolve(values.results);
mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, JSON.stringify(output, null, 2) + "\n");
process.stdout.write(table(run) + "\n");
log(`wrote ${resultsFile}`);
