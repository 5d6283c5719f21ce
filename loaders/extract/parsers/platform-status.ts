// platform_kpi_status: a platform's KPI achievement table, one per stage, tab-separated:
//   「…ひろしまプラットフォーム事業実施計画」におけるKPI達成状況（第二ステージ）
//   1 不安定な就労状態にある方                       ← support target; program of 全体KPI rows
//   【目標】正規雇用者について、2年間で3,200件以上を目指す。   ← restates the 全体KPI target
//   ⇥取組概要⇥令和5年度⇥令和6年度                      ← the year columns
//   全体KPI⇥○正社員就職件数2年間で3,200件以上⇥○正社員就職件数 3,121件⇥○… 2,163件 (R6.12月末現在)
//   分類⇥<労働局> ○取組⇥○開催数541回 参加者数2,730人⇥…   ← agency rows: actuals only
import { BodyError, resolveAgencyTag, resolvePlatform, type BodyInfo } from "../bodies.ts";
import { classifySupportTarget } from "../classify.ts";
import { findStage, findYearsSpan, fiscalYearOfDate, parseFiscalYear, STAGES, stagePeriod, type Period } from "../fiscal.ts";
import { isKpiLike } from "../report.ts";
import type { SupportTarget } from "../schema.ts";
import type { SourceDoc } from "../source.ts";
import { diceSimilarity, removeSpaces, squish } from "../text.ts";
import { findFigures, isCountName, looseFigures, parseAsOfMarker, readCell, splitItems, stripHtml, type Figure } from "../cell-figures.ts";
import { draft, emptyResult, type Draft, type ParseResult, type Parser } from "./types.ts";
import { malformedFigures, negativeReason } from "./values.ts";

const TITLE = /「(?<platform>[^」]*プラットフォーム)事業実施計画」における\s*K\s*P\s*I\s*達成状況/;
const SECTION = /^\s*(\d{1,2})\s+([^\t]+?)\s*$/;
const OVERALL = /^全体KPI$/;
const AGENCY_TAG = /^<([^<>]+)>\s*/;
/** A stage target: 正社員就職件数2年間で3,200件以上. */
const SPAN = /(\d+)\s*年間で?/;
/** How alike an actual's wording must be to the target it is matched to. */
const MIN_SIMILARITY = 0.2;

export const platformStatusParser: Parser = {
  kind: "platform_kpi_status",
  name: "parsers/platform-status",
  score(doc) {
    const titles = doc.lines.filter((l) => l.includes("達成状況") && TITLE.test(l)).length;
    if (titles === 0) return 0;
    const headers = doc.lines.filter((l) => l.includes("取組概要")).length;
    return headers > 0 ? 10 + titles + headers : 0;
  },
  parse: parsePlatformStatus,
};

interface Section {
  heading: string;
  supportTarget: SupportTarget;
  goals: { line: number; value: number | null }[];
  targets: { line: number; value: number }[];
}

interface Target {
  name: string;
  value: number;
  unit: string;
  op: "gte" | "eq";
}

interface State {
  platform: BodyInfo | null;
  stage: keyof typeof STAGES | null;
  section: Section | null;
  /** Column index → fiscal year, from the 取組概要 header. */
  years: Map<number, number>;
  agency: BodyInfo | null;
  /** The 取組 of a row with an agency tag and no figures (<労働局> サポステの取組強化): the program of the rows below. */
  agencyProgram: string | null;
}

/** Reads a platform's KPI status table line by line, closing each section to match its goals to its targets. */
export function parsePlatformStatus(doc: SourceDoc): ParseResult {
  const result = emptyResult();
  const state: State = { platform: null, stage: null, section: null, years: new Map(), agency: null, agencyProgram: null };
  doc.lines.forEach((line, i) => readLine(line, i + 1, state, result));
  closeSection(state.section, result);
  return result;
}

