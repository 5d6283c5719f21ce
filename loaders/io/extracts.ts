// The researcher extracts: every table of TABLES as Parquet, canonical CSV and an Excel copy of the CSV, described by
// a Frictionless datapackage.json. The same inputs give the same bytes: rows in each table's orderBy, no timestamps
// but the caller's build date, Parquet written by one thread.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteIdent, sqlString, SQL_TYPES } from "../analyze/db.ts";
import { TABLES, type ColumnType, type TableColumn, type TableDef } from "../analyze/tables.ts";
import { readSourceRegistry, type Coverage } from "../extract/registry.ts";
import { spreadsheetSafe } from "./format.ts";
import { writeFileAtomic } from "./write.ts";

export const SCHEMA_VERSION = "1.0.0";
export const GENERATOR = "hyogaki-kpi";
export const DATAPACKAGE = "datapackage.json";
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface ExtractSource {
  file: string;
  sha256: string;
  bytes: number;
  title?: string;
  publisher?: string;
  /** Where the document is published, when the document states it. */
  url?: string;
  /** full_report, showcase or plan (data/sources/sources.csv). */
  coverage?: Coverage;
  /** When an analyst dates the document (YYYY-MM-DD). */
  written_on?: string;
}

export interface ExtractMeta {
  /** YYYY-MM-DD, given by the caller so that a rebuild gives the same bytes. */
  buildDate: string;
  threshold: number;
  schemaVersion: string;
  sources: readonly ExtractSource[];
}

export interface WrittenFile {
  /** Relative to the output directory. */
  path: string;
  bytes: number;
  sha256: string;
}

/** The three files of a table, relative to the output directory. */
export function tableFiles(table: string): { csv: string; excel: string; parquet: string } {
  return { csv: `${table}.csv`, excel: `${table}.excel.csv`, parquet: `${table}.parquet` };
}

// ---------------------------------------------------------------------------------------------------------------
// Sources

/**
 * Size and sha256 of each source file, with what the source registry (data/sources/sources.csv) says of it: title,
 * publisher, url, coverage and written_on, each left out when the registry does not give it.
 */
