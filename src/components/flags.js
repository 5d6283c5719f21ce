// The review list of flagged KPIs (要確認の事業): the flag index (what any threshold of the slider flags, and the
// filters' choices), the count and chart it gives alone (an image with its name and its figures as a table), the
// filters and their URL form (and what of a link cannot be applied), the printed handout's page margins, and the
// table (one card per KPI on a phone, one <tbody> per program, sources linked to their lines) and CSV of the detail
// rows. Every text from the data or the address goes through htl interpolation or Plot's text, never markup.
import * as Inputs from "@observablehq/inputs";
import * as Plot from "@observablehq/plot";
import {tableFromIPC} from "apache-arrow";
import {html} from "htl";
import {formatFigure, formatFiscalYears, formatNumber, formatPercent, formatTarget, KIND_LABELS, loadArrow, REVIEW_MARK, reviewBadge, sourceRefLinks, sourceRefList, STATUS_LABELS, SUPPORT_TARGET_LABELS, TARGET_OP_LABELS} from "./format.js";
import {csvCell} from "./csv.js";
import {withMoreRows} from "./more-rows.js";
import {programHref} from "../lib/program-id.js";

// --- the index -----------------------------------------------------------------------------------------------------

/**
 * The flag index (src/data/flag_index.arrow, loaders/publish/site/flags.ts): per assessment that some threshold of the slider
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
 * lie inside the period), in the index's order, which is the list's. The threshold is a step of the slider, and a
 * row is flagged from its flaggedFrom step on (flagged_from in loaders/analyze/sql/01_macros.sql): the page compares
 * steps, never a ratio.
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

/** The chart's measure, its axis's name and its table's heading. */
const CHART_MEASURE = "要確認の KPI（件）";

/** The chart's left and right margins: the prefectures' names, and room for the largest count after its bar. */
const CHART_MARGIN = {left: 64, right: 48};

/**
 * One bar per prefecture with its count at its end, 16 px a prefecture, so that one bar or all 47 read well. At most
 * as many ticks as the largest count, so that every tick is a whole number, and one per 48 px, so that the numbers
 * under the axis never touch however narrow the screen. A picture (role="img") named by what it shows; its figures
 * are in flagsChartTable.
 */
export function flagsChart(counts, {width, threshold}) {
  const top = Math.max(1, ...counts.map((d) => d.n));
  const room = Math.max(1, Math.floor((width - CHART_MARGIN.left - CHART_MARGIN.right) / 48));
  const svg = Plot.plot({
    width,
    height: Math.max(1, counts.length) * 16 + 64,
    marginLeft: CHART_MARGIN.left,
    marginRight: CHART_MARGIN.right,
    // the axis's name on a line of its own under the numbers, which reach the right end on a narrow screen
    marginBottom: 44,
    ariaLabel: flagsChartLabel(counts, threshold),
    x: {label: CHART_MEASURE, labelOffset: 40, domain: [0, top], nice: true, ticks: Math.min(8, top, room), grid: true, tickFormat: (n) => (Number.isInteger(n) ? formatNumber(n) : "")},
    y: {label: null, domain: counts.map((d) => d.prefecture)},
    marks: [
      Plot.barX(counts, {x: "n", y: "prefecture", fill: "#4269d0", className: "flags-bar"}),
      Plot.text(counts, {x: "n", y: "prefecture", text: (d) => formatNumber(d.n), textAnchor: "start", dx: 4, className: "flags-bar-count"}),
      Plot.ruleX([0]),
    ],
  });
  // A picture named as a whole: its parts cannot carry names of their own (aria-prohibited-attr), so Plot's names of
  // its marks and axes become data-mark.
  svg.setAttribute("role", "img");
  for (const part of svg.querySelectorAll("[aria-label]")) {
    part.dataset.mark = part.getAttribute("aria-label");
    part.removeAttribute("aria-label");
  }
  return svg;
}

/**
 * What the chart shows, in a sentence, its name for assistive technology: 「都道府県別の要確認 KPI の件数の棒グラフ（基準
 * 50%）。兵庫県 8 件、神奈川県 1 件、ほかの 6 都道府県は 0 件。」
 */
export function flagsChartLabel(counts, threshold) {
  const some = counts.filter((d) => d.n > 0).sort((a, b) => b.n - a.n);
  const zero = counts.length - some.length;
  const listed = some.map((d) => `${d.prefecture} ${formatNumber(d.n)} 件`).join("、");
  const rest = zero === 0 ? "" : some.length === 0 ? `${counts.length === 1 ? "" : `${formatNumber(zero)} 都道府県とも`}0 件` : `ほかの ${formatNumber(zero)} 都道府県は 0 件`;
  return `都道府県別の要確認 KPI の件数の棒グラフ${threshold == null ? "" : `（基準 ${formatPercent(threshold, 0)}）`}。${[listed, rest].filter(Boolean).join("、")}。`;
}

