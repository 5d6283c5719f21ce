// Comparing prefectures like with like (都道府県比較): one period, one coverage of document and one kind of KPI at a
// time; share met drawn with its Wilson 95% interval and its n; groups too small to rank (rankable false, the rule of
// loaders/analyze/sql/01_macros.sql) drawn grey and put after the ranked ones. Text from the data reaches the page
// through Plot's text and htl, never as markup.
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {COVERAGE_LABELS, COVERAGE_ORDER, formatFiscalYears, formatNumber, formatPercent, KIND_LABELS, TOPIC_LABELS} from "./format.js";
import {keepTipsOnScreen, textWidth, wrapText} from "./program-charts.js";

export const RANKED_COLOR = "#1f4e9c";
/**
 * Grey of the marks of a group not ranked: lighter than the ranked marks, yet 3:1 against the page and the cards
 * (#f6f6f7), as a mark must be; the group is told apart by more than its colour (a dashed line, a hollow point, and
 * 「順位付けしない」 written beside it). Its text is a darker grey, readable on white (contrast above 4.5:1).
 */
export const UNRANKED_COLOR = "#808080";
export const UNRANKED_TEXT = "#666666";
/** The band behind the chosen prefecture's row. */
export const CHOSEN_FILL = "#fff1b8";
/** Plot's text size in these charts, px. */
const FONT_SIZE = 10;

const byCode = (a, b) => a.prefecture_code.localeCompare(b.prefecture_code);

/**
 * Rows in the order a comparison shows them: those that can be ranked by share met (highest first, then by the
 * lower end of the interval, then by code), then the others in prefecture-code order, never by their shares.
 */
export function orderForComparison(rows) {
  const ranked = rows.filter((d) => d.rankable).sort((a, b) => b.share_met - a.share_met || b.share_met_low - a.share_met_low || byCode(a, b));
  const others = rows.filter((d) => !d.rankable).sort(byCode);
  return [...ranked, ...others];
}

/** The key of a period: "2023-2023". */
export function periodKey(d) {
  return `${d.period_start_fy}-${d.period_end_fy}`;
}

/** The periods of the rows, as {start, end, key}, single years first, then by start and end. */
export function periodsOf(rows) {
  const periods = new Map();
  for (const d of rows) periods.set(periodKey(d), {start: d.period_start_fy, end: d.period_end_fy, key: periodKey(d)});
  return [...periods.values()].sort((a, b) => (a.start === a.end ? 0 : 1) - (b.start === b.end ? 0 : 1) || a.start - b.start || a.end - b.end);
}

/** The coverages present in the rows, full reports first. */
export function coveragesOf(rows) {
  const present = new Set(rows.map((d) => d.coverage));
  return COVERAGE_ORDER.filter((c) => present.has(c));
}

/**
 * The default comparison: outcome KPIs of full reports (else of the first coverage present) over the single fiscal
 * year with the most assessments to compare (then the most prefectures, then the latest year).
 */
export function defaultView(summary) {
  const totals = summary.filter((d) => d.kpi_topic === "all");
  const coverage = coveragesOf(totals)[0] ?? "full_report";
  const kind = totals.some((d) => d.coverage === coverage && d.kpi_kind === "outcome") ? "outcome" : "all";
  return {coverage, kind, period: defaultPeriod(totals, coverage, kind)};
}

/** The single fiscal year with the most assessed KPIs for a coverage and kind (see defaultView); its key. */
export function defaultPeriod(summary, coverage, kind) {
  const rows = summary.filter((d) => d.kpi_topic === "all" && d.coverage === coverage && d.kpi_kind === kind);
  const periods = periodsOf(rows);
  const single = periods.filter((p) => p.start === p.end);
  const score = (p) => {
    const inPeriod = rows.filter((d) => periodKey(d) === p.key);
    return [inPeriod.reduce((n, d) => n + d.n_assessed, 0), inPeriod.filter((d) => d.n_assessed > 0).length, p.start];
  };
  const best = (single.length ? single : periods).map((p) => ({p, s: score(p)})).sort((a, b) => b.s[0] - a.s[0] || b.s[1] - a.s[1] || b.s[2] - a.s[2])[0];
  return best?.p.key ?? null;
}