export function sourceInfo(sourcesDir: string, files: readonly string[]): ExtractSource[] {
  const registry = readSourceRegistry(sourcesDir);
  return files.map((file) => {
    const bytes = readFileSync(join(sourcesDir, file));
    const entry = registry.get(file);
    const described = entry
      ? {
          ...(entry.title ? { title: entry.title } : {}),
          ...(entry.publisher ? { publisher: entry.publisher } : {}),
          ...(entry.url ? { url: entry.url } : {}),
          ...(entry.coverage ? { coverage: entry.coverage } : {}),
          ...(entry.written_on ? { written_on: entry.written_on } : {}),
        }
      : {};
    return { file, sha256: sha256(bytes), bytes: bytes.length, ...described };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// CSV cells, formatted in DuckDB so that large tables stream straight to disk

/**
 * SQL macros that turn a value into its CSV cell:
 * - csv_number: the shortest decimal that reads back as the same double, spelled as JavaScript's String(x) does
 *   (200 not 200.0, 0.000001, 1e-7, 1e+21); NaN, INF and -INF as Frictionless spells them.
 * - csv_text: RFC 4180 quoting; text beginning with = + - @ tab or CR (or full-width ＝ ＋ － ＠) gets a leading
 *   apostrophe (OWASP CSV injection) and quotes. Empty text is written "" so that it differs from null (an empty cell).
 */
const CSV_MACROS = String.raw`
CREATE OR REPLACE TEMP MACRO csv_js_exponent(sign, digits, e) AS CASE
  WHEN length(digits) <= e + 1 AND e + 1 <= 21 THEN sign || digits || repeat('0', e + 1 - length(digits))
  WHEN 0 < e + 1 AND e + 1 <= 21 THEN sign || digits[1:e + 1] || '.' || digits[e + 2:]
  WHEN -6 < e + 1 AND e + 1 <= 0 THEN sign || '0.' || repeat('0', -(e + 1)) || digits
  ELSE sign || digits[1:1] || CASE WHEN length(digits) > 1 THEN '.' || digits[2:] ELSE '' END
    || 'e' || CASE WHEN e < 0 THEN '-' ELSE '+' END || CAST(abs(e) AS VARCHAR)
END;
CREATE OR REPLACE TEMP MACRO csv_number_text(s) AS CASE
  WHEN NOT contains(s, 'e') THEN regexp_replace(s, '\.0$', '')
  ELSE csv_js_exponent(
    regexp_extract(s, '^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$', 1),
    regexp_extract(s, '^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$', 2) || regexp_extract(s, '^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$', 3),
    TRY_CAST(regexp_extract(s, '^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$', 4) AS INTEGER))
END;
CREATE OR REPLACE TEMP MACRO csv_number(x) AS CASE
  WHEN x IS NULL THEN ''
  WHEN isnan(x) THEN 'NaN'
  WHEN isinf(x) THEN CASE WHEN x > 0 THEN 'INF' ELSE '-INF' END
  WHEN x = 0 THEN '0'
  -- whole numbers below 2^53 print as JavaScript prints them, without the regular expressions of csv_number_text
  WHEN x = trunc(x) AND abs(x) < 9007199254740992 THEN CAST(CAST(x AS BIGINT) AS VARCHAR)
  ELSE csv_number_text(CAST(CAST(x AS DOUBLE) AS VARCHAR))
END;
CREATE OR REPLACE TEMP MACRO csv_quoted(v) AS '"' || replace(v, '"', '""') || '"';
CREATE OR REPLACE TEMP MACRO csv_text(v) AS CASE
  WHEN v IS NULL THEN ''
  WHEN left(v, 1) IN ('=', '+', '-', '@', chr(9), chr(13), '＝', '＋', '－', '＠') THEN csv_quoted('''' || v)
  WHEN v = '' OR regexp_matches(v, '[",\n\r]|^\s|\s$') THEN csv_quoted(v)
  ELSE v
END;
`;

/** Defines the csv_* macros on the connection (temporary: they live as long as the connection). */
export async function defineCsvMacros(connection: DuckDBConnection): Promise<void> {
  await connection.run(CSV_MACROS);
}

const CELL_SQL: Record<ColumnType, (column: string) => string> = {
  string: (c) => `csv_text(${c})`,
  integer: (c) => `coalesce(CAST(${c} AS VARCHAR), '')`,
  number: (c) => `csv_number(${c})`,
  boolean: (c) => `CASE WHEN ${c} IS NULL THEN '' WHEN ${c} THEN 'true' ELSE 'false' END`,
  date: (c) => `coalesce(strftime(CAST(${c} AS DATE), '%Y-%m-%d'), '')`,
};

/** The SQL expression of one CSV line (no terminator) of a row of the table; needs defineCsvMacros. */
export function csvLineSql(columns: readonly TableColumn[]): string {
  // One concat_ws builds the line in one go (a chain of || copies it once a column); no cell is ever NULL.
  return `concat_ws(',', ${columns.map((c) => CELL_SQL[c.type](quoteIdent(c.name))).join(", ")})`;
}

/** A CSV cell in JavaScript, the same rule as csv_text (spreadsheetSafe, then RFC 4180 quoting), for the header. */
export function csvTextCell(value: string): string {
  const text = spreadsheetSafe(value);
  return text !== value || value === "" || /[",\n\r]|^\s|\s$/.test(value) ? `"${text.replace(/"/g, '""')}"` : text;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/**
 * Writes every table of TABLES to `outDir` as <name>.parquet, <name>.csv and <name>.excel.csv, then
 * datapackage.json. Returns the written files sorted by path, with their sizes and sha256.
 */
export async function writeExtracts(connection: DuckDBConnection, outDir: string, meta: ExtractMeta): Promise<WrittenFile[]> {
  checkMeta(meta);
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  await defineCsvMacros(connection);
  const written: WrittenFile[] = [];
  for (const table of TABLES) {
    const files = tableFiles(table.name);
    // Sorted once into a table of its own: both files scan it in order, and a plain scan gives the Parquet writer
    // the same row groups on every run, however many threads write it.
    const sorted = `export_${table.name}`;
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(sorted)} AS ${selectSql(table)}`);
    await atomically(join(dir, files.parquet), (tmp) => copyParquet(connection, table, sorted, tmp, meta));
    await atomically(join(dir, files.csv), (tmp) => copyCsv(connection, table, sorted, tmp));
    await connection.run(`DROP TABLE ${quoteIdent(sorted)}`);
    let copied: WrittenFile[] = [];
    await atomically(join(dir, files.excel), async (tmp) => {
      copied = await withPrefix(dir, files.csv, tmp, files.excel, BOM);
    });
    written.push(...copied, await describeFile(dir, files.parquet));
  }
  const pkg = dataPackage(meta, written);
  writeFileAtomic(join(dir, DATAPACKAGE), pkg);
  written.push(await describeFile(dir, DATAPACKAGE));
  return written.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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
 * Runs `write(tmp)` on a temporary name beside `path`, then renames; a failed write leaves nothing behind. A link at
 * `path` is replaced, not followed, and a stale file or link under the temporary name is removed first.
 */
async function atomically(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    rmSync(tmp, { force: true });
    await write(tmp);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
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

async function copyParquet(connection: DuckDBConnection, table: TableDef, sorted: string, path: string, meta: ExtractMeta): Promise<void> {
  const kv = Object.entries(parquetMetadata(table.name, meta)).map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`).join(", ");
  await connection.run(`COPY ${quoteIdent(sorted)} TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd, KV_METADATA {${kv}})`);
}

async function copyCsv(connection: DuckDBConnection, table: TableDef, sorted: string, path: string): Promise<void> {
  // Each row is formatted to one finished line in SQL; with QUOTE '' DuckDB writes it as it is, and writes the
  // single column's name, the header line, first.
  const header = table.columns.map((c) => csvTextCell(c.name)).join(",");
  // The ORDER BY again: a plain scan feeding DuckDB's CSV writer comes out in a different order of its 2,048-row
  // chunks from one run to the next once the table spans several row groups (about 100k rows); sorting the sorted
  // table costs little, and a total order (orderBy ends with the primary key) makes the bytes the same every time.
  await connection.run(`COPY (SELECT ${csvLineSql(table.columns)} AS ${quoteIdent(header)} FROM ${quoteIdent(sorted)} ORDER BY ${orderBySql(table)}) TO ${sqlString(path)} (FORMAT csv, HEADER true, QUOTE '', ESCAPE '')`);
}

/**
 * Copies `source` to `tmp` (to become `target`) behind a prefix, reading it once: the same pass hashes the source
 * and the copy, which at a million rows are the largest files of a build.
 */
async function withPrefix(dir: string, source: string, tmp: string, target: string, prefix: Uint8Array): Promise<WrittenFile[]> {
  const sourceHash = createHash("sha256");
  const targetHash = createHash("sha256").update(prefix);
  let bytes = 0;
  const out = createWriteStream(tmp, { flags: "wx" });
  out.write(prefix);
  await pipeline(
    createReadStream(join(dir, source), { highWaterMark: 1 << 20 }),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        sourceHash.update(chunk);
        targetHash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    },
    out,
  );
  return [
    { path: source, bytes, sha256: sourceHash.digest("hex") },
    { path: target, bytes: bytes + prefix.length, sha256: targetHash.digest("hex") },
  ];
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
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

// ---------------------------------------------------------------------------------------------------------------
// datapackage.json (Frictionless Data Package v1, tabular-data-package profile)

const PACKAGE_TITLE = "Employment ice-age generation support KPIs / 就職氷河期世代支援 KPI";

const PACKAGE_DESCRIPTION =
  "KPI targets and actuals of Japan's support programs for the employment ice-age generation (就職氷河期世代), " +
  "extracted from public documents of the Cabinet Office and prefectural support platforms, with the assessments " +
  "computed from them. Every row traces back to a source file and line. Each table comes as Parquet, as canonical " +
  "CSV (UTF-8 without BOM) and as a CSV for Excel on Windows (UTF-8 with BOM).";

const CSV_CONVENTIONS =
  "CSV: RFC 4180, UTF-8, LF line endings, a header row; an empty cell is null; booleans true/false; dates YYYY-MM-DD; " +
  "numbers in their shortest round-trip form. Text cells beginning with = + - @ tab or CR, or full-width ＝ ＋ － ＠, carry a leading apostrophe (') " +
  "so that spreadsheets show them as text instead of running them as formulas; drop it to get the original text.";

const LICENSE = {
  name: "CC-BY-4.0",
  path: "https://creativecommons.org/licenses/by/4.0/",
  title:
    "Creative Commons Attribution 4.0. The source documents are Japanese government publications under " +
    "政府標準利用規約（第2.0版）, compatible with CC BY 4.0. Credit each source as 出典：<publishing body>「<document title>」 " +
    "(see sources) and state that this data was processed from it (加工して作成).",
};

const FIELD_TYPES: Record<ColumnType, string> = { string: "string", integer: "integer", number: "number", boolean: "boolean", date: "date" };

function field(column: TableColumn): Record<string, unknown> {
  const constraints = {
    ...(column.nullable ? {} : { required: true }),
    ...(column.values ? { enum: [...column.values] } : {}),
  };
  return {
    name: column.name,
    type: FIELD_TYPES[column.type],
    title: column.description_ja,
    description: column.description,
    description_ja: column.description_ja,
    ...(Object.keys(constraints).length ? { constraints } : {}),
  };
}

function tableSchema(table: TableDef): Record<string, unknown> {
  return { fields: table.columns.map(field), primaryKey: [...table.primaryKey], missingValues: [""] };
}

const DIALECT = { delimiter: ",", lineTerminator: "\n", quoteChar: '"', doubleQuote: true, header: true };

function resources(table: TableDef, files: ReadonlyMap<string, WrittenFile>): Record<string, unknown>[] {
  const names = tableFiles(table.name);
  const stats = (path: string) => {
    const file = files.get(path);
    if (!file) throw new Error(`datapackage.json: ${path} was not written`);
    return { bytes: file.bytes, hash: `sha256:${file.sha256}` };
  };
  const schema = tableSchema(table);
  return [
    {
      name: table.name,
      profile: "tabular-data-resource",
      path: names.csv,
      title: table.title,
      title_ja: table.title_ja,
      description: `${table.description} ${CSV_CONVENTIONS}`,
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      dialect: DIALECT,
      ...stats(names.csv),
      schema,
    },
    {
      name: `${table.name}-excel`,
      profile: "tabular-data-resource",
      path: names.excel,
      title: `${table.title} — CSV for Excel on Windows / Excel 用（BOM 付き）`,
      title_ja: `${table.title_ja}（Excel 用・BOM 付き）`,
      description: `${table.description} The bytes of ${names.csv} preceded by a UTF-8 byte order mark, which Excel on Windows needs to read the file as UTF-8 rather than Shift_JIS. ${CSV_CONVENTIONS}`,
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8-sig",
      dialect: DIALECT,
      ...stats(names.excel),
      schema,
    },
    {
      name: `${table.name}-parquet`,
      profile: "tabular-data-resource",
      path: names.parquet,
      title: `${table.title} (Parquet)`,
      title_ja: `${table.title_ja}（Parquet）`,
      description: `${table.description} Parquet with zstd compression; its key-value metadata holds the schema version, build date, threshold and the sources' sha256.`,
      format: "parquet",
      mediatype: "application/vnd.apache.parquet",
      ...stats(names.parquet),
      schema,
    },
  ];
}

/** The datapackage.json text for the written table files: 2-space indentation, keys in a fixed order, a final newline. */
export function dataPackage(meta: ExtractMeta, files: readonly WrittenFile[]): string {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const pkg = {
    profile: "tabular-data-package",
    name: GENERATOR,
    title: PACKAGE_TITLE,
    description: PACKAGE_DESCRIPTION,
    version: meta.schemaVersion,
    // The spec's `created` is a date-time; the build date at midnight UTC keeps it deterministic.
    created: `${meta.buildDate}T00:00:00Z`,
    licenses: [LICENSE],
    sources: meta.sources.map((s) => ({
      title: s.title ?? s.file,
      path: `data/sources/${s.file}`,
      ...(s.publisher ? { publisher: s.publisher } : {}),
      ...(s.url ? { url: s.url } : {}),
      ...(s.coverage ? { coverage: s.coverage } : {}),
      ...(s.written_on ? { written_on: s.written_on } : {}),
      bytes: s.bytes,
      hash: `sha256:${s.sha256}`,
    })),
    threshold: meta.threshold,
    resources: TABLES.flatMap((table) => resources(table, byPath)),
  };
  return JSON.stringify(pkg, null, 2) + "\n";
}
