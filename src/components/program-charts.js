// Charts of the prefecture and program pages, with what the program pages' charts show as text (an aria-label) and as
// a table, and the layout that keeps their labels apart and their tooltips on screen. Every value from the data
// reaches the page through Plot or htl, which set text, never markup.
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {formatFigure, formatFiscalYears, formatNumber, formatPercent, formatTarget, wareki} from "./format.js";
import {assessmentStatusText, formatRatio} from "./program-list.js";
import {isInProgress} from "../lib/status.js";

/** The colour of an actual's bar by its status: each a mark at 3:1 or more against the page and the cards (#f6f6f7). */
export const STATUS_COLORS = {
  met: "#1a7f37",
  shortfall: "#a87000",
  below_threshold: "#c62828",
  on_pace: "#3b8c4d",
  behind_pace: "#c25a00",
  no_actual: "#6f7780",
  no_target: "#7b8a97",
  target_zero: "#6f7780",
};

/** The target's bar of a bullet chart: grey, yet 3:1 against the page and the cards (a mark, WCAG 1.4.11). */
export const TARGET_FILL = "#848d97";
/** The actuals of a series chart, its points and their labels: 4.5:1 against the cards, as text must be. */
export const SERIES_COLOR = "#1a6aa6";
/** The running total of a summed target. */
export const RUNNING_COLOR = "#6a51a3";

/** A label drawn over a line stays readable: a halo of the card's background around its letters (give it a fill: with
 * a stroke, Plot's text has none by default). */
const HALO = {stroke: "var(--theme-background-alt)", strokeWidth: 3, paintOrder: "stroke"};

/** Plot's text size in the charts (px), for the widths estimated before a chart is drawn. */
const FONT_SIZE = 10;

/** About how wide a text is in px at Plot's font size: a full-width character 1 em, others 0.6 em (longest line). */
export function textWidth(text, fontSize = FONT_SIZE) {
  return Math.max(0, ...String(text).split("\n").map((line) => [...line].reduce((w, c) => w + (/[\u0000-\u00ff]/.test(c) ? 0.6 : 1) * fontSize, 0)));
}

/**
 * A chart's tooltips: never cut (Plot cuts a line longer than lineWidth with an ellipsis; the lines are broken
 * beforehand by wrapText instead), and kept on screen by keepTipsOnScreen.
 */
const TIP = {lineWidth: Infinity};

/** The widest a tooltip's line may be in a chart `width` px wide: narrower than the chart, at most 260 px. */
function tipLineWidth(width) {
  return Math.max(120, Math.min(260, width - 40));
}

/**
 * Breaks each line of a text so that none is wider than maxWidth px (by textWidth): between any two full-width
 * characters, never inside a run of others (a number, a date, FY2023–2024).
 */
export function wrapText(text, maxWidth, fontSize = FONT_SIZE) {
  return String(text)
    .split("\n")
    .flatMap((line) => {
      const lines = [];
      let current = "";
      for (const token of line.match(/[\u0000-\u00ff\u2013]+|./gsu) ?? []) {
        if (current && textWidth(current + token, fontSize) > maxWidth) {
          lines.push(current);
          current = token.trimStart();
        } else current += token;
      }
      lines.push(current);
      return lines;
    })
    .join("\n");
}

/** 「令和5〜6年度」: fiscal years in the Japanese era only, for labels that must be short. */
function eraYears(start, end = start) {
  return formatFiscalYears(start, end).replace(/（FY[^）]*）$/, "");
}

/**
 * What a bullet chart shows, as its text alternative: 「就職者数（令和5年度（FY2023））の目標と実績の棒グラフ: 目標 200人、
 * 実績 91人、達成率 45.5%、評価 基準未満（要確認）」.
 */
