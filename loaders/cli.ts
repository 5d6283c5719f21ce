#!/usr/bin/env node
// kpi: the command-line entry point. Records go to stdout, the report and errors to stderr. `main` runs one command
// and returns its exit status; bin/kpi.js runs it for the process, the tests call it in theirs.
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import type { Plain } from "./analyze/db.ts";
import type { ExtractionReport } from "./extract/report.ts";
import { FY_MAX } from "./extract/schema.ts";
import type { Format } from "./publish/write-files.ts";
import type { SynthOptions } from "./synth/corpus.ts";
import { createProgress } from "./terminal/progress.ts";
import { cellText, formatRows, formatTable, OUTPUT_FORMATS, printable, printableLine, type OutputFormat } from "./terminal/output.ts";
// The pipeline's modules (DuckDB, ExcelJS, the parsers) are imported by the commands that run them, so that
// `kpi --help` and a usage error answer without loading them.

const USAGE = `usage:
  kpi build   [--sources DIR] [--curation DIR | --no-curation] [--out DIR] [--threshold T] [--strict] [--partitioned] [--no-cache]
  kpi flags   [--threshold T] [--prefecture NAME|CODE] [--fy YEAR] [--format table|csv|json] [--data DIR]
  kpi query   "SELECT …" [--format table|csv|json] [--data DIR] [--timeout SECONDS]
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
  --report FILE     extract: where to write the extraction report (default: beside an --out file as <out>.report.txt
                    and .json; '-': stdout)
  --timeout S       query: stop the statement after S seconds (default 30); its memory is KPI_DUCKDB_MEMORY (1GB)
  --strict          also fail when a KPI-like line was not turned into a record, or a statement is repeated
  --partitioned     build: also write kpi_records and kpi_assessments as hive-partitioned Parquet,
                    DIR/partitioned/<table>/fiscal_year=…/prefecture_code=…/ (docs/scale.md)
  --no-cache        build: extract every document, without the cache of each document's extraction in .cache/extract/
                    (reused while the document, its sources.csv row and the extraction's code and rules are unchanged)
  synth: --prefectures 1–47 (default 47), --years from FY2020 (default 5), --programs-per-body (default 1),
         --bodies-per-prefecture (default all local governments), --seed (default 1); --out must be new or empty
Exit status: 0 on success, 1 on invalid input, 2 on bad usage.`;

class UsageError extends Error {}

/** Where a command writes: records and tables to stdout, the report, progress and errors to stderr. */
export interface CliIo {
  stdout: Output;
  stderr: Output;
}

/** A stream to write text to, such as process.stdout; isTTY when it is a terminal (progress rewrites its line). */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** The options naming what to read, shared by extract and build. */
const INPUT_OPTIONS = {
  sources: { type: "string", default: "data/sources" },
  curation: { type: "string", default: "data/curation" },
  "no-curation": { type: "boolean", default: false },
  strict: { type: "boolean", default: false },
} as const;

