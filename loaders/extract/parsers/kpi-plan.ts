// grant_kpi_plan: one page per grant program with a multi-year KPI table.
//   就職氷河期世代就労促進・定着支援事業【鹿児島県】   ← title: program【body】
//   交付金対象事業費 7,565千円
//   重要業績評価指標 (KPI)⇥令和2年度増加分 (1年目)⇥…⇥計画期間中の増加分の累計   ← header, tab-separated
//   KPI名(人)⇥30⇥50⇥50⇥130                             ← targets per year, then over the whole plan
//   ① 成果があがつたこと                                 ← first-year actuals, in prose only:
//   ・…窓口相談（家族による相談含む）人数（512人）は目標値を大きく上回った。
// A prose figure is matched to the table's indicator it speaks of by bigram similarity.
import { BodyError, type BodyInfo } from "../bodies.ts";
import { classifySupportTarget } from "../classify.ts";
import { findFiscalYear, type Period } from "../fiscal.ts";
import { readBudget, readProgramTitle, resolveTitleBodies } from "../program-headings.ts";
import { isKpiLike } from "../report.ts";
import type { SourceDoc } from "../source.ts";
import { diceSimilarity, squish } from "../text.ts";
import { UNIT_PATTERN } from "../units.ts";
import { draft, emptyResult, type Draft, type ParseResult, type Parser } from "./types.ts";
import { FIGURE_NUMBER_SOURCE, isProblem, malformedFigures, PROSE_SIGN_SOURCE, readValue, targetOp } from "./values.ts";

const HEADER = /重要業績評価指標|^\s*KPI\s*\t/;
const CUMULATIVE = /累計|合計/;
const RESULTS = /成果があが[つっ]たこと/;
const PURPOSE = /事業のねらい/;
/** A numbered section heading (② 実施結果を踏まえた…) ends the section above it. */
const SECTION = /^\s*[②-⑳]|^\s*\d+[.．)）]\s/;
/** A counted figure in prose, signed (▲5人) or in myriads (5.1万人); a malformed number is matched whole, to be reported. */
const FIGURE = new RegExp(String.raw`(?:${PROSE_SIGN_SOURCE})?(?<![\d.,])(?<value>${FIGURE_NUMBER_SOURCE})\s*(?<unit>${UNIT_PATTERN})(?![\d%％])`, "g");
const BULLET = /^[\s\-・･〇○●]+/;
/** A prose figure names its indicator when the best Dice score reaches this and beats the runner-up by the margin. */
const MIN_SIMILARITY = 0.3;
const MIN_MARGIN = 0.1;

interface Program {
  line: number;
  end: number;
  name: string;
  body: BodyInfo;
}

interface Column {
  period: Period;
}

export const kpiPlanParser: Parser = {
  kind: "grant_kpi_plan",
  name: "parsers/kpi-plan",
  score(doc) {
    const tables = doc.lines.filter((l) => l.includes("\t") && HEADER.test(l) && /増加分|年度/.test(l)).length;
    return tables > 0 ? 10 + tables : 0;
  },
  parse: parseKpiPlan,
};

export function parseKpiPlan(doc: SourceDoc): ParseResult {
  const result = emptyResult();
  const lines = doc.lines;
  for (const program of findPrograms(lines, result)) parseProgram(lines, program, result);
  const explained = new Set([...result.accounted.keys(), ...result.errors.map((e) => e.line), ...result.skipped.map((s) => s.line), ...result.drafts.map((d) => d.line)]);
  lines.forEach((line, i) => {
    if (!explained.has(i + 1) && isKpiLike(line)) result.skipped.push({ line: i + 1, reason: "figure in a program's description, outside its KPI table and results: not a KPI" });
  });
  return result;
}

/** Each program runs from its title to the line before the next title. */
function findPrograms(lines: readonly string[], result: ParseResult): Program[] {
  const programs: Program[] = [];
  lines.forEach((line, i) => {
    const title = readProgramTitle(line);
    if (!title) return;
    const previous = programs.at(-1);
    if (previous) previous.end = i;
    try {
      programs.push({ line: i + 1, end: lines.length, name: title.program, body: resolveTitleBodies(title.bodyNames)[0]! });
      result.accounted.set(i + 1, "program title");
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      result.errors.push({ line: i + 1, reason: error.message });
    }
  });
  return programs;
}