export function bulletChartLabel(a) {
  const unit = a.unit ?? "";
  const parts = [
    `目標 ${a.target == null ? "記載なし" : formatTarget(a.target, unit, a.target_op, {approximate: a.target_approximate})}`,
    `実績 ${a.actual == null ? "記載なし" : formatFigure(a.actual, unit, {approximate: a.actual_approximate})}`,
    a.is_partial && a.prorated_target != null ? `経過月数で按分した目標 ${formatNumber(a.prorated_target, unit)}` : null,
    `達成率 ${formatRatio(a)}`,
    `評価 ${assessmentStatusText(a)}`,
  ];
  return `${a.kpi_name}（${formatFiscalYears(a.period_start_fy, a.period_end_fy)}）の目標と実績の棒グラフ: ${parts.filter(Boolean).join("、")}`;
}

/** A bullet chart's figures as a table (its 「データを表で見る」). */
export function bulletChartTable(a) {
  const unit = a.unit ?? "";
  const rows = [
    ["目標", formatTarget(a.target, unit, a.target_op, {approximate: a.target_approximate})],
    ["実績", formatFigure(a.actual, unit, {approximate: a.actual_approximate})],
    ...(a.is_partial && a.prorated_target != null ? [["按分した目標", formatNumber(a.prorated_target, unit)]] : []),
    [isInProgress(a.status) ? "進捗率" : "達成率", formatRatio(a)],
    ["評価", assessmentStatusText(a)],
  ];
  return html`<table class="programs-chart-table"><caption>${a.kpi_name}（${formatFiscalYears(a.period_start_fy, a.period_end_fy)}）</caption><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody></table>`;
}

/**
 * One assessment as a bullet chart: the target as a grey bar, the actual as a bar coloured by status with the target
 * marked on it as a black tick (and, for a period still running, the target pro-rated to the months covered as a
 * dashed tick), each labelled with its figure and unit. The scale leaves room for the labels after the bars, and the
 * svg is an image named by bulletChartLabel.
 */
export function bulletChart(a, {width}) {
  const unit = a.unit ?? "";
  const marks = [];
  const values = [a.target, a.actual, a.is_partial ? a.prorated_target : null].filter((v) => v != null);
  const targetText = formatTarget(a.target, unit, a.target_op, {approximate: a.target_approximate});
  const actualText = formatFigure(a.actual, unit, {approximate: a.actual_approximate});
  const [marginLeft, marginRight] = [40, 16];
  const plotWidth = Math.max(1, width - marginLeft - marginRight);
  const tipWidth = tipLineWidth(width);
  // a domain wide enough that the label after each bar fits inside the chart
  let max = Math.max(1, ...values) * 1.1;
  for (const [value, text] of [[a.target, targetText], [a.actual, actualText]]) {
    const room = plotWidth - textWidth(text) - 8;
    if (value != null && value > 0 && room > plotWidth / 4) max = Math.max(max, (value * plotWidth) / room);
  }
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
    marks.push(Plot.barX([a], {x: "actual", y: () => "実績", fill: STATUS_COLORS[a.status] ?? "#6f7780", title: () => wrapText(tipText, tipWidth), tip: TIP, className: "bullet-actual"}));
    marks.push(Plot.text([a], {x: "actual", y: () => "実績", text: () => actualText, textAnchor: "start", dx: 4, className: "chart-label"}));
  } else {
    marks.push(Plot.text([a], {x: 0, y: () => "実績", text: () => "実績の記載なし", textAnchor: "start", dx: 4, fill: "#595959", className: "chart-label"}));
  }
  if (a.target != null) {
    // one tooltip per chart: on the actual's bar, or on the target's when there is no actual
    marks.push(Plot.barX([a], {x: "target", y: () => "目標", fill: TARGET_FILL, title: () => wrapText(tipText, tipWidth), tip: a.actual == null ? TIP : false, className: "bullet-target"}));
    marks.push(Plot.tickX([a], {x: "target", y: () => "実績", stroke: "black", strokeWidth: 2}));
    marks.push(Plot.text([a], {x: "target", y: () => "目標", text: () => targetText, textAnchor: "start", dx: 4, className: "chart-label"}));
    if (a.is_partial && a.prorated_target != null) {
      marks.push(Plot.tickX([a], {x: "prorated_target", y: () => "実績", stroke: "black", strokeDasharray: "3,2", strokeWidth: 1.5}));
    }
  } else {
    marks.push(Plot.text([a], {x: 0, y: () => "目標", text: () => "目標の記載なし", textAnchor: "start", dx: 4, fill: "#595959", className: "chart-label"}));
  }
  const svg = Plot.plot({
    width,
    height: 84,
    marginLeft,
    marginRight,
    // the bars' labels carry the unit; an axis label would only crowd the last tick
    x: {domain: [0, max], label: null, grid: true, ticks: Math.max(2, Math.min(5, Math.floor(plotWidth / 70))), tickFormat: (d) => formatNumber(d)},
    y: {domain: ["目標", "実績"], label: null},
    marks: [...marks, Plot.ruleX([0])],
  });
  return asImage(svg, bulletChartLabel(a));
}

