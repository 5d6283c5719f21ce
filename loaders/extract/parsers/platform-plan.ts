// platform_plan: a prefecture platform's plan (事業実施計画書). KPIs are sentences under
// 「第4 目標・主な取組及びKPI」, per support target, grouped by stage:
//   1 不安定な就労状態にある方 … (3) 取組に係るKPI … 「第一ステージ」
//   ・正社員就職件数について、3年間で12,500件以上を目指す。
import { BodyError, resolvePlatform, type BodyInfo } from "../bodies.ts";
import { classifySupportTarget } from "../classify.ts";
import { findStage, STAGES, stagePeriod, type Period } from "../fiscal.ts";
import type { SourceDoc } from "../source.ts";
import { removeSpaces, squish } from "../text.ts";
import { UNIT_PATTERN } from "../units.ts";
import { draft, emptyResult, type ParseResult, type Parser } from "./types.ts";
import { FIGURE_NUMBER_SOURCE, isProblem, PROSE_SIGN_SOURCE, readValue, targetOp, type Value, type ValueProblem } from "./values.ts";

const QUANTITY = String.raw`(?:${PROSE_SIGN_SOURCE})?${FIGURE_NUMBER_SOURCE}\s*(?:${UNIT_PATTERN})\s*(?:以上)?`;
/** ・X について、N年間でM件以上を目指す。 */
const STAGE_KPI = new RegExp(String.raw`^[\s\-・]*(?<name>.+?)について[、,]?\s*(?<years>\d+)\s*年間で\s*(?<value>${QUANTITY})\s*を目指す`);
/** …により16,500人以上の正規雇用での就業の増加を目指す。 */
const GOAL = new RegExp(String.raw`(?<value>${QUANTITY})の(?<name>[^、。]+?)を目指す`);
const TARGET_HEADING = /^\s*(\d)\s+(\S.*?(?:方|取組))\s*$/;
const SUBSECTION = /^\s*[(（]\s*(\d)\s*[)）]\s*(.+)$/;
const CHAPTER = /^\s*第\s*(\d+)\s+(.+)$/;
const TOC_ENTRY = /\t\s*\d+\s*$/;
const FORMULA = /\\frac|\$/;

export const platformPlanParser: Parser = {
  kind: "platform_plan",
  name: "parsers/platform-plan",
  score(doc) {
    const text = doc.lines.join("\n");
    if (!/事業実施計画/.test(text) || !/プラットフォーム/.test(text)) return 0;
    return (/ステージ/.test(text) ? 3 : 0) + (/取組に係る\s*K\s*P\s*I/.test(text) ? 5 : 0) + (/目指す/.test(text) ? 1 : 0);
  },
  parse: parsePlatformPlan,
};

/** The platform's name in the plan's first lines: 「…プラットフォーム」 quoted, else a line that ends with it. */
function platformName(doc: SourceDoc): string | null {
  for (const line of doc.lines.slice(0, 20)) {
    const quoted = /「([^」]*プラットフォーム)」/.exec(line);
    if (quoted) return quoted[1]!;
  }
  return doc.lines.slice(0, 20).find((l) => /プラットフォーム\s*$/.test(l))?.trim() ?? null;
}

/**
 * Period of a goal sentence: 「第二ステージを含めた取組」 spans both stages; otherwise the stage named
 * last before the figure (「第一ステージの成果を踏まえ、第二ステージの2年間で…」 aims at the second).
 */
function goalPeriod(sentence: string): Period | null {
  if (/第\s*(二|2)\s*ステージを含め/.test(sentence)) return { start: STAGES.first.start, end: STAGES.second.end };
  const named = sentence.match(/第\s*\S\s*ステージ/g);
  const stage = named ? findStage(named[named.length - 1]!) : null;
  return stage ? { ...STAGES[stage] } : null;
}

/** Where the parse stands: the platform, then the chapter, support-target heading, subsection and stage a line is under. */
interface State {
  result: ParseResult;
  body: BodyInfo;
  /** Each chapter's title as first written (the table of contents, else the heading), with its line index. */
  chapterTitles: Map<number, { index: number; text: string }>;
  chapter: number;
  heading: string | null;
  subsection: string | null;
  stage: keyof typeof STAGES | null;
}

/** Reads a platform plan: the platform from its opening, then each line under the chapter and headings above it. */
export function parsePlatformPlan(doc: SourceDoc): ParseResult {
  const result = emptyResult();
  const body = platformBody(doc, result);
  if (!body) return result;
  const state: State = { result, body, chapterTitles: chapterTitlesOf(doc.lines), chapter: 0, heading: null, subsection: null, stage: null };
  doc.lines.forEach((line, i) => readLine(state, line, i));
  return result;
}

/** The platform the plan is of, named in its first lines; null, with the error reported, when it names none known. */
function platformBody(doc: SourceDoc, result: ParseResult): BodyInfo | null {
  const name = platformName(doc);
  try {
    if (!name) throw new BodyError("no platform name (「…プラットフォーム」) in the first lines");
    return resolvePlatform(name);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    result.errors.push({ line: 1, reason: error.message });
    return null;
  }
}

