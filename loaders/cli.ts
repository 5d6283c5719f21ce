#!/usr/bin/env node
// kpi: the command-line entry point. Records go to stdout, the report and errors to stderr.
import { existsSync, realpathSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { extractAll } from "./extract/extract.ts";
import { formatReport } from "./extract/report.ts";
import { FORMATS, toCsv, toJsonl, writeFileAtomic, writeParquet, type Format } from "./io/write.ts";

const USAGE = `usage: kpi extract [--sources DIR] [--curation DIR | --no-curation] [--format jsonl|csv|parquet] [--out FILE] [--report FILE] [--strict]

  --sources DIR     source texts (default data/sources)
  --curation DIR    curation overlay (default data/curation); --no-curation turns it off
  --format F        jsonl (default), csv or parquet
  --out FILE        output file; '-' or none writes jsonl/csv to stdout (parquet needs a file)
  --report FILE     where to write the extraction report (default: beside --out as <out>.report.txt)
  --strict          fail when a KPI-like line was not turned into a record
Exit status: 0 on success, 1 on invalid input, 2 on bad usage.`;

class UsageError extends Error {}

async function extract(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      sources: { type: "string", default: "data/sources" },
      curation: { type: "string", default: "data/curation" },
      "no-curation": { type: "boolean", default: false },
      format: { type: "string", default: "jsonl" },
      out: { type: "string" },
      report: { type: "string" },
      strict: { type: "boolean", default: false },
    },
    strict: true,
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format ${JSON.stringify(values.format)}`);
  const out = values.out && values.out !== "-" ? resolve(values.out) : null;
  if (format === "parquet" && !out) throw new UsageError("--format parquet needs --out FILE");
  if (!existsSync(values.sources) || !statSync(values.sources).isDirectory()) {
    process.stderr.write(`kpi: ${values.sources}: no such sources directory\n`);
    return 1;
  }
  if (out) {
    const sourcesDir = realpathSync(values.sources);
    if (existsSync(dirname(out)) && realpathSync(dirname(out)).startsWith(sourcesDir)) throw new UsageError("--out must not write into the sources directory");
  }

  const { records, report } = extractAll({ sourcesDir: values.sources, curationDir: values["no-curation"] ? null : values.curation });

  if (format === "parquet") await writeParquet(records, out!);
  else {
    const text = format === "csv" ? toCsv(records) : toJsonl(records);
    if (out) writeFileAtomic(out, text);
    else process.stdout.write(text);
  }
  const reportText = formatReport(report);
  process.stderr.write(reportText);
  const reportPath = values.report ?? (out ? `${out}.report.txt` : null);
  if (reportPath) {
    writeFileAtomic(reportPath, reportText);
    writeFileAtomic(reportPath.replace(/\.txt$/, "") + ".json", JSON.stringify(report, null, 2) + "\n");
  }

  const errors = report.entries.filter((e) => e.status === "error");
  const unaccounted = report.entries.filter((e) => e.status === "unaccounted");
  for (const e of errors) process.stderr.write(`kpi: error: ${e.file}:${e.line}: ${e.reason}\n`);
  if (errors.length > 0) return 1;
  if (values.strict && unaccounted.length > 0) {
    for (const e of unaccounted) process.stderr.write(`kpi: unaccounted: ${e.file}:${e.line}: ${e.reason}\n`);
    return 1;
  }
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "extract":
        return await extract(rest);
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
    throw error;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(new URL(import.meta.url).pathname)) {
  process.exitCode = await main(process.argv.slice(2));
}