/** The chart's figures as a table, in a <details> 「データを表で見る」. */
export function flagsChartTable(counts) {
  return html`<details class="flags-chart-data" data-testid="flags-chart-data">
    <summary>データを表で見る</summary>
    <table>
      <thead><tr><th scope="col">${LABELS.prefecture}</th><th scope="col" class="num">${CHART_MEASURE}</th></tr></thead>
      <tbody>${counts.map((d) => html`<tr><td>${d.prefecture}</td><td class="num">${formatNumber(d.n)}</td></tr>`)}</tbody>
    </table>
  </details>`;
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
 * The detail rows at the positions, with the threshold they are flagged at (the CSV's 基準). Each row's status is
 * the one it shows wherever it is flagged, decided by the build (flagged_status in loaders/analyze/sql/01_macros.sql).
 */
export function flaggedRows(details, positions, threshold) {
  return positions.map((i) => ({...details[i], threshold}));
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

/** The settings a link can carry, in the order the page names them. */
const FILTER_KEYS = ["threshold", "prefecture", "fy", "target", "kind"];

/** A value from an address as the page quotes it: at most 40 characters. */
function quoted(value) {
  const text = String(value);
  return `「${text.length > 40 ? `${text.slice(0, 40)}…` : text}」`;
}

/**
 * The filters of a query string (?threshold=0.6&prefecture=兵庫県&fy=2023&target=…&kind=outcome), and, in Japanese,
 * each setting of it that cannot be applied (a value the build does not have, a threshold outside 0–1, a name the
 * page does not know), which then falls back to its default.
 */
export function parseFilters(search, options, defaultThreshold) {
  const params = new URLSearchParams(search);
  const ignored = [];
  // a choice of the build's, else null, and a note of a value the build does not have
  const pick = (key, known, what, all) => {
    const value = params.get(key);
    if (value == null || value === "") return null;
    if (known(value)) return value;
    ignored.push(`${what}${quoted(value)}はこのデータにないため、${all}を表示しています。`);
    return null;
  };
  const t = params.get("threshold");
  let threshold = defaultThreshold;
  if (t != null && t.trim() !== "") {
    if (Number.isFinite(+t) && +t >= 0 && +t <= 1) threshold = roundThreshold(+t);
    else ignored.push(`基準${quoted(t)}は 0〜1（0%〜100%）の範囲の数ではないため、既定の ${formatPercent(defaultThreshold, 0)} で表示しています。`);
  }
  // in the order the page names them (FILTER_KEYS)
  const prefecture = pick("prefecture", (v) => options.prefectures.includes(v), "都道府県", "すべての都道府県");
  const fy = pick("fy", (v) => /^\d+$/.test(v) && options.years.includes(Number(v)), "年度", "すべての年度");
  const filters = {
    threshold,
    prefecture,
    fy: fy == null ? null : Number(fy),
    target: pick("target", (v) => options.targets.includes(v), "支援対象", "すべての支援対象"),
    kind: pick("kind", (v) => options.kinds.includes(v), "KPI の種類", "すべての種類"),
  };
  for (const key of new Set(params.keys())) {
    if (!FILTER_KEYS.includes(key)) ignored.push(`${quoted(key)}という設定はこのページにないため、使っていません。`);
  }
  return {filters, ignored};
}

/** The notice of the settings of a link that could not be applied, or null when all could. */
export function ignoredNotice(ignored) {
  if (ignored.length === 0) return null;
  return html`<div class="flags-notice" role="status" data-testid="flags-url-notice">
    <p>このページを開いたリンクの設定のうち、次のものは使えませんでした。</p>
    <ul>${ignored.map((text) => html`<li>${text}</li>`)}</ul>
  </div>`;
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
    `KPI の種類: ${kind == null ? "すべて" : KIND_LABELS[kind]}`,
  ].join("／");
}

// --- the handout ---------------------------------------------------------------------------------------------------

/** A CSS string of any text: quotes, backslashes and line breaks escaped. */
function cssString(text) {
  return `"${String(text).replace(/[\\"]/g, "\\$&").replace(/[\r\n\f]/g, " ")}"`;
}

/** The address as people read it: 兵庫県 rather than %E5%85%B5…; as given when it does not decode. */
export function readableUrl(url) {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/**
 * The printed pages' margin texts that change with the page: the address of the list as shown (its settings in the
 * query) at the bottom left and the data date at the top right of every page. The page number and the fonts are
 * in src/flags.md's stylesheet. A <style> for the document's head.
 */
export function handoutPageStyle({url, created}) {
  const style = document.createElement("style");
  style.dataset.testid = "flags-page-style";
  style.textContent = `@page {
  @top-right { content: ${cssString(created ? `データ作成日: ${japaneseDate(created)}` : "")}; }
  @bottom-left { content: ${cssString(readableUrl(url))}; }
}`;
  return style;
}

// --- the table ---------------------------------------------------------------------------------------------------

function targetText(a) {
  return formatTarget(a.target, a.unit ?? "", a.target_op, {approximate: a.target_approximate});
}

function actualText(a) {
  return formatFigure(a.actual, a.unit ?? "", {approximate: a.actual_approximate});
}

function ratioCell(a) {
  if (a.is_partial) return html`<span class="flags-ratio-label">${LABELS.pace}</span> ${formatPercent(a.pace)}`;
  return formatPercent(a.achievement);
}

/** "2026-11-29" (or an ISO time of that day) → "2026年11月29日"; "" when there is no date. */
export function japaneseDate(date) {
  if (!date) return "";
  const [y, m, d] = date.slice(0, 10).split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

function asOf(date) {
  return `${japaneseDate(date)}時点`;
}

/** The column labels of the table, its cards and its CSV: the one home of these words on this page. */
export const LABELS = {
  prefecture: "都道府県",
  body: "実施主体",
  program: "事業名",
  kpi: "KPI",
  fy: "年度",
  target: "目標",
  actual: "実績",
  ratio: "達成率",
  pace: "進捗率",
  status: "評価",
  note: "資料の説明",
  source: "出典",
};

/** Rows the table shows at first: thousands of rows at once freeze the page for seconds while they are laid out. */
export const FLAGS_TABLE_FIRST = 200;

/** The key of a row's program: its rows follow one another in the list's order (prefecture, body, program, ...). */
function programKey(a) {
  return `${a.prefecture_code}\u0000${a.body}\u0000${a.program}`;
}

/** The rows as runs of one program each: [{start, end}] (end exclusive), in order. */
export function programGroups(rows) {
  const groups = [];
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && programKey(rows[i]) === programKey(rows[i - 1])) groups[groups.length - 1].end = i + 1;
    else groups.push({start: i, end: i + 1});
  }
  return groups;
}

/**
 * The flagged assessments as a plain HTML table (Inputs.table would render only the visible rows, and a printout
 * must hold all of them): one <tbody> per program, so that a printed page never splits a program's rows, with a
 * rule above the first program of each prefecture; one <tr> per KPI, each cell labelled (data-label), so that a
 * narrow screen shows each row as a card (src/flags.md). A program links to its page, a source to the line of its
 * document's page (`titles`: the documents' titles, sourceTitles in format.js; `base`: the way to the site's root).
 * Past `first` rows (rounded up to a whole program) it shows the first programs and a button for the rest, which
 * are also put in before the page is printed.
 */
export function flagsTable(rows, {first = FLAGS_TABLE_FIRST, titles = null, base = "./"} = {}) {
  const groups = programGroups(rows);
  let shown = 0;
  for (const g of groups) {
    if (shown > 0 && g.end > first) break;
    shown = g.end;
  }
  const bodies = (from) =>
    groups.filter((g) => g.start >= from && g.end <= (from === 0 ? shown : rows.length)).map((g) => programBody(rows, g, {titles, base}));
  const table = html`<table class="flags-table" data-testid="flags-table" data-rows=${rows.length}>
    <colgroup>
      <col class="c-pref"><col class="c-body"><col class="c-program"><col class="c-kpi"><col class="c-fy">
      <col class="c-num"><col class="c-num"><col class="c-ratio"><col class="c-status"><col class="c-note"><col class="c-source">
    </colgroup>
    <thead><tr>
      <th scope="col">${LABELS.prefecture}</th><th scope="col">${LABELS.body}</th><th scope="col">${LABELS.program}</th><th scope="col">${LABELS.kpi}</th><th scope="col">${LABELS.fy}</th>
      <th scope="col" class="num">${LABELS.target}</th><th scope="col" class="num">${LABELS.actual}</th><th scope="col" class="num">${LABELS.ratio}<br><small>（期間途中は${LABELS.pace}）</small></th>
      <th scope="col">${LABELS.status}</th><th scope="col">${LABELS.note}</th><th scope="col">${LABELS.source}</th>
    </tr></thead>
    ${bodies(0)}
  </table>`;
  return withMoreRows(table, rows, shown, null, {testId: "flags", className: "flags-muted", append: (from) => table.append(...bodies(from))});
}

/** One program's rows in a <tbody>; a rule above it where the prefecture changes from the row before. */
function programBody(rows, {start, end}, options) {
  const newPrefecture = start > 0 && rows[start - 1].prefecture !== rows[start].prefecture;
  return html`<tbody class=${newPrefecture ? "flags-program flags-group-start" : "flags-program"} data-rows=${end - start}>
    ${rows.slice(start, end).map((a) => flagRow(a, options))}
  </tbody>`;
}

/** One row of the table, each cell with its label for the cards of a narrow screen. */
function flagRow(a, {titles, base}) {
  return html`<tr data-record-id=${a.record_id}>
    <td class="flags-c-pref" data-label=${LABELS.prefecture}>${a.prefecture}</td>
    <td class="flags-c-body" data-label=${LABELS.body}>${a.body}</td>
    <td class="flags-c-program" data-label=${LABELS.program}><a href=${programHref(a, `${base}programs/`)}>${a.program}</a></td>
    <td class="flags-c-kpi" data-label=${LABELS.kpi}>${a.kpi_name}<br><small class="flags-muted">${KIND_LABELS[a.kpi_kind] ?? a.kpi_kind}</small>${a.needs_review ? [html`<br>`, reviewBadge(true)] : null}</td>
    <td class="flags-c-fy" data-label=${LABELS.fy}>${formatFiscalYears(a.period_start_fy, a.period_end_fy)}</td>
    <td class="num flags-c-target" data-label=${LABELS.target}>${targetText(a)}</td>
    <td class="num flags-c-actual" data-label=${LABELS.actual}>${actualText(a)}${a.is_partial && a.actual_through ? html`<br><small class="flags-muted">${asOf(a.actual_through)}</small>` : null}</td>
    <td class="num flags-c-ratio" data-label=${a.is_partial ? LABELS.pace : LABELS.ratio}>${ratioCell(a)}</td>
    <td class="flags-c-status" data-label=${LABELS.status}>${STATUS_LABELS[a.status] ?? a.status}</td>
    <td class="flags-note flags-c-note" data-label=${LABELS.note}>${a.reason}</td>
    <td class="flags-source flags-c-source" data-label=${LABELS.source}>${sourceCell(a.source_refs, titles, base)}</td>
  </tr>`;
}

/**
 * The references of a row as links to their documents' lines, one a line; each with the address of the line, which
 * only a printout shows (paper has no links).
 */
function sourceCell(text, titles, base) {
  return sourceRefLinks(text, titles, base).map((link) =>
    html`<span class="flags-source-ref">${link}${link instanceof Element ? html`<span class="flags-print-url">${new URL(link.getAttribute("href"), document.baseURI).href}</span>` : null}</span>`,
  );
}

// --- CSV -----------------------------------------------------------------------------------------------------------

const CSV_COLUMNS = [
  [LABELS.prefecture, (a) => a.prefecture],
  [LABELS.body, (a) => a.body],
  [LABELS.program, (a) => a.program],
  [LABELS.kpi, (a) => a.kpi_name],
  ["KPIの種類", (a) => KIND_LABELS[a.kpi_kind] ?? a.kpi_kind],
  ["支援対象", (a) => SUPPORT_TARGET_LABELS[a.support_target] ?? a.support_target],
  ["開始年度", (a) => a.period_start_fy],
  ["終了年度", (a) => a.period_end_fy],
  [LABELS.target, (a) => a.target],
  ["目標の条件", (a) => TARGET_OP_LABELS[a.target_op] ?? a.target_op],
  ["目標は概数", (a) => (a.target_approximate ? "はい" : "いいえ")],
  [LABELS.actual, (a) => a.actual],
  ["実績は概数", (a) => (a.actual_approximate ? "はい" : "いいえ")],
  ["単位", (a) => a.unit],
  [LABELS.ratio, (a) => a.achievement],
  [`${LABELS.pace}（期間途中）`, (a) => a.pace],
  ["期間途中", (a) => (a.is_partial ? "はい" : "いいえ")],
  [LABELS.status, (a) => STATUS_LABELS[a.status] ?? a.status],
  ["基準", (a) => a.threshold],
  [LABELS.note, (a) => a.reason],
  [REVIEW_MARK.text, (a) => (a.needs_review ? "はい" : "いいえ")],
  // file:line, as the data has them: a CSV is data, read by programs as well as people
  [LABELS.source, (a) => sourceRefList(a.source_refs).join("; ")],
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
    CSV をダウンロード（${formatNumber(rows.length)} 件・Excel でそのまま開けます）
  </button>`;
}
