// The extraction report: what each source yielded, and every KPI-like line that did not become a record.
import { printable, printableLine } from "../io/format.ts";
import { NUMBER_SOURCE } from "./numbers.ts";
import { UNIT_PATTERN } from "./units.ts";

const MARKER = /目標|実績|KPI|K\s?P\s?I/;
// The label is written as a lookbehind of its last two characters: the same matches as
// `[^…]{2,}` before the number, without backtracking over every label start of a long line.
const LABELLED_FIGURE = new RegExp(String.raw`(?<=[^\s\d、。,.:：（()）]{2})\s*[:：]?\s*${NUMBER_SOURCE}\s*(?:${UNIT_PATTERN})(?![\d%％])`);

/** Whether a line looks like it states a target or an actual: a 目標/実績/KPI marker with a number, or a label with a counted figure. */
export function isKpiLike(line: string): boolean {
  return (MARKER.test(line) && /\d/.test(line)) || LABELLED_FIGURE.test(line);
}

export type ReportStatus = "skipped" | "unaccounted" | "duplicate" | "error";

export interface ReportEntry {
  file: string;
  line: number;
  status: ReportStatus;
  reason: string;
  text: string;
}

export interface SourceSummary {
  file: string;
  encoding: string;
  document_kind: string | null;
  parser: string | null;
  lines: number;
  kpi_like_lines: number;
  records: number;
}

export interface ExtractionReport {
  sources: SourceSummary[];
  curation: { file: string; added: number; replaced: number }[];
  entries: ReportEntry[];
}

/** A compact text rendering for stderr and the report file; text from the documents is printable(). */
export function formatReport(report: ExtractionReport): string {
  const out: string[] = [];
  out.push("Extraction report");
  out.push("");
  out.push("file\tkind\tencoding\tlines\tkpi_like\trecords");
  for (const s of report.sources) out.push([printable(s.file), s.document_kind ?? "-", s.encoding, s.lines, s.kpi_like_lines, s.records].join("\t"));
  for (const c of report.curation) out.push(`curation ${c.file}: ${c.added} added, ${c.replaced} replaced`);
  const parsed = report.sources.reduce((n, s) => n + s.records, 0);
  const added = report.curation.reduce((n, c) => n + c.added, 0);
  out.push(`records: ${parsed} parsed, ${added} added by curation`);
  for (const status of ["error", "unaccounted", "duplicate", "skipped"] as const) {
    const entries = report.entries.filter((e) => e.status === status);
    out.push("");
    out.push(`${status} lines: ${entries.length}`);
    for (const e of entries) out.push(printableLine(`  ${e.file}:${e.line}: ${e.reason} | ${e.text.trim().slice(0, 80)}`));
  }
  return out.join("\n") + "\n";
}
