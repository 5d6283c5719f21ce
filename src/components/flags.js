// The review list of flagged KPIs (要確認の事業): the flag index (what any threshold of the slider flags, and the
// filters' choices), the count and chart it gives alone, the filters and their URL form, and the handout table and
// CSV of the detail rows. Every text from the data goes through htl interpolation or Plot's text, never markup.
import * as Inputs from "@observablehq/inputs";
import * as Plot from "@observablehq/plot";
import {tableFromIPC} from "apache-arrow";
import {html} from "htl";
import {formatFigure, formatFiscalYears, formatNumber, formatPercent, formatTarget, KIND_LABELS, loadArrow, REVIEW_MARK, reviewBadge, sourceRefList, STATUS_LABELS, SUPPORT_TARGET_LABELS, TARGET_OP_LABELS} from "./format.js";
import {csvCell} from "./csv.js";
import {withMoreRows} from "./more-rows.js";
import {programId} from "./program-id.js";

// --- the index -----------------------------------------------------------------------------------------------------

/**
 * The flag index (src/data/flag_index.arrow, loaders/site/flags.ts): per assessment that some threshold of the slider
 * flags, codes of its prefecture, first and last fiscal year, support target and kind, and flaggedFrom, the lowest
 * threshold × 100 that flags it; with the lists the codes index (the filters' choices), the build's threshold and
 * its date (ISO, "" when unknown). Give it the file's bytes or a promise of them, as
 * FileAttachment("data/flag_index.arrow").arrayBuffer() gives them (for the reason loadArrow states).
 */
export async function loadFlagIndex(buffer) {
  const table = tableFromIPC(new Uint8Array(await buffer));
  const meta = (key) => JSON.parse(table.schema.metadata.get(key));
  const codes = (name) => table.getChild(name).toArray();
  return {
    length: table.numRows,
    threshold: meta("threshold"),
    created: table.schema.metadata.get("created") ?? "",
    options: {prefectures: meta("prefectures"), years: meta("fiscal_years"), targets: meta("support_targets"), kinds: meta("kpi_kinds")},
    prefecture: codes("prefecture"),
    fyStart: codes("fy_start"),
    fyEnd: codes("fy_end"),
    target: codes("support_target"),
    kind: codes("kpi_kind"),
    flaggedFrom: codes("flagged_from"),
  };
}

/**
 * Positions in the index of the assessments flagged at the threshold that pass the filters (the fiscal year must
 * lie inside the period), in the index's order, which is the list's.
 */
export function selectFlags(index, {threshold, prefecture, fy, target, kind}) {
  const step = Math.round(threshold * 100);
  const {prefectures, years, targets, kinds} = index.options;
  const p = prefecture == null ? -1 : prefectures.indexOf(prefecture);
  const y = fy == null ? -1 : years.indexOf(fy);
  const t = target == null ? -1 : targets.indexOf(target);
  const k = kind == null ? -1 : kinds.indexOf(kind);
  const positions = [];
  for (let i = 0; i < index.length; i++) {
    if (index.flaggedFrom[i] > step) continue;
    if (p >= 0 && index.prefecture[i] !== p) continue;
    if (y >= 0 && (index.fyStart[i] > y || index.fyEnd[i] < y)) continue;
    if (t >= 0 && index.target[i] !== t) continue;
    if (k >= 0 && index.kind[i] !== k) continue;
    positions.push(i);
  }
  return positions;
}

/** Flagged KPIs per prefecture, in code order: every prefecture of the build, or the one the filter chose; zeros kept. */
export function countByPrefecture(index, positions, {prefecture}) {
  const counts = index.options.prefectures.map(() => 0);
  for (const i of positions) counts[index.prefecture[i]]++;
  return index.options.prefectures.map((name, code) => ({prefecture: name, n: counts[code]})).filter((d) => prefecture == null || d.prefecture === prefecture);
}

/**
 * One bar per prefecture with its count at its end, 16 px a prefecture, so that one bar or all 47 read well. At most
 * as many ticks as the largest count, so that every tick is a whole number.
 */
export function flagsChart(counts, {width}) {
  const top = Math.max(1, ...counts.map((d) => d.n));
  return Plot.plot({
    width,
    height: Math.max(1, counts.length) * 16 + 50,
    marginLeft: 64,
    marginRight: 48,
    x: {label: "要確認の KPI（件）", domain: [0, top], nice: true, ticks: Math.min(8, top), grid: true, tickFormat: (n) => formatNumber(n)},
    y: {label: null, domain: counts.map((d) => d.prefecture)},
    marks: [
      Plot.barX(counts, {x: "n", y: "prefecture", fill: "#4269d0", className: "flags-bar"}),
      Plot.text(counts, {x: "n", y: "prefecture", text: (d) => formatNumber(d.n), textAnchor: "start", dx: 4, className: "flags-bar-count"}),
      Plot.ruleX([0]),
    ],
  });
}

// --- the details ---------------------------------------------------------------------------------------------------

/**
 * The detail rows (src/data/flag_candidates.arrow): the index's rows, in its order, with what the table, the CSV and
 * the handout show. Throws when the two files do not come from the same build.
 */
