// grant_status_report: the annual status of grant programs.
//   № 実施主体 事業名 事業の実施状況
//   1 神戸市            ← number and body; the program name follows, wrapped over lines
//   ・KPI名　R5目標：200　R5実績：91   ← one KPI per bullet, the note after it (after a run of bullets, the note
//                                        goes to the KPIs it names, or to all of them: note-targets.ts)
import { BodyError, findPrefectureIn, resolveLocalGov, type BodyInfo } from "../bodies.ts";
import { classifySupportTarget } from "../classify.ts";
import { ERA_YEAR_SOURCE, findFiscalYear } from "../fiscal.ts";
import { NUMBER_SOURCE } from "../numbers.ts";
import type { SourceDoc } from "../source.ts";
import { noteTargets } from "../note-targets.ts";
import { joinWrapped, squish } from "../text.ts";
import { UNIT_PATTERN } from "../units.ts";
import { draft, emptyResult, type Draft, type ParseResult, type Parser } from "./types.ts";
import { isProblem, LEXEME_SOURCE, readValue, SIGN_SOURCE, targetOp, type Value } from "./values.ts";

const HEADER = /^\s*(\d{1,3})\s+(\S+?[都道府県市区町村])(?:\s+(.+))?$/;
const ERA_YEAR = String.raw`${ERA_YEAR_SOURCE}\s*(?:年度|年)?`;
/** A value whole, malformed or not (1,23,456 is not read as 1): signed, bracketed (▲91, (91), （5.1万人）) or plain. */
const VALUE = String.raw`(?:${SIGN_SOURCE}\s?)?(?:[(（]\s?${LEXEME_SOURCE}\s*(?:${UNIT_PATTERN})?\s?[)）]|${LEXEME_SOURCE}\s*(?:${UNIT_PATTERN})?\s*(?:以上)?)`;
const STATEMENT = new RegExp(String.raw`(?<fy>${ERA_YEAR})\s*(?<which>目標|実績)\s*[:：]\s*(?<value>${VALUE})`, "g");
const BULLET = /^\s*[・･•]\s*/;
// A comma after a figure separates the list (R1:3,R2:12) unless three digits follow it (1,200).
const SERIES = new RegExp(String.raw`(${ERA_YEAR_SOURCE})\s*[:：]\s*(${NUMBER_SOURCE})`, "g");
const STATEMENT_START = new RegExp(String.raw`${ERA_YEAR}\s*目標\s*[:：]`);

interface Program {
  body: BodyInfo;
  name: string;
}

/** A KPI line: its indicator and the drafts it gave (none when its figures could not be read). */
interface Kpi {
  line: number;
  name: string;
  drafts: Draft[];
}

export const statusReportParser: Parser = {
  kind: "grant_status_report",
  name: "parsers/status-report",
  score(doc) {
    const statements = doc.lines.filter((l) => l.includes("目標") && STATEMENT_START.test(l)).length;
    return statements >= 1 && doc.lines.some((l) => /実施主体/.test(l)) ? 10 + statements : statements > 0 ? 1 : 0;
  },
  parse: parseStatusReport,
};

/** A line of text and its 1-based number. */
interface TextLine {
  line: number;
  text: string;
}

/** What the parse knows when it comes to a line. */
interface State {
  lines: readonly string[];
  result: ParseResult;
  /** The prefecture of the platform meeting (documentPrefecture), which tells apart municipalities of the same name. */
  prefecture: string | null;
  program: Program | null;
  /** The run of consecutive KPI lines a note that follows them speaks of: each line's name and drafts. */
  run: Kpi[];
  /** The lines of the note read so far after the run. */
  noteLines: TextLine[];
  /** A bulleted KPI name that wrapped before its values, which follow on the next line. */
  pendingName: TextLine | null;
}

/** Reads a status report line by line: program headers, KPI lines, wrapped names, descriptions and notes. */
export function parseStatusReport(doc: SourceDoc): ParseResult {
  const state: State = { lines: doc.lines, result: emptyResult(), prefecture: documentPrefecture(doc.lines), program: null, run: [], noteLines: [], pendingName: null };
  for (let i = 0; i < doc.lines.length; i++) i = readLine(state, i);
  flushNote(state);
  return state.result;
}