function parseProgram(lines: readonly string[], program: Program, result: ParseResult): void {
  let budget: number | null = null;
  let purpose = "";
  const targets: Draft[] = [];
  const actuals: Draft[] = [];
  let firstYear: number | null = null;
  for (let i = program.line; i < program.end; i++) {
    const line = lines[i]!;
    const amount = readBudget(line);
    if (amount !== null && budget === null) {
      budget = amount;
      result.accounted.set(i + 1, `budget of the program on line ${program.line}`);
    } else if (PURPOSE.test(line)) {
      const j = nextNonBlank(lines, i + 1, program.end);
      if (j !== null) {
        purpose = lines[j]!;
        result.accounted.set(j + 1, `purpose of the program on line ${program.line}`);
      }
    } else if (HEADER.test(line) && line.includes("\t")) {
      const table = readTable(lines, i, program, result);
      targets.push(...table.drafts);
      firstYear ??= table.firstYear;
      i = table.end - 1;
    } else if (RESULTS.test(line)) {
      let j = i + 1;
      for (; j < program.end && !SECTION.test(lines[j]!) && !RESULTS.test(lines[j]!); j++) {
        actuals.push(...readProseActuals(lines[j]!, j + 1, program, targets, firstYear, result));
      }
      i = j - 1;
    }
  }
  const support = classifySupportTarget(program.name);
  for (const d of [...targets, ...actuals]) {
    d.budget_thousand_yen = budget;
    d.support_target = support !== "unspecified" ? support : classifySupportTarget(purpose);
    result.drafts.push(d);
  }
}

function nextNonBlank(lines: readonly string[], from: number, end: number): number | null {
  for (let j = from; j < end; j++) if (lines[j]!.trim() !== "") return j;
  return null;
}

/** The columns of a KPI table header: a fiscal year each, then the cumulative column over all of them. */
function readColumns(header: string): Column[] | string {
  const cells = header.split("\t").slice(1).map(squish);
  const years: number[] = [];
  for (const cell of cells) {
    if (CUMULATIVE.test(cell)) continue;
    const fy = findFiscalYear(cell);
    if (fy === null) return `cannot read the fiscal year of column ${JSON.stringify(cell)}`;
    years.push(fy);
  }
  if (years.length === 0) return "KPI table header without a fiscal-year column";
  const span = { start: Math.min(...years), end: Math.max(...years) };
  let y = 0;
  return cells.map((cell) => ({ period: CUMULATIVE.test(cell) ? { ...span } : { start: years[y]!, end: years[y++]! } }));
}

/** Target rows of one table; it ends at the first line that is not a tab-separated row. */
function readTable(lines: readonly string[], headerIndex: number, program: Program, result: ParseResult): { drafts: Draft[]; firstYear: number | null; end: number } {
  const drafts: Draft[] = [];
  const columns = readColumns(lines[headerIndex]!);
  if (typeof columns === "string") {
    result.errors.push({ line: headerIndex + 1, reason: columns });
    return { drafts, firstYear: null, end: headerIndex + 1 };
  }
  result.accounted.set(headerIndex + 1, "KPI table header");
  let j = headerIndex + 1;
  for (; j < program.end && lines[j]!.includes("\t"); j++) {
    const [name = "", ...cells] = lines[j]!.split("\t").map(squish);
    if (cells.length !== columns.length) {
      result.errors.push({ line: j + 1, reason: `KPI row has ${cells.length} values for ${columns.length} columns` });
      continue;
    }
    cells.forEach((cell, c) => {
      if (cell === "" || /^[-－‐―ー]$/.test(cell)) return;
      const value = readValue(cell);
      const op = value && !isProblem(value) ? targetOp(value.op) : null;
      if (value && isProblem(value)) {
        if (value.kind === "negative") result.skipped.push({ line: j + 1, reason: `column ${c + 1}: ${value.reason}` });
        else result.errors.push({ line: j + 1, reason: `column ${c + 1}: ${value.reason}` });
        return;
      }
      if (!value || !op) {
        result.errors.push({ line: j + 1, reason: `cannot read ${JSON.stringify(cell)} in column ${c + 1}` });
        return;
      }
      // parseProgram sets the budget and support target once the whole page is read.
      const period = columns[c]!.period;
      drafts.push(draft({ line: j + 1, body: program.body, program: program.name, kpi_name: name, period, unit: value.unit, target: value.value, target_op: op, ...(value.approx ? { target_approximate: true } : {}) }));
    });
  }
  return { drafts, firstYear: columns[0]!.period.start, end: j };
}

