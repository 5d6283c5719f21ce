// The review loop: what an analyst should look at — every line that looks like a KPI statement but gave no record,
// and every record a general reader made — as a CSV in the curation overlay's format. Filled in (an action and a
// reason per row) and dropped into data/curation/, it is taken in by the next build.
import { stringify } from "csv-stringify/sync";
import { spreadsheetSafe } from "../../src/lib/csv-guard.js";
import type { ExtractionReport } from "./report.ts";
import { COLUMNS, type KpiRecord } from "./schema.ts";

/** Columns the analyst fills in or reads, then every record column the overlay takes. */
export const REVIEW_COLUMNS = ["action", "reason", "review", "record_id", ...COLUMNS.map((c) => c.name).filter((n) => n !== "record_id")] as const;

export type ReviewRow = Record<(typeof REVIEW_COLUMNS)[number], string>;

const ASK_RECORD = "自動読取の値: 原資料と照合し、正しければ action=confirm、誤りは値を直して action=replace、KPI でなければ action=drop";
const ASK_LINE = "KPI らしい行から値を読めていません: KPI なら値を記入して action=add（出典行・事業・KPI名・年度・目標/実績）";

function blank(): ReviewRow {
  return Object.fromEntries(REVIEW_COLUMNS.map((c) => [c, ""])) as ReviewRow;
}

function cell(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

/** The rows awaiting review, in file and line order: the records that need it and the lines no reader read. */
export function reviewRows(records: readonly KpiRecord[], report: ExtractionReport): ReviewRow[] {
  const rows: { file: string; line: number; row: ReviewRow }[] = [];
  for (const r of records) {
    if (!r.needs_review) continue;
    const row = blank();
    for (const c of COLUMNS) row[c.name] = cell(r[c.name]);
    row.review = ASK_RECORD;
    rows.push({ file: r.source_file, line: r.source_line, row });
  }
  for (const e of report.entries) {
    if (e.status !== "unaccounted") continue;
    const row = blank();
    Object.assign(row, { review: ASK_LINE, source_file: e.file, source_line: String(e.line), source_locator: cell(e.locator), source_text: e.text });
    rows.push({ file: e.file, line: e.line, row });
  }
  rows.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return rows.map((r) => r.row);
}

/** The review rows as CSV (UTF-8 with BOM, for Excel), text cells spreadsheet-safe. */
export function reviewCsv(rows: readonly ReviewRow[]): string {
  const body = rows.map((r) => REVIEW_COLUMNS.map((c) => spreadsheetSafe(r[c])));
  return "\ufeff" + stringify([[...REVIEW_COLUMNS], ...body], { record_delimiter: "unix" });
}
