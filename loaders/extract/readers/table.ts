// The general table reader: KPI tables in any layout, found by a header row (or column) that names a target
// (目標, 目標値, 計画, KPI) and an actual (実績, 実績値, 結果, 達成状況).
//   指標	単位	R2目標	R2実績	R3目標	R3実績           year in each header cell
//   指標	令和4年度		令和5年度                      year in a header row above (spans, as HTML colspan gives)
//   	目標	実績	目標	実績
//   区分	R4	R5                                     a header column: 目標 and 実績 rows, years (or KPIs) across
//   目標	100	120
// The row label is the KPI name; the year comes from the header, a 年度 column or the nearest heading above.
import { findAnyFiscalYear, parseWesternYear } from "../fiscal.ts";
import { classifySupportTarget } from "../classify.ts";
import { parseJapaneseQuantity } from "../japanese-numbers.ts";
import { emptyResult, type Draft, type ParseResult } from "../parsers/types.ts";
import type { SourceDoc } from "../source.ts";
import { canonicalUnit } from "../units.ts";
import { noteTargets } from "../note-targets.ts";
import { alignedCells, isMissingCell, placeCells, splitCells } from "./cells.ts";
import type { Context, DocContext } from "./context.ts";
import { bodyOf, draftOf, type Figure } from "./statement.ts";

export const TABLE_READER = "readers/table";

const TARGET = /目標|計画値|計画数|^計画$|見込み?値/;
const ACTUAL = /実績|結果|達成状況|実施状況/;
/** Shares of the target, progress rates: not figures of the KPI. */
const RATIO = /達成率|達成度|進捗率|割合|比率|前年比|評価/;
const LABEL = /^(?:KPI|ＫＰＩ|指標|指標名|成果指標|活動指標|評価指標|項目|区分|名称|内容|KPI名|KPI項目|目標指標)$/;
const UNIT = /^単位$/;
const YEAR = /^(?:年度|実施年度|対象年度)$/;
const BODY = /^(?:自治体|自治体名|市町村|市町村名|市区町村|市区町村名|実施主体|団体名|都道府県)$/;
const PROGRAM = /^(?:事業|事業名|取組|取組名|施策|施策名)$/;
const NOTE = /^(?:備考|説明|要因|要因分析|課題|コメント)$/;
const TOTAL = /^(?:合計|計|総計|小計|全体)$/;

type Role = "target" | "actual" | "label" | "unit" | "year" | "body" | "program" | "note" | "other";

interface Column {
  role: Role;
  fiscalYear: number | null;
  /** The KPI a target or actual column is about, when the header names it (就職者数目標). */
  kpi: string | null;
}

/** What a header cell says its column holds. */
function headerRole(cell: string): Role {
  const text = cell.replace(/\s+/g, "");
  if (!text) return "other";
  if (RATIO.test(text)) return "other";
  if (LABEL.test(text)) return "label";
  if (UNIT.test(text)) return "unit";
  if (YEAR.test(text)) return "year";
  if (BODY.test(text)) return "body";
  if (PROGRAM.test(text)) return "program";
  if (NOTE.test(text)) return "note";
  if (ACTUAL.test(text)) return "actual";
  if (TARGET.test(text) || /^KPI.*値$/.test(text)) return "target";
  return "other";
}

/** What is left of a header cell once its marker and year are taken out: the KPI it names, if any. */
function headerKpi(cell: string): string | null {
  const rest = cell
    .replace(/(?:令和|平成|R|H)\s*(?:\.\s*)?(?:元|\d{1,2})\s*(?:年度|年)?|(?:19|20)\d{2}\s*年度/g, "")
    .replace(/目標値?|計画値?|実績値?|結果|達成状況|実施状況|見込み?値?|[（()）:：\s]/g, "");
  return rest.length >= 2 ? rest : null;
}

