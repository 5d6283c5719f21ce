// Charts and figures of the overview page (src/index.md): the distribution of achievement, and output against
// outcome per program. Every text from the data reaches the DOM through Plot's text marks and tips, never as markup.
import * as Plot from "@observablehq/plot";
import {formatFiscalYears, formatNumber, formatPercent, KIND_LABELS, STATUS_LABELS} from "./format.js";

export const KIND_COLORS = {domain: ["成果", "活動"], range: ["#4269d0", "#efb118"]};
export const HIGHLIGHT = "#d62728";

function kindColor(kind) {
  return KIND_COLORS.range[KIND_COLORS.domain.indexOf(kind)] ?? "#888";
}

export const PATTERN_LABELS = {
  output_met_outcome_short: "活動は達成・成果は未達",
  both_met: "活動・成果とも達成",
  both_short: "活動・成果とも未達",
  outcome_met_output_short: "成果は達成・活動は未達",
};

/**
 * Where a zero goes on a log scale: a round value at most half the smallest positive one (at most 5%), so that
 * zeros sit apart at the left edge.
 */
export function logFloor(values) {
  const positive = values.filter((v) => v != null && v > 0);
  const smallest = positive.length ? Math.min(...positive) : 1;
  let floor = 0.05;
  while (floor > smallest / 2) floor /= 2;
  return floor;
}

/**
 * Text cut in the middle to about `ems` wide at the axis's font size (full-width characters are 1em, others about
 * 0.6em; Plot's own estimate counts CJK as narrow as Latin and lets Japanese labels overflow).
 */
export function fitText(text, ems) {
  const chars = [...text];
  const widthOf = (c) => (c.codePointAt(0) >= 0x2e80 ? 1 : 0.6);
  if (chars.reduce((w, c) => w + widthOf(c), 0) <= ems) return text;
  let head = "";
  let tail = "";
  let w = 1;
  for (let i = 0, j = chars.length - 1; i <= j; ) {
    const next = head.length <= tail.length ? chars[i] : chars[j];
    if (w + widthOf(next) > ems) break;
    w += widthOf(next);
    if (head.length <= tail.length) (head += next), i++;
    else (tail = next + tail), j--;
  }
  return `${head}…${tail}`;
}

/** Tick values of a log percent axis between floor and top: 10%, 20%, 50%, 100%, 200%, … */
function logTicks(floor, top) {
  const ticks = [floor];
  for (let decade = 0.01; decade <= top * 10; decade *= 10) {
    for (const m of [1, 2, 5]) {
      const t = Math.round(decade * m * 1000) / 1000;
      if (t > floor * 1.5 && t <= top) ticks.push(t);
    }
  }
  return ticks;
}

/**
 * Grid and axis of a log percent scale, with the floor labelled 0%. The labels are a text channel: Plot hands a
 * tickFormat function of a log scale to d3, which blanks the labels it deems too dense (50%, 500%).
 */
function logAxisX(floor, top, label) {
  const ticks = logTicks(floor, top);
  return [
    Plot.gridX(ticks),
    Plot.axisX(ticks, {text: (t) => (t === floor ? "0%" : formatPercent(t, 0)), label, labelAnchor: "center"}),
  ];
}

