// The benchmark: synthetic national corpora of about 10k, 100k and 1M records through the whole pipeline, and the
// site built from the 100k one in headless Chromium. Prints a table and writes bench/results.json.
//   npm run bench [-- --sizes 10k,100k,1m] [--site-size 100k] [--no-site] [--work DIR] [--seed S]
// Figures, not assertions: see BENCHMARKS.md for a run and what the targets are.
import { execFileSync, spawn } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { flaggedAssessments, loadBuiltTables } from "../loaders/analyze/built.ts";
import { queryRows, sqlString, withDatabase } from "../loaders/analyze/db.ts";
import { createProgress } from "../loaders/terminal/progress.ts";
import { SYNTH_DEFAULTS, writeCorpus, type SynthOptions } from "../loaders/synth/corpus.ts";
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
    work: { type: "string", default: "/tmp/kpi-bench" },
    seed: { type: "string", default: "bench" },
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
  end_to_end_s: number;
  baseline_copy_s: number;
  analytics_s: number;
  analytics_to_baseline: number;
  out_bytes: number;
}

function log(text: string): void {
  process.stderr.write(text + "\n");
}

/** Runs a build in a child process (its peak memory is then its own) and reads the figures it prints. */
function runBuild(sources: string, out: string): Promise<BuildFigures & { wall_s: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", "bench/build-stage.ts", sources, out], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`build of ${sources} exited with ${code}`));
      resolve({ ...(JSON.parse(stdout) as BuildFigures), wall_s: (performance.now() - started) / 1000 });
    });
  });
}

/** The baseline: DuckDB alone copying the build's normalized rows from CSV to a zstd Parquet file. */
async function baselineCopy(csv: string, parquet: string): Promise<number> {
  return withDatabase(async (connection) => {
    const started = performance.now();
    await connection.run(`COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true)) TO ${sqlString(parquet)} (FORMAT parquet, COMPRESSION zstd)`);
    return (performance.now() - started) / 1000;
  });
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
  const build = await runBuild(join(dir, "sources"), join(dir, "out"));
  if (build.records !== summary.records) log(`  warning: the build has ${build.records} records, the truth ${summary.records}`);
  log(`${size}: baseline COPY of kpi_records.csv to zstd Parquet`);
  const baseline = await baselineCopy(join(dir, "out", "kpi_records.csv"), join(dir, "baseline.parquet"));
  const analytics = build.analyze_s + build.write_s;
  return {
    size,
    synth: { ...synth, seconds: synthSeconds },
    build,
    extract_mb_per_s: build.source_bytes / 1e6 / build.extract_s,
    extract_records_per_s: build.records / build.extract_s,
    end_to_end_s: build.wall_s,
    baseline_copy_s: baseline,
    analytics_s: analytics,
    analytics_to_baseline: analytics / baseline,
    out_bytes: directoryBytes(join(dir, "out")),
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

function table(results: SizeFigures[], flags: Awaited<ReturnType<typeof flagQuery>> | null, site: SiteFigures | null): string {
  const lines = [
    "| corpus | records | source MB | files | extract s | extract MB/s | records/s | analytics + Parquet s | baseline COPY s | ratio | end to end s | peak memory MB |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.size} | ${r.build.records.toLocaleString("en-US")} | ${mb(r.build.source_bytes)} | ${r.build.files.toLocaleString("en-US")} | ${fmt(r.build.extract_s)} | ${fmt(r.extract_mb_per_s)} | ${Math.round(r.extract_records_per_s).toLocaleString("en-US")} | ${fmt(r.analytics_s)} | ${fmt(r.baseline_copy_s)} | ${fmt(r.analytics_to_baseline, 2)}× | ${fmt(r.end_to_end_s)} | ${fmt(r.build.peak_rss_bytes / 1e6, 0)} |`,
    );
  }
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

const results: SizeFigures[] = [];
for (const size of sizes) results.push(await runSize(size));
const largest = results[results.length - 1]!;
log(`flag query over ${largest.size}`);
const flags = await flagQuery(join(values.work, largest.size, "out"));
let site: SiteFigures | null = null;
if (!values["no-site"]) {
  const siteSize = values["site-size"];
  const built = results.find((r) => r.size === siteSize);
  if (!built) throw new Error(`--site-size ${siteSize} is not among --sizes`);
  log(`site: building from the ${siteSize} corpus and measuring in Chromium`);
  site = await measureSite(join(values.work, siteSize, "out"), join(values.work, "site"), siteSize, built.build.records);
}
const output = { date: new Date().toISOString(), command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(), machine: machine(), results, flag_query: flags, site };
mkdirSync(join(ROOT, "bench"), { recursive: true });
writeFileSync(join(ROOT, "bench/results.json"), JSON.stringify(output, null, 2) + "\n");
process.stdout.write(table(results, flags, site) + "\n");
log("wrote bench/results.json");
