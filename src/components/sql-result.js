// The SQL page's result helpers: cells as text, the result as CSV, and which columns a quick chart can use.
// Results are {columns: [{name, type}], rows} as duckdb.js returns them.
import * as Plot from "@observablehq/plot";
import {csvCell} from "./csv.js";

/**
 * The Japanese name of a result column: a column of the published tables by its description (titles: a Map of column
 * name → Japanese), a percentage the examples compute as <column>_pct by the column's name and （%）; null for a
 * name the data dictionary does not know.
 */
export function columnTitle(name, titles) {
  if (titles.has(name)) return titles.get(name);
  const pct = /^(.+)_pct$/.exec(name);
  if (pct && titles.has(pct[1])) return `${titles.get(pct[1])}（%）`;
  return null;
}

/** A cell as the table shows it: numbers in full (no separators, so years stay 2023), null as empty. */
export function cellText(value) {
  if (value == null) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  return String(value);
}

/**
 * The result as CSV (RFC 4180, LF line ends, a header row, empty cell for null). Text cells beginning with
 * = + - @ tab or CR (or full-width ＝ ＋ － ＠) get a leading apostrophe. `bom` prefixes a byte order mark, which Excel needs to read UTF-8.
 */
export function toCsv({columns, rows}, {bom = false} = {}) {
  const lines = [columns.map((c) => csvCell(c.name)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c.name])).join(","));
  return (bom ? "\ufeff" : "") + lines.join("\n") + "\n";
}

/** The columns a bar chart can use: a text column for the bars and the numeric columns for their length. */
export function chartColumns({columns, rows}) {
  const category = columns.find((c) => c.type === "string");
  // a numeric column with nothing but nulls (SELECT NULL is an INTEGER) has no bars to draw
  const values = columns.filter((c) => c.type === "number" && rows.some((row) => Number.isFinite(row[c.name])));
  if (!category || !values.length || !rows.length) return null;
  return {category: category.name, values: values.map((c) => c.name)};
}

/** Horizontal bars of `value` by `category`, for the first `limit` rows, with the exact figures in the tooltip. */
export function barChart(rows, {category, value, label = (name) => name, width, limit = 60}) {
  const data = rows.slice(0, limit).filter((d) => Number.isFinite(d[value]));
  const categories = [...new Set(data.map((d) => d[category] ?? "（空）"))];
  return Plot.plot({
    // the svg's text alternative: what it shows (the figures are in the result's table)
    ariaLabel: `${label(value)}（${label(category)}別）の横棒グラフ、${data.length}本`,
    width,
    height: Math.max(120, categories.length * 22 + 60),
    marginTop: 30,
    marginLeft: 16 + Math.max(2, ...categories.map((c) => Math.min(19, String(c).length))) * 11,
    x: {label: `${label(value)} →`, grid: true},
    // long names are cut in the axis; the tooltip has them in full
    y: {label: label(category), labelAnchor: "top", domain: categories, tickFormat: (d) => truncate(String(d), 18)},
    marks: [
      Plot.barX(data, {
        x: value,
        y: (d) => d[category] ?? "（空）",
        fill: "var(--theme-foreground-focus)",
        tip: true,
        title: (d) => `${d[category] ?? "（空）"}\n${label(value)}: ${cellText(d[value])}`,
      }),
      Plot.ruleX([0]),
    ],
  });
}

function truncate(text, n) {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}