/** 「令和5年度（FY2023）」 for a period key. */
export function formatPeriodKey(key) {
  const [start, end] = key.split("-").map(Number);
  return formatFiscalYears(start, end);
}

/**
 * 「47都道府県のうち8都道府県の資料があります：全事業の実施状況 2、取組事例（抜粋） 6、計画（目標のみ） 1」 from one row
 * per prefecture and coverage (comparisons.json); a prefecture with documents of two coverages counts in both.
 */
export function coverageSentence(prefectureCoverage) {
  const prefectures = new Set(prefectureCoverage.map((d) => d.prefecture_code));
  const counts = coverageCounts(prefectureCoverage);
  const parts = counts.map(({coverage, n}) => `${COVERAGE_LABELS[coverage] ?? coverage} ${n}`);
  const overlap = counts.reduce((n, c) => n + c.n, 0) > prefectures.size;
  return `47都道府県のうち${prefectures.size}都道府県の資料があります：${parts.join("、")}${overlap ? "（複数の種類の資料がある都道府県は、それぞれに数えています）" : ""}`;
}

/** Prefectures per coverage, in COVERAGE_ORDER: [{coverage, n, prefectures}]. */
export function coverageCounts(prefectureCoverage) {
  return coveragesOf(prefectureCoverage).map((coverage) => {
    const prefectures = prefectureCoverage.filter((d) => d.coverage === coverage).sort(byCode).map((d) => d.prefecture);
    return {coverage, n: new Set(prefectures).size, prefectures: [...new Set(prefectures)]};
  });
}

/** What a row's label beside the chart says: n, and why it is not ranked. */
export function nLabel(d, minRankedN) {
  if (d.n_assessed === 0) return "n=0\n期間終了の評価なし";
  return d.rankable ? `n=${formatNumber(d.n_assessed)}` : `n=${formatNumber(d.n_assessed)}\nn<${minRankedN}：順位付けしない`;
}

/**
 * One row per prefecture (already in orderForComparison's order): share met as a point, its Wilson 95% interval as a
 * line from share_met_low to share_met_high, and n beside it. A group not ranked is drawn grey, hollow, and says
 * so in its label; a group with nothing assessed has no point, only its label. The chosen prefecture's row has a band
 * behind it and its name in bold. The chart is an image with `title` and a summary as its text alternative.
 */
