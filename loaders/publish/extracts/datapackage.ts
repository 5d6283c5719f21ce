// The extracts' data package: the Frictionless datapackage.json (tabular-data-package profile) that describes every
// file write-extracts.ts writes — the tables' schemas, the CSV conventions, the licence, and the source documents
// with their size, sha256 and what the source registry (data/sources/sources.csv) says of them.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TABLES, type ColumnType, type TableColumn, type TableDef } from "../../analyze/published-tables.ts";
import { readSourceRegistry, type Coverage } from "../../extract/registry.ts";
import { excelField, excelHeaders } from "./excel.ts";

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

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
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
