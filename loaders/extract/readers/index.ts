// The general readers: after the layout parsers, and for documents no layout parser accepts, they look for KPI
// statements in any layout — tables first, then prose — on the lines nothing else explained. Their records carry
// needs_review, so an analyst knows what to check first.
import type { ParseResult } from "../parsers/types.ts";
import type { SourceDoc } from "../source.ts";
import { createContext } from "./context.ts";
import { readProse, PROSE_READER } from "./prose.ts";
import { findRecordsHeader, readRecordsTable } from "./typed-records.ts";
import { readTables, TABLE_READER } from "./table.ts";

export interface ReaderResult {
  /** Recorded in the records' `extraction` column. */
  name: string;
  result: ParseResult;
  needsReview: boolean;
}

/** Lines a result read or explained: they are not open to the next reader. */
function explainedBy(result: ParseResult): number[] {
  return [...result.drafts.map((d) => d.line), ...result.accounted.keys(), ...result.errors.map((e) => e.line), ...result.skipped.map((s) => s.line)];
}

/** A records table an analyst typed up, read as records; null when the document is not one. */
export function readAnalystRecords(doc: SourceDoc): ReaderResult | null {
  const header = findRecordsHeader(doc);
  return header === null ? null : { name: `table:${doc.file}`, result: readRecordsTable(doc, header), needsReview: false };
}

/** Runs the general readers over the open lines (1-based), each on what the ones before it left. */
export function readGeneral(doc: SourceDoc, open: ReadonlySet<number>): ReaderResult[] {
  const context = createContext(doc);
  const left = new Set(open);
  const results: ReaderResult[] = [];
  for (const [name, read] of [
    [TABLE_READER, readTables],
    [PROSE_READER, readProse],
  ] as const) {
    const result = read(doc, left, context);
    for (const line of explainedBy(result)) left.delete(line);
    results.push({ name, result, needsReview: true });
  }
  return results;
}