/** Reads one line with the reader of what it is: the title, a section heading, a goal, the year header or a table row. */
function readLine(line: string, lineNo: number, state: State, result: ParseResult): void {
  if (line.trim() === "") return;
  const cells = line.split("\t").map((c) => squish(c));
  const title = TITLE.exec(line);
  if (title) return readTitle(title, line, lineNo, state, result);
  const section = cells.filter(Boolean).length === 1 ? SECTION.exec(line) : null;
  if (section) return readSectionHeading(section, lineNo, state, result);
  const goal = cells.find((c) => c.startsWith("【目標】"));
  if (goal !== undefined) return readGoal(goal, lineNo, state, result);
  if (cells[1] === "取組概要") return readYearHeader(cells, lineNo, state, result);
  if (cells.length >= 2) readTableRow(line, cells, lineNo, state, result);
}

/** The title: the platform, and the stage the table reports on. */
function readTitle(title: RegExpExecArray, line: string, lineNo: number, state: State, result: ParseResult): void {
  try {
    state.platform = resolvePlatform(title.groups!.platform!);
    state.stage = findStage(line);
    result.accounted.set(lineNo, "title");
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    result.errors.push({ line: lineNo, reason: error.message });
  }
}

/** A section heading (1 不安定な就労状態にある方): closes the section above and opens the support target's. */
function readSectionHeading(section: RegExpExecArray, lineNo: number, state: State, result: ParseResult): void {
  closeSection(state.section, result);
  const heading = squish(section[2]!);
  state.section = { heading, supportTarget: classifySupportTarget(heading), goals: [], targets: [] };
  state.agency = null;
  state.agencyProgram = null;
  result.accounted.set(lineNo, "section heading (support target)");
}

/** A 【目標】 line: kept with its figure until the section closes, to be matched to a 全体KPI target. */
function readGoal(goal: string, lineNo: number, state: State, result: ParseResult): void {
  const figure = findFigures(goal, { keepProse: true })[0];
  if (state.section) state.section.goals.push({ line: lineNo, value: figure ? figure.value : null });
  else result.skipped.push({ line: lineNo, reason: "goal outside any section" });
}

/** The 取組概要 header: which column holds which fiscal year. */
function readYearHeader(cells: string[], lineNo: number, state: State, result: ParseResult): void {
  state.years = new Map();
  cells.forEach((cell, c) => {
    const fy = parseFiscalYear(cell);
    if (fy !== null) state.years.set(c, fy);
  });
  if (state.years.size === 0) result.errors.push({ line: lineNo, reason: "header row without fiscal-year columns" });
  result.accounted.set(lineNo, "column header (fiscal years)");
}

/** A table row, 全体KPI or an agency's; a row that gave nothing is skipped when it looks like a KPI, else accounted. */
function readTableRow(line: string, cells: string[], lineNo: number, state: State, result: ParseResult): void {
  // The cells are squished already: only one with a tag has anything to strip.
  const stripped = cells.map((cell) => (cell.includes("<") ? stripHtml(cell) : cell));
  for (const cell of stripped.slice(1)) for (const m of malformedFigures(cell)) result.errors.push({ line: lineNo, reason: m.reason });
  const before = result.drafts.length;
  if (!state.platform || !state.section || state.years.size === 0) {
    result.errors.push({ line: lineNo, reason: "table row before the title, a section heading or the year header" });
    return;
  }
  if (OVERALL.test(removeSpaces(cells[0]!))) readOverallRow(stripped, lineNo, state, result);
  else readAgencyRow(cells, stripped, lineNo, state, result);
  if (result.drafts.length > before || result.accounted.has(lineNo) || result.errors.some((e) => e.line === lineNo)) return;
  const unread = looseFigures(cells.slice(2).join(" "));
  if (isKpiLike(line)) result.skipped.push({ line: lineNo, reason: `no labelled figure; only prose${unread.length ? ` (${unread.join(", ")})` : ""}` });
  else result.accounted.set(lineNo, "activity row without figures");
}

/** 【目標】 lines restate a 全体KPI target in prose; one without a number has nothing to record. */
function closeSection(section: Section | null, result: ParseResult): void {
  if (!section) return;
  for (const goal of section.goals) {
    if (goal.value === null) {
      result.skipped.push({ line: goal.line, reason: "goal without a number" });
      continue;
    }
    const target = section.targets.find((t) => t.value === goal.value);
    if (target) result.accounted.set(goal.line, `restates the overall KPI target on line ${target.line}`);
    else result.skipped.push({ line: goal.line, reason: `goal of ${goal.value} matches no 全体KPI target of its section` });
  }
}

