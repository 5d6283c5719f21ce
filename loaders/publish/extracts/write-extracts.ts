// The researcher extracts: every table of TABLES as Parquet, canonical CSV and a Japanese display copy for Excel
// (excel.ts), described by a Frictionless datapackage.json. The same inputs give the same bytes: rows in each table's orderBy, no timestamps
// but the caller's build date, Parquet written by one thread.
import { createHash } from "node:crypto";
import { createReadStream, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteIdent, sqlString, SQL_TYPES } from "../../analyze/db.ts";
import { TABLES, type ColumnType, type TableColumn, type TableDef } from "../../analyze/published-tables.ts";
import { readSourceRegistry, type Coverage } from "../../extract/registry.ts";
import { copyExcel, excelField, excelHeaders } from "./excel.ts";
import { spreadsheetSafe } from "../../terminal/output.ts";
import { writeFileAtomic } from "../write-files.ts";

export const SCHEMA_VERSION = "1.0.0";
export const GENERATOR = "hyogaki-kpi";
export const DATAPACKAGE = "datapackage.json";

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
  return `concat_ws(',', ${columns.map(csvCellSql).join(", ")})`;
}

/** The SQL expression of a column's canonical CSV cell; needs defineCsvMacros. */
export function csvCellSql(column: TableColumn): string {
  return CELL_SQL[column.type](quoteIdent(column.name));
}

/** A CSV cell in JavaScript, the same rule as csv_text (spreadsheetSafe, then RFC 4180 quoting), for the header. */
export function csvTextCell(value: string): string {
  const text = spreadsheetSafe(value);
  return text !== value || value === "" || /[",\n\r]|^\s|\s$/.test(value) ? `"${text.replace(/"/g, '""')}"` : text;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/**
 * Writes every table of TABLES to `outDir` as <name>.parquet, <name>.csv and <name>.excel.csv (the Japanese display
 * copy, excel.ts), then datapackage.json. Returns the written files sorted by path, with their sizes and sha256.
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
    const header = (cells: string[]) => cells.map(csvTextCell).join(",");
    await atomically(join(dir, files.excel), (tmp) => copyExcel(connection, table, sorted, tmp, { canonical: csvCellSql, header, orderBy: orderBySql(table) }));
    await connection.run(`DROP TABLE ${quoteIdent(sorted)}`);
    for (const path of [files.csv, files.excel, files.parquet]) written.push(await describeFile(dir, path));
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
  "CSV (UTF-8 without BOM) and as a Japanese display copy for Excel on Windows (UTF-8 with BOM, Japanese headers and labels, ratios as percentages).";

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
  title_ja:
    "クリエイティブ・コモンズ 表示 4.0 国際。出典の資料は政府標準利用規約（第2.0版）による日本の行政機関の公表資料で、" +
    "この規約はクリエイティブ・コモンズ 表示 4.0 と互換です。利用するときは、資料ごとに 出典：<発行者>「<資料名>」 と記載し、このデータが資料を加工して作成したものであることを明記してください。",
};

/** How the Excel CSVs differ from the canonical ones (excel.ts). */
const EXCEL_NOTES =
  "A display copy for Excel on Windows, not for analysis: UTF-8 with a byte order mark (which Excel needs to read UTF-8 rather than Shift_JIS); " +
  "Japanese column headers (each column's description_ja); coded values as their Japanese labels (the site's), booleans as はい/いいえ, " +
  "ratios (achievement, pace, shares, medians, threshold) as percentages rounded to one decimal, half away from zero (0.14285714285714285 as 14.3%). " +
  "Use the canonical CSV or the Parquet for exact values and the English names. Text cells are formula-safe as in the canonical CSV.";

const EXCEL_NOTES_JA =
  "Windows の Excel で見るための表示用の写しです（分析には CSV か Parquet を使ってください）。BOM 付き UTF-8、列名は日本語、コードは日本語の表示名、" +
  "真偽値は「はい」「いいえ」、達成率・進捗率・割合・中央値・基準は小数第1位までの百分率（0.14285714285714285 は 14.3%）で示します。";

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

/** The Excel CSV's schema: its Japanese headers as field names, with what each cell holds (excel.ts). */
function excelSchema(table: TableDef): Record<string, unknown> {
  const headers = excelHeaders(table);
  const byName = new Map(table.columns.map((c, i) => [c.name, headers[i]!]));
  return {
    fields: table.columns.map((c, i) => excelField(c, headers[i]!, FIELD_TYPES[c.type])),
    primaryKey: table.primaryKey.map((k) => byName.get(k)!),
    missingValues: [""],
  };
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
      description_ja: table.description_ja,
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
      title: `${table.title} — Japanese display copy for Excel on Windows / Excel 用（日本語の列名・BOM 付き）`,
      title_ja: `${table.title_ja}（Excel 用・日本語の表示用）`,
      description: `${table.description} ${EXCEL_NOTES} ${CSV_CONVENTIONS}`,
      description_ja: `${table.description_ja} ${EXCEL_NOTES_JA}`,
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8-sig",
      dialect: DIALECT,
      ...stats(names.excel),
      schema: excelSchema(table),
    },
    {
      name: `${table.name}-parquet`,
      profile: "tabular-data-resource",
      path: names.parquet,
      title: `${table.title} (Parquet)`,
      title_ja: `${table.title_ja}（Parquet）`,
      description: `${table.description} Parquet with zstd compression; its key-value metadata holds the schema version, build date, threshold and the sources' sha256.`,
      description_ja: table.description_ja,
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