/**
 * What a series chart shows, as its text alternative: 「正社員就職件数の年度ごとの実績（件）の折れ線グラフ: 令和5年度 3,121件、
 * 令和6年度 2,163件（年度途中、2024-12-31時点）。目標 3,200件（令和5〜6年度の合計）」.
 */
export function seriesChartLabel(series, periodTargets, unit) {
  const years = series.map((d) => `${eraYears(d.fiscal_year)} ${d.actual == null ? "実績なし" : formatNumber(d.actual, unit)}${d.is_partial ? `（年度途中${d.actual_as_of ? `、${d.actual_as_of}時点` : ""}）` : ""}${d.target != null ? `（目標 ${formatNumber(d.target, unit)}）` : ""}`);
  const targets = periodTargets.map((t) => `目標 ${formatNumber(t.target, unit)}（${eraYears(t.period_start_fy, t.period_end_fy)}${t.aggregation === "sum" ? "の合計" : ""}）`);
  return `${series[0]?.kpi_name ?? ""}の年度ごとの実績（${unit}）の折れ線グラフ: ${years.join("、")}${targets.length ? `。${targets.join("、")}` : ""}`;
}

/**
 * An indicator's actuals across fiscal years (series: its kpi_series rows), with each year's target as a hollow
 * dot, and each multi-year target (periodTargets: assessments of the indicator spanning 2+ years) as a dashed
 * line across its years; for a target summed over its years the running total of the actuals is drawn too, dotted.
 * A year whose figure is only part of the year (is_partial: as of a date before the year ended) is a hollow point
 * labelled 「年度途中（YYYY-MM-DD時点）」 and is not joined to the whole years by the solid line, so that it never
 * reads as a decline. On a narrow chart the year ticks are thinned and long labels broken into two lines; the labels
 * are then moved apart or left out where they would still overlap (placeLabels). The svg is an image named by
 * seriesChartLabel.
 */
