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
import { emptyResult, type Draft, type ParseResult, type Parser } from "./types.ts";
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
    const statements = doc.lines.filter((l) => STATEMENT_START.test(l)).length;
    return statements >= 1 && doc.lines.some((l) => /実施主体/.test(l)) ? 10 + statements : statements > 0 ? 1 : 0;
  },
  parse: parseStatusReport,
};

export function parseStatusReport(doc: SourceDoc): ParseResult {
  const result = emptyResult();
  const lines = doc.lines;
  const prefectureHint = documentPrefecture(lines);
  let program: Program | null = null;
  /** The run of consecutive KPI lines a note that follows them speaks of: each line's name and drafts. */
  let run: Kpi[] = [];
  let noteLines: { line: number; text: string }[] = [];
  let pendingName: { line: number; text: string } | null = null;
  const inRun = () => run.some((k) => k.drafts.length > 0);

  /** Gives the note read so far to the KPIs of the run it speaks of (noteTargets), and ends the run. */
  const flushNote = () => {
    if (noteLines.length > 0) {
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
    noteLines = [];
    run = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!;
    const header = HEADER.exec(line);
    if (header && !STATEMENT.test(line)) {
      STATEMENT.lastIndex = 0;
      flushNote();
      // Program name: rest of the header line, then lines until a blank line.
      const nameParts = [header[3] ?? ""];
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() !== "" && !BULLET.test(lines[j]!) && !HEADER.test(lines[j]!)) {
        nameParts.push(lines[j]!);
        result.accounted.set(j + 1, "program name");
        j++;
      }
      try {
        program = { body: resolveLocalGov(header[2]!, { prefecture: prefectureHint }), name: joinWrapped(nameParts) };
      } catch (error) {
        if (!(error instanceof BodyError)) throw error;
        result.errors.push({ line: lineNo, reason: error.message });
        program = null;
      }
      result.accounted.set(lineNo, "program header");
      i = j - 1;
      continue;
    }
    STATEMENT.lastIndex = 0;
    const statements = [...line.matchAll(STATEMENT)];
    if (statements.length > 0) {
      // A KPI line right after another (no note between them) joins its run; after a note it starts a new one.
      if (noteLines.length > 0) flushNote();
      const first = statements[0]!.index!;
      let name = line.slice(0, first);
      let nameLine = lineNo;
      if (!BULLET.test(name) && pendingName) {
        name = pendingName.text + name;
        result.accounted.set(pendingName.line, "KPI name wrapped onto the next line");
        nameLine = pendingName.line;
      }
      pendingName = null;
      const kpiName = squish(name.replace(BULLET, "").replace(/[:：、,\s]+$/, ""));
      const kpi: Kpi = { line: lineNo, name: kpiName, drafts: [] };
      run.push(kpi);
      if (!program) {
        result.errors.push({ line: lineNo, reason: "KPI statement outside any program (no '№ 実施主体' header above it)" });
        continue;
      }
      if (!kpiName) {
        result.errors.push({ line: lineNo, reason: "KPI statement without an indicator name" });
        continue;
      }
      const byYear = readStatements(statements, lineNo, result);
      for (const [fy, { target, actual }] of byYear) {
        if (!target && !actual) continue;
        const draft: Draft = {
          line: lineNo,
          body: program.body,
          program: program.name,
          budget_thousand_yen: null,
          support_target: classifySupportTarget(program.name),
          kpi_name: kpiName,
          unit: target?.unit ?? actual?.unit ?? null,
          period: { start: fy, end: fy },
          target: target?.value ?? null,
          target_op: target ? targetOp(target.op) : null,
          actual: actual?.value ?? null,
          actual_as_of: null,
          note: null,
        };
        result.drafts.push(draft);
        kpi.drafts.push(draft);
      }
      if (nameLine !== lineNo) result.accounted.set(nameLine, "KPI name wrapped onto the next line");
      continue;
    }
    if (BULLET.test(line) && /目標|実績/.test(lines[i + 1] ?? "")) {
      // A KPI name that wrapped before its values.
      if (noteLines.length > 0) flushNote();
      pendingName = { line: lineNo, text: line };
      continue;
    }
    if (line.trim() === "") {
      flushNote();
      continue;
    }
    if (BULLET.test(line)) {
      // A bullet that is not a readable KPI statement is neither a note nor a description:
      // left unaccounted, the report lists it when it looks like a KPI.
      flushNote();
      continue;
    }
    if (program && !inRun()) {
      result.accounted.set(lineNo, "program description");
      continue;
    }
    if (inRun()) noteLines.push({ line: lineNo, text: line });
  }
  flushNote();
  return result;
}

/**
 * The target and actual each fiscal year of a line states. A value that is no count (negative, malformed) is
 * reported and left out; so is a year's target or actual given twice with different values, naming both.
 */
function readStatements(statements: RegExpExecArray[] | RegExpMatchArray[], lineNo: number, result: ParseResult): Map<number, { target?: Value; actual?: Value }> {
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
    result.drafts.push({ ...kpi, line: lineNo, period: { start: fy, end: fy }, target: null, target_op: null, actual: value.value, actual_as_of: null, note: null });
  }
}
