// The canonical CSV of the extracts, formatted in DuckDB so that large tables stream straight to disk: the csv_*
// SQL macros, the SQL of each cell and line, and csvTextCell, the same rule in JavaScript for header lines. The
// formula guard itself lives in src/lib/csv-guard.js, shared with every other CSV the project writes.
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteIdent, sqlString } from "../../analyze/db.ts";
import type { ColumnType, TableColumn } from "../../analyze/published-tables.ts";
import { csvQuoted, FORMULA_START_CLASS, spreadsheetSafe, startsFormula } from "../../../src/lib/csv-guard.js";

/**
 * Text that an extract's cell quotes: what RFC 4180 needs (a quote, comma or line break), and text with white space
 * at either end, so that a reader that trims cells keeps it. White space is RE2's \s, spelled out so that JavaScript
 * reads the pattern the same (its \s would also match U+3000 and others).
 */
const QUOTED_TEXT = String.raw`[",\n\r]|^[\t\n\f\r ]|[\t\n\f\r ]$`;
const QUOTED_TEXT_JS = new RegExp(QUOTED_TEXT);

/**
 * SQL macros that turn a value into its CSV cell:
 * - csv_number: the shortest decimal that reads back as the same double, spelled as JavaScript's String(x) does
 *   (200 not 200.0, 0.000001, 1e-7, 1e+21); NaN, INF and -INF as Frictionless spells them.
 * - csv_text: RFC 4180 quoting; text a spreadsheet would run as a formula (FORMULA_START_CLASS) gets a leading
 *   apostrophe and quotes. Empty text is written "" so that it differs from null (an empty cell).
 * The patterns are spliced as literals: a macro's body cannot hold a bound parameter.
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
  -- the parts extracted once and bound by a lambda: a macro's arguments are copied wherever they are used, and
  -- csv_js_exponent uses each several times, which made every number column's expression (and its planning) large
  ELSE list_transform([regexp_extract(s, '^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$', ['sign', 'lead', 'rest', 'exp'])],
    lambda m: csv_js_exponent(m.sign, m.lead || m.rest, TRY_CAST(m.exp AS INTEGER)))[1]
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
  WHEN regexp_matches(v, ${sqlString(`^${FORMULA_START_CLASS}`)}) THEN csv_quoted('''' || v)
  WHEN v = '' OR regexp_matches(v, ${sqlString(QUOTED_TEXT)}) THEN csv_quoted(v)
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

/** The SQL expression of a column's canonical CSV cell; needs defineCsvMacros. */
export function csvCellSql(column: TableColumn): string {
  return CELL_SQL[column.type](quoteIdent(column.name));
}

/** The SQL expression of one CSV line (no terminator) of the given cells, each an SQL expression that is never NULL. */
export function csvLineOf(cells: readonly string[]): string {
  // One concat_ws builds the line in one go (a chain of || copies it once a column).
  return `concat_ws(',', ${cells.join(", ")})`;
}

/** The SQL expression of one canonical CSV line (no terminator) of a row of the table; needs defineCsvMacros. */
export function csvLineSql(columns: readonly TableColumn[]): string {
  return csvLineOf(columns.map(csvCellSql));
}

/** A text cell in JavaScript by csv_text's rule (spreadsheetSafe, then quoting), for header lines. */
export function csvTextCell(value: string): string {
  return startsFormula(value) || value === "" || QUOTED_TEXT_JS.test(value) ? csvQuoted(spreadsheetSafe(value)) : value;
}

/** A header line of CSV text cells. */
export function csvHeaderLine(cells: readonly string[]): string {
  return cells.map(csvTextCell).join(",");
}
