// Charts of the prefecture and program pages. Every value from the data reaches the page through Plot, which sets
// text, never markup.
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {formatFigure, formatFiscalYears, formatNumber, formatPercent, formatTarget, wareki} from "./format.js";
import {assessmentStatusText, formatRatio} from "./programs.js";

export const STATUS_COLORS = {
  met: "#1a7f37",
  shortfall: "#d98c00",
  below_threshold: "#c62828",
  on_pace: "#5aa469",
  behind_pace: "#e06c00",
  no_actual: "#9e9e9e",
  no_target: "#7b8a97",
  target_zero: "#9e9e9e",
};

const NO_DATA_FILL = "#e0e0e0";

/**
 * Prefectures (rows) by a grouping (columns) coloured by share met, with every cell's count written in it. Only a cell
 * that can be ranked (rankable: enough assessments, loaders/analyze/sql/01_macros.sql) has a colour, its share and n;
 * a smaller one is grey with its counts (met / n), and one where nothing was assessed over a complete period is grey
 * with 「n=0」.
 */
export function shareMetCells(rows, {x, xLabel, xDomain, yDomain, width, title}) {
  const tipChannels = {
    都道府県: "prefecture",
    区分: x,
    評価件数: (d) => formatNumber(d.n_kpis, "件"),
    "達成率のある件数（n）": (d) => formatNumber(d.n_assessed, "件"),
    達成: (d) => formatNumber(d.n_met, "件"),
    達成割合: (d) => (d.rankable ? `${formatPercent(d.share_met)}（95%信頼区間 ${formatPercent(d.share_met_low)}〜${formatPercent(d.share_met_high)}）` : "件数が少なく割合で比べない"),
    基準未満: (d) => formatNumber(d.n_below_threshold, "件"),
    達成率の中央値: (d) => formatPercent(d.median_achievement),
    期間途中: (d) => formatNumber(d.n_in_progress, "件"),
    要確認: (d) => formatNumber(d.n_flagged, "件"),
  };
  const tip = {format: {fill: false, x: false, y: false}};
  const ranked = rows.filter((d) => d.rankable);
  const grey = rows.filter((d) => !d.rankable);
  const label = (d) => (d.rankable ? `${formatPercent(d.share_met, 0)}\nn=${d.n_assessed}` : d.n_assessed > 0 ? `${d.n_met}/${d.n_assessed}\nn=${d.n_assessed}` : "n=0");
  return Plot.plot({
    title,
    width,
    height: 60 + 40 * yDomain.length,
    marginLeft: 80,
    marginTop: 40,
    x: {domain: xDomain, label: xLabel, axis: "top", tickSize: 0},
    y: {domain: yDomain, label: "都道府県", tickSize: 0},
    color: {type: "linear", domain: [0, 1], scheme: "RdYlBu", legend: true, width: Math.min(320, width), marginLeft: 12, marginRight: 12, label: "達成割合（達成 ÷ 評価済み、期間終了分）", tickFormat: (d) => formatPercent(d, 0)},
    marks: [
      Plot.cell(grey, {x, y: "prefecture", fill: NO_DATA_FILL, inset: 1, channels: tipChannels, tip, className: "cell-unranked"}),
      Plot.cell(ranked, {x, y: "prefecture", fill: "share_met", inset: 1, channels: tipChannels, tip, className: "cell-ranked"}),
      Plot.text(rows, {x, y: "prefecture", text: label, fill: "black", stroke: "white", strokeWidth: 3, paintOrder: "stroke", lineHeight: 1.1, fontSize: 11}),
    ],
  });
}

/** The swatch that explains the grey cells of shareMetCells. */
export function noDataSwatch(minRankedN) {
  return html`<div style=${{fontSize: "13px"}}><span style=${{display: "inline-block", width: "12px", height: "12px", background: NO_DATA_FILL, verticalAlign: "-1px"}}></span> 灰色: 評価件数が${minRankedN}件未満で割合を比べない区分（達成件数/n）、または期間の終わった評価がない区分（n=0）。空白: その区分のKPIがない。</div>`;
}

