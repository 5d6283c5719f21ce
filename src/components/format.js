// Japanese formatting for the pages: numbers with separators and units (1,500人), percentages (91.0%), fiscal
// years as 令和5年度 and FY2023, source references (report.pdf:45（p.3 l.12）), the mark of values to review, and the
// labels of the data's coded values.
import {tableFromIPC} from "apache-arrow";
import {html} from "htl";

/**
 * Rows of an Arrow IPC stream as plain objects. Call it as loadArrow(FileAttachment("data/x.arrow").arrayBuffer()):
 * Framework decides from the call site what a file needs, and a bare .arrow attachment (or .arrow()) would make it
 * fetch apache-arrow from a CDN; .arrayBuffer() adds nothing, and apache-arrow comes from node_modules here.
 */
export async function loadArrow(buffer) {
  const table = tableFromIPC(new Uint8Array(await buffer));
  return table.toArray().map((row) => row.toJSON());
}

const integer = new Intl.NumberFormat("ja-JP", {maximumFractionDigits: 0});
const decimal = new Intl.NumberFormat("ja-JP", {maximumFractionDigits: 2});

/** 1500 → "1,500"; 1500 with 人 → "1,500人"; null → "—". */
export function formatNumber(value, unit = "") {
  if (value == null || Number.isNaN(value)) return "—";
  return (Number.isInteger(value) ? integer : decimal).format(value) + unit;
}

/** A figure the document gives as approximate (約, 概ね, 程度) with 約 before it: 150 with 人 → "約150人"; null → "—". */
export function formatFigure(value, unit = "", {approximate = false} = {}) {
  const text = formatNumber(value, unit);
  return approximate && text !== "—" ? `約${text}` : text;
}

/** How a target's condition (target_op) reads after its figure: 以上 (gte), 超 (gt), nothing for eq. */
export const TARGET_OP_LABELS = {gte: "以上", gt: "超", eq: ""};

/** A target with its condition: "200人", "100人以上", "100人超", "約100人以上"; null → "—". */
export function formatTarget(value, unit = "", op = null, {approximate = false} = {}) {
  const text = formatFigure(value, unit, {approximate});
  return text === "—" ? text : text + (TARGET_OP_LABELS[op] ?? "");
}

/** A line of a source, with its place inside a PDF, a sheet or a web page's table when it has one: "45（p.3 l.12）". */
export function formatLineRef(line, locator = null) {
  return `${line}${locator ? `（${locator}）` : ""}`;
}

/** "t.txt:11" for a text file; with the place inside a PDF, a sheet or a web page's table, "report.pdf:45（p.3 l.12）". */
export function formatSourceRef(file, line, locator = null) {
  return `${file}:${formatLineRef(line, locator)}`;
}

/**
 * The references of a source_refs text (`file:line`, or `file:line (locator)`, separated by "; "), each as
 * formatSourceRef writes it: "a.pdf:45 (p.3 l.12); b.txt:3" → ["a.pdf:45（p.3 l.12）", "b.txt:3"]; null → [].
 */
export function sourceRefList(text) {
  if (text == null || text === "") return [];
  return String(text)
    .split("; ")
    .map((ref) => {
      const m = /^(.*):(\d+) \((.*)\)$/s.exec(ref);
      return m ? formatSourceRef(m[1], m[2], m[3]) : ref;
    });
}

/** The mark of a value read by a general reader, which an analyst has not yet checked against the document. */
export const REVIEW_MARK = {text: "要確認（自動読取）", title: "汎用の読み取りで得た値です。原資料で確かめてください。"};

/** The review mark as a small badge (its explanation in the title), or null when the row needs no review. */
export function reviewBadge(needsReview) {
  return needsReview ? html`<span class="review-badge" title=${REVIEW_MARK.title}>${REVIEW_MARK.text}</span>` : null;
}

/**
 * The review mark explained in a line of text, for readers who cannot hover over a badge's title (a phone, a
 * printout): 「[要確認（自動読取）] の付いた KPI（3件）は、…」; null when no row needs review.
 */