export async function loadFlagDetails(index, buffer) {
  const rows = await loadArrow(buffer);
  if (rows.length !== index.length) throw new Error(`flag_candidates.arrow has ${rows.length} rows, flag_index.arrow ${index.length}: not one build`);
  return rows;
}

/**
 * The detail rows at the positions, judged at the threshold: a flagged assessment is behind pace when its period is
 * still running and below the threshold when it is over (the rule in loaders/analyze/sql/01_macros.sql).
 */
export function flaggedRows(details, positions, threshold) {
  return positions.map((i) => {
    const a = details[i];
    return {...a, status: a.is_partial ? "behind_pace" : "below_threshold", threshold};
  });
}

// --- filters ---------------------------------------------------------------------------------------------------

/**
 * Rounds a threshold to the slider's step, so that one from a slider or a URL is a whole step of the flag index and
 * 0.3 compares exactly as 0.3 does in SQL.
 */
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
  return formatTarget(a.target, a.unit ?? "", a.target_op, {approximate: a.target_approximate});
}

function actualText(a) {
  return formatFigure(a.actual, a.unit ?? "", {approximate: a.actual_approximate});
}

function ratioCell(a) {
  if (a.is_partial) return html`<span class="flags-ratio-label">進捗率</span> ${formatPercent(a.pace)}`;
  return formatPercent(a.achievement);
}

function asOf(date) {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日時点`;
}

/** Rows the table shows at first: thousands of rows at once freeze the page for seconds while they are laid out. */
export const FLAGS_TABLE_FIRST = 200;

/**
 * The flagged assessments as a plain HTML table, one <tr> per KPI, grouped by prefecture (Inputs.table would render
 * only the visible rows, and a printout must hold all of them). A program links to its page. Past `first` rows it
 * shows the first ones and a button for the rest, which are also put in before the page is printed.
 */
export function flagsTable(rows, {first = FLAGS_TABLE_FIRST} = {}) {
  const table = html`<table class="flags-table" data-testid="flags-table" data-rows=${rows.length}>
    <colgroup>
      <col class="c-pref"><col class="c-body"><col class="c-program"><col class="c-kpi"><col class="c-fy">
      <col class="c-num"><col class="c-num"><col class="c-ratio"><col class="c-status"><col class="c-note"><col class="c-source">
    </colgroup>
    <thead><tr>
      <th>都道府県</th><th>実施主体</th><th>事業名</th><th>KPI</th><th>年度</th>
      <th class="num">目標</th><th class="num">実績</th><th class="num">達成率<br><small>（期間途中は進捗率）</small></th>
      <th>評価</th><th>資料の説明</th><th>出典</th>
    </tr></thead>
    <tbody>${rows.slice(0, first).map((a, i) => flagRow(a, rows[i - 1]))}</tbody>
  </table>`;
  return withMoreRows(table, rows, first, (i) => flagRow(rows[i], rows[i - 1]), {testId: "flags", className: "flags-muted"});
}

/** One row of the table; a rule above it where the prefecture changes from the row before. */
function flagRow(a, before) {
  const newPrefecture = before != null && before.prefecture !== a.prefecture;
  return html`<tr class=${newPrefecture ? "flags-group-start" : null} data-record-id=${a.record_id}>
    <td>${a.prefecture}</td>
    <td>${a.body}</td>
    <td><a href=${`./programs/${programId(a.prefecture_code, a.body, a.program)}.html`}>${a.program}</a></td>
    <td>${a.kpi_name}<br><small class="flags-muted">${KIND_LABELS[a.kpi_kind] ?? a.kpi_kind}</small>${a.needs_review ? [html`<br>`, reviewBadge(true)] : null}</td>
    <td>${formatFiscalYears(a.period_start_fy, a.period_end_fy)}</td>
    <td class="num">${targetText(a)}</td>
    <td class="num">${actualText(a)}${a.is_partial && a.actual_through ? html`<br><small class="flags-muted">${asOf(a.actual_through)}</small>` : null}</td>
    <td class="num">${ratioCell(a)}</td>
    <td>${STATUS_LABELS[a.status] ?? a.status}</td>
    <td class="flags-note">${a.reason}</td>
    <td class="flags-source">${sourceRefList(a.source_refs).flatMap((ref, i) => (i ? [html`<br>`, ref] : [ref]))}</td>
  </tr>`;
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
  ["目標の条件", (a) => TARGET_OP_LABELS[a.target_op] ?? a.target_op],
  ["目標は概数", (a) => (a.target_approximate ? "はい" : "いいえ")],
  ["実績", (a) => a.actual],
  ["実績は概数", (a) => (a.actual_approximate ? "はい" : "いいえ")],
  ["単位", (a) => a.unit],
  ["達成率", (a) => a.achievement],
  ["進捗率（期間途中）", (a) => a.pace],
  ["期間途中", (a) => (a.is_partial ? "はい" : "いいえ")],
  ["評価", (a) => STATUS_LABELS[a.status] ?? a.status],
  ["基準", (a) => a.threshold],
  ["資料の説明", (a) => a.reason],
  [REVIEW_MARK.text, (a) => (a.needs_review ? "はい" : "いいえ")],
  ["出典", (a) => sourceRefList(a.source_refs).join("; ")],
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