export function seriesChart(series, periodTargets, {width, unit}) {
  const years = series.map((d) => d.fiscal_year);
  for (const t of periodTargets) years.push(t.period_start_fy, t.period_end_fy);
  const [min, max] = [Math.min(...years), Math.max(...years)];
  const [marginLeft, marginRight] = [60, 20];
  const plotWidth = Math.max(1, width - marginLeft - marginRight);
  const narrow = width < 520;
  const tipWidth = tipLineWidth(width);
  const br = narrow ? "\n" : "";
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
  const targetLabel = (t) => `目標 ${formatNumber(t.target, unit)}${br}（${eraYears(t.period_start_fy, t.period_end_fy)}${t.aggregation === "sum" ? "の合計" : ""}）`;
  const runningLabel = (d) => `累計 ${formatNumber(d.total, unit)}${d.actual_as_of ? br : ""}${asOf(d)}`;
  // one tick per year, or every second or third year when their labels would not fit side by side
  const all = yearsBetween(min, max);
  const step = Math.max(1, Math.ceil((textWidth(wareki(min)) + 10) / (plotWidth / all.length)));
  const ticks = all.filter((_, i) => i % step === 0);
  // a label right of a point at the last year would leave the chart: it goes left of it
  const atEnd = (d) => d.fiscal_year === max;
  const svg = Plot.plot({
    width,
    height: 280,
    marginLeft,
    marginRight,
    marginTop: 30,
    // the ticks say 年度 themselves; an axis label would only crowd the last one
    x: {domain: [min - 0.5, max + 0.5], ticks, tickFormat: wareki, label: null},
    y: {label: `実績（${unit}）`, grid: true, zero: true, nice: true, tickFormat: (d) => formatNumber(d)},
    marks: [
      Plot.ruleY(periodTargets, {y: "target", x1: (t) => t.period_start_fy - 0.4, x2: (t) => t.period_end_fy + 0.4, stroke: "black", strokeDasharray: "6,3"}),
      Plot.text(periodTargets, {y: "target", x: (t) => t.period_end_fy + 0.4, text: targetLabel, textAnchor: "end", lineAnchor: "bottom", dy: -4, fill: "currentColor", className: "chart-label", ...HALO}),
      Plot.line(running, {x: "fiscal_year", y: "total", z: (d) => d.target.record_id, stroke: RUNNING_COLOR, strokeDasharray: "2,3", className: "series-running"}),
      Plot.dot(later, {x: "fiscal_year", y: "total", stroke: RUNNING_COLOR, symbol: "diamond", title: (d) => wrapText(`${formatFiscalYears(d.fiscal_year)}までの累計: ${formatNumber(d.total, unit)}${asOf(d)}`, tipWidth), tip: TIP}),
      Plot.text(later.filter((d) => !atEnd(d)), {x: "fiscal_year", y: "total", text: runningLabel, dx: 8, textAnchor: "start", fill: RUNNING_COLOR, className: "chart-label", ...HALO}),
      Plot.text(later.filter(atEnd), {x: "fiscal_year", y: "total", text: runningLabel, dx: -8, textAnchor: "end", fill: RUNNING_COLOR, className: "chart-label", ...HALO}),
      Plot.dot(series.filter((d) => d.target != null), {x: "fiscal_year", y: "target", stroke: "black", r: 5, title: (d) => wrapText(`${formatFiscalYears(d.fiscal_year)} 目標: ${formatNumber(d.target, unit)}`, tipWidth), tip: TIP}),
      Plot.line(whole, {x: "fiscal_year", y: "actual", stroke: SERIES_COLOR, className: "series-line"}),
      Plot.dot(whole, {x: "fiscal_year", y: "actual", fill: SERIES_COLOR, r: 4, title: (d) => wrapText(`${formatFiscalYears(d.fiscal_year)} 実績: ${formatNumber(d.actual, unit)}${asOf(d)}`, tipWidth), tip: TIP, className: "series-whole"}),
      Plot.text(whole, {x: "fiscal_year", y: "actual", text: (d) => `${formatNumber(d.actual, unit)}${asOf(d)}`, dy: 14, fill: SERIES_COLOR, className: "chart-label", ...HALO}),
      Plot.dot(partial, {x: "fiscal_year", y: "actual", fill: "white", stroke: SERIES_COLOR, strokeWidth: 1.5, strokeDasharray: "2,2", r: 5, title: (d) => wrapText(`${formatFiscalYears(d.fiscal_year)} 実績: ${formatNumber(d.actual, unit)}\n${partialYearText(d)}: 年度全体の実績ではありません`, tipWidth), tip: TIP, className: "series-partial"}),
      Plot.text(partial, {x: "fiscal_year", y: "actual", text: (d) => `${formatNumber(d.actual, unit)}\n${partialYearText(d)}`, lineAnchor: "top", dy: 9, lineHeight: 1.2, fill: SERIES_COLOR, className: "chart-label series-partial-label", ...HALO}),
    ],
  });
  return asImage(svg, seriesChartLabel(series, periodTargets, unit));
}