export function shareIntervalChart(rows, {width, minRankedN, title, chosen = null}) {
  const assessed = rows.filter((d) => d.n_assessed > 0);
  const ranked = assessed.filter((d) => d.rankable);
  const unranked = assessed.filter((d) => !d.rankable);
  const rankable = new Map(rows.map((d) => [d.prefecture, d.rankable]));
  const marginLeft = Math.max(48, ...rows.map((d) => textWidth(d.prefecture, FONT_SIZE) + 14));
  const marginRight = Math.max(...rows.map((d) => textWidth(nLabel(d, minRankedN), 11))) + 16;
  const rowHeight = 38;
  const tip = {
    channels: {
      都道府県: "prefecture",
      年度: (d) => formatFiscalYears(d.period_start_fy, d.period_end_fy),
      資料: (d) => COVERAGE_LABELS[d.coverage] ?? d.coverage,
      KPI: (d) => KIND_LABELS[d.kpi_kind] ?? d.kpi_kind,
      "評価件数（n）": (d) => formatNumber(d.n_assessed, "件"),
      達成: (d) => formatNumber(d.n_met, "件"),
      達成割合: (d) => formatPercent(d.share_met),
      "95%信頼区間": (d) => `${formatPercent(d.share_met_low)}〜${formatPercent(d.share_met_high)}`,
      順位付け: (d) => (d.rankable ? "対象" : `対象外（n<${minRankedN}）`),
    },
    tip: {lineWidth: width < 500 ? 18 : 28, format: {x: false, y: false}},
  };
  const svg = Plot.plot({
    width,
    height: 70 + rowHeight * Math.max(1, rows.length),
    marginLeft,
    marginRight,
    marginTop: 40,
    style: {fontSize: `${FONT_SIZE}px`},
    x: {domain: [0, 1], label: "達成割合と95%信頼区間", labelAnchor: "center", labelOffset: 32, tickFormat: (d) => formatPercent(d, 0), ticks: width - marginLeft - marginRight < 300 ? 3 : 5, grid: true, axis: "top"},
    y: {domain: rows.map((d) => d.prefecture), label: null},
    marks: [
      Plot.ruleY(rows.filter((d) => d.prefecture === chosen), {y: "prefecture", x1: 0, x2: 1, stroke: CHOSEN_FILL, strokeWidth: rowHeight - 6, className: "share-chosen"}),
      Plot.axisY({tickSize: 0, fontSize: FONT_SIZE, fill: {value: (p) => (rankable.get(p) ? "currentColor" : UNRANKED_TEXT), scale: null}}),
      Plot.ruleY(ranked, {y: "prefecture", x1: "share_met_low", x2: "share_met_high", stroke: RANKED_COLOR, strokeWidth: 2.5, className: "share-interval-ranked"}),
      Plot.ruleY(unranked, {y: "prefecture", x1: "share_met_low", x2: "share_met_high", stroke: UNRANKED_COLOR, strokeWidth: 2, strokeDasharray: "4,3", className: "share-interval-unranked"}),
      Plot.dot(ranked, {x: "share_met", y: "prefecture", r: 5, fill: RANKED_COLOR, stroke: "white", className: "share-point-ranked", ...tip}),
      Plot.dot(unranked, {x: "share_met", y: "prefecture", r: 5, fill: "white", stroke: UNRANKED_COLOR, strokeWidth: 2, className: "share-point-unranked", ...tip}),
      Plot.text(rows, {
        x: () => 1,
        y: "prefecture",
        text: (d) => nLabel(d, minRankedN),
        dx: 10,
        textAnchor: "start",
        lineHeight: 1.15,
        fontSize: 11,
        fill: {value: (d) => (d.rankable ? "currentColor" : UNRANKED_TEXT), scale: null},
        className: "share-n",
      }),
    ],
  });
  boldTick(svg, chosen);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `${title}。${intervalSummary(rows, minRankedN, chosen)}`);
  keepTipsOnScreen(svg);
  return svg;
}

/** The chosen prefecture's name in bold among a chart's tick labels. */
function boldTick(svg, chosen) {
  if (chosen == null) return;
  for (const t of svg.querySelectorAll('g[aria-label$="tick label"] text')) {
    if (t.textContent === chosen) t.setAttribute("font-weight", "bold");
  }
}

/**
 * What shareIntervalChart shows, in words: 「2都道府県。兵庫県 達成割合 50.0%（95%信頼区間 29.0%〜71.0%、n=18）、広島県 n=0
 * （期間終了の評価なし）。評価件数が5件未満の都道府県は順位付けしません。」
 */
export function intervalSummary(rows, minRankedN, chosen = null) {
  const one = (d) =>
    d.n_assessed === 0
      ? `${d.prefecture} n=0（期間終了の評価なし）`
      : `${d.prefecture} 達成割合 ${formatPercent(d.share_met)}（95%信頼区間 ${formatPercent(d.share_met_low)}〜${formatPercent(d.share_met_high)}、n=${formatNumber(d.n_assessed)}${d.rankable ? "" : "、順位付けしない"}）`;
  const parts = [`${rows.length}都道府県`, rows.map(one).join("、")];
  if (chosen && rows.some((d) => d.prefecture === chosen)) parts.push(`選んだ都道府県（${chosen}）を太字で示します`);
  return `${parts.join("。")}。評価件数が${minRankedN}件未満の都道府県は灰色で示し、順位付けしません。`;
}

