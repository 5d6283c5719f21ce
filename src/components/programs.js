// Programs for the report pages: the list of programs with their counts, and plain HTML tables whose cells are
// always text (htl sets text, never markup). The charts are in program-charts.js, so that a page without charts
// does not load Plot.
import {html} from "htl";
import {formatPercent, metEarlyText, STATUS_LABELS} from "./format.js";
import {withMoreRows} from "./more-rows.js";
import {programId} from "./program-id.js";

/** The id of a row's program (its prefecture code, body and program name). */
export function idOf(row) {
  return programId(row.prefecture_code, row.body, row.program);
}

/** A program's page, from a page at `base` ("./" beside the list, "./programs/" from the site's root). */
export function programHref(row, base = "./") {
  return `${base}${idOf(row)}.html`;
}

/** A link to a program's page, its name as text. */
export function programLink(row, base = "./") {
  return html`<a href=${programHref(row, base)}>${row.program}</a>`;
}

const ASSESSED = new Set(["met", "shortfall", "below_threshold"]);

/**
 * One row per program (prefecture, body, program) of the records, in prefecture-code order: its KPIs (distinct
 * names), assessments, how many were assessed over a complete period, met and flagged, and its stated budget.
 */
export function listPrograms(records, assessments) {
  const programs = new Map();
  for (const r of records) {
    const id = idOf(r);
    let p = programs.get(id);
    if (!p) {
      p = {id, prefecture_code: r.prefecture_code, prefecture: r.prefecture, body: r.body, program: r.program, kpis: [], budget_thousand_yen: null, support_target: r.support_target, n_assessments: 0, n_assessed: 0, n_met: 0, n_flagged: 0};
      programs.set(id, p);
    }
    if (!p.kpis.includes(r.kpi_name)) p.kpis.push(r.kpi_name);
    if (r.budget_thousand_yen != null) p.budget_thousand_yen = Math.max(p.budget_thousand_yen ?? 0, r.budget_thousand_yen);
  }
  for (const a of assessments) {
    const p = programs.get(idOf(a));
    if (!p) continue;
    p.n_assessments++;
    if (ASSESSED.has(a.status)) p.n_assessed++;
    if (a.status === "met") p.n_met++;
    if (a.flagged) p.n_flagged++;
  }
  const order = (a, b) => a.prefecture_code.localeCompare(b.prefecture_code) || a.body.localeCompare(b.body, "ja") || a.program.localeCompare(b.program, "ja");
  return [...programs.values()].sort(order);
}

/**
 * A table of rows; each column is {label, value: row → text or node, numeric, minWidth}. Cells are set through htl, so text
 * from the data stays text. The table scrolls sideways. Past `first` rows it shows the first ones and a button for
 * the rest (more-rows.js), which also go in before printing; by default every row is in the document. `rowClass`
 * gives a row's class (or null).
 */
export function dataTable(rows, columns, {className = "", first = Infinity, rowClass = () => null} = {}) {
  const cell = (c) => ({verticalAlign: "top", minWidth: c.minWidth, ...(c.numeric ? {textAlign: "right", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums"} : {})});
  const row = (i) => html`<tr class=${rowClass(rows[i])}>${columns.map((c) => html`<td style=${cell(c)}>${c.value(rows[i])}</td>`)}</tr>`;
  // a scrolling region is reachable by keyboard (tabindex), for readers who cannot scroll it with a pointer
  const table = html`<div style=${{maxWidth: "100%", overflowX: "auto"}} tabindex="0"><table class=${`data-table ${className}`} style=${{maxWidth: "none"}}>
    <thead><tr>${columns.map((c) => html`<th style=${{...cell(c), whiteSpace: "nowrap"}}>${c.label}</th>`)}</tr></thead>
    <tbody>${rows.slice(0, first).map((_, i) => row(i))}</tbody>
  </table></div>`;
  return withMoreRows(table, rows, first, row, {testId: className || "table"});
}

/** The ratio an assessment is judged on: pace for a period still running, else achievement. */
export function judgedRatio(a) {
  return a.status === "on_pace" || a.status === "behind_pace" ? a.pace : a.achievement;
}

/** 「45.5%」, 「188.7%（進捗率）」 for a period still running, 「—」 without a ratio. */
export function formatRatio(a) {
  const ratio = judgedRatio(a);
  if (ratio == null) return "—";
  return a.status === "on_pace" || a.status === "behind_pace" ? `${formatPercent(ratio)}（進捗率）` : formatPercent(ratio);
}

export function statusLabel(status) {
  return STATUS_LABELS[status] ?? status;
}

/** 「達成」, 「基準未満（要確認）」, 「期間途中で達成（2024-12-31時点）」: an assessment's status as the tables show it. */
export function assessmentStatusText(a) {
  return metEarlyText(a) ?? statusLabel(a.status) + (a.flagged ? "（要確認）" : "");
}

const SHORT = new Set(["shortfall", "below_threshold", "behind_pace", "no_actual"]);

/**
 * What the tables show as the document's explanation: its note; for a result short of its target with none, the
 * reason column's 「理由の記載なし」, so that a missing explanation is visible where one is owed.
 */
export function explanation(a) {
  return a.note ?? (SHORT.has(a.status) ? a.reason : "");
}