async function extract(args: string[], io: CliIo): Promise<number> {
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
  const { FORMATS, toCsv, toJsonl, writeFileAtomic, writeParquet } = await import("./publish/write-files.ts");
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format ${JSON.stringify(values.format)}`);
  const out = outputFile(values.out);
  if (format === "parquet" && !out) throw new UsageError("--format parquet needs --out FILE");
  if (!checkSourcesDir(values.sources, io)) return 1;
  const reportFiles = await reportPaths(values.report, out);
  if (out) await checkOutput("--out", out, "file", inputDirs(values));
  for (const path of [reportFiles?.text, reportFiles?.json]) if (path) await checkOutput("--report", path, "file", inputDirs(values));
  checkDistinct([["--out", out], ["--report", reportFiles?.text ?? null], ["--report's JSON copy", reportFiles?.json ?? null]]);

  const { extractAll } = await import("./extract/extract.ts");
  const { formatReport, formatReportJson } = await import("./extract/report.ts");
  const { records, report } = await extractAll({ sourcesDir: values.sources, curationDir: curationDir(values) });

  if (format === "parquet") await writeParquet(records, out!);
  else {
    const text = format === "csv" ? toCsv(records) : toJsonl(records);
    if (out) writeFileAtomic(out, text);
    else io.stdout.write(text);
  }
  if (values.report === "-") io.stdout.write(formatReport(report));
  if (reportFiles) {
    writeFileAtomic(reportFiles.text, formatReport(report));
    if (reportFiles.json) writeFileAtomic(reportFiles.json, formatReportJson(report));
  }
  return await reportOutcome(report, values.strict, io);
}

/** An output option's file, or null for stdout (none given, or '-'). */
function outputFile(option: string | undefined): string | null {
  return option && option !== "-" ? resolve(option) : null;
}

/**
 * Where extract writes the report: --report FILE and its JSON copy (FILE with .json for .txt), or by default beside
 * an --out file that is a file (not a device such as /dev/null, nor stdout); null when it goes to stdout or nowhere.
 * A device or FIFO given as --report gets the text alone.
 */
async function reportPaths(option: string | undefined, out: string | null): Promise<{ text: string; json: string | null } | null> {
  const { outputMode } = await import("./publish/write-files.ts");
  if (option === "-") {
    if (!out) throw new UsageError("--report - and the records would both go to stdout; give --out FILE or --report FILE");
    return null;
  }
  if (option) {
    const text = resolve(option);
    return { text, json: outputMode(text).mode === "through" ? null : text.replace(/\.txt$/, "") + ".json" };
  }
  if (!out || outputMode(out).mode !== "replace") return null;
  return { text: `${out}.report.txt`, json: `${out}.report.json` };
}

/** What a path names once written: the file it is (device and inode), or the path with its directory's links followed. */
function fileIdentity(path: string): string | null {
  try {
    const stat = statSync(path);
    // a character device (/dev/null) is written through, so two outputs to it overwrite nothing
    return stat.isCharacterDevice() ? null : `${stat.dev}:${stat.ino}`;
  } catch {
    let dir = dirname(path);
    while (!existsSync(dir)) dir = dirname(dir);
    try {
      return join(realpathSync(dir), relative(dir, path));
    } catch {
      return path;
    }
  }
}

/** Refuses outputs that name the same file, so that one would overwrite another. */
function checkDistinct(outputs: [string, string | null][]): void {
  const named = outputs.filter((o): o is [string, string] => o[1] !== null).map(([flag, path]) => ({ flag, path, id: fileIdentity(path) }));
  for (const [i, a] of named.entries()) {
    const b = named.slice(i + 1).find((o) => a.id !== null && o.id === a.id);
    if (b) throw new UsageError(`${a.flag} and ${b.flag} name the same file, ${b.path}: one would overwrite the other`);
  }
}

async function reviewCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { ...INPUT_OPTIONS, out: { type: "string" } }, strict: true });
  const out = outputFile(values.out);
  if (!checkSourcesDir(values.sources, io)) return 1;
  if (out) await checkOutput("--out", out, "file", inputDirs(values));
  const { extractAll } = await import("./extract/extract.ts");
  const { reviewCsv, reviewRows } = await import("./extract/review-csv.ts");
  const { writeFileAtomic } = await import("./publish/write-files.ts");
  const { records, report } = await extractAll({ sourcesDir: values.sources, curationDir: curationDir(values) });
  const rows = reviewRows(records, report);
  const text = reviewCsv(rows);
  if (out) writeFileAtomic(out, text);
  else io.stdout.write(text);
  const waiting = rows.filter((r) => r.record_id).length;
  io.stderr.write(`kpi: ${rows.length} rows to review: ${waiting} records of the general readers, ${rows.length - waiting} lines no reader read${out ? ` (${out})` : ""}\n`);
  return report.entries.some((e) => e.status === "error") ? 1 : 0;
}

/** Prints the extraction report and its errors to stderr; the exit status they call for. */
async function reportOutcome(report: ExtractionReport, strict: boolean, io: CliIo): Promise<number> {
  const { formatReport } = await import("./extract/report.ts");
  io.stderr.write(formatReport(report));
  const errors = report.entries.filter((e) => e.status === "error");
  const doubtful = strict ? report.entries.filter((e) => e.status === "unaccounted" || e.status === "duplicate") : [];
  for (const e of [...errors, ...doubtful]) io.stderr.write(printableLine(`kpi: ${e.status}: ${e.file}:${e.line}: ${e.reason}`) + "\n");
  return errors.length > 0 || doubtful.length > 0 ? 1 : 0;
}

/** The threshold given by --threshold, else KPI_THRESHOLD, else the default. */
async function threshold(text: string | undefined): Promise<number> {
  const { parseThreshold } = await import("./analyze/analyze.ts");
  const { DEFAULT_THRESHOLD } = await import("./analyze/published-tables.ts");
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

function checkSourcesDir(dir: string, io: CliIo): boolean {
  if (existsSync(dir) && statSync(dir).isDirectory()) return true;
  io.stderr.write(`kpi: ${dir}: no such sources directory\n`);
  return false;
}

/**
 * The curation overlay to apply: null with --no-curation; otherwise --curation (or its default) must be a directory,
 * so that a mistyped path is a usage error instead of a build without the analysts' corrections.
 */
function curationDir(values: { curation: string; "no-curation": boolean }): string | null {
  if (values["no-curation"]) return null;
  if (!existsSync(values.curation)) throw new UsageError(`--curation ${values.curation}: no such directory (give the curation overlay's directory, or --no-curation to go without it)`);
  if (!statSync(values.curation).isDirectory()) throw new UsageError(`--curation ${values.curation} is not a directory`);
  return values.curation;
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
async function checkOutput(flag: string, path: string, kind: "directory" | "file", inputs: [string, string][]): Promise<void> {
  const { outputMode } = await import("./publish/write-files.ts");
  if (existsSync(path) && statSync(path).isDirectory() !== (kind === "directory")) {
    throw new UsageError(`${flag} ${path} is ${kind === "directory" ? "a file, not a directory" : "a directory; give a file name"}`);
  }
  const how = kind === "file" ? outputMode(path) : null;
  if (how?.mode === "refuse") throw new UsageError(`${flag} ${path} is ${how.reason}; give a file name`);
  let dir = resolve(path);
  while (!existsSync(dir)) dir = dirname(dir);
  let real = dir;
  try {
    real = realpathSync(dir);
  } catch {
    // a descriptor such as /dev/stdout on a pipe leads to no path
  }
  for (const [name, input] of inputs) {
    if (!existsSync(input)) continue;
    const inputDir = realpathSync(input);
    if (real === inputDir || real.startsWith(inputDir + sep)) throw new UsageError(`${flag} must not write into the ${name} directory`);
  }
}

async function buildCommand(args: string[], io: CliIo): Promise<number> {
  const { build, DEFAULT_CACHE_DIR, DEFAULT_OUT_DIR } = await import("./build.ts");
  const { values } = parseArgs({
    args,
    options: {
      ...INPUT_OPTIONS,
      out: { type: "string", default: DEFAULT_OUT_DIR },
      threshold: { type: "string" },
      partitioned: { type: "boolean", default: false },
      "no-cache": { type: "boolean", default: false },
    },
    strict: true,
  });
  const t = await threshold(values.threshold);
  if (!checkSourcesDir(values.sources, io)) return 1;
  await checkOutput("--out", values.out, "directory", inputDirs(values));
  const cacheDir = values["no-cache"] ? null : DEFAULT_CACHE_DIR;
  const result = await build({ sourcesDir: values.sources, curationDir: curationDir(values), outDir: values.out, threshold: t, cacheDir, partitioned: values.partitioned });
  const status = await reportOutcome(result.report, values.strict, io);
  const { read, cached } = result.documents;
  io.stderr.write(`kpi: wrote ${result.files.length} files to ${values.out}/ (${result.records} records, threshold ${t}; ${read - cached} of ${read} documents extracted, ${cached} from the cache)\n`);
  return status;
}

async function flagsCommand(args: string[], io: CliIo): Promise<number> {
  const { DEFAULT_OUT_DIR } = await import("./build.ts");
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
  const t = await threshold(values.threshold);
  const format = outputFormat(values.format);
  if (values.fy !== undefined && !/^\d{4}$/.test(values.fy)) throw new UsageError(`--fy takes a fiscal year such as 2023, got ${JSON.stringify(values.fy)}`);
  const { FLAG_COLUMNS, flaggedAssessments, loadBuiltTables } = await import("./analyze/built.ts");
  const { withDatabase } = await import("./analyze/db.ts");
  const rows = await withDatabase(async (connection) => {
    await loadBuiltTables(connection, values.data);
    return flaggedAssessments(connection, { threshold: t, prefecture: values.prefecture, fy: values.fy === undefined ? undefined : Number(values.fy) });
  });
  io.stdout.write(format === "table" ? formatFlags(rows, t) : formatRows(format, FLAG_COLUMNS, rows));
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
    out.push(`    reason: ${cellText(r.reason ?? null)}`);
    out.push(`    source: ${cellText(r.source ?? null)}`);
  });
  out.push(`${rows.length} flagged ${rows.length === 1 ? "KPI" : "KPIs"} (achievement below ${(t * 100).toFixed(0)}% of target, or behind pace by as much)`);
  return out.join("\n") + "\n";
}

