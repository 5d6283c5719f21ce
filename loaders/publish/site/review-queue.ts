// What awaits an analyst's review, for the 方法 page's 確認待ち: the records a general reader made (needs_review) and
// the lines that look like a KPI statement but no reader read (the report's unaccounted lines) — the rows
// `kpi review` writes to its CSV, here for reading.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { queryRows, withDatabase, type Plain } from "../../analyze/db.ts";
import type { ExtractionReport } from "../../extract/report.ts";
import { builtParquet, siteOutDir } from "./arrow.ts";

/** The columns of a record to review that the page shows. */
const RECORD_COLUMNS = [
  "record_id", "source_file", "source_line", "source_locator", "prefecture", "body", "program", "kpi_name",
  "period_start_fy", "period_end_fy", "target", "target_op", "actual", "actual_as_of", "unit", "target_approximate", "actual_approximate", "extraction",
] as const;

export interface ReviewLine {
  file: string;
  line: number;
  locator: string | null;
  reason: string;
  text: string;
}

export interface ReviewList {
  records: Record<(typeof RECORD_COLUMNS)[number], Plain>[];
  lines: ReviewLine[];
}

/** The unaccounted lines of an extraction report, in file and line order. */
export function unaccountedLines(report: Pick<ExtractionReport, "entries">): ReviewLine[] {
  return report.entries
    .filter((e) => e.status === "unaccounted")
    .map((e) => ({ file: e.file, line: e.line, locator: e.locator ?? null, reason: e.reason, text: e.text.trim() }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

/** The build's records with needs_review, in source order, and the report's unaccounted lines. */
export async function reviewList(outDir = siteOutDir()): Promise<ReviewList> {
  const report = JSON.parse(readFileSync(join(outDir, "extraction_report.json"), "utf8")) as ExtractionReport;
  const { rows } = await withDatabase((c) =>
    queryRows(
      c,
      `SELECT ${RECORD_COLUMNS.join(", ")} FROM ${builtParquet("kpi_records", outDir)}
       WHERE needs_review
       ORDER BY source_file, source_line, source_locator, kpi_name, period_start_fy, period_end_fy, record_id`,
    ),
  );
  return { records: rows as ReviewList["records"], lines: unaccountedLines(report) };
}
