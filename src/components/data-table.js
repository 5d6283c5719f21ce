// The tables of the データ, 方法 and SQL pages: a table in a box of its own that scrolls sideways when the table is
// wider than the page (focusable, so that a keyboard can scroll it), and one card per row on a phone, each cell after
// its Japanese label (style.css, 「Helper 5」: table.data-cards, td[data-label]).
import {html} from "htl";

/**
 * columns: [{label, value: (row) => text or node, title: true for the cell that heads the card, numeric, className}].
 * rowAttributes(row) gives the attributes of a row's <tr> (data-file=…). `label` names the scrolling region.
 */
export function cardTable(rows, columns, {id = null, className = "", label, rowAttributes = () => ({})} = {}) {
  const cellClass = (c) => [c.className, c.title ? "data-card-title" : null, c.numeric ? "data-number" : null].filter(Boolean).join(" ") || null;
  return html`<div class="data-scroll" tabindex="0" role="region" aria-label=${label}><table id=${id} class=${["data-cards", className].filter(Boolean).join(" ")}>
    <thead><tr>${columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
    <tbody>${rows.map((row) => html`<tr ${rowAttributes(row)}>${columns.map((c) => html`<td class=${cellClass(c)} data-label=${c.label}>${c.value(row)}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}

/** Text with its lower-case ASCII words (codes of the data: all, outcome) set as code: 「KPIの種類（<code>all</code> は全体）」. */
export function codeWords(text) {
  if (text == null) return text;
  const parts = String(text).split(/(?<![A-Za-z0-9_])([a-z][a-z0-9_]*)(?![A-Za-z0-9_])/);
  // a fragment, not htl's <span> round several nodes (Inputs.table styles every span of a header as its sort mark)
  return parts.length === 1 ? text : html.fragment`${parts.map((p, i) => (i % 2 ? html`<code>${p}</code>` : p))}`;
}