export function reviewLegend(count, {what = "KPI", methodology = "./methodology.html"} = {}) {
  if (!count) return null;
  return html`<p class="review-legend">${reviewBadge(true)} の付いた${what}（${count}件）は、汎用の読み取りで得た値によるものです。原資料で確かめてください（<a href=${`${methodology}#review`}>確認待ち</a>）。</p>`;
}

/** 0.91 → "91.0%"; null → "—". */
export function formatPercent(ratio, digits = 1) {
  if (ratio == null || Number.isNaN(ratio)) return "—";
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** 2023 → "令和5年度"; 2018 → "平成30年度"; 2019 → "令和元年度". */
export function wareki(fy) {
  if (fy >= 2019) return fy === 2019 ? "令和元年度" : `令和${fy - 2018}年度`;
  if (fy >= 1989) return fy === 1989 ? "平成元年度" : `平成${fy - 1988}年度`;
  return `${fy}年度`;
}

/** 2023 → "令和5年度（FY2023）"; a span → "令和5〜6年度（FY2023–2024）"; short: "FY2023". */
export function formatFiscalYears(start, end = start, {short = false} = {}) {
  if (short) return start === end ? `FY${start}` : `FY${start}–${end}`;
  if (start === end) return `${wareki(start)}（FY${start}）`;
  const from = wareki(start).replace(/年度$/, "");
  const to = wareki(end).replace(/^(令和|平成)/, "").replace(/年度$/, "");
  const sameEra = wareki(start).slice(0, 2) === wareki(end).slice(0, 2);
  return `${sameEra ? `${from}〜${to}` : `${from}〜${wareki(end).replace(/年度$/, "")}`}年度（FY${start}–${end}）`;
}

export const STATUS_LABELS = {
  met: "達成",
  shortfall: "未達",
  below_threshold: "基準未満",
  on_pace: "順調（期間途中）",
  behind_pace: "遅れ（期間途中）",
  no_actual: "実績なし",
  no_target: "目標なし",
  target_zero: "目標ゼロ",
};

export const KIND_LABELS = {outcome: "成果", output: "活動", all: "全体"};

export const TOPIC_LABELS = {
  employment: "就職",
  regular_employment: "正規雇用",
  social_participation: "社会参加",
  consultation: "相談",
  participation: "参加",
  employer: "企業",
  training: "訓練",
  outreach: "アウトリーチ・周知",
  other: "その他",
  all: "全体",
};

export const SUPPORT_TARGET_LABELS = {
  unstable_employment: "不安定な就労状態にある方",
  long_term_unemployed: "長期にわたり無業の状態にある方",
  social_participation: "社会参加に向けた支援を必要とする方",
  cross_cutting: "横断的な支援",
  unspecified: "区分なし",
};

export const BODY_LEVEL_LABELS = {
  prefecture: "都道府県",
  designated_city: "政令指定都市",
  municipality: "市町村",
  national_agency: "国の機関",
  platform: "プラットフォーム",
  other: "その他",
};

/** What a source document covers (sources.coverage and the tables that carry it). */
export const COVERAGE_LABELS = {
  full_report: "全事業の実施状況",
  showcase: "取組事例（抜粋）",
  plan: "計画（目標のみ）",
  unknown: "不明",
};

/** The coverages in the order pages list them: the comparable full reports first. */
export const COVERAGE_ORDER = Object.keys(COVERAGE_LABELS);

/** 「期間途中で達成（2024-12-31時点）」 for a target met before its period ended (met_early), else null. */
export function metEarlyText(a) {
  if (!a?.met_early) return null;
  return a.met_on ? `期間途中で達成（${a.met_on}時点）` : "期間途中で達成";
}

export const DOCUMENT_KIND_LABELS = {
  grant_status_report: "交付金事業の実施状況",
  grant_case_study: "交付金事業の取組事例",
  grant_kpi_plan: "交付金事業の KPI 計画",
  platform_plan: "プラットフォーム事業実施計画",
  platform_kpi_status: "プラットフォームの KPI 達成状況",
  other: "その他の資料（汎用読取）",
};
