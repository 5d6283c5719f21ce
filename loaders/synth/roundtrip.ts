// Generate → extract → compare: every record of the truth found, nothing extra, nothing reported.
import { extractDocument } from "../extract/extract.ts";
import { COLUMNS, type KpiRecord } from "../extract/schema.ts";
import { loadSource } from "../extract/source.ts";
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
  const result = extractDocument(loadSource(file.file, Buffer.from(file.text, "utf8")));
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
  for (const entry of result.entries) {
    if (entry.status !== "skipped") mismatches.push({ file: file.file, line: entry.line, problem: `${entry.status}: ${entry.reason}` });
  }
  return mismatches;
}
