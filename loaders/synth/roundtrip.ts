// Generate → extract → compare: every record of the truth found, nothing extra, nothing reported.
import { extractDocument } from "../extract/extract.ts";
import { COLUMNS, type KpiRecord } from "../extract/schema.ts";
import { loadSource } from "../extract/source.ts";
import { applyWrittenOn } from "../extract/written-on.ts";
import type { SynthFile } from "./corpus.ts";

export interface Mismatch {
  file: string;
  line: number;
  problem: string;
}

function describe(r: KpiRecord): string {
  return `${r.kpi_name} FY${r.period_start_fy}–${r.period_end_fy} (${r.record_id})`;
}

/** The differences between what the extraction reads from a synthetic file and its truth. */
export function compareFile(file: SynthFile): Mismatch[] {
  // As extractFile reads it: undated actuals of a year not over are dated by the day the document was written.
  const doc = loadSource(file.file, Buffer.from(file.text, "utf8"));
  const result = applyWrittenOn(extractDocument(doc), doc, null);
  const mismatches: Mismatch[] = [];
  const truth = new Map(file.records.map((r) => [r.record_id, r]));
  const found = new Map(result.records.map((r) => [r.record_id, r]));
  for (const [id, expected] of truth) {
    const actual = found.get(id);
    if (!actual) {
      mismatches.push({ file: file.file, line: expected.source_line, problem: `missing ${describe(expected)}` });
      continue;
    }
    for (const column of COLUMNS) {
      const want = expected[column.name];
      const got = actual[column.name];
      if (want !== got) mismatches.push({ file: file.file, line: expected.source_line, problem: `${column.name}: expected ${JSON.stringify(want)}, read ${JSON.stringify(got)} (${describe(expected)})` });
    }
  }
  for (const [id, actual] of found) if (!truth.has(id)) mismatches.push({ file: file.file, line: actual.source_line, problem: `extra ${describe(actual)}` });
  // A row that restates another body's figures is reported as a duplicate, where the writer restated them only.
  const restated = new Set(file.restated);
  for (const entry of result.entries) {
    if (entry.status === "duplicate" && restated.has(entry.line)) continue;
    if (entry.status !== "skipped") mismatches.push({ file: file.file, line: entry.line, problem: `${entry.status}: ${entry.reason}` });
  }
  for (const line of restated) {
    if (!result.entries.some((e) => e.status === "duplicate" && e.line === line)) mismatches.push({ file: file.file, line, problem: "restated figures not reported as duplicates" });
  }
  return mismatches;
}