/** The legend of shareIntervalChart, in words as well as marks. */
export function intervalLegend(minRankedN) {
  return html`<div class="share-legend">
    <span><svg width="30" height="12" aria-hidden="true"><line x1="1" x2="29" y1="6" y2="6" stroke=${RANKED_COLOR} stroke-width="2.5"></line><circle cx="15" cy="6" r="4.5" fill=${RANKED_COLOR}></circle></svg> 点: 達成割合、線: 95%信頼区間</span>
    <span><svg width="30" height="12" aria-hidden="true"><line x1="1" x2="29" y1="6" y2="6" stroke=${UNRANKED_COLOR} stroke-width="2" stroke-dasharray="4,3"></line><circle cx="15" cy="6" r="4.5" fill="white" stroke=${UNRANKED_COLOR} stroke-width="2"></circle></svg> 灰色: 評価件数が${minRankedN}件未満で順位付けしない（都道府県コード順に後ろへ）</span>
  </div>`;
}

// --- KPI分野ごとの達成割合: prefectures by topic ---------------------------------------------------------------------

/** The fill of a cell whose share is not compared (few assessments, or none over a complete period). */
export const NO_DATA_FILL = "#e0e0e0";

/** What a cell of topicHeatmap says: share and n where it can be ranked, else its counts (met/n), or 「n=0」. */
export function cellLabel(d) {
  if (d.rankable) return `${formatPercent(d.share_met, 0)}\nn=${d.n_assessed}`;
  return d.n_assessed > 0 ? `${d.n_met}/${d.n_assessed}\nn=${d.n_assessed}` : "n=0";
}

/**
 * How topicHeatmap lays out its grid at a width: prefectures as rows and topics as columns where every cell's text
 * fits its column and every topic's name fits in two lines above it; else turned round (topics as rows, prefectures
 * as columns) where that fits; else whichever gives wider columns, with the cells' texts shortened to what fits.
 * {rowsAre: "prefecture" | "topic", across, down, marginLeft, marginTop, column, cellText: "full" | "share" | "none"}.
 */
export function heatmapLayout({topics, prefectures, width, cellTextWidth}) {
  const layout = (rowsAre, across, down) => {
    const marginLeft = Math.max(40, ...down.map((t) => textWidth(t, FONT_SIZE) + 12));
    const column = (width - marginLeft - 8) / Math.max(1, across.length);
    const lines = Math.max(1, ...across.map((t) => wrapText(t, column - 6, FONT_SIZE).split("\n").length));
    return {rowsAre, across, down, marginLeft, column, lines};
  };
  const normal = layout("prefecture", topics, prefectures);
  const turned = layout("topic", prefectures, topics);
  const fits = (l) => l.column >= cellTextWidth && l.lines <= 2;
  const chosen = fits(normal) ? normal : fits(turned) ? turned : normal.column >= turned.column ? normal : turned;
  const cellText = chosen.column >= cellTextWidth ? "full" : chosen.column >= textWidth("100%", FONT_SIZE) + 6 ? "share" : "none";
  return {...chosen, marginTop: 10 + 12 * chosen.lines, cellText};
}

/**
 * Prefectures by KPI topic, coloured by share met, with every cell's count written in it. Only a cell that can be
 * ranked (rankable: enough assessments, loaders/analyze/sql/01_macros.sql) has a colour, its share and n; a smaller one
 * is grey with its counts (met / n), and one where nothing was assessed over a complete period is grey with 「n=0」.
 * The grid turns round on a narrow screen (heatmapLayout), so that no label overlaps another; the topics' names wrap
 * within their columns. The chosen prefecture's name is bold. An image with `title` as its text alternative.
 */
