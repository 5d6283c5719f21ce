// Records an analyst typed up: a CSV or sheet whose header row names the record contract's columns (in English, as
// in docs/kpi-record.md, or by their Japanese labels). Each row is one record, marked table:<file>.
import { findAnyAsOf, findAnyFiscalYear, parseWesternYear } from "../fiscal.ts";
import { classifySupportTarget } from "../classify.ts";
import { parseJapaneseQuantity } from "../japanese-numbers.ts";
import { emptyResult, type ParseResult } from "../parsers/types.ts";
import { COLUMNS, SUPPORT_TARGETS, type KpiRecord, type SupportTarget } from "../schema.ts";
import type { SourceDoc } from "../source.ts";
import { splitCells } from "./cells.ts";
import { bodyOf, draftOf, type Figure } from "./statement.ts";

/** Header text → contract column: the column's name, its Japanese label, and a few names analysts use. */
const HEADERS = new Map<string, keyof KpiRecord | "fiscal_year">([
  ...COLUMNS.map((c) => [c.name, c.name] as const),
  ...COLUMNS.map((c) => [c.description_ja, c.name] as const),
  ["fiscal_year", "fiscal_year"],
  ["年度", "fiscal_year"],
]);

const REQUIRED: (keyof KpiRecord)[] = ["program", "kpi_name", "unit"];

/** The columns of a records header row, or null when the row does not name the contract's columns. */
function readHeader(cells: string[]): Map<string, number> | null {
  const columns = new Map<string, number>();
  cells.forEach((cell, j) => {
    const name = HEADERS.get(cell.trim()) ?? HEADERS.get(cell.trim().toLowerCase());
    if (name && !columns.has(name)) columns.set(name, j);
  });
  const named = REQUIRED.every((c) => columns.has(c));
  const where = columns.has("body") || columns.has("prefecture");
  const when = columns.has("period_start_fy") || columns.has("fiscal_year");
  const what = columns.has("target") || columns.has("actual");
  return named && where && when && what ? columns : null;
}

/** Whether a document holds a records table: then it is read by this reader alone. */
export function findRecordsHeader(doc: SourceDoc): number | null {
  for (let line = 1; line <= Math.min(doc.lines.length, 20); line++) {
    const cells = splitCells(doc.lines[line - 1]!);
    if (cells && readHeader(cells)) return line;
  }
  return null;
}

/** Reads every row under a records header; a row that breaks the contract is an error naming its line. */
export function readRecordsTable(doc: SourceDoc, headerLine: number): ParseResult {
  const result = emptyResult();
  const columns = readHeader(splitCells(doc.lines[headerLine - 1]!)!)!;
  result.accounted.set(headerLine, "records header");
  for (let line = headerLine + 1; line <= doc.lines.length; line++) {
    const cells = splitCells(doc.lines[line - 1]!);
    if (!cells || cells.every((c) => c === "")) continue;
    const cell = (name: string) => (columns.has(name) ? (cells[columns.get(name)!] ?? "").trim() : "");
    const problems: string[] = [];
    const number = (name: string): Figure["quantity"] | null => {
      const text = cell(name);
      if (!text) return null;
      const q = parseJapaneseQuantity(text);
      if (!q) problems.push(`${name} ${JSON.stringify(text)} is not a number`);
      return q;
    };
    const start = findAnyFiscalYear(cell("period_start_fy")) ?? parseWesternYear(cell("period_start_fy")) ?? findAnyFiscalYear(cell("fiscal_year")) ?? parseWesternYear(cell("fiscal_year"));
    const end = findAnyFiscalYear(cell("period_end_fy")) ?? parseWesternYear(cell("period_end_fy")) ?? start;
    if (start === null) problems.push("no fiscal year (period_start_fy)");
    const body = bodyOf(cell("body") || cell("prefecture"), bodyOf(cell("prefecture"), null));
    if (!body) problems.push(`unknown body ${JSON.stringify(cell("body") || cell("prefecture"))}`);
    const figures: Figure[] = [];
    const target = number("target");
    const actual = number("actual");
    if (target) figures.push({ role: "target", quantity: { ...target, op: cell("target_op") === "gte" ? "gte" : cell("target_op") === "gt" ? "gt" : target.op }, locator: null });
    if (actual) figures.push({ role: "actual", quantity: actual, locator: null });
    const asOf = cell("actual_as_of");
    const asOfDate = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : asOf ? findAnyAsOf(asOf) : null;
    if (asOf && !asOfDate) problems.push(`actual_as_of ${JSON.stringify(asOf)} is not a date`);
    if (figures.length === 0 && problems.length === 0) problems.push("a record needs a target or an actual");
    if (problems.length > 0 || start === null || !body) {
      result.errors.push({ line, reason: `records row: ${problems.join("; ")}` });
      continue;
    }
    const program = cell("program");
    const support = cell("support_target") || classifySupportTarget(program);
    if (!(SUPPORT_TARGETS as readonly string[]).includes(support)) {
      result.errors.push({ line, reason: `records row: support_target ${JSON.stringify(support)} is not one of ${SUPPORT_TARGETS.join(", ")}` });
      continue;
    }
    const draft = draftOf({ line, body, program, support: support as SupportTarget, kpi: cell("kpi_name"), unit: cell("unit") || null, period: { start, end: end ?? start }, figures, asOf: asOfDate, note: cell("note") || null });
    if (typeof draft === "string") result.errors.push({ line, reason: `records row: ${draft}` });
    else result.drafts.push(draft);
  }
  return result;
}
