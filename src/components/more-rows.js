// Long tables a page at a time: thousands of rows put in at once freeze the page for seconds while they are laid out.
import {html} from "htl";
import {formatNumber} from "./format.js";

/**
 * `table` as given when `rows` has no more than `first` rows. Otherwise `table` (whose tbody holds the first
 * `first` rows) and a line with a button that puts in the rest, each made by `row(i)`; the rest also go in before
 * the page is printed, so that a printout has every row. `testId` names the line (`<testId>-more`) and its button
 * (`<testId>-show-all`); `className` is added to the line's (print styles hide `.more-rows`). `append(first)`, when
 * given, puts in the rows from `first` on instead of `row` (a table that groups its rows in several <tbody>).
 */
export function withMoreRows(table, rows, first, row, {testId, className = "", append = null} = {}) {
  if (rows.length <= first) return table;
  const button = html`<button type="button" data-testid=${`${testId}-show-all`}>残り ${formatNumber(rows.length - first)} 件も表示</button>`;
  const more = html`<p class=${`more-rows ${className}`.trim()} data-testid=${`${testId}-more`}>先頭の ${formatNumber(first)} 件を表示しています（全 ${formatNumber(rows.length)} 件）。${button}</p>`;
  const showAll = () => {
    removeEventListener("beforeprint", showAll);
    if (!more.isConnected) return; // a table the page has since replaced
    if (append) append(first);
    else table.querySelector("tbody").append(...rows.slice(first).map((_, i) => row(first + i)));
    more.remove();
  };
  button.onclick = showAll;
  addEventListener("beforeprint", showAll);
  return html`<div>${table}${more}</div>`;
}