export function topicHeatmap(rows, {topics, prefectures, width, chosen = null, title}) {
  const cellTextWidth = Math.max(0, ...rows.map((d) => textWidth(cellLabel(d), FONT_SIZE))) + 8;
  const layout = heatmapLayout({topics, prefectures, width, cellTextWidth});
  const [x, y] = layout.rowsAre === "prefecture" ? ["topic_label", "prefecture"] : ["prefecture", "topic_label"];
  const rowHeight = layout.cellText === "full" ? 36 : 26;
  const tipChannels = {
    都道府県: "prefecture",
    KPIの分野: "topic_label",
    評価件数: (d) => formatNumber(d.n_kpis, "件"),
    "達成率のある件数（n）": (d) => formatNumber(d.n_assessed, "件"),
    達成: (d) => formatNumber(d.n_met, "件"),
    達成割合: (d) => (d.rankable ? `${formatPercent(d.share_met)}（95%信頼区間 ${formatPercent(d.share_met_low)}〜${formatPercent(d.share_met_high)}）` : "件数が少なく割合で比べない"),
    基準未満: (d) => formatNumber(d.n_below_threshold, "件"),
    達成率の中央値: (d) => formatPercent(d.median_achievement),
    期間途中: (d) => formatNumber(d.n_in_progress, "件"),
    要確認: (d) => formatNumber(d.n_flagged, "件"),
  };
  const tip = {lineWidth: width < 500 ? 18 : 28, format: {fill: false, x: false, y: false}};
  const text = layout.cellText === "full" ? cellLabel : layout.cellText === "share" ? (d) => cellLabel(d).split("\n")[0] : null;
  const svg = Plot.plot({
    width,
    height: layout.marginTop + rowHeight * layout.down.length + 4,
    marginLeft: layout.marginLeft,
    marginRight: 8,
    marginTop: layout.marginTop,
    marginBottom: 4,
    style: {fontSize: `${FONT_SIZE}px`},
    x: {domain: layout.across, axis: "top", tickSize: 0, label: null, tickFormat: (t) => wrapText(t, layout.column - 6, FONT_SIZE)},
    y: {domain: layout.down, tickSize: 0, label: null},
    color: {type: "linear", domain: [0, 1], scheme: "RdYlBu"},
    marks: [
      Plot.cell(rows.filter((d) => !d.rankable), {x, y, fill: NO_DATA_FILL, inset: 1, channels: tipChannels, tip, className: "cell-unranked"}),
      Plot.cell(rows.filter((d) => d.rankable), {x, y, fill: "share_met", inset: 1, channels: tipChannels, tip, className: "cell-ranked"}),
      text ? Plot.text(rows, {x, y, text, fill: "black", stroke: "white", strokeWidth: 3, paintOrder: "stroke", lineHeight: 1.1, fontSize: FONT_SIZE, className: "cell-label"}) : null,
    ],
  });
  boldTick(svg, chosen);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `${title}。${layout.rowsAre === "prefecture" ? "行が都道府県、列が KPI の分野" : "行が KPI の分野、列が都道府県"}です。数値は下の「データを表で見る」にあります。`);
  svg.dataset.rows = layout.rowsAre;
  keepTipsOnScreen(svg);
  return svg;
}

/** The colour scale of topicHeatmap and what its grey cells mean. */
export function heatmapLegend(minRankedN, {width}) {
  const ramp = Plot.legend({
    color: {type: "linear", domain: [0, 1], scheme: "RdYlBu"},
    label: "達成割合（達成 ÷ 評価済み、期間終了分）",
    tickFormat: (d) => formatPercent(d, 0),
    width: Math.min(320, width),
    marginLeft: 14,
    marginRight: 20,
    ticks: 5,
  });
  ramp.setAttribute("aria-hidden", "true");
  return html`<div class="prefectures-heatmap-legend">
    ${ramp}
    <p><span class="prefectures-swatch" style=${{background: NO_DATA_FILL}}></span> 灰色: 評価件数が${minRankedN}件未満で割合を比べない区分（達成件数/n）、または期間の終わった評価がない区分（n=0）。空白: その区分の KPI がない。</p>
  </div>`;
}

/** The topics in the order the heatmap shows them (TOPIC_LABELS' order), without the total. */
export const TOPIC_ORDER = Object.keys(TOPIC_LABELS).filter((t) => t !== "all");

// --- The page's state in its URL --------------------------------------------------------------------------------------

