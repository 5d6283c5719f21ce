// The pages' tables: plain HTML whose cells are always text or nodes (htl sets text, never markup), in a box of its
// own that scrolls sideways when the table is wider than the page (focusable, so that a keyboard can scroll it), and
// one card per row on a phone, each cell after its Japanese label (style.css: table.data-cards, td[data-label]).
// Long tables show their first rows and a button for the rest (more-rows.js); 事業一覧's headers sort it.
import {html} from "htl";
import {withMoreRows} from "./more-rows.js";

/** A column's label as text, for its cells' data-label (a label may be a node). */
function labelText(c) {
  return typeof c.label === "string" ? c.label : c.label?.textContent ?? "";
}

/** The classes of a column's cells: its own, the card's heading (primary), a figure (numeric). */
function cellClass(c) {
  return [c.className, c.primary ? "data-card-title" : null, c.numeric ? "data-number" : null].filter(Boolean).join(" ") || null;
}

/**
 * A column's header: its label, or, when the table sorts and the column has a sortKey, a button that calls
 * onSort(sortKey), the sorted column's header marked with aria-sort (style.css draws the arrow from it).
 */
function header(c, sort) {
  const className = c.numeric ? "data-number" : null;
  if (!sort || !c.sortKey) return html`<th scope="col" class=${className}>${c.label}</th>`;
  const button = html`<button type="button" class="programs-sort-button" data-sort=${c.sortKey}>${c.label}</button>`;
  button.onclick = () => sort.onSort(c.sortKey);
  const sorted = sort.key === c.sortKey ? (sort.order === "asc" ? "ascending" : "descending") : null;
  return html`<th scope="col" class=${className} aria-sort=${sorted}>${button}</th>`;
}

/**
 * A table of rows. Each column is {label, value: row → text or node, primary: true for the cell that heads the card,
 * numeric, minWidth, className, sortKey}. Options: `id` and `className` of the table; `label` names the scrolling
 * region; `rowClass(row)` gives a row's class (or null) and `rowAttributes(row)` its other attributes (data-file=…);
 * past `first` rows it shows the first ones and a button for the rest, which also go in before printing (by default
 * every row is in the document); `sort: {key, order, onSort}` makes the headers of the columns with a sortKey buttons.
 */
export function dataTable(rows, columns, {id = null, className = "", label = null, first = Infinity, rowClass = () => null, rowAttributes = () => ({}), sort = null} = {}) {
  const row = (i) => html`<tr class=${rowClass(rows[i])} ${rowAttributes(rows[i])}>${columns.map((c) => html`<td class=${cellClass(c)} style=${c.minWidth ? {minWidth: c.minWidth} : null} data-label=${labelText(c)}>${c.value(rows[i])}</td>`)}</tr>`;
  const classes = ["data-table", "data-cards", className, sort ? "data-sortable" : null].filter(Boolean).join(" ");
  const table = html`<div class="data-scroll" tabindex="0" role=${label ? "region" : null} aria-label=${label}><table id=${id} class=${classes}>
    <thead><tr>${columns.map((c) => header(c, sort))}</tr></thead>
    <tbody>${rows.slice(0, first).map((_, i) => row(i))}</tbody>
  </table></div>`;
  return withMoreRows(table, rows, first, row, {testId: className || "table"});
}

/** Text with its lower-case ASCII words (codes of the data: all, outcome) set as code: 「KPIの種類（<code>all</code> は全体）」. */
export function codeWords(text) {
  if (text == null) return text;
  const parts = String(text).split(/(?<![A-Za-z0-9_])([a-z][a-z0-9_]*)(?![A-Za-z0-9_])/);
  // a fragment, not htl's <span> round several nodes (Inputs.table styles every span of a header as its sort mark)
  return parts.length === 1 ? text : html.fragment`${parts.map((p, i) => (i % 2 ? html`<code>${p}</code>` : p))}`;
}
