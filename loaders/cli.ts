#!/usr/bin/env node
// kpi: the command-line entry point. Records go to stdout, the report and errors to stderr.
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { parseThreshold } from "./analyze/analyze.ts";
import { BuiltTablesError, FLAG_COLUMNS, flaggedAssessments, loadBuiltTables, QueryRefused, readOnlyQuery } from "./analyze/built.ts";
import { withDatabase, type Plain } from "./analyze/db.ts";
import { DEFAULT_THRESHOLD } from "./analyze/tables.ts";
import { build, DEFAULT_OUT_DIR } from "./build.ts";
import { extractAll } from "./extract/extract.ts";
import { formatReport, type ExtractionReport } from "./extract/report.ts";
import { reviewCsv, reviewRows } from "./extract/review.ts";
import { FY_MAX } from "./extract/schema.ts";
import { createProgress } from "./io/progress.ts";
import { SYNTH_DEFAULTS, writeCorpus, type SynthOptions } from "./synth/corpus.ts";
import { cellText, formatRows, formatTable, OUTPUT_FORMATS, printableLine, type OutputFormat } from "./io/format.ts";
import { FORMATS, toCsv, toJsonl, writeFileAtomic, writeParquet, type Format } from "./io/write.ts";

const USAGE = `usage:
  kpi build   [--sources DIR] [--curation DIR | --no-curation] [--out DIR] [--threshold T] [--strict]
  kpi flags   [--threshold T] [--prefecture NAME|CODE] [--fy YEAR] [--format table|csv|json] [--data DIR]
  kpi query   "SELECT …" [--format table|csv|json] [--data DIR]
  kpi extract [--sources DIR] [--curation DIR | --no-curation] [--format jsonl|csv|parquet] [--out FILE] [--report FILE] [--strict]
  kpi review  [--sources DIR] [--curation DIR | --no-curation] [--out FILE]
  kpi synth   --out DIR [--prefectures N] [--years N] [--programs-per-body N] [--bodies-per-prefecture N] [--seed S]

build    extract, assess and write every table as Parquet, CSV (plus a BOM copy for Excel) and datapackage.json
flags    the assessments flagged for review: below the threshold, or behind pace mid-period, with the documents' reasons
query    one read-only SQL statement over the built tables (kpi_records, kpi_assessments, flags, prefecture_summary, …)
extract  the records alone, as JSON Lines, CSV or Parquet
review   a CSV in the curation overlay's format of what awaits an analyst: every KPI-like line no reader read, and
         every record of the general readers; fill in action and reason, put it in data/curation/, build again
synth    a synthetic corpus in all five layouts: DIR/sources/*.txt and the records they hold, DIR/truth.jsonl

  --sources DIR     source texts (default data/sources)
  --curation DIR    curation overlay (default data/curation); --no-curation turns it off
  --out             build: output directory (default out); extract, review: output file ('-' or none: stdout)
  --data DIR        built tables to read (default out)
  --threshold T     achievement below which a KPI is flagged, 0–1 (default 0.5, or KPI_THRESHOLD)
  --format F        flags/query: table (default), csv or json; extract: jsonl (default), csv or parquet
  --report FILE     extract: where to write the extraction report (default: beside --out as <out>.report.txt)
  --strict          also fail when a KPI-like line was not turned into a record, or a statement is repeated
  synth: --prefectures 1–47 (default 47), --years from FY2020 (default 5), --programs-per-body (default 1),
         --bodies-per-prefecture (default all local governments), --seed (default 1); --out must be new or empty
Exit status: 0 on success, 1 on invalid input, 2 on bad usage.`;

class UsageError extends Error {}

/** The options naming what to read, shared by extract and build. */
const INPUT_OPTIONS = {
  sources: { type: "string", default: "data/sources" },
  curation: { type: "string", default: "data/curation" },
  "no-curation": { type: "boolean", default: false },
  strict: { type: "boolean", default: false },
} as const;