/**
 * First-year actuals stated in prose (「…人数（512人）は目標値を大きく上回った」):
 * each counted figure is matched to the table indicator its clause speaks of.
 */
function readProseActuals(line: string, lineNo: number, program: Program, targets: readonly Draft[], firstYear: number | null, result: ParseResult): Draft[] {
  const drafts: Draft[] = [];
  const malformed = malformedFigures(line);
  for (const m of malformed) result.errors.push({ line: lineNo, reason: m.reason });
  // A figure that is the tail of a malformed number (500人 of 1 500人) is not read.
  const figures = [...line.matchAll(FIGURE)].filter((f) => !malformed.some((m) => f.index < m.end && m.index < f.index + f[0].length));
  if (figures.length === 0 && malformed.length === 0) {
    if (line.trim()) result.accounted.set(lineNo, "results prose without a figure");
    return drafts;
  }
  const names = [...new Set(targets.map((t) => t.kpi_name))];
  for (const figure of figures) {
    const quantity = readValue(figure[0]);
    if (!quantity || isProblem(quantity)) {
      const reason = `result ${figure[0]}: ${quantity?.reason ?? "not one quantity"}`;
      if (quantity?.kind === "negative") result.skipped.push({ line: lineNo, reason });
      else result.errors.push({ line: lineNo, reason });
      continue;
    }
    const clause = clauseBefore(line, figure.index!);
    if (firstYear === null || names.length === 0) {
      result.skipped.push({ line: lineNo, reason: `result ${figure[0]} with no KPI table above it to match` });
      continue;
    }
    const ranked = names.map((name) => ({ name, score: diceSimilarity(clause, name) })).sort((a, b) => b.score - a.score);
    const [best, second] = ranked;
    if (!best || best.score < MIN_SIMILARITY || best.score - (second?.score ?? 0) < MIN_MARGIN) {
      const scores = ranked.map((r) => `${r.name} ${r.score.toFixed(2)}`).join(", ");
      result.skipped.push({ line: lineNo, reason: `result ${figure[0]} (${JSON.stringify(clause)}) matches no KPI clearly: ${scores}` });
      continue;
    }
    const period = { start: firstYear, end: firstYear };
    drafts.push(draft({ line: lineNo, body: program.body, program: program.name, kpi_name: best.name, period, unit: quantity.unit, actual: quantity.value, note: sentenceAt(line, figure.index!) }));
  }
  return drafts;
}

/**
 * The words before a figure back to the last comma or bullet: the indicator the figure is about.
 * What joins them to the figure (は, an opening bracket, a colon) goes first, so that a label
 * 「相談件数：132件」 keeps its words.
 */
export function clauseBefore(line: string, index: number): string {
  const before = line.slice(0, index).replace(/[\s（(は:：]+$/, "");
  const start = Math.max(...["、", "。", "，", "・", ":", "："].map((mark) => before.lastIndexOf(mark))) + 1;
  return before.slice(start).replace(BULLET, "").trim();
}

/** The sentence (up to 。) that holds a position of a line, without its bullet. */
function sentenceAt(line: string, index: number): string {
  const start = line.lastIndexOf("。", index) + 1;
  const stop = line.indexOf("。", index);
  return line.slice(start, stop < 0 ? line.length : stop + 1).replace(BULLET, "").trim();
}
