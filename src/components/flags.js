// The review list of flagged KPIs (要確認の事業): the flag rule re-applied at any threshold, the filters and their
// URL form, the handout table and its CSV. Every text from the data goes through htl interpolation, never markup.
import * as Inputs from "@observablehq/inputs";
import {html} from "htl";
import {formatFiscalYears, formatNumber, formatPercent, KIND_LABELS, STATUS_LABELS, SUPPORT_TARGET_LABELS} from "./format.js";
import {csvCell} from "./csv.js";
import {programId} from "./program-id.js";

/** Whether the actual reaches the target in the indicator's direction; null without both (SQL `reaches`). */
function reaches(direction, target, actual) {
  if (target == null || actual == null) return null;
  return direction === "down" ? actual <= target : actual >= target;
}

/**
 * The status of an assessment at a threshold. Mirrors `assessment_status` in loaders/analyze/sql/01_macros.sql
 * (keep the two in step): partial periods are judged on pace, complete ones on achievement, and exactly the
 * threshold is a shortfall. SQL's coalesce(achievement >= 1, reaches(...)) becomes the null checks here, and a
 * null comparison (false in SQL's CASE) must not become JavaScript's `null < x` (true).
 */
export function assessmentStatus(a, threshold) {
  if (a.target == null) return "no_target";
  if (a.actual == null) return "no_actual";
  if (a.target === 0) return "target_zero";
  if (a.is_partial) return (a.pace != null ? a.pace >= 1 : reaches(a.direction, a.prorated_target, a.actual)) ? "on_pace" : "behind_pace";
  if (a.achievement != null ? a.achievement >= 1 : reaches(a.direction, a.target, a.actual)) return "met";
  if (a.achievement != null && a.achievement < threshold) return "below_threshold";
  return "shortfall";
}

/** Mirrors `is_flagged` in loaders/analyze/sql/01_macros.sql: under the threshold, or mid-period on a pace under it. */
export function isFlagged(status, pace, threshold) {
  return status === "below_threshold" || (status === "behind_pace" && pace != null && pace < threshold);
}

/** The assessments re-judged at a threshold: status replaced, flagged recomputed (as `kpi flags --threshold`). */
export function judge(assessments, threshold) {
  return assessments.map((a) => {
    const status = assessmentStatus(a, threshold);
    return {...a, status, threshold, flagged: isFlagged(status, a.pace, threshold)};
  });
}

// --- filters ---------------------------------------------------------------------------------------------------

export const KINDS = ["outcome", "output"];

/** The choices the data offers: prefectures in code order, the fiscal years the periods span, support targets. */
export function filterOptions(assessments) {
  const prefectures = [...new Map([...assessments].sort((a, b) => compare(a.prefecture_code, b.prefecture_code)).map((a) => [a.prefecture, a.prefecture_code])).keys()];
  const starts = assessments.map((a) => a.period_start_fy);
  const ends = assessments.map((a) => a.period_end_fy);
  const years = [];
  for (let y = Math.min(...starts); y <= Math.max(...ends); y++) years.push(y);
  const present = new Set(assessments.map((a) => a.support_target));
  const targets = Object.keys(SUPPORT_TARGET_LABELS).filter((t) => present.has(t));
  return {prefectures, years, targets, kinds: KINDS};
}

/** Rounds a threshold to the slider's step, so 0.3 from a slider or a URL compares exactly as 0.3 does in SQL. */
export function roundThreshold(value) {
  return Math.round(value * 100) / 100;
}

/**
 * The threshold slider (0–1, step 0.01) showing its value as a percentage. Inputs.range's own box is a number input,
 * which cannot show "50%", so the page hides it (CSS) and this <output> shows the value instead.
 */
export function thresholdInput(value) {
  const input = Inputs.range([0, 1], {step: 0.01, value, label: "要確認の基準"});
  input.classList.add("flags-threshold");
  const range = input.querySelector("input[type=range]");
  range.id = "flags-threshold-range";
  input.querySelector("label")?.setAttribute("for", range.id);
  const output = html`<output class="flags-threshold-value" for=${range.id} data-testid="flags-threshold-value">`;
  const show = () => void (output.value = formatPercent(input.value, 0));
  range.after(output);
  input.addEventListener("input", show);
  show();
  return input;
}