/** A header row: at least one target column and one actual column. */
function readHeader(cells: string[], above: string[] | null): Column[] | null {
  const spans = above ? fillSpans(above, cells.length) : cells.map(() => "");
  // A span covers many columns: its year is read once.
  const years = new Map<string, number | null>();
  const columns = cells.map((cell, j): Column => {
    const role = headerRole(cell);
    // A spanning cell above names the year (令和4年度) or the KPI (社会参加者数) of the columns under it.
    const span = spans[j]!;
    if (!years.has(span)) years.set(span, findAnyFiscalYear(span));
    const spanYear = years.get(span)!;
    const figure = role === "target" || role === "actual";
    const spanKpi = figure && span && spanYear === null && headerRole(span) === "other" ? headerKpi(span) : null;
    return { role, fiscalYear: findAnyFiscalYear(cell) ?? spanYear, kpi: figure ? (headerKpi(cell) ?? spanKpi) : null };
  });
  if (!columns.some((c) => c.role === "target") || !columns.some((c) => c.role === "actual")) return null;
  // The label column: the one a header names so, else the first that holds no figure.
  if (!columns.some((c) => c.role === "label")) {
    const first = columns.findIndex((c) => c.role === "other");
    if (first >= 0) columns[first]!.role = "label";
  }
  return columns;
}

/**
 * The spanning header cell over each of `columns` columns: a cell reaches the empty cells right of it (a text
 * table's 令和4年度 over 目標 and 実績).
 */
function fillSpans(cells: string[], columns: number): string[] {
  const spans: string[] = [];
  let last = "";
  for (let j = 0; j < columns; j++) {
    if (cells[j]?.trim()) last = cells[j]!;
    spans.push(last);
  }
  return spans;
}

/** A row of a header column: 目標 or 実績 in its first cell, with a year perhaps (令和4年度目標). */
function markerRow(cells: string[]): "target" | "actual" | null {
  const first = cells.find((c) => c.trim() !== "")?.replace(/\s+/g, "") ?? "";
  if (first.length > 12 || RATIO.test(first)) return null;
  const rest = first.replace(/(?:令和|平成|R|H)\s*(?:\.\s*)?(?:元|\d{1,2})\s*(?:年度|年)?|(?:19|20)\d{2}\s*年度|[（()）:：]/g, "");
  if (/^(?:実績値?|結果)$/.test(rest)) return "actual";
  if (/^(?:目標値?|計画値?|KPI)$/.test(rest)) return "target";
  return null;
}

interface Row {
  line: number;
  cells: string[];
}

/** Reads the KPI tables among the open lines of a document. */
export function readTables(doc: SourceDoc, open: ReadonlySet<number>, context: DocContext): ParseResult {
  const result = emptyResult();
  const rows = (from: number): Row[] => {
    const out: Row[] = [];
    let blanks = 0;
    for (let line = from; line <= doc.lines.length && open.has(line); line++) {
      const text = context.text(line);
      if (text.trim() === "") {
        if (++blanks > 1) break;
        continue;
      }
      const cells = splitCells(text);
      if (cells === null) break;
      blanks = 0;
      if (cells.length > 0) out.push({ line, cells });
    }
    return out;
  };
  for (let line = 1; line <= doc.lines.length; line++) {
    if (!open.has(line)) continue;
    const cells = splitCells(context.text(line));
    if (!cells || cells.length < 2) continue;
    const previous = line > 1 && open.has(line - 1) ? splitCells(context.text(line - 1)) : null;
    const header = readHeader(cells, previous && previous.length > 0 ? previous : null);
    if (header) {
      result.accounted.set(line, "table header");
      if (previous && previous.length > 0 && header.some((c) => c.fiscalYear !== null)) result.accounted.set(line - 1, "table header");
      let body = rows(line + 1);
      // Columns aligned with spaces: a blank cell is seen by where the others stand, not by counting gaps.
      const aligned = alignedCells(context.text(line));
      if (aligned && aligned.length === header.length) body = body.map((r) => ({ ...r, cells: placeCells(aligned, alignedCells(context.text(r.line)) ?? []) }));
      readRows(doc, header, body, context, result);
      line = (body.at(-1)?.line ?? line);
      continue;
    }
    if (markerRow(cells)) {
      // A header column: the header row is the table row above the first marker row.
      const body = rows(line);
      const markers = body.filter((r) => markerRow(r.cells) !== null);
      if (markers.length >= 2 && previous && previous.length >= 2) {
        result.accounted.set(line - 1, "table header");
        readTransposed(doc, previous, line - 1, body, context, result);
        line = body.at(-1)!.line;
      }
    }
  }
  return result;
}

/** A year's target and actual columns (of one KPI, when the header names the KPI). */
interface FigureColumns {
  target: number | null;
  actual: number | null;
  fiscalYear: number | null;
  kpi: string | null;
}

