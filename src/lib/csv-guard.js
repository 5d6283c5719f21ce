// The CSV cell rule, in one place for every CSV the project writes: the build's extracts (whose SQL macro csv_text,
// loaders/publish/extracts/csv.ts, is built from FORMULA_START_CLASS), the CLI's CSV output, the records and review
// CSVs, and the downloads the pages make (src/components/csv.js). A plain module with no imports, so that both the
// browser and Node can load it.

/**
 * The characters that, leading a cell, make a spreadsheet run it as a formula: = + - @ tab CR, and the full-width
 * ＝ ＋ － ＠ that Japanese Excel takes for their ASCII forms (OWASP CSV injection). A regular-expression character
 * class that JavaScript and DuckDB's RE2 read alike.
 */
export const FORMULA_START_CLASS = "[=+\\-@\\t\\r＝＋－＠]";

const FORMULA_START = new RegExp(`^${FORMULA_START_CLASS}`);

/** Whether a cell would be run as a formula by a spreadsheet (it begins with a character of FORMULA_START_CLASS). */
export function startsFormula(text) {
  return FORMULA_START.test(text);
}

/**
 * Makes a text cell safe to open in a spreadsheet: text that would run as a formula gets a leading apostrophe, so
 * Excel and LibreOffice show it as text; drop the apostrophe to get the original.
 */
export function spreadsheetSafe(text) {
  return startsFormula(text) ? `'${text}` : text;
}

/** RFC 4180 quoting of one cell: in double quotes, its quotes doubled. */
export function csvQuoted(text) {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A cell as RFC 4180 needs it: quoted when it holds a quote, a comma or a line break; otherwise as it is. */
export function csvQuote(text) {
  return /[",\r\n]/.test(text) ? csvQuoted(text) : text;
}