/** Filters from a query string (?threshold=0.6&prefecture=兵庫県&fy=2023&target=...&kind=outcome); unknown values are ignored. */
export function readFilters(search, options, defaultThreshold) {
  const params = new URLSearchParams(search);
  const t = params.get("threshold");
  const threshold = t != null && t.trim() !== "" && Number.isFinite(+t) && +t >= 0 && +t <= 1 ? roundThreshold(+t) : defaultThreshold;
  const fy = Number(params.get("fy"));
  return {
    threshold,
    prefecture: options.prefectures.includes(params.get("prefecture")) ? params.get("prefecture") : null,
    fy: options.years.includes(fy) ? fy : null,
    target: options.targets.includes(params.get("target")) ? params.get("target") : null,
    kind: options.kinds.includes(params.get("kind")) ? params.get("kind") : null,
  };
}

/** The query string of the filters: the threshold, then each filter that is set ("" when all are defaults). */
export function filterSearch(filters, defaultThreshold) {
  const params = new URLSearchParams();
  for (const key of ["prefecture", "fy", "target", "kind"]) if (filters[key] != null) params.set(key, filters[key]);
  if (params.toString() !== "" || filters.threshold !== defaultThreshold) params.set("threshold", filters.threshold);
  params.sort();
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** Whether an assessment passes the filters (the fiscal year must lie inside its period). */
export function matches(a, {prefecture, fy, target, kind}) {
  return (prefecture == null || a.prefecture === prefecture)
    && (fy == null || (a.period_start_fy <= fy && fy <= a.period_end_fy))
    && (target == null || a.support_target === target)
    && (kind == null || a.kpi_kind === kind);
}

function compare(a, b) {
  return a == null ? (b == null ? 0 : 1) : b == null ? -1 : a < b ? -1 : a > b ? 1 : 0;
}

/** The order of the flags table (and the built flags file): prefecture, body, program, KPI, period. */
export function sortFlags(rows) {
  const keys = ["prefecture_code", "body", "program", "kpi_name", "period_start_fy", "period_end_fy", "record_id"];
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const c = compare(a[k], b[k]);
      if (c) return c;
    }
    return 0;
  });
}

/** 「基準: 50%／都道府県: 兵庫県／年度: すべて／…」, the settings a printed handout states at its top. */
export function describeFilters({threshold, prefecture, fy, target, kind}) {
  return [
    `基準: ${formatPercent(threshold, 0)}`,
    `都道府県: ${prefecture ?? "すべて"}`,
    `年度: ${fy == null ? "すべて" : formatFiscalYears(fy)}`,
    `支援対象: ${target == null ? "すべて" : SUPPORT_TARGET_LABELS[target] ?? target}`,
    `KPI: ${kind == null ? "すべて" : KIND_LABELS[kind]}`,
  ].join("／");
}

// --- the table ---------------------------------------------------------------------------------------------------

function targetText(a) {
  return formatNumber(a.target, a.unit ?? "") + (a.target_op === "gte" ? "以上" : "");
}

function ratioCell(a) {
  if (a.is_partial) return html`<span class="flags-ratio-label">進捗率</span> ${formatPercent(a.pace)}`;
  return formatPercent(a.achievement);
}