/** The columns of the other roles, -1 where the table has none. */
type RoleColumns = Record<"label" | "unit" | "year" | "body" | "program" | "note", number>;

/** A body row as its figures are read: its cells, its label and year, the unit, and the context above it. */
interface RowReading {
  row: Row;
  /** Column j's text, trimmed; "" for a column the table has not (-1). */
  cell: (j: number) => string;
  label: string;
  year: number | null;
  unit: string | null;
  here: Context;
}

/** The target and actual columns of a header, paired by year and KPI, in the order of their first column. */
function figureColumns(header: Column[]): FigureColumns[] {
  const groups = new Map<string, FigureColumns>();
  header.forEach((c, j) => {
    if (c.role !== "target" && c.role !== "actual") return;
    const key = `${c.fiscalYear}\t${c.kpi}`;
    const group = groups.get(key) ?? { target: null, actual: null, fiscalYear: c.fiscalYear, kpi: c.kpi };
    if (group[c.role] === null) group[c.role] = j;
    groups.set(key, group);
  });
  return [...groups.values()];
}

/**
 * Reads the body rows under a header row: a note row (※…) goes to the rows above it that it names, else to all
 * (note-targets.ts); a total row is skipped; any other row gives a draft for each of its years (or KPIs).
 */
function readRows(doc: SourceDoc, header: Column[], body: Row[], context: DocContext, result: ParseResult): void {
  const groups = figureColumns(header);
  const col = (role: Role) => header.findIndex((c) => c.role === role);
  const columns: RoleColumns = { label: col("label"), unit: col("unit"), year: col("year"), body: col("body"), program: col("program"), note: col("note") };
  /** The rows read since the last note row: the rows a note under them speaks of. */
  let run: { label: string; drafts: Draft[] }[] = [];
  let noted = false;
  let lastLabel = "";
  for (const row of body) {
    const cell = (j: number) => (j >= 0 ? (row.cells[j] ?? "").trim() : "");
    const label = cell(columns.label) || lastLabel;
    if (/^[※*＊]/.test(row.cells.find((c) => c.trim())?.trim() ?? "")) {
      result.accounted.set(row.line, "table note");
      const note = row.cells.join(" ").trim();
      for (const i of noteTargets(note, run.map((r) => r.label))) for (const d of run[i]!.drafts) d.note = [d.note, note].filter(Boolean).join(" ");
      noted = true;
      continue;
    }
    if (TOTAL.test(label.replace(/\s+/g, ""))) {
      result.skipped.push({ line: row.line, reason: "a total of the rows above, not a KPI of its own" });
      continue;
    }
    if (cell(columns.label)) lastLabel = cell(columns.label);
    const { drafts, problems } = readRow(doc, { row, cell, label, ...rowPlace(row, cell, label, columns, context, result) }, groups, columns);
    if (drafts.length > 0) {
      result.drafts.push(...drafts);
      // Notes under a run of rows stand after all of them: the next row after a note starts a new run.
      if (noted) [run, noted] = [[], false];
      run.push({ label: drafts.map((d) => d.kpi_name).join(" "), drafts });
      for (const p of problems) result.skipped.push({ line: row.line, reason: p });
    } else if (problems.length > 0) result.errors.push({ line: row.line, reason: problems.join("; ") });
    else result.skipped.push({ line: row.line, reason: "no figure in the target or actual columns (blank, －, 集計中)" });
  }
}

/** A row's year (its 年度 cell or its label), its unit (its 単位 cell), and the context above it, whose headings are accounted. */
function rowPlace(row: Row, cell: (j: number) => string, label: string, columns: RoleColumns, context: DocContext, result: ParseResult): Pick<RowReading, "year" | "unit" | "here"> {
  const here = context.at(row.line);
  const year = findAnyFiscalYear(cell(columns.year)) ?? parseWesternYear(cell(columns.year)) ?? findAnyFiscalYear(label);
  for (const h of here.headings) result.accounted.set(h, "heading: the context of the table below");
  const unit = cell(columns.unit) ? canonicalUnit(cell(columns.unit).replace(/[（()）]/g, "")) : null;
  return { year, unit, here };
}