/**
 * An indicator's figures by year as a table (a series chart's 「データを表で見る」): the year, its target, its actual
 * and when it was counted, the running total for a summed target, and the sources (sourceLinks(refs) → nodes).
 */
export function seriesChartTable(series, periodTargets, {unit, sourceLinks = (refs) => refs ?? ""}) {
  const summed = periodTargets.find((t) => t.aggregation === "sum");
  let total = 0;
  const rows = series.map((d) => {
    const inPeriod = summed && d.actual != null && d.fiscal_year >= summed.period_start_fy && d.fiscal_year <= summed.period_end_fy;
    if (inPeriod) total += d.actual;
    return {...d, total: inPeriod ? total : null};
  });
  return html`<table class="programs-chart-table series-table">
    <caption>${series[0]?.kpi_name ?? ""}（${unit}）${periodTargets.length ? `。${periodTargets.map((t) => `目標 ${formatNumber(t.target, unit)}（${eraYears(t.period_start_fy, t.period_end_fy)}${t.aggregation === "sum" ? "の合計" : ""}）`).join("、")}` : ""}</caption>
    <thead><tr><th scope="col">年度</th><th scope="col">目標</th><th scope="col">実績</th><th scope="col">実績の時点</th>${summed ? html`<th scope="col">累計</th>` : null}<th scope="col">出典</th></tr></thead>
    <tbody>${rows.map((d) => html`<tr>
      <td>${formatFiscalYears(d.fiscal_year)}</td>
      <td class="programs-number">${formatNumber(d.target, unit)}</td>
      <td class="programs-number">${formatNumber(d.actual, unit)}</td>
      <td>${d.is_partial ? partialYearText(d) : d.actual_as_of ?? ""}</td>
      ${summed ? html`<td class="programs-number">${d.total == null ? "" : formatNumber(d.total, unit)}</td>` : null}
      <td>${sourceLinks(d.source_refs)}</td>
    </tr>`)}</tbody>
  </table>`;
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

/**
 * A chart as an image for assistive technology: role="img" and its aria-label saying what it shows. Once the chart
 * is on the page, its labels are placed so that none overlaps another (placeLabels), and the svg is marked
 * data-labels-placed.
 */
function asImage(svg, label) {
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.classList.add("programs-chart-svg");
  keepTipsOnScreen(svg);
  whenLaidOut(svg, () => {
    placeLabels(svg);
    svg.dataset.labelsPlaced = "true";
  });
  return svg;
}

/**
 * Keeps a chart's tooltips inside the chart (or the window, for one wider than the chart): Plot turns a tooltip to
 * whichever side of its point it fits in the chart, and where it fits on neither (a phone), this moves it sideways.
 */
export function keepTipsOnScreen(svg) {
  if (typeof MutationObserver !== "function") return;
  const clamp = () => {
    const box = svg.getBoundingClientRect();
    const scale = box.width / (svg.viewBox?.baseVal?.width || 1) || 1;
    for (const tip of svg.querySelectorAll('g[aria-label="tip"]:not([visibility]) > g')) {
      const r = tip.getBoundingClientRect();
      if (r.width === 0) continue;
      // inside the chart when it fits there, else inside the window
      const [left, right] = r.width <= box.width - 4 ? [box.left + 2, box.right - 2] : [4, document.documentElement.clientWidth - 4];
      const dx = r.left < left ? left - r.left : r.right > right ? Math.max(right - r.right, left - r.left) : 0;
      if (dx === 0) continue;
      const m = /^translate\(([-\d.e]+),([-\d.e]+)\)/.exec(tip.getAttribute("transform") ?? "");
      if (m) tip.setAttribute("transform", `translate(${Number(m[1]) + dx / scale},${m[2]})`);
    }
  };
  new MutationObserver(clamp).observe(svg, {subtree: true, childList: true, attributes: true, attributeFilter: ["visibility"]});
}

/** Calls fn once the element is on the page and has a size (a chart is drawn before resize() puts it in). */
function whenLaidOut(element, fn, tries = 120) {
  if (typeof requestAnimationFrame !== "function") return;
  requestAnimationFrame(() => {
    if (element.isConnected && element.getBoundingClientRect().width > 0) fn();
    else if (tries > 0) whenLaidOut(element, fn, tries - 1);
  });
}

/**
 * Lays out a drawn chart's text so that no two labels overlap and none leaves the chart: the axes' labels stay, a
 * tick label that would overlap an earlier one is left out, and each other label (the marks' figures) is moved
 * inside the chart, then up or down a line if it would overlap a text, a point or a bar already there; a label with
 * no free place is left out (its figure is in the chart's table and tooltip). Tooltips are left alone. Can be run
 * again: each label starts from where Plot put it.
 */
export function placeLabels(svg) {
  const box = svg.getBoundingClientRect();
  const scale = box.width / (svg.viewBox?.baseVal?.width || box.width || 1) || 1;
  const inTip = (el) => el.closest('[aria-label="tip"]');
  const texts = [...svg.querySelectorAll("text")].filter((t) => !inTip(t));
  for (const t of texts) {
    if (t.dataset.transform === undefined) t.dataset.transform = t.getAttribute("transform") ?? "";
    else t.setAttribute("transform", t.dataset.transform);
    t.removeAttribute("display");
  }
  const rel = (el) => {
    const r = el.getBoundingClientRect();
    return {left: r.left - box.left, right: r.right - box.left, top: r.top - box.top, bottom: r.bottom - box.top};
  };
  const placed = [];
  const gap = 1;
  const hits = (r) => placed.some((p) => r.left < p.right + gap && p.left < r.right + gap && r.top < p.bottom + gap && p.top < r.bottom + gap);
  const isTick = (t) => /tick label$/.test(t.closest("g")?.getAttribute("aria-label") ?? "");
  const isAxis = (t) => /axis label$/.test(t.closest("g")?.getAttribute("aria-label") ?? "");
  // the points and bars, which a label must not cover
  for (const mark of svg.querySelectorAll('g[aria-label="dot"] > *, g[aria-label="bar"] > *')) if (!inTip(mark)) placed.push(rel(mark));
  for (const t of texts.filter(isAxis)) placed.push(rel(t));
  for (const t of texts.filter(isTick)) {
    const r = rel(t);
    if (hits(r)) t.setAttribute("display", "none");
    else placed.push(r);
  }
  for (const t of texts.filter((t) => !isTick(t) && !isAxis(t))) {
    const r = rel(t);
    const height = r.bottom - r.top;
    let dx = 0;
    if (r.right > box.width) dx = box.width - r.right - 1;
    if (r.left + dx < 0) dx = -r.left;
    const spot = [0, -1, 1, -2, 2, -3, 3]
      .map((k) => k * (height + 2))
      .map((dy) => ({dy, r: {left: r.left + dx, right: r.right + dx, top: r.top + dy, bottom: r.bottom + dy}}))
      .find(({r}) => r.top >= 0 && r.bottom <= box.height && r.left >= 0 && r.right <= box.width + 0.5 && !hits(r));
    if (!spot) {
      t.setAttribute("display", "none");
      continue;
    }
    if (dx || spot.dy) t.setAttribute("transform", `translate(${dx / scale},${spot.dy / scale}) ${t.dataset.transform}`.trim());
    placed.push(spot.r);
  }
}