async function queryCommand(args: string[], io: CliIo): Promise<number> {
  const { DEFAULT_OUT_DIR } = await import("./build.ts");
  const { values, positionals } = parseArgs({
    args,
    options: {
      format: { type: "string", default: "table" },
      data: { type: "string", default: DEFAULT_OUT_DIR },
      timeout: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  const format = outputFormat(values.format);
  if (positionals.length !== 1) throw new UsageError('kpi query takes one SQL statement in quotes, e.g. kpi query "SELECT count(*) FROM flags"');
  const { BuiltTablesError, defaultQueryBounds, queryBuiltTables, QueryRefused, QueryTimedOut } = await import("./analyze/built.ts");
  const bounds = defaultQueryBounds();
  if (values.timeout !== undefined) bounds.timeoutSeconds = seconds("timeout", values.timeout);
  try {
    const { columns, rows } = await queryBuiltTables(values.data, positionals[0]!, bounds);
    io.stdout.write(formatRows(format, columns, rows));
    return 0;
  } catch (error) {
    if (error instanceof QueryRefused || error instanceof QueryTimedOut) {
      io.stderr.write(`kpi: ${error.message}\n`);
      return 1;
    }
    if (error instanceof BuiltTablesError) throw error;
    // a SQL error in the user's statement: DuckDB's message says what is wrong (its first line; the rest is advice)
    const message = (error as Error).message;
    const limit = /Out of Memory|max_temp_directory_size/i.test(message)
      ? ` (kpi query may use ${bounds.memoryLimit} of memory, KPI_DUCKDB_MEMORY, and ${bounds.spillLimit} of disk, KPI_DUCKDB_SPILL)`
      : "";
    io.stderr.write(printable(`kpi: query failed: ${limit ? message.split("\n")[0] + limit : message}`) + "\n");
    return 1;
  }
}

function seconds(name: string, text: string): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(value > 0) || value > 86_400) throw new UsageError(`--${name} takes a number of seconds up to 86400, got ${JSON.stringify(text)}`);
  return value;
}

function positiveInteger(name: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--${name} takes a positive integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

async function synthCommand(args: string[], io: CliIo): Promise<number> {
  const { SYNTH_DEFAULTS, writeCorpus } = await import("./synth/corpus.ts");
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
  const progress = createProgress("kpi synth", "records", null, 1, io.stderr);
  const summary = await writeCorpus(values.out, options, (s) => progress.update(s.records));
  progress.finish(summary.records);
  io.stderr.write(`kpi: wrote ${summary.files} documents (${(summary.bytes / 1e6).toFixed(1)} MB) and ${summary.records} records to ${values.out}/sources and ${values.out}/truth.jsonl\n`);
  return 0;
}

/** The subcommands, each given its arguments and where to write; each returns the exit status. */
const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  build: buildCommand,
  flags: flagsCommand,
  query: queryCommand,
  extract,
  review: reviewCommand,
  synth: synthCommand,
};

/**
 * Runs one kpi command, writing its output to io.stdout and io.stderr (the process's own by default), and returns the
 * exit status instead of exiting: bin/kpi.js runs it for the process, and the tests run it in theirs.
 */
export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || ["help", "--help", "-h"].includes(command)) {
      io.stdout.write(USAGE + "\n");
      return command === undefined ? 2 : 0;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr.write(`kpi: ${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    const { BuiltTablesError } = await import("./analyze/built.ts");
    const { WriteError } = await import("./publish/write-files.ts");
    if (error instanceof BuiltTablesError) {
      io.stderr.write(`kpi: ${error.message}\n`);
      return 1;
    }
    if (error instanceof WriteError) {
      // a full disk or a read-only directory: one line, and the previous output is still in place
      io.stderr.write(printableLine(`kpi: error: ${error.message}`) + "\n");
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(new URL(import.meta.url).pathname)) {
  process.exitCode = await main(process.argv.slice(2));
}
