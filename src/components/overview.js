// Charts and figures of the overview page (src/index.md): the distribution of achievement, and output against
// outcome per program. Every text from the data reaches the DOM through Plot's text marks and tips, never as markup.
// Each chart is laid out for its width before it is drawn: tick labels thinned so that none overlaps another, the
// labels of the 50% and 100% rules put on two lines where one would not hold them, the programs' names above their
// rows on a phone. Each is an image for assistive technology (role="img" and an aria-label saying what it shows),
// with its data in a table on the page.
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {formatFiscalYears, formatNumber, formatPercent, KIND_LABELS, PATTERN_LABELS, STATUS_LABELS} from "./format.js";
import {keepTipsOnScreen, textWidth} from "./program-charts.js";
import {logFloor} from "../lib/overview-scale.js";

/**
 * The colours of the two kinds of KPI: marks at 3:1 or more against the page and the cards (#f6f6f7), and told apart
 * by people who see red and green alike (blue and brown-orange).
 */
export const KIND_COLORS = {domain: ["成果", "活動"], range: ["#4269d0", "#b35c00"]};
export const HIGHLIGHT = "#d62728";
/** The rule at 100% and its label. */
const TARGET_COLOR = "#444444";
/** The line of a program that is not highlighted: grey, yet 3:1 against the card. */
export const MUTED_LINE = "#808080";

/** Plot's text size in these charts, px. */
const FONT_SIZE = 10;

/** A label drawn over grid lines stays readable: a halo of the card's background around its letters. */
const HALO = {stroke: "var(--theme-background-alt)", strokeWidth: 3, paintOrder: "stroke"};

function kindColor(kind) {
  return KIND_COLORS.range[KIND_COLORS.domain.indexOf(kind)] ?? MUTED_LINE;
}

// The patterns' labels have one home (src/lib/labels.js); re-exported for the pages that import them from here.
export {PATTERN_LABELS};

/**
 * Text cut in the middle to about `ems` wide at the axis's font size (full-width characters are 1em, others about
 * 0.6em; Plot's own estimate counts CJK as narrow as Latin and lets Japanese labels overflow).
 */