/** One dot per assessment with an achievement, on a log scale, stacked (beeswarm) and colored by kind. */
export function achievementChart(assessments, {width, threshold = 0.5} = {}) {
  const rows = assessments.filter((d) => d.achievement != null);
  const floor = logFloor(rows.map((d) => d.achievement));
  const top = Math.max(2, ...rows.map((d) => d.achievement)) * 1.15;
  const data = rows.map((d) => ({...d, x: Math.max(d.achievement, floor), kind: KIND_LABELS[d.kpi_kind] ?? d.kpi_kind}));
  return Plot.plot({
    width,
    height: 300,
    marginTop: 30,
    marginLeft: 20,
    marginRight: 20,
    x: {type: "log", domain: [floor * 0.8, top]},
    y: {axis: null},
    color: {...KIND_COLORS, legend: true, label: "KPIの種類"},
    marks: [
      ...logAxisX(floor, top, "達成率（対数目盛）"),
      Plot.ruleX([threshold, 1], {stroke: {value: (d) => (d === 1 ? "#444" : HIGHLIGHT), scale: null}, strokeDasharray: "4,3"}),
      Plot.text(
        [
          {x: threshold, label: `要確認の基準 ${formatPercent(threshold, 0)}`},
          {x: 1, label: "目標 100%"},
        ],
        {x: "x", text: "label", frameAnchor: "top", dy: -18, dx: 3, textAnchor: "start", fill: {value: (d) => (d.x === 1 ? "#444" : HIGHLIGHT), scale: null}},
      ),
      Plot.dot(
        data,
        Plot.dodgeY({
          anchor: "middle",
          padding: 1.5,
          x: "x",
          r: 5,
          fill: {value: (d) => (d.is_partial ? "white" : kindColor(d.kind)), scale: null},
          stroke: "kind",
          strokeWidth: 1.5,
          channels: {
            実施主体: "body",
            事業: "program",
            KPI: "kpi_name",
            年度: (d) => formatFiscalYears(d.period_start_fy, d.period_end_fy),
            目標: (d) => formatNumber(d.target, d.unit),
            実績: (d) => formatNumber(d.actual, d.unit),
            達成率: (d) => formatPercent(d.achievement),
            評価: (d) => STATUS_LABELS[d.status] ?? d.status,
          },
          tip: {lineWidth: 28, format: {x: false, y: false, fill: false, stroke: true}},
        }),
      ),
    ],
  });
}

/** Programs the output-and-outcome chart shows at most; the table under it lists them all. */
export const OUTCOME_OUTPUT_ROWS = 40;

/** Resolves once an element matching the selector is in the document: later data waits for the first chart. */
export function shown(selector) {
  return new Promise((resolve) => {
    if (document.querySelector(selector)) return resolve();
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, {childList: true, subtree: true});
  });
}

/** Above this many KPIs the overview shows the binned distribution (overview.json) instead of one dot per KPI. */
export const DOT_LIMIT = 2000;

/**
 * The distribution of achievement as a histogram on the same log scale, from the bins of overview.json
 * (loaders/site/overview.ts): bars stacked by kind, partial-period figures as the lighter part of each bar.
 */
export function achievementHistogram(overview, {width, threshold = 0.5} = {}) {
  const {floor, top} = overview;
  const data = overview.bins.map((d) => ({...d, kind: KIND_LABELS[d.kind] ?? d.kind, range: d.x1 <= floor ? `0%〜${formatPercent(d.x2, 1)}` : `${formatPercent(d.x1, 1)}〜${formatPercent(d.x2, 1)}`}));
  return Plot.plot({
    width,
    height: 300,
    marginTop: 30,
    marginLeft: 50,
    marginRight: 20,
    x: {type: "log", domain: [floor, top]},
    y: {grid: true, label: "KPI の数"},
    color: {...KIND_COLORS, legend: true, label: "KPIの種類"},
    marks: [
      ...logAxisX(floor, top, "達成率（対数目盛）"),
      Plot.rectY(
        data,
        Plot.stackY({
          x1: "x1",
          x2: "x2",
          y: "n",
          fill: "kind",
          fillOpacity: (d) => (d.partial ? 0.45 : 1),
          order: ["partial", "kind"],
          insetLeft: 0.5,
          insetRight: 0.5,
          channels: {範囲: "range", 期間: (d) => (d.partial ? "期間途中" : "期間終了"), 件数: (d) => `${formatNumber(d.n)}件`},
          tip: {format: {x1: false, x2: false, y: false, fill: true, fillOpacity: false}},
        }),
      ),
      Plot.ruleX([threshold, 1], {stroke: {value: (d) => (d === 1 ? "#444" : HIGHLIGHT), scale: null}, strokeDasharray: "4,3"}),
      Plot.text(
        [
          {x: threshold, label: `要確認の基準 ${formatPercent(threshold, 0)}`},
          {x: 1, label: "目標 100%"},
        ],
        {x: "x", text: "label", frameAnchor: "top", dy: -18, dx: 3, textAnchor: "start", fill: {value: (d) => (d.x === 1 ? "#444" : HIGHLIGHT), scale: null}},
      ),
      Plot.ruleY([0]),
    ],
  });
}