/**
 * One assessment as a bullet chart: the target as a grey bar, the actual as a bar coloured by status with the target
 * marked on it as a black tick (and, for a period still running, the target pro-rated to the months covered as a
 * dashed tick), each labelled with its figure and unit.
 */
export function bulletChart(a, {width}) {
  const unit = a.unit ?? "";
  const marks = [];
  const values = [a.target, a.actual, a.is_partial ? a.prorated_target : null].filter((v) => v != null);
  const targetText = formatTarget(a.target, unit, a.target_op, {approximate: a.target_approximate});
  const actualText = formatFigure(a.actual, unit, {approximate: a.actual_approximate});
  const max = Math.max(1, ...values) * 1.25;
  const tipText = [
    `${a.kpi_name}（${formatFiscalYears(a.period_start_fy, a.period_end_fy)}）`,
    `目標: ${targetText}`,
    `実績: ${actualText}`,
    a.is_partial && a.prorated_target != null ? `按分した目標: ${formatNumber(a.prorated_target, unit)}` : null,
    `達成率: ${formatRatio(a)}`,
    `評価: ${assessmentStatusText(a)}`,
  ]
    .filter(Boolean)
    .join("\n");
  if (a.actual != null) {
    marks.push(Plot.barX([a], {x: "actual", y: () => "実績", fill: STATUS_COLORS[a.status] ?? "#777", title: () => tipText, tip: true}));
    marks.push(Plot.text([a], {x: "actual", y: () => "実績", text: () => actualText, textAnchor: "start", dx: 4}));
  } else {
    marks.push(Plot.text([a], {x: 0, y: () => "実績", text: () => "実績の記載なし", textAnchor: "start", dx: 4, fill: "#666"}));
  }
  if (a.target != null) {
    // one tooltip per chart: on the actual's bar, or on the target's when there is no actual
    marks.push(Plot.barX([a], {x: "target", y: () => "目標", fill: "#d0d7de", title: () => tipText, tip: a.actual == null}));
    marks.push(Plot.tickX([a], {x: "target", y: () => "実績", stroke: "black", strokeWidth: 2}));
    marks.push(Plot.text([a], {x: "target", y: () => "目標", text: () => targetText, textAnchor: "start", dx: 4}));
    if (a.is_partial && a.prorated_target != null) {
      marks.push(Plot.tickX([a], {x: "prorated_target", y: () => "実績", stroke: "black", strokeDasharray: "3,2", strokeWidth: 1.5}));
    }
  } else {
    marks.push(Plot.text([a], {x: 0, y: () => "目標", text: () => "目標の記載なし", textAnchor: "start", dx: 4, fill: "#666"}));
  }
  return Plot.plot({
    width,
    height: 80,
    marginLeft: 40,
    marginRight: 20,
    x: {domain: [0, max], label: `値（${unit}）`, grid: true, ticks: 4, tickFormat: (d) => formatNumber(d)},
    y: {domain: ["目標", "実績"], label: null},
    marks: [...marks, Plot.ruleX([0])],
  });
}

/**
 * An indicator's actuals across fiscal years (series: its kpi_series rows), with each year's target as a hollow
 * dot, and each multi-year target (periodTargets: assessments of the indicator spanning 2+ years) as a dashed
 * line across its years; for a target summed over its years the running total of the actuals is drawn too. A year
 * whose figure is only part of the year (is_partial: as of a date before the year ended) is a hollow point labelled
 * 「年度途中（YYYY-MM-DD時点）」 and is not joined to the whole years, so that it never reads as a decline.
 */