/** The URL parameters of 都道府県比較, in the order the URL writes them, with their names on the page. */
export const COMPARISON_PARAMS = {prefecture: "都道府県", period: "年度（期間）", coverage: "資料の種類", kind: "KPIの種類"};

/** The kinds of KPI a comparison can take, in the order the selector lists them. */
export const COMPARISON_KINDS = ["outcome", "output", "all"];

/** 「全体（成果＋活動）」, 「成果」: a kind as the selector names it. */
export function kindLabel(kind) {
  return kind === "all" ? "全体（成果＋活動）" : (KIND_LABELS[kind] ?? kind);
}

/** A period as the URL writes it, from 「2023-2023」, 「2023」, 「FY2023」 or 「2023–2024」; null when it is no period. */
export function parsePeriod(text) {
  const m = /^\s*(?:FY)?(\d{4})\s*(?:[-–~〜]\s*(?:FY)?(\d{4}))?\s*$/i.exec(String(text ?? ""));
  if (!m) return null;
  const [start, end] = [Number(m[1]), Number(m[2] ?? m[1])];
  return start <= end ? `${start}-${end}` : null;
}

/** The periods (keys) of the total rows of one coverage and kind. */
function periodKeys(totals, coverage, kind) {
  return periodsOf(totals.filter((d) => d.kpi_topic === "all" && d.coverage === coverage && d.kpi_kind === kind)).map((p) => p.key);
}

/**
 * The comparison's state from a URL query (location.search): {prefecture (a name), coverage, kind, period}, and what
 * could not be applied, [{key, value, reason}] in the order given. What is not given, or cannot be applied, takes the
 * default view (defaultView; the prefecture `fallback`). A prefecture is given by its name (兵庫県) or its code (28,
 * 8, 08); a coverage or a kind by its code (full_report, outcome) or its name on the page (全事業の実施状況, 成果); a period
 * as 2023-2023, 2023 or FY2023, and only one the chosen coverage and kind have is applied.
 * `prefectures`: [{code, name}] of the prefectures with data; `totals`: prefecture_summary's rows.
 */
export function readComparisonState(searchText, {prefectures, totals, fallback = null}) {
  const initial = defaultView(totals);
  const state = {prefecture: fallback ?? prefectures[0]?.name ?? null, coverage: initial.coverage, kind: initial.kind, period: null};
  const ignored = [];
  const ignore = (key, value, reason) => ignored.push({key, value, reason});
  const given = {};
  for (const [key, value] of new URLSearchParams(searchText)) {
    if (!Object.hasOwn(COMPARISON_PARAMS, key)) ignore(key, value, "このページにない指定です");
    else if (value.trim() !== "") given[key] = value.trim();
  }
  if (given.prefecture != null) {
    const v = given.prefecture;
    const code = /^\d{1,2}$/.test(v) ? v.padStart(2, "0") : null;
    const found = prefectures.find((p) => p.name === v || p.code === code);
    if (found) state.prefecture = found.name;
    else ignore("prefecture", v, code ? "資料のある都道府県のコードではありません" : "資料のある都道府県にありません");
  }
  const coverages = coveragesOf(totals);
  if (given.coverage != null) {
    const v = given.coverage;
    const found = coverages.find((c) => c === v || COVERAGE_LABELS[c] === v);
    if (found) state.coverage = found;
    else ignore("coverage", v, `選べる資料の種類（${coverages.map((c) => COVERAGE_LABELS[c] ?? c).join("、")}）ではありません`);
  }
  // without a kind, defaultView's choice for the coverage: outcome KPIs where it has any
  state.kind = totals.some((d) => d.kpi_topic === "all" && d.coverage === state.coverage && d.kpi_kind === "outcome") ? "outcome" : "all";
  if (given.kind != null) {
    const v = given.kind;
    const found = COMPARISON_KINDS.find((k) => k === v || KIND_LABELS[k] === v || kindLabel(k) === v);
    if (found) state.kind = found;
    else ignore("kind", v, "選べる KPI の種類（成果、活動、全体）ではありません");
  }
  const available = periodKeys(totals, state.coverage, state.kind);
  state.period = defaultPeriod(totals, state.coverage, state.kind);
  if (given.period != null) {
    const key = parsePeriod(given.period);
    if (key == null) ignore("period", given.period, "年度（期間）の書き方（例: 2023-2023）ではありません");
    else if (!available.includes(key)) ignore("period", given.period, `${COVERAGE_LABELS[state.coverage] ?? state.coverage}・${kindLabel(state.kind)}の評価がない年度（期間）です`);
    else state.period = key;
  }
  return {state, ignored};
}

