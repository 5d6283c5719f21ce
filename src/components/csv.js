// CSV cells for the downloads made in the browser, by the rule of the build's extracts (src/lib/csv-guard.js): RFC
// 4180 quoting, and a leading apostrophe on text that a spreadsheet would run as a formula.
import {csvQuote, spreadsheetSafe} from "../lib/csv-guard.js";

/** One CSV cell: null is empty; text beginning with = + - @ tab or CR, or full-width ＝ ＋ － ＠, gets a leading '; numbers stay numbers. */
export function csvCell(value) {
  if (value == null) return "";
  const text = String(value);
  return csvQuote(typeof value === "string" ? spreadsheetSafe(text) : text);
}
