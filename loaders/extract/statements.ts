// What is settled over a document's records once every reader has read it, before curation: a statement restated
// under another body is dropped and reported (restated.ts), and each figure that is part of another is linked to it
// (nesting.ts).
import { linkParents } from "./nesting.ts";
import type { ReportStatus } from "./report.ts";
import { dropRestated, type Placed } from "./restated.ts";
import type { KpiRecord } from "./schema.ts";
import type { SourceDoc } from "./source.ts";

/** Reports a document line, as extractDocument's entry() does. */
type Entry = (line: number, status: ReportStatus, reason: string) => void;

/** The document line of each record: a text file's line is its own; a page's, sheet's or table's is found by its origin. */
function placeRecords(doc: SourceDoc, records: readonly KpiRecord[]): Placed[] {
  if (!doc.origins) return records.map((record) => ({ record, line: record.source_line }));
  const lines = new Map<string, number>();
  doc.origins.forEach((o, i) => {
    const set = (locator: string | null) => {
      const key = `${o.line}\t${locator ?? ""}`;
      if (!lines.has(key)) lines.set(key, i + 1);
    };
    set(o.locator);
    for (const cell of o.cells ?? []) set(cell);
  });
  return records.map((record) => ({ record, line: lines.get(`${record.source_line}\t${record.source_locator ?? ""}`) ?? record.source_line }));
}

/** Where a record stands and what it is, for a report's reason. */
function cite(p: Placed): string {
  const r = p.record;
  return `${r.source_file}:${r.source_line}${r.source_locator ? ` (${r.source_locator})` : ""} under ${r.body}`;
}

/**
 * A document's records once read: those restating a neighbouring record of another body dropped, each reported as a
 * duplicate naming the record kept, and parent_record_id set on the figures that are part of another.
 */
export function finishStatements(records: KpiRecord[], doc: SourceDoc, entry: Entry): KpiRecord[] {
  if (records.length === 0) return records;
  const { kept, restated } = dropRestated(placeRecords(doc, records));
  for (const { dropped, kept: by } of restated) {
    const r = dropped.record;
    entry(dropped.line, "duplicate", `the same statement as ${cite(by)}, restated under ${r.body} (${r.kpi_name}, FY${r.period_start_fy}–${r.period_end_fy}): counted once, from there`);
  }
  return linkParents(kept);
}