async function extract(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...INPUT_OPTIONS,
      format: { type: "string", default: "jsonl" },
      out: { type: "string" },
      report: { type: "string" },
    },
    strict: true,
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format ${JSON.stringify(values.format)}`);
  const out = values.out && values.out !== "-" ? resolve(values.out) : null;
  if (format === "parquet" && !out) throw new UsageError("--format parquet needs --out FILE");
  if (!checkSourcesDir(values.sources)) return 1;
  const reportPath = values.report ?? (out ? `${out}.report.txt` : null);
  if (out) checkOutput("--out", out, "file", inputDirs(values));
  if (reportPath) checkOutput("--report", reportPath, "file", inputDirs(values));

  const { records, report } = await extractAll({ sourcesDir: values.sources, curationDir: values["no-curation"] ? null : values.curation });

  if (format === "parquet") await writeParquet(records, out!);
  else {
    const text = format === "csv" ? toCsv(records) : toJsonl(records);
    if (out) writeFileAtomic(out, text);
    else process.stdout.write(text);
  }
  if (reportPath) {
    writeFileAtomic(reportPath, formatReport(report));
    writeFileAtomic(reportPath.replace(/\.txt$/, "") + ".json", JSON.stringify(report, null, 2) + "\n");
  }
  return reportOutcome(report, values.strict);
}

async function reviewCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...INPUT_OPTIONS, out: { type: "string" } }, strict: true });
  const out = values.out && values.out !== "-" ? resolve(values.out) : null;
  if (!checkSourcesDir(values.sources)) return 1;
  if (out) checkOutput("--out", out, "file", inputDirs(values));
  const { records, report } = await extractAll({ sourcesDir: values.sources, curationDir: values["no-curation"] ? null : values.curation });
  const rows = reviewRows(records, report);
  const text = reviewCsv(rows);
  if (out) writeFileAtomic(out, text);
  else process.stdout.write(text);
  const waiting = rows.filter((r) => r.record_id).length;
  process.stderr.write(`kpi: ${rows.length} rows to review: ${waiting} records of the general readers, ${rows.length - waiting} lines no reader read${out ? ` (${out})` : ""}\n`);
  return report.entries.some((e) => e.status === "error") ? 1 : 0;
}

/** Prints the extraction report and its errors to stderr; the exit status they call for. */
function reportOutcome(report: ExtractionReport, strict: boolean): number {
  process.stderr.write(formatReport(report));
  const errors = report.entries.filter((e) => e.status === "error");
  const doubtful = strict ? report.entries.filter((e) => e.status === "unaccounted" || e.status === "duplicate") : [];
  for (const e of [...errors, ...doubtful]) process.stderr.write(printableLine(`kpi: ${e.status}: ${e.file}:${e.line}: ${e.reason}`) + "\n");
  return errors.length > 0 || doubtful.length > 0 ? 1 : 0;
}

function threshold(text: string | undefined): number {
  const given = text ?? process.env.KPI_THRESHOLD;
  if (given === undefined || given === "") return DEFAULT_THRESHOLD;
  try {
    return parseThreshold(given);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function outputFormat(text: string): OutputFormat {
  if (!OUTPUT_FORMATS.includes(text as OutputFormat)) throw new UsageError(`unknown format ${JSON.stringify(text)}; use ${OUTPUT_FORMATS.join(", ")}`);
  return text as OutputFormat;
}

function checkSourcesDir(dir: string): boolean {
  if (existsSync(dir) && statSync(dir).isDirectory()) return true;
  process.stderr.write(`kpi: ${dir}: no such sources directory\n`);
  return false;
}

/** The input directories of a command, which no output may land in. */
function inputDirs(values: { sources: string; curation: string; "no-curation": boolean }): [string, string][] {
  const dirs: [string, string][] = [["sources", values.sources]];
  if (!values["no-curation"]) dirs.push(["curation", values.curation]);
  return dirs;
}

/**
 * Refuses an output path that is, or would be written inside, an input directory, links followed: the build never
 * overwrites what it reads. `kind` says whether the path must be a directory to write into or a file to replace.
 */
function checkOutput(flag: string, path: string, kind: "directory" | "file", inputs: [string, string][]): void {
  if (existsSync(path) && statSync(path).isDirectory() !== (kind === "directory")) {
    throw new UsageError(`${flag} ${path} is ${kind === "directory" ? "a file, not a directory" : "a directory; give a file name"}`);
  }
  let dir = resolve(path);
  while (!existsSync(dir)) dir = dirname(dir);
  const real = realpathSync(dir);
  for (const [name, input] of inputs) {
    if (!existsSync(input)) continue;
    const inputDir = realpathSync(input);
    if (real === inputDir || real.startsWith(inputDir + sep)) throw new UsageError(`${flag} must not write into the ${name} directory`);
  }
}

async function buildCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...INPUT_OPTIONS,
      out: { type: "string", default: DEFAULT_OUT_DIR },
      threshold: { type: "string" },
    },
    strict: true,
  });
  const t = threshold(values.threshold);
  if (!checkSourcesDir(values.sources)) return 1;
  checkOutput("--out", values.out, "directory", inputDirs(values));
  const result = await build({ sourcesDir: values.sources, curationDir: values["no-curation"] ? null : values.curation, outDir: values.out, threshold: t });
  const status = reportOutcome(result.report, values.strict);
  process.stderr.write(`kpi: wrote ${result.files.length} files to ${values.out}/ (${result.records} records, threshold ${t})\n`);
  return status;
}

async function flagsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      threshold: { type: "string" },
      prefecture: { type: "string" },
      fy: { type: "string" },
      format: { type: "string", default: "table" },
      data: { type: "string", default: DEFAULT_OUT_DIR },
    },
    strict: true,
  });
  const t = threshold(values.threshold);
  const format = outputFormat(values.format);
  if (values.fy !== undefined && !/^\d{4}$/.test(values.fy)) throw new UsageError(`--fy takes a fiscal year such as 2023, got ${JSON.stringify(values.fy)}`);
  const rows = await withDatabase(async (connection) => {
    await loadBuiltTables(connection, values.data);
    return flaggedAssessments(connection, { threshold: t, prefecture: values.prefecture, fy: values.fy === undefined ? undefined : Number(values.fy) });
  });
  process.stdout.write(format === "table" ? formatFlags(rows, t) : formatRows(format, FLAG_COLUMNS, rows));
  return 0;
}

/** Flags for a terminal: one aligned line per KPI, with the document's reason and source under it. */
function formatFlags(rows: readonly Record<string, Plain>[], t: number): string {
  const percent = (v: Plain | undefined) => (typeof v === "number" ? `${(v * 100).toFixed(1)}%` : "");
  const fy = (r: Record<string, Plain>) => (r.period_start_fy === r.period_end_fy ? `FY${r.period_start_fy}` : `FY${r.period_start_fy}–${r.period_end_fy}`);
  const table = rows.map((r): Record<string, Plain> => ({
    prefecture: r.prefecture ?? null,
    body: r.body ?? null,
    program: r.program ?? null,
    kpi: r.kpi_name ?? null,
    period: fy(r),
    target: r.target ?? null,
    actual: r.actual ?? null,
    unit: r.unit ?? null,
    achievement: r.is_partial ? `${percent(r.pace)} (pace)` : percent(r.achievement),
    status: r.status ?? null,
  }));
  const lines = formatTable(Object.keys(table[0] ?? { prefecture: null }), table, 28).split("\n");
  const out = [lines[0]!, lines[1]!];
  rows.forEach((r, i) => {
    out.push(lines[i + 2]!);
    if (r.actual_breakdown && Number(r.period_end_fy) > Number(r.period_start_fy)) out.push(`    actual: ${r.actual_breakdown}`);
    out.push(`    note: ${cellText(r.note ?? "(the document gives no explanation)")}`);
    out.push(`    source: ${cellText(r.source ?? null)}`);
  });
  out.push(`${rows.length} flagged ${rows.length === 1 ? "KPI" : "KPIs"} (achievement below ${(t * 100).toFixed(0)}% of target, or behind pace by as much)`);
  return out.join("\n") + "\n";
}

async function queryCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      format: { type: "string", default: "table" },
      data: { type: "string", default: DEFAULT_OUT_DIR },
    },
    allowPositionals: true,
    strict: true,
  });
  const format = outputFormat(values.format);
  if (positionals.length !== 1) throw new UsageError('kpi query takes one SQL statement in quotes, e.g. kpi query "SELECT count(*) FROM flags"');
  try {
    const { columns, rows } = await withDatabase(async (connection) => {
      await loadBuiltTables(connection, values.data);
      return readOnlyQuery(connection, positionals[0]!);
    });
    process.stdout.write(formatRows(format, columns, rows));
    return 0;
  } catch (error) {
    if (error instanceof QueryRefused) {
      process.stderr.write(`kpi: ${error.message}\n`);
      return 1;
    }
    if (error instanceof BuiltTablesError) throw error;
    // a SQL error in the user's statement: DuckDB's message says what is wrong
    process.stderr.write(`kpi: query failed: ${(error as Error).message}\n`);
    return 1;
  }
}

function positiveInteger(name: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--${name} takes a positive integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

async function synthCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: "string" },
      prefectures: { type: "string", default: String(SYNTH_DEFAULTS.prefectures) },
      years: { type: "string", default: String(SYNTH_DEFAULTS.years) },
      "programs-per-body": { type: "string", default: String(SYNTH_DEFAULTS.programsPerBody) },
      "bodies-per-prefecture": { type: "string" },
      seed: { type: "string", default: SYNTH_DEFAULTS.seed },
    },
    strict: true,
  });
  if (!values.out) throw new UsageError("kpi synth needs --out DIR");
  if (existsSync(values.out) && (!statSync(values.out).isDirectory() || readdirSync(values.out).length > 0)) throw new UsageError(`--out ${values.out} exists and is not an empty directory`);
  const options: SynthOptions = {
    ...SYNTH_DEFAULTS,
    prefectures: positiveInteger("prefectures", values.prefectures),
    years: positiveInteger("years", values.years),
    programsPerBody: positiveInteger("programs-per-body", values["programs-per-body"]),
    bodiesPerPrefecture: values["bodies-per-prefecture"] === undefined ? null : positiveInteger("bodies-per-prefecture", values["bodies-per-prefecture"]),
    seed: values.seed,
  };
  if (options.prefectures > 47) throw new UsageError("--prefectures must be 1–47");
  if (options.firstYear + options.years - 1 > FY_MAX) throw new UsageError(`--years must keep fiscal years within ${FY_MAX}`);
  const progress = createProgress("kpi synth", "records");
  const summary = await writeCorpus(values.out, options, (s) => progress.update(s.records));
  progress.finish(summary.records);
  process.stderr.write(`kpi: wrote ${summary.files} documents (${(summary.bytes / 1e6).toFixed(1)} MB) and ${summary.records} records to ${values.out}/sources and ${values.out}/truth.jsonl\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "build":
        return await buildCommand(rest);
      case "flags":
        return await flagsCommand(rest);
      case "query":
        return await queryCommand(rest);
      case "extract":
        return await extract(rest);
      case "review":
        return await reviewCommand(rest);
      case "synth":
        return await synthCommand(rest);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(USAGE + "\n");
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`kpi: ${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof BuiltTablesError) {
      process.stderr.write(`kpi: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(new URL(import.meta.url).pathname)) {
  process.exitCode = await main(process.argv.slice(2));
}