export function fitText(text, ems) {
  const chars = [...text];
  const widthOf = (c) => textWidth(c, 1);
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

/** The pixel position of a value on a log x scale of `domain` drawn between x0 and x1. */
function logPosition(domain, x0, x1) {
  const [d0, d1] = domain.map(Math.log);
  return (v) => x0 + ((Math.log(v) - d0) / (d1 - d0)) * (x1 - x0);
}

/**
 * The ticks whose labels can be written without overlapping one another or leaving the chart (0..width): taken in
 * the order of `priority` (lower first; ties left to right), each kept if its label, centred on its position, keeps
 * `gap` px from every label kept before it.
 */
export function thinTicks(ticks, {position, label, width, priority = () => 0, gap = 6}) {
  const kept = [];
  ticks
    .map((t, i) => ({t, i}))
    .sort((a, b) => priority(a.t) - priority(b.t) || a.i - b.i)
    .forEach(({t}) => {
      const x = position(t);
      const half = textWidth(label(t), FONT_SIZE) / 2;
      const span = [x - half - gap / 2, x + half + gap / 2];
      if (x - half < 0 || x + half > width) return;
      if (kept.some((k) => span[0] < k.span[1] && k.span[0] < span[1])) return;
      kept.push({t, span});
    });
  return kept.map((k) => k.t).sort((a, b) => a - b);
}

/** Which ticks of a log percent axis keep their labels first: 100% and 0%, then 50%, the decades, the rest. */
function tickPriority(floor) {
  return (t) => {
    if (t === 1 || t === floor) return 0;
    if (t === 0.5) return 1;
    if (Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9) return 2;
    return 3;
  };
}

/**
 * Grid and axis of a log percent scale, with the floor labelled 0%: a grid line at every tick, a label at those
 * thinTicks keeps at this width. The labels are a text channel: Plot hands a tickFormat function of a log scale to d3,
 * which blanks the labels it deems too dense (50%, 500%).
 */
function logAxisX(floor, top, label, {domain, width, marginLeft, marginRight}) {
  const ticks = logTicks(floor, top);
  const text = (t) => (t === floor ? "0%" : formatPercent(t, 0));
  const position = logPosition(domain, marginLeft, width - marginRight);
  const labelled = thinTicks(ticks, {position, label: text, width, priority: tickPriority(floor)});
  return [
    Plot.gridX(ticks),
    Plot.axisX(labelled, {text, label, labelAnchor: "center", labelOffset: 34, fontSize: FONT_SIZE}),
  ];
}

/** The space under a log percent axis: its tick labels, then its label on a line of its own. */
const AXIS_BOTTOM = 42;

/**
 * The labels of the rules at the threshold (要確認の基準 50%) and at 100% (目標 100%), above the chart: on one line
 * where both fit, each starting at its rule (or the threshold's ending at its rule); else on two lines. Without a
 * threshold (null), the 100% rule's alone. Returns the marks and the top margin they need.
 */
function ruleLabels(threshold, position, width) {
  const rows = [];
  const items = [
    threshold == null ? null : {x: threshold, label: `要確認の基準 ${formatPercent(threshold, 0)}`, fill: HIGHLIGHT},
    {x: 1, label: "目標 100%", fill: TARGET_COLOR},
  ].filter(Boolean);
  const place = (d) => {
    const x = position(d.x);
    const w = textWidth(d.label, FONT_SIZE);
    // to the right of the rule where it fits, else to its left
    const anchor = x + 3 + w <= width ? "start" : "end";
    const span = anchor === "start" ? [x + 3, x + 3 + w] : [x - 3 - w, x - 3];
    return {...d, anchor, span, alt: anchor === "start" && x - 3 - w >= 0 ? [x - 3 - w, x - 3] : null};
  };
  for (const item of items.map(place)) {
    let row = rows.find((r) => r.every((o) => item.span[0] >= o.span[1] + 6 || item.span[1] <= o.span[0] - 6));
    if (!row && item.alt) {
      // the threshold's label to the left of its rule, if that clears the other label
      const left = {...item, anchor: "end", span: item.alt};
      row = rows.find((r) => r.every((o) => left.span[0] >= o.span[1] + 6 || left.span[1] <= o.span[0] - 6));
      if (row) Object.assign(item, left);
    }
    if (row) row.push(item);
    else rows.push([item]);
  }
  const lineHeight = 14;
  const marks = rows.flatMap((row, i) =>
    row.map((d) =>
      Plot.text([d], {
        x: "x",
        text: "label",
        frameAnchor: "top",
        dy: -(rows.length - i) * lineHeight + 2,
        dx: d.anchor === "start" ? 3 : -3,
        textAnchor: d.anchor,
        fontSize: FONT_SIZE,
        fill: d.fill,
        className: "overview-rule-label",
      }),
    ),
  );
  return {marks, marginTop: 10 + rows.length * lineHeight};
}

/** A chart as an image for assistive technology: role="img" and an aria-label saying what it shows; tips kept on screen. */
function asImage(svg, label) {
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  keepTipsOnScreen(svg);
  return svg;
}

/** The widest a tooltip's line may be (ems): narrower than a phone. */
function tipLineWidth(width) {
  return width < 500 ? Math.max(14, Math.floor((width - 40) / 11)) : 28;
}

/**
 * The legend of the kinds, in words as well as colours, and how a figure of a period still running is drawn:
 * partial "hollow" (a white point, the per-KPI chart), "light" (the light part of a bar, the histogram) or null.
 */
export function kindLegend(partial) {
  const swatch = (color, hollow = false) =>
    html`<svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="5" fill=${hollow ? "white" : color} stroke=${color} stroke-width="1.5"></circle></svg>`;
  const light = html`<svg width="14" height="14" aria-hidden="true"><rect x="1.5" y="1.5" width="11" height="11" fill=${kindColor("成果")} fill-opacity="0.3" stroke=${kindColor("成果")}></rect></svg>`;
  return html`<div class="overview-legend">
    <span>${swatch(kindColor("成果"))} 成果（就職者数など）</span>
    <span>${swatch(kindColor("活動"))} 活動（相談件数・参加者数など）</span>
    ${partial === "hollow" ? html`<span>${swatch(MUTED_LINE, true)} 期間途中の実績（白抜き）</span>` : partial === "light" ? html`<span>${light} 期間途中の実績（薄い色）</span>` : null}
  </div>`;
}

/** What the achievement chart shows, in words: its text alternative. */
export function achievementLabel(values, threshold) {
  const n = values.length;
  const met = values.filter((v) => v >= 1).length;
  const below = values.filter((v) => v < threshold).length;
  return `KPI ごとの達成率の分布（対数目盛）。達成率のある ${formatNumber(n)}件のうち、目標（100%）以上が ${formatNumber(met)}件、要確認の基準（${formatPercent(threshold, 0)}）未満が ${formatNumber(below)}件。色は KPI の種類（成果・活動）、白抜きは期間途中の実績です。`;
}

/**
 * What the two achievement charts share: the plot's options (size, margins, the log x scale over `domain`, the kinds'
 * colours, `y`), the log axis, and the lines at the threshold and at 100% with their labels.
 */
function achievementFrame({width, threshold, floor, top, domain, marginLeft, marginRight, y}) {
  const position = logPosition(domain, marginLeft, width - marginRight);
  const rules = ruleLabels(threshold, position, width);
  return {
    options: {
      width,
      height: 300,
      marginTop: rules.marginTop,
      marginLeft,
      marginRight,
      marginBottom: AXIS_BOTTOM,
      style: {fontSize: `${FONT_SIZE}px`},
      x: {type: "log", domain},
      y,
      color: {...KIND_COLORS, legend: false},
    },
    axis: logAxisX(floor, top, "達成率（対数目盛）", {domain, width, marginLeft, marginRight}),
    lines: [Plot.ruleX([threshold, 1], {stroke: {value: (d) => (d === 1 ? TARGET_COLOR : HIGHLIGHT), scale: null}, strokeDasharray: "4,3"}), ...rules.marks],
  };
}

/** One dot per assessment with an achievement, on a log scale, stacked (beeswarm) and colored by kind. */
export function achievementChart(assessments, {width, threshold = 0.5} = {}) {
  const rows = assessments.filter((d) => d.achievement != null);
  const floor = logFloor(rows.map((d) => d.achievement));
  const top = Math.max(2, ...rows.map((d) => d.achievement)) * 1.15;
  const data = rows.map((d) => ({...d, x: Math.max(d.achievement, floor), kind: KIND_LABELS[d.kpi_kind] ?? d.kpi_kind}));
  const frame = achievementFrame({width, threshold, floor, top, domain: [floor * 0.8, top], marginLeft: 20, marginRight: 20, y: {axis: null}});
  const svg = Plot.plot({
    ...frame.options,
    marks: [
      ...frame.axis,
      ...frame.lines,
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
          tip: {lineWidth: tipLineWidth(width), format: {x: false, y: false, fill: false, stroke: true}},
        }),
      ),
    ],
  });
  return asImage(svg, achievementLabel(rows.map((d) => d.achievement), threshold));
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

