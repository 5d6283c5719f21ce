// Query results for a terminal or a pipe: aligned text tables (East Asian wide characters count as two columns),
// CSV and JSON.
import { stringify } from "csv-stringify/sync";
import type { Plain } from "../analyze/db.ts";
import { spreadsheetSafe } from "../../src/lib/csv-guard.js";

export const OUTPUT_FORMATS = ["table", "csv", "json"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** Columns a string takes in a monospaced terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : ch.charCodeAt(0) < 0x20 ? 0 : 1;
  return width;
}

/** Cuts a string to at most `max` columns, ending it with … when cut. */
export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = "";
  let width = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return out + "…";
}

function pad(text: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

// C0 and C1 control characters (ESC starts terminal escape sequences) and the bidirectional overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from the documents made safe to print on a terminal: control characters and bidirectional overrides are
 * shown as \uXXXX escapes instead of being sent, so a source line cannot move the cursor, recolour or retitle the
 * terminal, or reorder what is shown. Tabs and line breaks stay.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** printable() on one line: line breaks become spaces, so a message stays one line. */
export function printableLine(text: string): string {
  return printable(text.replace(/[\r\n]+/g, " "));
}

export function cellText(value: Plain): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  return printable(String(value).replace(/[\r\n\t]+/g, " "));
}

/** An aligned table: numbers right-aligned, cells cut to `maxWidth` columns, and a row count. */
export function formatTable(columns: readonly string[], rows: readonly Record<string, Plain>[], maxWidth = 40): string {
  const cells = rows.map((row) => columns.map((c) => truncate(cellText(row[c] ?? null), maxWidth)));
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => r[c] === null || typeof r[c] === "number"));
  // column names come from the query too (SELECT … AS "…"), so they are made printable like cells
  const header = columns.map((c) => cellText(c));
  const widths = header.map((c, i) => Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[i]!))));
  const line = (values: string[]) => values.map((v, i) => pad(v, widths[i]!, numeric[i]!)).join("  ").trimEnd();
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)];
  out.push(`(${rows.length} ${rows.length === 1 ? "row" : "rows"})`);
  return out.join("\n") + "\n";
}

/** RFC 4180 CSV in UTF-8 with a header row; nulls are empty cells, and text cells and column names are spreadsheet-safe. */
export function formatCsv(columns: readonly string[], rows: readonly Record<string, Plain>[]): string {
  const body = rows.map((row) =>
    columns.map((c) => {
      const value = row[c] ?? null;
      return typeof value === "string" ? spreadsheetSafe(value) : value === null ? "" : String(value);
    }),
  );
  return stringify([columns.map(spreadsheetSafe), ...body], { record_delimiter: "unix" });
}

export function formatRows(format: OutputFormat, columns: readonly string[], rows: readonly Record<string, Plain>[]): string {
  switch (format) {
    case "csv":
      return formatCsv(columns, rows);
    case "json":
      return JSON.stringify(rows, null, 2) + "\n";
    case "table":
      return formatTable(columns, rows);
  }
}