function asOf(date) {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日時点`;
}

/**
 * The flagged assessments as a plain HTML table, one <tr> per KPI (Inputs.table would render only the visible rows,
 * and a printout must hold all of them). A program links to its page.
 */
export function flagsTable(rows) {
  let previous = null;
  return html`<table class="flags-table" data-testid="flags-table">
    <colgroup>
      <col class="c-pref"><col class="c-body"><col class="c-program"><col class="c-kpi"><col class="c-fy">
      <col class="c-num"><col class="c-num"><col class="c-ratio"><col class="c-status"><col class="c-note"><col class="c-source">
    </colgroup>
    <thead><tr>
      <th>都道府県</th><th>実施主体</th><th>事業名</th><th>KPI</th><th>年度</th>
      <th class="num">目標</th><th class="num">実績</th><th class="num">達成率<br><small>（期間途中は進捗率）</small></th>
      <th>評価</th><th>資料の説明</th><th>出典</th>
    </tr></thead>
    <tbody>${rows.map((a) => {
      const newPrefecture = previous != null && previous !== a.prefecture;
      previous = a.prefecture;
      return html`<tr class=${newPrefecture ? "flags-group-start" : null} data-record-id=${a.record_id}>
        <td>${a.prefecture}</td>
        <td>${a.body}</td>
        <td><a href=${`./programs/${programId(a.prefecture_code, a.body, a.program)}.html`}>${a.program}</a></td>
        <td>${a.kpi_name}<br><small class="flags-muted">${KIND_LABELS[a.kpi_kind] ?? a.kpi_kind}</small></td>
        <td>${formatFiscalYears(a.period_start_fy, a.period_end_fy)}</td>
        <td class="num">${targetText(a)}</td>
        <td class="num">${formatNumber(a.actual, a.unit ?? "")}${a.is_partial && a.actual_through ? html`<br><small class="flags-muted">${asOf(a.actual_through)}</small>` : null}</td>
        <td class="num">${ratioCell(a)}</td>
        <td>${STATUS_LABELS[a.status] ?? a.status}</td>
        <td class="flags-note">${a.note ?? "—"}</td>
        <td class="flags-source">${a.source_refs.split("; ").map((ref, i) => (i ? [html`<br>`, ref] : ref))}</td>
      </tr>`;
    })}</tbody>
  </table>`;
}

// --- CSV -----------------------------------------------------------------------------------------------------------

const CSV_COLUMNS = [
  ["都道府県", (a) => a.prefecture],
  ["実施主体", (a) => a.body],
  ["事業名", (a) => a.program],
  ["KPI", (a) => a.kpi_name],
  ["KPIの種類", (a) => KIND_LABELS[a.kpi_kind] ?? a.kpi_kind],
  ["支援対象", (a) => SUPPORT_TARGET_LABELS[a.support_target] ?? a.support_target],
  ["開始年度", (a) => a.period_start_fy],
  ["終了年度", (a) => a.period_end_fy],
  ["目標", (a) => a.target],
  ["実績", (a) => a.actual],
  ["単位", (a) => a.unit],
  ["達成率", (a) => a.achievement],
  ["進捗率（期間途中）", (a) => a.pace],
  ["期間途中", (a) => (a.is_partial ? "はい" : "いいえ")],
  ["評価", (a) => STATUS_LABELS[a.status] ?? a.status],
  ["基準", (a) => a.threshold],
  ["資料の説明", (a) => a.note],
  ["出典", (a) => a.source_refs],
  ["record_id", (a) => a.record_id],
];

/** The rows as CSV, CRLF line ends; with `bom`, prefixed by a UTF-8 BOM so Excel on Windows reads it as UTF-8. */
export function flagsCsv(rows, {bom = true} = {}) {
  const lines = [CSV_COLUMNS.map(([name]) => csvCell(name)).join(",")];
  for (const a of rows) lines.push(CSV_COLUMNS.map(([, get]) => csvCell(get(a))).join(","));
  return (bom ? "\ufeff" : "") + lines.join("\r\n") + "\r\n";
}

/** A button that saves the rows as a CSV file, built when clicked (no object URL left behind). */
export function csvButton(rows, filename) {
  const save = () => {
    const url = URL.createObjectURL(new Blob([flagsCsv(rows)], {type: "text/csv;charset=utf-8"}));
    const link = html`<a href=${url} download=${filename} hidden>`;
    document.body.append(link);
    link.click();
    link.remove();
    // revoked later: the download may still be reading it
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return html`<button type="button" class="flags-download" data-testid="flags-csv" onclick=${save} disabled=${rows.length === 0}>
    CSV をダウンロード（${rows.length} 件・Excel 対応の BOM 付き UTF-8）
  </button>`;
}