/** Reads the line at index i, with the lines that continue it; returns the index of the last line read. */
function readLine(state: State, i: number): number {
  const line = state.lines[i]!;
  const statements = statementsIn(line);
  const header = statements.length === 0 ? HEADER.exec(line) : null;
  if (header) return readProgramHeader(state, i, header);
  if (statements.length > 0) readKpiLine(state, i, statements);
  else if (BULLET.test(line) && /目標|実績/.test(state.lines[i + 1] ?? "")) holdWrappedName(state, i);
  // A bullet that is not a readable KPI statement is neither a note nor a description:
  // left unaccounted, the report lists it when it looks like a KPI.
  else if (line.trim() === "" || BULLET.test(line)) flushNote(state);
  else readText(state, i);
  return i;
}

/** The target and actual statements of a line (R5目標：200), in order. */
function statementsIn(line: string): RegExpExecArray[] {
  if (!line.includes("目標") && !line.includes("実績")) return [];
  STATEMENT.lastIndex = 0;
  return [...line.matchAll(STATEMENT)];
}

/**
 * A program header (1 神戸市): its body, and the program name from the rest of the line and the lines that follow
 * until a blank line, a bullet or the next header. Returns the index of the name's last line.
 */
function readProgramHeader(state: State, i: number, header: RegExpExecArray): number {
  const { lines, result } = state;
  flushNote(state);
  const nameParts = [header[3] ?? ""];
  let j = i + 1;
  while (j < lines.length && lines[j]!.trim() !== "" && !BULLET.test(lines[j]!) && !HEADER.test(lines[j]!)) {
    nameParts.push(lines[j]!);
    result.accounted.set(j + 1, "program name");
    j++;
  }
  try {
    state.program = { body: resolveLocalGov(header[2]!, { prefecture: state.prefecture }), name: joinWrapped(nameParts) };
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    result.errors.push({ line: i + 1, reason: error.message });
    state.program = null;
  }
  result.accounted.set(i + 1, "program header");
  return j - 1;
}

/** A KPI line (・KPI名　R5目標：200　R5実績：91): it joins the run, with a draft for each year it gives figures of. */
function readKpiLine(state: State, i: number, statements: RegExpExecArray[]): void {
  const { result, program } = state;
  const lineNo = i + 1;
  // A KPI line right after another (no note between them) joins its run; after a note it starts a new one.
  if (state.noteLines.length > 0) flushNote(state);
  const name = takeKpiName(state, state.lines[i]!.slice(0, statements[0]!.index));
  const kpi: Kpi = { line: lineNo, name, drafts: [] };
  state.run.push(kpi);
  if (!program) {
    result.errors.push({ line: lineNo, reason: "KPI statement outside any program (no '№ 実施主体' header above it)" });
    return;
  }
  if (!name) {
    result.errors.push({ line: lineNo, reason: "KPI statement without an indicator name" });
    return;
  }
  for (const [fy, { target, actual }] of readStatements(statements, lineNo, result)) {
    if (!target && !actual) continue;
    const d = draft({
      line: lineNo,
      body: program.body,
      program: program.name,
      support_target: classifySupportTarget(program.name),
      kpi_name: name,
      unit: target?.unit ?? actual?.unit ?? null,
      period: { start: fy, end: fy },
      target: target?.value ?? null,
      target_op: target ? targetOp(target.op) : null,
      actual: actual?.value ?? null,
    });
    result.drafts.push(d);
    kpi.drafts.push(d);
  }
}

/** The indicator's name: the text before the line's first statement, after a name that wrapped onto the line. */
function takeKpiName(state: State, before: string): string {
  let name = before;
  if (!BULLET.test(name) && state.pendingName) {
    name = state.pendingName.text + name;
    state.result.accounted.set(state.pendingName.line, "KPI name wrapped onto the next line");
  }
  state.pendingName = null;
  return squish(name.replace(BULLET, "").replace(/[:：、,\s]+$/, ""));
}

/** A bulleted KPI name that wrapped before its values: held for the next line. */
function holdWrappedName(state: State, i: number): void {
  if (state.noteLines.length > 0) flushNote(state);
  state.pendingName = { line: i + 1, text: state.lines[i]! };
}

/** Text that is not a statement: the program's description before the run's first read KPI, a note after it. */
function readText(state: State, i: number): void {
  const inRun = state.run.some((k) => k.drafts.length > 0);
  if (state.program && !inRun) state.result.accounted.set(i + 1, "program description");
  else if (inRun) state.noteLines.push({ line: i + 1, text: state.lines[i]! });
}