/** Per program and period: the median achievement of its output KPIs and of its outcome KPIs, joined by a line. */
export function outcomeOutputChart(comparisons, {width, limit = Infinity} = {}) {
  const floor = logFloor(comparisons.flatMap((d) => [d.output_median_achievement, d.outcome_median_achievement]));
  const rows = comparisons
    .map((d) => ({
      ...d,
      key: `${d.prefecture_code}\t${d.body}\t${d.program}\t${d.period_start_fy}\t${d.period_end_fy}`,
      label: `${d.body}　${d.program}（${formatFiscalYears(d.period_start_fy, d.period_end_fy, {short: true})}）`,
      output: Math.max(d.output_median_achievement, floor),
      outcome: Math.max(d.outcome_median_achievement, floor),
      highlight: d.pattern === "output_met_outcome_short",
    }))
    .sort((a, b) => b.highlight - a.highlight || a.outcome / a.output - b.outcome / b.output)
    .slice(0, limit);
  const top = Math.max(2, ...rows.flatMap((d) => [d.output, d.outcome])) * 1.15;
  const labels = new Map(rows.map((d) => [d.key, d.label]));
  const marginLeft = Math.min(360, width * 0.45);
  const ends = rows.flatMap((d) => [
    {...d, kind: "活動", x: d.output, achievement: d.output_median_achievement, n: d.output_n, met: d.output_met},
    {...d, kind: "成果", x: d.outcome, achievement: d.outcome_median_achievement, n: d.outcome_n, met: d.outcome_met},
  ]);
  return Plot.plot({
    width,
    height: 40 + 26 * rows.length + 40,
    marginLeft,
    marginRight: 20,
    marginTop: 30,
    x: {type: "log", domain: [floor * 0.8, top]},
    y: {domain: rows.map((d) => d.key), label: null, tickFormat: (k) => labels.get(k)},
    color: {...KIND_COLORS, legend: true, label: "KPIの種類"},
    marks: [
      ...logAxisX(floor, top, "達成率の中央値（対数目盛）"),
      Plot.axisY({tickFormat: (k) => fitText(labels.get(k), (marginLeft - 12) / 10), tickSize: 0, fill: {value: (k) => (rows.find((d) => d.key === k)?.highlight ? HIGHLIGHT : "currentColor"), scale: null}}),
      Plot.ruleX([1], {stroke: "#444", strokeDasharray: "4,3"}),
      Plot.text([{x: 1, label: "目標 100%"}], {x: "x", text: "label", frameAnchor: "top", dy: -18, dx: 3, textAnchor: "start"}),
      Plot.link(rows, {
        x1: "output",
        x2: "outcome",
        y: "key",
        stroke: {value: (d) => (d.highlight ? HIGHLIGHT : "#aaa"), scale: null},
        strokeWidth: (d) => (d.highlight ? 3 : 1.5),
      }),
      Plot.dot(ends, {
        x: "x",
        y: "key",
        r: 5,
        fill: "kind",
        channels: {
          実施主体: "body",
          事業: "program",
          年度: (d) => formatFiscalYears(d.period_start_fy, d.period_end_fy),
          KPI数: (d) => `${d.n}件（うち達成 ${d.met}件）`,
          中央値: (d) => formatPercent(d.achievement),
          傾向: (d) => PATTERN_LABELS[d.pattern] ?? d.pattern,
        },
        tip: {lineWidth: 28, format: {x: false, y: false, fill: true}},
      }),
    ],
  });
}