/** The drafts of a row, one for each year (or KPI) it gives figures of, and what kept the others from being drafts. */
function readRow(doc: SourceDoc, r: RowReading, groups: FigureColumns[], columns: RoleColumns): { drafts: Draft[]; problems: string[] } {
  const drafts: Draft[] = [];
  const problems: string[] = [];
  for (const group of groups) {
    const kpi = group.kpi ?? r.label;
    if (!kpi) continue;
    const figures = rowFigures(doc, r, group, problems);
    if (figures.length === 0) continue;
    const fiscalYear = group.fiscalYear ?? r.year ?? r.here.fiscalYear;
    if (fiscalYear === null) {
      problems.push(`${kpi}: no fiscal year in the header, the row or a heading above`);
      continue;
    }
    const body = bodyOf(r.cell(columns.body), r.here.body);
    if (!body) {
      problems.push(`${kpi}: no implementing body in the row, a heading or the document's opening`);
      continue;
    }
    const program = r.cell(columns.program) || r.here.program;
    // A column that names its KPI under a row that names a group (男性 / 就職者数目標) states the group's KPI;
    // under a row that names a year, the column's KPI alone.
    const named = group.kpi && r.label && group.kpi !== r.label && !r.year ? `${r.label} ${group.kpi}` : kpi;
    const draft = draftOf({ line: r.row.line, body, program, support: classifySupportTarget(program), kpi: named, unit: r.unit, period: { start: fiscalYear, end: fiscalYear }, figures, note: r.cell(columns.note) || null, asOf: r.here.asOf });
    if (typeof draft === "string") problems.push(draft);
    else drafts.push(draft);
  }
  return { drafts, problems };
}

/** The target and actual a row gives in one year's columns; a cell that is not a figure is a problem. */
function rowFigures(doc: SourceDoc, r: RowReading, group: FigureColumns, problems: string[]): Figure[] {
  const figures: Figure[] = [];
  for (const role of ["target", "actual"] as const) {
    const j = group[role];
    if (j === null) continue;
    const text = r.cell(j);
    if (isMissingCell(text)) continue;
    const quantity = parseJapaneseQuantity(text);
    if (!quantity) {
      problems.push(`${role} cell ${JSON.stringify(text)} is not a figure`);
      continue;
    }
    figures.push({ role, quantity, locator: doc.origins?.[r.row.line - 1]?.cells?.[j] ?? null });
  }
  return figures;
}

/** A table with a header column: each column of the header row (a year or a KPI) gives one draft from its 目標 and 実績 rows. */
function readTransposed(doc: SourceDoc, header: string[], headerLine: number, body: Row[], context: DocContext, result: ParseResult): void {
  const here = context.at(headerLine);
  const corner = header[0]?.trim() ?? "";
  for (let j = 1; j < header.length; j++) {
    const head = header[j]!.trim();
    if (!head) continue;
    const columnYear = findAnyFiscalYear(head);
    const figures: Figure[] = [];
    let line = 0;
    let year: number | null = null;
    for (const row of body) {
      const role = markerRow(row.cells);
      if (!role) continue;
      result.accounted.set(row.line, "table row");
      const text = (row.cells[j] ?? "").trim();
      if (isMissingCell(text)) continue;
      const quantity = parseJapaneseQuantity(text);
      if (!quantity) {
        result.errors.push({ line: row.line, reason: `${role} cell ${JSON.stringify(text)} is not a figure` });
        continue;
      }
      year ??= findAnyFiscalYear(row.cells.find((c) => c.trim()) ?? "");
      figures.push({ role, quantity, locator: doc.origins?.[row.line - 1]?.cells?.[j] ?? null });
      if (role === "actual" || !line) line = row.line;
    }
    if (figures.length === 0) continue;
    // Years across: the KPI is the corner cell or the heading above; KPIs across: the year is the rows' or the heading's.
    const kpi = columnYear !== null ? (corner && !/^(?:区分|年度|項目)$/.test(corner) ? corner : here.program) : head;
    const fiscalYear = columnYear ?? year ?? here.fiscalYear;
    const body0 = here.body;
    if (fiscalYear === null || !body0) {
      result.errors.push({ line, reason: fiscalYear === null ? `${kpi}: no fiscal year` : `${kpi}: no implementing body` });
      continue;
    }
    const draft = draftOf({ line, body: body0, program: here.program, support: classifySupportTarget(here.program), kpi, unit: null, period: { start: fiscalYear, end: fiscalYear }, figures, asOf: null, note: null });
    if (typeof draft === "string") result.errors.push({ line, reason: draft });
    else result.drafts.push(draft);
  }
}