/** The period of a target that names no span of its own: the title's stage, else the year columns. */
function stageOrColumns(state: State): Period {
  if (state.stage) return { ...STAGES[state.stage] };
  const years = [...state.years.values()];
  return { start: Math.min(...years), end: Math.max(...years) };
}

/** Reads one target item: 「正社員就職件数2年間で3,200件以上」 or 「就労準備支援事業…を全市町（23市町）で実施」. */
function readTarget(text: string): (Target & { years: number | null }) | null {
  const figure = findFigures(text, { keepProse: true })[0];
  if (!figure) return null;
  const span = SPAN.exec(text);
  const name = span && span.index < figure.index ? text.slice(0, span.index) : text.slice(0, figure.index).replace(/[（(]\s*$/, "") + text.slice(figure.end).replace(/^\s*[）)]/, "");
  const op = /^\s*以上/.test(text.slice(figure.end)) ? "gte" : "eq";
  return { name: squish(name.replace(/以上/, "")), value: figure.value, unit: figure.unit, op, years: span ? findYearsSpan(span[0]) : null };
}

/** The place of a 全体KPI row's records: the platform, the section's heading as program, its support target. */
type OverallPlace = Pick<Draft, "line" | "body" | "program" | "support_target">;

/** A 全体KPI row (its cells without HTML tags): its stage targets, then each year column's actuals, matched to the targets by their wording. */
function readOverallRow(cells: string[], lineNo: number, state: State, result: ParseResult): void {
  const section = state.section!;
  const base: OverallPlace = { line: lineNo, body: state.platform!, program: section.heading, support_target: section.supportTarget };
  const targets = readOverallTargets(cells[1] ?? "", base, state, result);
  for (const [column, fy] of state.years) readOverallActuals(cells[column] ?? "", fy, targets, base, result);
}

/** The targets of a 全体KPI row's 取組概要 cell, over the stage (or the years the target names) each. */
function readOverallTargets(cell: string, base: OverallPlace, state: State, result: ParseResult): Target[] {
  const section = state.section!;
  const lineNo = base.line;
  const targets: Target[] = [];
  for (const item of splitItems(cell)) {
    if (!item.text) continue;
    const target = readTarget(item.text);
    if (!target) {
      result.errors.push({ line: lineNo, reason: `全体KPI target without a number: ${JSON.stringify(item.text)}` });
      continue;
    }
    if (target.value < 0) {
      result.skipped.push({ line: lineNo, reason: `全体KPI target ${JSON.stringify(target.name)}: ${negativeReason(target.value)}` });
      continue;
    }
    let period = stageOrColumns(state);
    if (target.years !== null) {
      const span = stagePeriod(target.years, { stage: state.stage, start: Math.min(...state.years.values()) });
      if (!span) {
        result.errors.push({ line: lineNo, reason: `「${target.years}年間」 disagrees with the stage of the title` });
        continue;
      }
      period = span;
    }
    targets.push(target);
    section.targets.push({ line: lineNo, value: target.value });
    result.drafts.push(draft({ ...base, kpi_name: target.name, unit: target.unit, period, target: target.value, target_op: target.op }));
  }
  return targets;
}

/** The actuals of a 全体KPI row's year cell: each item's figure is the actual of the target its wording is most alike. */
function readOverallActuals(cell: string, fy: number, targets: Target[], base: OverallPlace, result: ParseResult): void {
  const lineNo = base.line;
  const seen = new Set<string>();
  for (const item of splitItems(cell)) {
    const figure = findFigures(item.text, { keepProse: true })[0];
    if (!figure) continue; // 「チラシを作成・配布」: an action, no figure
    if (figure.value < 0) {
      result.skipped.push({ line: lineNo, reason: `全体KPI actual ${JSON.stringify(item.text)}: ${negativeReason(figure.value)}` });
      continue;
    }
    const wording = item.text.slice(0, figure.index) + item.text.slice(figure.end);
    const scored = targets.map((t) => ({ t, score: diceSimilarity(wording, t.name) })).sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (!best || best.score < MIN_SIMILARITY) {
      result.errors.push({ line: lineNo, reason: `全体KPI actual ${JSON.stringify(item.text)} matches no target` });
      continue;
    }
    if (seen.has(best.t.name)) {
      result.errors.push({ line: lineNo, reason: `two FY${fy} actuals for the target ${JSON.stringify(best.t.name)}` });
      continue;
    }
    seen.add(best.t.name);
    const asOf = [...item.text.matchAll(/[（(]([^（）()]*)[）)]/g)].map((m) => parseAsOfMarker(m[1]!)).find(Boolean) ?? null;
    result.drafts.push(draft({ ...base, kpi_name: best.t.name, unit: figure.unit, period: { start: fy, end: fy }, actual: figure.value, actual_as_of: asOf }));
  }
}

