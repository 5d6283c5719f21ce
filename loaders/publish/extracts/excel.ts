// The Excel CSVs (<table>.excel.csv): a display copy of each table for Excel on Windows. Japanese column headers
// (each column's description_ja), coded values as their Japanese labels (src/lib/labels.js, the labels the pages
// show), booleans as はい/いいえ, ratios as percentages with one decimal (0.14285714285714285 → 14.3%, which Excel
// reads as a percentage), UTF-8 with a byte order mark. The canonical CSV and the Parquet keep the exact values and
// the English names; this file is for reading, not for analysis.
import type { DuckDBValue } from "@duckdb/node-api";
import { BoundValues, quoteIdent } from "../../analyze/db.ts";
import type { TableColumn, TableDef } from "../../analyze/published-tables.ts";
import { BOOLEAN_LABELS, RATIO_COLUMNS, VALUE_LABELS } from "../../../src/lib/labels.js";
import { csvCellSql, csvHeaderLine, csvLineOf, csvTextCell } from "./csv.ts";

const RATIOS: ReadonlySet<string> = new Set(RATIO_COLUMNS);

/** How a column is shown in the Excel CSV. */
export type ExcelKind = "label" | "boolean" | "ratio" | "plain";

export function excelKind(column: TableColumn): ExcelKind {
  if (column.values) return "label";
  if (column.type === "boolean") return "boolean";
  if (column.type === "number" && RATIOS.has(column.name)) return "ratio";
  return "plain";
}

/** The Japanese labels of a coded column's values; a coded column without them is an error of labels.js. */
export function valueLabels(column: TableColumn): Readonly<Record<string, string>> {
  const labels = VALUE_LABELS[column.name];
  if (!labels) throw new Error(`src/lib/labels.js: VALUE_LABELS has no labels for the coded column ${column.name}`);
  for (const value of column.values ?? []) {
    if (typeof labels[value] !== "string") throw new Error(`src/lib/labels.js: VALUE_LABELS.${column.name} has no label for ${value}`);
  }
  return labels;
}

/** The column headers of a table's Excel CSV: each column's Japanese description, unique within the table. */
export function excelHeaders(table: TableDef): string[] {
  const headers = table.columns.map((c) => c.description_ja);
  const seen = new Set<string>();
  for (const h of headers) {
    if (seen.has(h)) throw new Error(`${table.name}: two columns are described as ${JSON.stringify(h)}; the Excel CSV needs unique headers`);
    seen.add(h);
  }
  return headers;
}

/**
 * The SQL of a ratio's cell: percent with one decimal, rounded half away from zero (as formatPercent rounds); NaN and
 * infinities spelled as csv_number spells them.
 */
const RATIO_SQL = (c: string) =>
  `CASE WHEN ${c} IS NULL THEN '' WHEN isnan(${c}) THEN 'NaN' WHEN isinf(${c}) THEN CASE WHEN ${c} > 0 THEN 'INF' ELSE '-INF' END ELSE printf('%.1f%%', round(100 * ${c}, 1)) END`;

/**
 * The SQL of one cell of the Excel CSV (needs the csv_* macros of csv.ts); the labels it writes are bound to the
 * statement through `bound`.
 */
export function excelCellSql(column: TableColumn, bound: BoundValues): string {
  const c = quoteIdent(column.name);
  switch (excelKind(column)) {
    case "label": {
      const labels = valueLabels(column);
      // each label's cell made in JavaScript by csv_text's own rule (csvTextCell), so that the CASE is not copied into
      // every use of csv_text's argument, which made the statement slow to plan
      const cases = (column.values ?? []).map((v) => `WHEN ${bound.bind(v)} THEN ${bound.bind(csvTextCell(labels[v]!))}`).join(" ");
      return `CASE ${c} ${cases} ELSE csv_text(${c}) END`;
    }
    case "boolean":
      return `CASE WHEN ${c} IS NULL THEN '' WHEN ${c} THEN ${bound.bind(BOOLEAN_LABELS.true)} ELSE ${bound.bind(BOOLEAN_LABELS.false)} END`;
    case "ratio":
      return RATIO_SQL(c);
    case "plain":
      return csvCellSql(column);
  }
}

/** A Frictionless field of the Excel CSV: named by its Japanese header, typed as what the cell holds. */
export function excelField(column: TableColumn, header: string, fieldType: string): Record<string, unknown> {
  const kind = excelKind(column);
  const enumValues =
    kind === "label" ? [...new Set((column.values ?? []).map((v) => valueLabels(column)[v]!))] : kind === "boolean" ? [BOOLEAN_LABELS.true, BOOLEAN_LABELS.false] : undefined;
  const constraints = {
    ...(column.nullable ? {} : { required: true }),
    ...(enumValues ? { enum: enumValues } : {}),
    ...(kind === "ratio" ? { pattern: "-?\\d+\\.\\d%" } : {}),
  };
  const shown =
    kind === "label" ? "; shown as its Japanese label" : kind === "boolean" ? "; shown as はい (true) or いいえ (false)" : kind === "ratio" ? "; shown as a percentage rounded to one decimal (0.1428… as 14.3%)" : "";
  return {
    name: header,
    type: kind === "plain" ? fieldType : "string",
    title: header,
    description: `${column.name}: ${column.description}${shown}`,
    description_ja: column.description_ja,
    column: column.name,
    ...(Object.keys(constraints).length ? { constraints } : {}),
  };
}

/**
 * The COPY that writes the table's Excel CSV to `path` from the sorted table `sorted`: a byte order mark, the
 * Japanese header line, then one line a row in the table's order. Needs the csv_* macros (defineCsvMacros).
 */
export function excelStatement(table: TableDef, sorted: string, path: string, orderBy: string): { sql: string; values: DuckDBValue[] } {
  // The byte order mark leads the header, the first thing DuckDB writes: Excel on Windows reads UTF-8 only with it.
  const headerLine = `\ufeff${csvHeaderLine(excelHeaders(table))}`;
  const bound = new BoundValues();
  const target = bound.bind(path);
  const line = csvLineOf(table.columns.map((c) => excelCellSql(c, bound)));
  return { sql: `COPY (SELECT ${line} AS ${quoteIdent(headerLine)} FROM ${quoteIdent(sorted)} ORDER BY ${orderBy}) TO ${target} (FORMAT csv, HEADER true, QUOTE '', ESCAPE '')`, values: bound.values };
}