export function seriesChart(series, periodTargets, {width, unit}) {
  const years = series.map((d) => d.fiscal_year);
  for (const t of periodTargets) years.push(t.period_start_fy, t.period_end_fy);
  const [min, max] = [Math.min(...years), Math.max(...years)];
  const actuals = series.filter((d) => d.actual != null);
  const whole = actuals.filter((d) => !d.is_partial);
  const partial = actuals.filter((d) => d.is_partial);
  const summed = periodTargets.filter((t) => t.aggregation === "sum");
  const running = [];
  for (const t of summed) {
    let total = 0;
    const inPeriod = actuals.filter((d) => d.fiscal_year >= t.period_start_fy && d.fiscal_year <= t.period_end_fy);
    inPeriod.forEach((d, i) => {
      total += d.actual;
      running.push({fiscal_year: d.fiscal_year, total, target: t, first: i === 0, is_partial: d.is_partial, actual_as_of: d.actual_as_of});
    });
  }
  // the running total of the first year is that year's actual, already labelled
  const later = running.filter((d) => !d.first);
  const asOf = (d) => (d.actual_as_of ? `（${d.actual_as_of}時点）` : "");
  const targetLabel = (t) => `目標 ${formatNumber(t.target, unit)}（${formatFiscalYears(t.period_start_fy, t.period_end_fy)}${t.aggregation === "sum" ? "の合計" : ""}）`;
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 60,
    marginRight: 30,
    x: {domain: [min - 0.5, max + 0.5], ticks: yearsBetween(min, max), tickFormat: wareki, label: "年度"},
    y: {label: `実績（${unit}）`, grid: true, zero: true, tickFormat: (d) => formatNumber(d)},
    marks: [
      Plot.ruleY(periodTargets, {y: "target", x1: (t) => t.period_start_fy - 0.4, x2: (t) => t.period_end_fy + 0.4, stroke: "black", strokeDasharray: "6,3"}),
      Plot.text(periodTargets, {y: "target", x: (t) => t.period_end_fy + 0.4, text: targetLabel, textAnchor: "end", dy: -8}),
      Plot.line(running, {x: "fiscal_year", y: "total", z: (d) => d.target.record_id, stroke: "#6a51a3", strokeDasharray: "2,3"}),
      Plot.dot(later, {x: "fiscal_year", y: "total", stroke: "#6a51a3", symbol: "diamond", title: (d) => `${formatFiscalYears(d.fiscal_year)}までの累計: ${formatNumber(d.total, unit)}${asOf(d)}`, tip: true}),
      Plot.text(later, {x: "fiscal_year", y: "total", text: (d) => `累計 ${formatNumber(d.total, unit)}${asOf(d)}`, dx: 8, textAnchor: "start", fill: "#6a51a3"}),
      Plot.dot(series.filter((d) => d.target != null), {x: "fiscal_year", y: "target", stroke: "black", r: 5, title: (d) => `${formatFiscalYears(d.fiscal_year)} 目標: ${formatNumber(d.target, unit)}`, tip: true}),
      Plot.line(whole, {x: "fiscal_year", y: "actual", stroke: "#1f77b4", className: "series-line"}),
      Plot.dot(whole, {x: "fiscal_year", y: "actual", fill: "#1f77b4", r: 4, title: (d) => `${formatFiscalYears(d.fiscal_year)} 実績: ${formatNumber(d.actual, unit)}${asOf(d)}`, tip: true, className: "series-whole"}),
      Plot.text(whole, {x: "fiscal_year", y: "actual", text: (d) => `${formatNumber(d.actual, unit)}${asOf(d)}`, dy: 14, fill: "#1f77b4"}),
      Plot.dot(partial, {x: "fiscal_year", y: "actual", fill: "white", stroke: "#1f77b4", strokeWidth: 1.5, strokeDasharray: "2,2", r: 5, title: (d) => `${formatFiscalYears(d.fiscal_year)} 実績: ${formatNumber(d.actual, unit)}\n${partialYearText(d)}: 年度全体の実績ではありません`, tip: true, className: "series-partial"}),
      Plot.text(partial, {x: "fiscal_year", y: "actual", text: (d) => `${formatNumber(d.actual, unit)}\n${partialYearText(d)}`, dy: 20, lineHeight: 1.2, fill: "#1f77b4", className: "series-partial-label"}),
    ],
  });
}

/** 「年度途中（2024-12-31時点）」: a year's figure that covers only part of it. */
export function partialYearText(d) {
  return d.actual_as_of ? `年度途中（${d.actual_as_of}時点）` : "年度途中";
}

function yearsBetween(min, max) {
  const years = [];
  for (let y = min; y <= max; y++) years.push(y);
  return years;
}