/** The bins of overview.json as the histogram and its table show them: the kind in Japanese, the range in words. */
export function histogramBins(overview) {
  const {floor} = overview;
  return overview.bins.map((d) => ({
    ...d,
    kind: KIND_LABELS[d.kind] ?? d.kind,
    range: d.x1 <= floor ? `0%〜${formatPercent(d.x2, 1)}` : `${formatPercent(d.x1, 1)}〜${formatPercent(d.x2, 1)}`,
    period: d.partial ? "期間途中" : "期間終了",
  }));
}

/**
 * The distribution of achievement as a histogram on the same log scale, from the bins of overview.json
 * (loaders/publish/site/overview.ts): bars stacked by kind, partial-period figures as the lighter part of each bar, outlined
 * in the kind's colour so that the part stands out from the card as a mark must.
 */
export function achievementHistogram(overview, {width, threshold = 0.5} = {}) {
  const {floor, top} = overview;
  const data = histogramBins(overview);
  const frame = achievementFrame({width, threshold, floor, top, domain: [floor, top], marginLeft: 50, marginRight: 20, y: {grid: true, label: "KPI の数"}});
  const svg = Plot.plot({
    ...frame.options,
    marks: [
      ...frame.axis,
      Plot.rectY(
        data,
        Plot.stackY({
          x1: "x1",
          x2: "x2",
          y: "n",
          fill: "kind",
          fillOpacity: (d) => (d.partial ? 0.3 : 1),
          stroke: "kind",
          strokeWidth: 1,
          order: ["partial", "kind"],
          insetLeft: 0.5,
          insetRight: 0.5,
          channels: {範囲: "range", 期間: "period", 件数: (d) => `${formatNumber(d.n)}件`},
          tip: {lineWidth: tipLineWidth(width), format: {x1: false, x2: false, y: false, fill: true, fillOpacity: false, stroke: false}},
        }),
      ),
      ...frame.lines,
      Plot.ruleY([0]),
    ],
  });
  const n = data.reduce((s, d) => s + d.n, 0);
  return asImage(svg, `KPI の達成率の分布（対数目盛、区間ごとの件数）。達成率のある ${formatNumber(n)}件を種類（成果・活動）で積み上げ、期間途中の実績は薄い色で示します。`);
}

