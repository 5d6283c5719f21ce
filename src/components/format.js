// Japanese formatting for the pages: numbers with separators and units (1,500人), percentages (91.0%), fiscal
// years as 令和5年度 and FY2023, source references (report.pdf:45（p.3 l.12）), the mark of values to review, and the
// labels of the data's coded values.
import {tableFromIPC} from "apache-arrow";
import {html} from "htl";
import {sourceSlug} from "../lib/source-slug.js";
import {COVERAGE_LABELS, TARGET_OP_LABELS} from "../lib/labels.js";
import {formatNumber} from "../lib/number-format.js";

export {sourceSlug};
// Numbers and percentages are written by src/lib/number-format.js, shared with the build's source pages.
export {formatNumber, formatPercent} from "../lib/number-format.js";
// The labels of the coded values live in src/lib/labels.js, shared with the Excel CSV writer (loaders/publish/extracts/excel.ts).
export {
  AGGREGATION_LABELS,
  AS_OF_BASIS_LABELS,
  BODY_LEVEL_LABELS,
  BOOLEAN_LABELS,
  COVERAGE_LABELS,
  DIRECTION_LABELS,
  DOCUMENT_KIND_LABELS,
  KIND_LABELS,
  PATTERN_LABELS,
  STATUS_LABELS,
  SUPPORT_TARGET_LABELS,
  TARGET_OP_LABELS,
  TOPIC_LABELS,
  VALUE_LABELS,
  WRITTEN_ON_BASIS_LABELS,
} from "../lib/labels.js";

/**
 * Rows of an Arrow IPC stream as plain objects. Call it as loadArrow(FileAttachment("data/x.arrow").arrayBuffer()):
 * Framework decides from the call site what a file needs, and a bare .arrow attachment (or .arrow()) would make it
 * fetch apache-arrow from a CDN; .arrayBuffer() adds nothing, and apache-arrow comes from node_modules here.
 */
export async function loadArrow(buffer) {
  const table = tableFromIPC(new Uint8Array(await buffer));
  return table.toArray().map((row) => row.toJSON());
}

/** A figure the document gives as approximate (約, 概ね, 程度) with 約 before it: 150 with 人 → "約150人"; null → "—". */
export function formatFigure(value, unit = "", {approximate = false} = {}) {
  const text = formatNumber(value, unit);
  return approximate && text !== "—" ? `約${text}` : text;
}

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

/** The link to a line of a source document's page, from a page at depth `base` ("./" at the root, "../" below it). */
export function sourceHref(file, line, base = "./") {
  return `${base}sources/${sourceSlug(file)}.html#L${line}`;
}

/**
 * The references of a source_refs text (see sourceRefList) as links to the lines of the documents' pages, each named by
 * the document's short title (titles: a Map of file → title, from data/source_titles.json) and the line:
 * 「令和5年度…実施状況」171行（p.3 l.12）. A file without a title is named by its file name.
 */
export function sourceRefLinks(text, titles, base = "./") {
  if (text == null || text === "") return [];
  return String(text)
    .split("; ")
    .map((ref) => {
      const m = /^(.*):(\d+)(?: \((.*)\))?$/s.exec(ref);
      if (!m) return ref;
      return sourceLink(m[1], Number(m[2]), m[3] ?? null, titles, base);
    });
}

/** One link to a source line: 「title」171行（locator）, with the file name and line in its title attribute. */
export function sourceLink(file, line, locator, titles, base = "./") {
  const title = titles?.get?.(file) ?? file;
  return html`<a class="source-link" href=${sourceHref(file, line, base)} title=${formatSourceRef(file, line, locator)}>「${title}」${line}行${locator ? `（${locator}）` : ""}</a>`;
}

/** The short titles of the source documents, as a Map for sourceRefLinks: await sourceTitles(FileAttachment("data/source_titles.json").json()). */
export async function sourceTitles(json) {
  return new Map(Object.entries(await json));
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

/** The coverages in the order pages list them: the comparable full reports first. */
export const COVERAGE_ORDER = Object.keys(COVERAGE_LABELS);

/** 「期間途中で達成（2024-12-31時点）」 for a target met before its period ended (met_early), else null. */
export function metEarlyText(a) {
  if (!a?.met_early) return null;
  return a.met_on ? `期間途中で達成（${a.met_on}時点）` : "期間途中で達成";
}
