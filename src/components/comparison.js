// Comparing prefectures like with like (都道府県比較): one period, one coverage of document and one kind of KPI at a
// time; share met drawn with its Wilson 95% interval and its n; groups too small to rank (rankable false, the rule of
// loaders/analyze/sql/01_macros.sql) drawn grey and put after the ranked ones. Text from the data reaches the page
// through Plot's text and htl, never as markup.
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {COVERAGE_LABELS, COVERAGE_ORDER, formatFiscalYears, formatNumber, formatPercent, KIND_LABELS} from "./format.js";

export const RANKED_COLOR = "#1f4e9c";
/** Grey of the marks of a group not ranked; its text is a darker grey, readable on white (contrast above 4.5:1). */
export const UNRANKED_COLOR = "#a0a0a0";
export const UNRANKED_TEXT = "#666666";

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
 * so in its label; a group with nothing assessed has no point, only its label.
 */
export function shareIntervalChart(rows, {width, minRankedN, title}) {
  const assessed = rows.filter((d) => d.n_assessed > 0);
  const ranked = assessed.filter((d) => d.rankable);
  const unranked = assessed.filter((d) => !d.rankable);
  const rankable = new Map(rows.map((d) => [d.prefecture, d.rankable]));
  const marginRight = 128;
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
    tip: {format: {x: false, y: false}},
  };
  return Plot.plot({
    ariaLabel: title,
    width,
    height: 70 + 38 * Math.max(1, rows.length),
    marginLeft: 72,
    marginRight,
    marginTop: 30,
    x: {domain: [0, 1], label: "達成割合と95%信頼区間", labelAnchor: "center", tickFormat: (d) => formatPercent(d, 0), ticks: width < 520 ? 3 : 5, grid: true, axis: "top"},
    y: {domain: rows.map((d) => d.prefecture), label: null},
    marks: [
      Plot.axisY({tickSize: 0, fill: {value: (p) => (rankable.get(p) ? "currentColor" : UNRANKED_TEXT), scale: null}}),
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
}

/** The legend of shareIntervalChart, in words as well as marks. */
export function intervalLegend(minRankedN) {
  return html`<div class="share-legend">
    <span><svg width="30" height="12" aria-hidden="true"><line x1="1" x2="29" y1="6" y2="6" stroke=${RANKED_COLOR} stroke-width="2.5"></line><circle cx="15" cy="6" r="4.5" fill=${RANKED_COLOR}></circle></svg> 点: 達成割合、線: 95%信頼区間</span>
    <span><svg width="30" height="12" aria-hidden="true"><line x1="1" x2="29" y1="6" y2="6" stroke=${UNRANKED_COLOR} stroke-width="2" stroke-dasharray="4,3"></line><circle cx="15" cy="6" r="4.5" fill="white" stroke=${UNRANKED_COLOR} stroke-width="2"></circle></svg> 灰色: 評価件数が${minRankedN}件未満で順位付けしない（都道府県コード順に後ろへ）</span>
  </div>`;
}