/** The label of a program in the output-and-outcome chart: 「神戸市　事業名（FY2023）」. */
function programLabel(d) {
  return `${d.body}　${d.program}（${formatFiscalYears(d.period_start_fy, d.period_end_fy, {short: true})}）`;
}

/** Below this width the programs' names go above their rows instead of beside them. */
const NARROW = 600;

/**
 * Per program and period: the median achievement of its output KPIs and of its outcome KPIs, joined by a line. On a
 * wide screen each program's name is at the left of its row; on a narrow one, above the row, across the chart.
 */
export function outcomeOutputChart(comparisons, {width, limit = Infinity} = {}) {
  const floor = logFloor(comparisons.flatMap((d) => [d.output_median_achievement, d.outcome_median_achievement]));
  const rows = comparisons
    .map((d) => ({
      ...d,
      key: `${d.prefecture_code}\t${d.body}\t${d.program}\t${d.period_start_fy}\t${d.period_end_fy}`,
      label: programLabel(d),
      output: Math.max(d.output_median_achievement, floor),
      outcome: Math.max(d.outcome_median_achievement, floor),
      highlight: d.pattern === "output_met_outcome_short",
    }))
    .sort((a, b) => b.highlight - a.highlight || a.outcome / a.output - b.outcome / b.output)
    .slice(0, limit);
  const top = Math.max(2, ...rows.flatMap((d) => [d.output, d.outcome])) * 1.15;
  const narrow = width < NARROW;
  const marginLeft = narrow ? 12 : Math.min(360, width * 0.45);
  const marginRight = 20;
  const rowHeight = narrow ? 46 : 26;
  const domain = [floor * 0.8, top];
  const position = logPosition(domain, marginLeft, width - marginRight);
  const target = ruleLabels(null, position, width);
  const labelFill = (d) => (d.highlight ? HIGHLIGHT : "currentColor");
  const ends = rows.flatMap((d) => [
    {...d, kind: "活動", x: d.output, achievement: d.output_median_achievement, n: d.output_n, met: d.output_met},
    {...d, kind: "成果", x: d.outcome, achievement: d.outcome_median_achievement, n: d.outcome_n, met: d.outcome_met},
  ]);
  const names = narrow
    ? // above each row, from the chart's left edge, cut to the chart's width
      [Plot.text(rows, {y: "key", text: (d) => fitText(d.label, (width - 8) / FONT_SIZE), frameAnchor: "left", dx: -marginLeft + 4, dy: -15, textAnchor: "start", fontSize: FONT_SIZE, fill: {value: labelFill, scale: null}, ...HALO, className: "overview-program-label"})]
    : [Plot.axisY({tickFormat: (k) => fitText(rows.find((d) => d.key === k)?.label ?? "", (marginLeft - 12) / FONT_SIZE), tickSize: 0, fontSize: FONT_SIZE, fill: {value: (k) => labelFill(rows.find((d) => d.key === k) ?? {}), scale: null}})];
  const svg = Plot.plot({
    width,
    height: target.marginTop + rowHeight * rows.length + AXIS_BOTTOM,
    marginLeft,
    marginRight,
    marginTop: target.marginTop,
    marginBottom: AXIS_BOTTOM,
    style: {fontSize: `${FONT_SIZE}px`},
    x: {type: "log", domain},
    y: {domain: rows.map((d) => d.key), label: null, axis: null},
    color: {...KIND_COLORS, legend: false},
    marks: [
      ...logAxisX(floor, top, "達成率の中央値（対数目盛）", {domain, width, marginLeft, marginRight}),
      Plot.ruleX([1], {stroke: TARGET_COLOR, strokeDasharray: "4,3"}),
      ...target.marks,
      Plot.link(rows, {
        x1: "output",
        x2: "outcome",
        y: "key",
        stroke: {value: (d) => (d.highlight ? HIGHLIGHT : MUTED_LINE), scale: null},
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
        tip: {lineWidth: tipLineWidth(width), format: {x: false, y: false, fill: true}},
      }),
      // the names last, their halo over the rules they cross
      ...names,
    ],
  });
  const highlighted = rows.filter((d) => d.highlight).length;
  return asImage(
    svg,
    `事業ごとの活動 KPI と成果 KPI の達成率の中央値（対数目盛）。${formatNumber(rows.length)}件の事業を、活動（茶色の点）と成果（青の点）を線で結んで示します。赤い線の ${formatNumber(highlighted)}件は、活動は目標に届いたのに成果は届かなかった事業です。`,
  );
}
