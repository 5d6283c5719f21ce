// The extraction report: what each source yielded, and every KPI-like line that did not become a record.
import { printable, printableLine } from "../terminal/output.ts";
import type { CurationTally } from "./curation.ts";
import { normalizeNumerals } from "./japanese-numbers.ts";
import { NUMBER_SOURCE } from "./numbers.ts";
import { UNIT_PATTERN } from "./units.ts";

const MARKER = /目標|実績|KPI|K\s?P\s?I/;
// The label is written as a lookbehind of its last two characters: the same matches as
// `[^…]{2,}` before the number, without backtracking over every label start of a long line.
const LABELLED_FIGURE = new RegExp(String.raw`(?<=[^\s\d、。,.:：（()）]{2})\s*(?:[:：]\s*)?${NUMBER_SOURCE}\s*(?:${UNIT_PATTERN})(?![\d%％])`);

/**
 * Whether a line looks like it states a target or an actual: a 目標/実績/KPI marker with a number, or a label with a
 * counted figure, in Arabic or kanji numerals (目標 三百人).
 */
export function isKpiLike(line: string): boolean {
  const text = normalizeNumerals(line);
  return (MARKER.test(text) && (/\d/.test(text.replace(DATES, "")) || KANJI_FIGURE.test(text))) || LABELLED_FIGURE.test(text);
}

/** Kanji numerals that normalizeNumerals left as written (三十万部: 部 is no known unit): still a figure. */
const KANJI_FIGURE = /(?<!第)[一二三四五六七八九〇十百千万億]{2,}/;

/** Years, months and days: a marker beside a date (令和6年度の実績は…) states no figure. */
const DATES = /(?:令和|平成|R|H)\s*(?:\.\s*)?(?:元|\d{1,2})\s*(?:年度?|\.)?|(?:19|20)\d{2}\s*年度?|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?/g;

export type ReportStatus = "skipped" | "unaccounted" | "duplicate" | "error";

export interface ReportEntry {
  file: string;
  line: number;
  /** p.3 l.12, 実施状況!A12:F12: where the line stands in a PDF, a sheet or a web page's table. */
  locator?: string | null;
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
  /** When the document was written (YYYY-MM-DD): it dates the actuals of years not over by then; null when unknown. */
  written_on: string | null;
  /** registry: sources.csv gives it; document: the latest date the document states as past. */
  written_on_basis: "registry" | "document" | null;
  /** The line of the file that states the document's date; null for the registry's. */
  written_on_line: number | null;
}

export interface ExtractionReport {
  sources: SourceSummary[];
  curation: CurationTally[];
  entries: ReportEntry[];
}

const LINE_BREAKS: Record<string, string> = { "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/**
 * A file name as the text report prints it: tabs and line breaks as \t, \n, \r and the rest as printable() shows it,
 * so that a name cannot add a row or a column to the report, nor reach the terminal raw.
 */
export function printableName(name: string): string {
  return printable(name.replace(/[\t\n\r]/g, (c) => LINE_BREAKS[c]!));
}

// What JSON.stringify leaves raw but printable() escapes: C1 controls and bidirectional overrides and isolates.
const JSON_UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The report as JSON: the same values, with every character printable() would escape written as a \uXXXX escape
 * (JSON.stringify already escapes line breaks and C0 controls), so that the file can be shown on a terminal.
 */
export function formatReportJson(report: ExtractionReport): string {
  return JSON.stringify(report, null, 2).replace(JSON_UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) + "\n";
}

/** A source's written_on as the text report gives it: 2025-02-12 (document, line 50), 2023-05-23 (registry), or -. */
function writtenOnText(s: SourceSummary): string {
  if (!s.written_on) return "-";
  return s.written_on_basis === "document" ? `${s.written_on} (document, line ${s.written_on_line})` : `${s.written_on} (${s.written_on_basis})`;
}

/** A compact text rendering for stderr and the report file; text from the documents is printable(). */
export function formatReport(report: ExtractionReport): string {
  const out: string[] = [];
  out.push("Extraction report");
  out.push("");
  out.push("file\tkind\tencoding\tlines\tkpi_like\trecords\twritten_on");
  for (const s of report.sources) out.push([printableName(s.file), s.document_kind ?? "-", s.encoding, s.lines, s.kpi_like_lines, s.records, writtenOnText(s)].join("\t"));
  for (const c of report.curation) out.push(`curation ${printableName(c.file)}: ${c.added} added, ${c.replaced} replaced${c.pending ? `, ${c.pending} awaiting an action` : ""}`);
  const parsed = report.sources.reduce((n, s) => n + s.records, 0);
  const added = report.curation.reduce((n, c) => n + c.added, 0);
  out.push(`records: ${parsed} parsed, ${added} added by curation`);
  for (const status of ["error", "unaccounted", "duplicate", "skipped"] as const) {
    const entries = report.entries.filter((e) => e.status === status);
    out.push("");
    out.push(`${status} lines: ${entries.length}`);
    for (const e of entries) out.push(printableLine(`  ${printableName(e.file)}:${e.line}${e.locator ? ` (${e.locator})` : ""}: ${e.reason} | ${e.text.trim().slice(0, 80)}`));
  }
  return out.join("\n") + "\n";
}