/** Gives the note read so far to the KPIs of the run it speaks of (noteTargets), and ends the run. */
function flushNote(state: State): void {
  const { run, noteLines, result } = state;
  state.noteLines = [];
  state.run = [];
  if (noteLines.length === 0) return;
  // A line whose figures could not be read still has a name a note may speak of.
  const note = joinWrapped(noteLines.map((l) => l.text));
  const named = noteTargets(note, run.map((k) => k.name)).map((i) => run[i]!);
  const targets = named.filter((k) => k.drafts.length > 0);
  for (const k of targets) for (const d of k.drafts) d.note = note;
  const lines = named.map((k) => k.line);
  for (const { line, text } of noteLines) {
    result.accounted.set(line, `note of the KPI${lines.length > 1 ? "s" : ""} on line${lines.length > 1 ? "s" : ""} ${lines.join(", ")}`);
    // Earlier actuals listed in a note are the indicator's the note speaks of, when it speaks of one.
    if (targets.length === 1) addSeries(text, line, targets[0]!.drafts[0]!, result);
    else if (SERIES.test(text)) result.skipped.push({ line, reason: `a series of earlier actuals in a note on the KPIs of lines ${lines.join(", ")}: which one it belongs to is not said` });
    SERIES.lastIndex = 0;
  }
}

/**
 * The target and actual each fiscal year of a line states. A value that is no count (negative, malformed) is
 * reported and left out; so is a year's target or actual given twice with different values, naming both.
 */
function readStatements(statements: readonly RegExpExecArray[], lineNo: number, result: ParseResult): Map<number, { target?: Value; actual?: Value }> {
  const read = new Map<string, { fy: number; which: "target" | "actual"; marker: string; values: Value[] }>();
  for (const s of statements) {
    const fy = findFiscalYear(s.groups!.fy!);
    const value = readValue(s.groups!.value!);
    if (fy === null || value === null) {
      result.errors.push({ line: lineNo, reason: `cannot read ${JSON.stringify(s[0])}` });
      continue;
    }
    if (isProblem(value)) {
      if (value.kind === "negative") result.skipped.push({ line: lineNo, reason: value.reason });
      else result.errors.push({ line: lineNo, reason: value.reason });
      continue;
    }
    const which = s.groups!.which === "目標" ? "target" : "actual";
    const key = `${fy} ${which}`;
    const entry = read.get(key) ?? { fy, which, marker: squish(`${s.groups!.fy!}${s.groups!.which!}`), values: [] };
    entry.values.push(value);
    read.set(key, entry);
  }
  const byYear = new Map<number, { target?: Value; actual?: Value }>();
  for (const { fy, which, marker, values } of read.values()) {
    const year = byYear.get(fy) ?? {};
    byYear.set(fy, year);
    const distinct = [...new Set(values.map((v) => `${v.value}${v.unit ?? ""}${v.op === "gte" ? "以上" : ""}`))];
    if (distinct.length > 1) {
      result.errors.push({ line: lineNo, reason: `${marker} given twice on one line with different values: ${distinct.join(" and ")}; neither is kept` });
      continue;
    }
    year[which] = values[0]!;
  }
  return byYear;
}

/**
 * The prefecture of the platform meeting that reviewed the table (…プラットフォーム運営会議), which
 * tells apart municipalities of the same name. A description may mention the platform without naming
 * a prefecture, so the meeting line comes first, then any line about the platform that names one.
 */
function documentPrefecture(lines: readonly string[]): string | null {
  for (const about of [/運営会議/, /プラットフォーム/]) {
    for (const line of lines) {
      if (!about.test(line)) continue;
      const prefecture = findPrefectureIn(line);
      if (prefecture) return prefecture.name;
    }
  }
  return null;
}

/**
 * A note that lists earlier actuals of the same indicator, `（R1:3、R2:12、R3:20、R4:23)` or `(R1:3,R2:1,200)`,
 * yields actual-only rows for those years.
 */
function addSeries(line: string, lineNo: number, kpi: Draft, result: ParseResult): void {
  for (const m of line.matchAll(SERIES)) {
    const fy = findFiscalYear(m[1]!);
    const value = readValue(m[2]!);
    if (fy === null || value === null || isProblem(value) || fy === kpi.period.start) continue;
    const { body, program, budget_thousand_yen, support_target, kpi_name, unit } = kpi;
    result.drafts.push(draft({ line: lineNo, body, program, budget_thousand_yen, support_target, kpi_name, unit, period: { start: fy, end: fy }, actual: value.value }));
  }
}