/**
 * An agency row (its cells as written, and without HTML tags): its tag sets the agency of the rows below; each year
 * cell's figures are actuals of the row's program.
 */
function readAgencyRow(cells: string[], stripped: string[], lineNo: number, state: State, result: ParseResult): void {
  let activity = stripped[1] ?? "";
  const tag = AGENCY_TAG.exec(activity);
  if (tag) {
    activity = activity.slice(tag[0].length);
    const agency = resolveAgency(tag[1]!, state);
    if (agency instanceof BodyError) {
      state.agency = null;
      result.errors.push({ line: lineNo, reason: agency.message });
      return;
    }
    state.agency = agency;
    state.agencyProgram = null;
  }
  const items = splitItems(activity).filter((item) => item.text);
  const program = squish((items[0]?.text ?? activity).replace(/。$/, ""));
  const yearCells = [...state.years.keys()].map((c) => cells[c] ?? "");
  if (tag && yearCells.every((c) => c.trim() === "")) {
    state.agencyProgram = program;
    result.accounted.set(lineNo, "agency heading row: its 取組 is the program of the rows below");
    return;
  }
  if (!state.agency) {
    if (looseFigures(yearCells.join(" ")).length > 0) result.errors.push({ line: lineNo, reason: "row without an agency tag (<…>) above it" });
    return;
  }
  // A 取組 that is itself an indicator (○新規登録者数) names the bare figures of its row.
  const rowProgram = isCountName(program) && state.agencyProgram ? state.agencyProgram : program;
  for (const [column, fy] of state.years) {
    for (const figure of readCell(stripped[column] ?? "", { fallbackName: program })) {
      if (figure.value < 0) {
        result.skipped.push({ line: lineNo, reason: `${figure.name}: ${negativeReason(figure.value)}` });
        continue;
      }
      const draft = figureDraft(figure, fy, lineNo, state, rowProgram);
      if (typeof draft === "string") result.errors.push({ line: lineNo, reason: draft });
      else result.drafts.push(draft);
    }
  }
}

/** Agency tags resolved so far, by prefecture and tag: every table names the same few, row after row. */
const AGENCIES = new Map<string, BodyInfo | BodyError>();
/** Tags remembered at most: a corpus of made-up tags does not grow the map without end. */
const MAX_AGENCIES = 10_000;

/** The body of an agency tag in the platform's prefecture, or the error that says why there is none; once per tag. */
function resolveAgency(tag: string, state: State): BodyInfo | BodyError {
  const key = `${state.platform!.prefecture}\t${tag}`;
  let agency = AGENCIES.get(key);
  if (agency === undefined) {
    try {
      agency = resolveAgencyTag(tag, state.platform!.prefecture);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      agency = error;
    }
    if (AGENCIES.size >= MAX_AGENCIES) AGENCIES.clear();
    AGENCIES.set(key, agency);
  }
  return agency;
}

/** A figure of a year column as an actual-only draft, or the reason it cannot be one. */
function figureDraft(figure: Figure, fy: number, lineNo: number, state: State, program: string): Draft | string {
  if (!figure.cumulative && figure.asOf && fiscalYearOfDate(figure.asOf) !== fy) return `${figure.name}: as-of date ${figure.asOf} lies outside FY${fy}`;
  return draft({
    line: lineNo,
    body: state.agency!,
    program,
    support_target: state.section!.supportTarget,
    kpi_name: figure.name,
    unit: figure.unit,
    period: figure.cumulative ?? { start: fy, end: fy },
    actual: figure.value,
    actual_as_of: figure.asOf,
    note: figure.notes.length > 0 ? figure.notes.join("; ") : null,
  });
}