/** The URL query of a state: ?prefecture=兵庫県&period=2023-2023&coverage=full_report&kind=outcome (what is null left out). */
export function comparisonSearch(state) {
  const params = new URLSearchParams();
  for (const key of Object.keys(COMPARISON_PARAMS)) if (state[key] != null) params.set(key, state[key]);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** 「URL の指定のうち、次のものは使えないため無視しました：都道府県「東京都」（…）」; null when everything applied. */
export function ignoredComparisonText(ignored) {
  if (!ignored.length) return null;
  const part = ({key, value, reason}) => (Object.hasOwn(COMPARISON_PARAMS, key) ? `${COMPARISON_PARAMS[key]}「${value}」（${reason}）` : `「${key}=${value}」（${reason}）`);
  return `URL の指定のうち、次のものは使えないため無視しました：${ignored.map(part).join("、")}。`;
}

/**
 * The comparison's four selectors in one form: 資料の種類, KPIの種類, 年度（期間） (the periods of the chosen coverage and
 * kind; a change of either keeps the period where the new one has it, else takes its default) and 都道府県. Its value
 * is the state {prefecture, coverage, kind, period}; it sends "input" when any changes, for Framework's view().
 */
export function comparisonControls(totals, prefectures, state) {
  const option = (value, label, selected) => html`<option value=${value} selected=${selected}>${label}</option>`;
  const field = (id, label, select) => html`<div class="comparison-field" id=${`${id}-select`}><label for=${`${id}-input`}>${label}</label>${select}</div>`;
  const coverage = html`<select id="coverage-input" name="coverage">${coveragesOf(totals).map((c) => option(c, COVERAGE_LABELS[c] ?? c, c === state.coverage))}</select>`;
  const kind = html`<select id="kind-input" name="kind">${COMPARISON_KINDS.map((k) => option(k, kindLabel(k), k === state.kind))}</select>`;
  const period = html`<select id="period-input" name="period"></select>`;
  const prefecture = html`<select id="prefecture-input" name="prefecture">${prefectures.map((p) => option(p.name, p.name, p.name === state.prefecture))}</select>`;
  const fillPeriods = (wanted) => {
    const keys = periodKeys(totals, coverage.value, kind.value);
    const value = keys.includes(wanted) ? wanted : defaultPeriod(totals, coverage.value, kind.value);
    period.replaceChildren(...keys.map((k) => option(k, formatPeriodKey(k), k === value)));
    period.disabled = keys.length === 0;
    if (value != null) period.value = value;
  };
  fillPeriods(state.period);
  const form = html`<form class="comparison-controls" id="comparison-controls" aria-label="比べる資料・KPI・年度と都道府県">
    ${field("coverage", "資料の種類", coverage)}
    ${field("kind", "KPIの種類", kind)}
    ${field("period", "年度（期間）", period)}
    ${field("prefecture", "都道府県", prefecture)}
  </form>`;
  form.onsubmit = (event) => event.preventDefault();
  // the periods follow the coverage and kind before anyone reads the form's value
  const follow = (event) => {
    if (event.target === coverage || event.target === kind) fillPeriods(period.value);
  };
  form.addEventListener("input", follow, true);
  Object.defineProperty(form, "value", {
    get: () => ({prefecture: prefecture.value, coverage: coverage.value, kind: kind.value, period: period.value || null}),
  });
  return form;
}
