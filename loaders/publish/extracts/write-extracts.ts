// The researcher extracts: every table of TABLES as Parquet, canonical CSV (csv.ts) and a Japanese display copy for
// Excel (excel.ts), described by a Frictionless datapackage.json (datapackage.ts). The same inputs give the same
// bytes: rows in each table's orderBy, no timestamps but the caller's build date, Parquet written by one thread.
import { createHash } from "node:crypto";
import { createReadStream, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import { quoteIdent, SQL_TYPES } from "../../analyze/db.ts";
import { TABLES, type TableDef } from "../../analyze/published-tables.ts";
import { csvHeaderLine, csvLineSql, defineCsvMacros } from "./csv.ts";
import { DATAPACKAGE, dataPackage, GENERATOR, tableFiles, type ExtractMeta, type WrittenFile } from "./datapackage.ts";
import { excelStatement } from "./excel.ts";
import { writeFileAtomic } from "../write-files.ts";

/**
 * Writes every table of TABLES to `outDir` as <name>.parquet, <name>.csv and <name>.excel.csv (the Japanese display
 * copy, excel.ts), then datapackage.json. Returns the written files sorted by path, with their sizes and sha256.
 */
export async function writeExtracts(connection: DuckDBConnection, outDir: string, meta: ExtractMeta): Promise<WrittenFile[]> {
  checkMeta(meta);
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  await defineCsvMacros(connection);
  // Each file is hashed while DuckDB writes the next table's, not after them all.
  const hashing: Promise<WrittenFile>[] = [];
  for (const table of TABLES) {
    const files = tableFiles(table.name);
    await atomically([join(dir, files.parquet), join(dir, files.csv), join(dir, files.excel)], async ([parquet, csv, excel]) => {
      for (const { sql, values } of exportStatements(table, { parquet: parquet!, csv: csv!, excel: excel! }, meta)) await connection.run(sql, values);
    });
    for (const path of [files.csv, files.excel, files.parquet]) {
      const described = describeFile(dir, path);
      // Awaited by Promise.all below; caught here too, so that a write failing meanwhile leaves no rejection unhandled.
      described.catch(() => {});
      hashing.push(described);
    }
  }
  const written = await Promise.all(hashing);
  const pkg = dataPackage(meta, written);
  writeFileAtomic(join(dir, DATAPACKAGE), pkg);
  written.push(await describeFile(dir, DATAPACKAGE));
  return written.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** An SQL statement and the values bound to its $1, $2, …. */
export interface Statement {
  sql: string;
  values: DuckDBValue[];
}

/**
 * The statements that write a table's three files to `paths`, in order; they need the csv_* macros
 * (defineCsvMacros). The table is sorted once into a table of its own: the three files scan it in order, and a
 * plain scan gives the Parquet writer the same row groups on every run, however many threads write it.
 */
export function exportStatements(table: TableDef, paths: { parquet: string; csv: string; excel: string }, meta: ExtractMeta): Statement[] {
  const sorted = `export_${table.name}`;
  return [
    { sql: `CREATE OR REPLACE TEMP TABLE ${quoteIdent(sorted)} AS ${selectSql(table)}`, values: [] },
    parquetStatement(table, sorted, paths.parquet, meta),
    csvStatement(table, sorted, paths.csv),
    excelStatement(table, sorted, paths.excel, orderBySql(table)),
    { sql: `DROP TABLE ${quoteIdent(sorted)}`, values: [] },
  ];
}

function checkMeta(meta: ExtractMeta): void {
  const [, y, m, d] = /^(\d{4})-(\d{2})-(\d{2})$/.exec(meta.buildDate) ?? [];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (!y || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== meta.buildDate) throw new RangeError(`buildDate must be a date YYYY-MM-DD, got ${JSON.stringify(meta.buildDate)}`);
  if (!(meta.threshold >= 0 && meta.threshold <= 1)) throw new RangeError(`threshold must be from 0 to 1, got ${meta.threshold}`);
  for (const s of meta.sources) {
    if (!/^[0-9a-f]{64}$/.test(s.sha256)) throw new Error(`source ${s.file}: sha256 must be 64 hex digits`);
    if (/[;\r\n]/.test(s.file)) throw new Error(`source ${JSON.stringify(s.file)}: a file name cannot hold ";" or a line break (the Parquet metadata joins names with ";")`);
  }
}

/**
 * Runs `write(tmps)` on a temporary name beside each of `paths`, then renames them; a failed write leaves nothing
 * behind. A link at a path is replaced, not followed, and a stale file or link under a temporary name is removed first.
 */
async function atomically(paths: readonly string[], write: (tmps: string[]) => Promise<void>): Promise<void> {
  const tmps = paths.map((path) => join(dirname(path), `.${basename(path)}.${process.pid}.tmp`));
  try {
    for (const tmp of tmps) rmSync(tmp, { force: true });
    await write(tmps);
    tmps.forEach((tmp, i) => renameSync(tmp, paths[i]!));
  } finally {
    for (const tmp of tmps) rmSync(tmp, { force: true });
  }
}

/** The table in its published order, every column cast to its defined type (SQL counts come out as BIGINT). */
function selectSql(table: TableDef): string {
  const columns = table.columns.map((c) => `CAST(${quoteIdent(c.name)} AS ${SQL_TYPES[c.type]}) AS ${quoteIdent(c.name)}`).join(", ");
  return `SELECT ${columns} FROM ${quoteIdent(table.name)} ORDER BY ${orderBySql(table)}`;
}

/** The table's row order: its orderBy, which ends with its primary key, so that no two rows tie. */
export function orderBySql(table: TableDef): string {
  return table.orderBy.map(quoteIdent).join(", ");
}

/** The key-value metadata stamped into each Parquet file. */
export function parquetMetadata(table: string, meta: ExtractMeta): Record<string, string> {
  return {
    schema_version: meta.schemaVersion,
    table,
    build_date: meta.buildDate,
    threshold: String(meta.threshold),
    sources: meta.sources.map((s) => s.file).join(";"),
    source_sha256: meta.sources.map((s) => s.sha256).join(";"),
    generator: GENERATOR,
  };
}

/** The COPY of the sorted table to a zstd Parquet file stamped with parquetMetadata. */
function parquetStatement(table: TableDef, sorted: string, path: string, meta: ExtractMeta): Statement {
  const kv = Object.entries(parquetMetadata(table.name, meta));
  // The metadata's keys are field names of a struct literal (identifiers); its values and the path are bound.
  const struct = kv.map(([key], i) => `${quoteIdent(key)}: $${i + 2}`).join(", ");
  return { sql: `COPY ${quoteIdent(sorted)} TO $1 (FORMAT parquet, COMPRESSION zstd, KV_METADATA {${struct}})`, values: [path, ...kv.map(([, value]) => value)] };
}

/** The COPY of the sorted table to its canonical CSV. */
function csvStatement(table: TableDef, sorted: string, path: string): Statement {
  // Each row is formatted to one finished line in SQL; with QUOTE '' DuckDB writes it as it is, and writes the
  // single column's name, the header line, first.
  const header = csvHeaderLine(table.columns.map((c) => c.name));
  // The ORDER BY again: a plain scan feeding DuckDB's CSV writer comes out in a different order of its 2,048-row
  // chunks from one run to the next once the table spans several row groups (about 100k rows); sorting the sorted
  // table costs little, and a total order (orderBy ends with the primary key) makes the bytes the same every time.
  return { sql: `COPY (SELECT ${csvLineSql(table.columns)} AS ${quoteIdent(header)} FROM ${quoteIdent(sorted)} ORDER BY ${orderBySql(table)}) TO $1 (FORMAT csv, HEADER true, QUOTE '', ESCAPE '')`, values: [path] };
}

async function describeFile(dir: string, path: string): Promise<WrittenFile> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(join(dir, path), { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { path, bytes, sha256: hash.digest("hex") };
}