/** Each chapter's title as first written, read once: looking it up per line made the parse quadratic in the document's length. */
function chapterTitlesOf(lines: readonly string[]): Map<number, { index: number; text: string }> {
  const titles = new Map<number, { index: number; text: string }>();
  lines.forEach((l, j) => {
    const m = CHAPTER.exec(l);
    if (m && !titles.has(Number(m[1]))) titles.set(Number(m[1]), { index: j, text: l });
  });
  return titles;
}

/** Reads the line at index i: a heading moves the state; a sentence of a KPI or goal section gives a draft. */
function readLine(state: State, line: string, i: number): void {
  const { result } = state;
  const lineNo = i + 1;
  if (line.trim() === "") return;
  const heading = readHeading(state, line);
  if (heading !== null) {
    result.accounted.set(lineNo, heading);
    return;
  }
  const title = state.chapterTitles.get(state.chapter);
  const inKpiChapter = title !== undefined && title.index <= i && /目標/.test(title.text);
  if (inKpiChapter && state.heading !== null && state.subsection !== null && /取組に係るKPI/.test(state.subsection)) readStageKpi(state, line, lineNo);
  else if (inKpiChapter && state.heading !== null && state.subsection === "目標") readGoal(state, line, lineNo);
  else if (/実績/.test(line) && /\d/.test(line)) result.skipped.push({ line: lineNo, reason: "figure quoted in the plan's narrative (situation or footnote), not a KPI of the plan" });
  else result.accounted.set(lineNo, inKpiChapter ? "description of measures" : "narrative outside the KPI chapter (situation, footnotes)");
}

/**
 * A line that is no statement (a table-of-contents entry, a formula) or a heading, which sets where the lines below
 * stand: what it is, for the accounting; null for any other line.
 */
function readHeading(state: State, line: string): string | null {
  if (TOC_ENTRY.test(line)) return "table of contents";
  const ch = CHAPTER.exec(line);
  if (ch) {
    state.chapter = Number(ch[1]);
    state.heading = null;
    state.subsection = null;
    state.stage = null;
    return "chapter heading";
  }
  const th = TARGET_HEADING.exec(line);
  if (th) {
    state.heading = th[2]!;
    state.subsection = null;
    state.stage = null;
    return "support-target heading";
  }
  const sub = SUBSECTION.exec(line);
  if (sub && sub[2]!.length < 30) {
    state.subsection = removeSpaces(sub[2]!);
    state.stage = null;
    return "subsection heading";
  }
  const named = findStage(line);
  if (named && /^\s*「?第.ステージ」?\s*$/.test(line)) {
    state.stage = named;
    return "stage heading";
  }
  if (FORMULA.test(line)) return "formula explaining how the stage targets were set";
  return null;
}

/** A line of a 取組に係るKPI subsection: ・X について、N年間でM件以上を目指す, a target over the stage's years. */
function readStageKpi(state: State, line: string, lineNo: number): void {
  const { result, stage } = state;
  const program = state.heading ?? "";
  const m = STAGE_KPI.exec(line);
  if (!m?.groups) {
    if (/[・]/.test(line) && /目指す/.test(line)) result.skipped.push({ line: lineNo, reason: "KPI stated without a number (nothing to record)" });
    else result.accounted.set(lineNo, "text in the KPI section");
    return;
  }
  const years = Number(m.groups.years);
  const period = stagePeriod(years, { stage });
  const value = readValue(m.groups.value!);
  if (value && isProblem(value)) return reportProblem(result, lineNo, value);
  if (!period || !value) {
    result.errors.push({ line: lineNo, reason: period ? `cannot read ${m.groups.value}` : `「${years}年間で」 does not fit ${stage ? `the ${stage} stage` : "any stage heading above it"}` });
    return;
  }
  result.drafts.push(draft({
    line: lineNo, body: state.body, program, support_target: classifySupportTarget(program),
    kpi_name: squish(m.groups.name!), unit: value.unit, period, target: value.value, target_op: targetOp(value.op),
  }));
}

/** A line of a 目標 subsection: …16,500人以上の正規雇用での就業の増加を目指す, a target over the stage(s) it names. */
function readGoal(state: State, line: string, lineNo: number): void {
  const { result } = state;
  const program = state.heading ?? "";
  const m = GOAL.exec(line);
  const read = m?.groups ? readValue(m.groups.value!) : null;
  if (read && isProblem(read)) return reportProblem(result, lineNo, read);
  const value: Value | null = read;
  const sentence = m ? line.slice(0, m.index + m[0].length) : line;
  const period = goalPeriod(sentence.split("。").pop() ?? sentence);
  if (m?.groups && value && period) {
    result.drafts.push(draft({
      line: lineNo, body: state.body, program, support_target: classifySupportTarget(program),
      kpi_name: squish(m.groups.name!), unit: value.unit, period, target: value.value, target_op: targetOp(value.op),
    }));
  } else if (new RegExp(QUANTITY).test(line) && /目指す/.test(line)) {
    result.skipped.push({ line: lineNo, reason: "goal sentence whose figure or period cannot be read" });
  } else result.accounted.set(lineNo, "goal stated without a number");
}

/** A value that is no count: a negative one is skipped, a malformed one an error. */
function reportProblem(result: ParseResult, lineNo: number, problem: ValueProblem): void {
  (problem.kind === "negative" ? result.skipped : result.errors).push({ line: lineNo, reason: problem.reason });
}
