// Extraction step: load sources → parse each with its layout parser → records + report.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { applyCuration, type CurationSource } from "./curation.ts";
import { chooseParser } from "./parsers/index.ts";
import { assertValid, compareRecords, completeRecord, InvalidRecordError } from "./records.ts";
import { isKpiLike, type ExtractionReport, type ReportEntry, type SourceSummary } from "./report.ts";
import type { KpiRecord } from "./schema.ts";
import { loadSource, type SourceDoc } from "./source.ts";

export interface ExtractOptions {
  sourcesDir: string;
  /** null turns the curation overlay off. */
  curationDir: string | null;
}

export interface ExtractResult {
  records: KpiRecord[];
  report: ExtractionReport;
}

export interface DocumentResult {
  records: KpiRecord[];
  entries: ReportEntry[];
  summary: SourceSummary;
}

/** Source files of a directory: every regular file but READMEs and hidden files, in name order. */
export function listSources(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith(".") && !/^readme/i.test(name))
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
}

/** Parses one loaded document; never throws for bad content, it reports it. */
export function extractDocument(doc: SourceDoc): DocumentResult {
  const entries: ReportEntry[] = [];
  const entry = (line: number, status: ReportEntry["status"], reason: string) =>
    entries.push({ file: doc.file, line, status, reason, text: doc.raw[line - 1] ?? "" });
  const summary: SourceSummary = {
    file: doc.file,
    encoding: doc.encoding,
    document_kind: null,
    parser: null,
    lines: doc.lines.length,
    kpi_like_lines: doc.lines.filter(isKpiLike).length,
    records: 0,
  };
  const records: KpiRecord[] = [];
  if (doc.lines.every((l) => l.trim() === "")) {
    entry(1, "error", "empty file: no text to extract");
    return { records, entries, summary };
  }
  if (doc.raw.some((l) => l.includes("\u0000") || l.includes("\ufffd"))) {
    entry(1, "error", "binary or undecodable file: not a text source");
    return { records, entries, summary };
  }
  const parser = chooseParser(doc);
  if (!parser) {
    entry(1, "error", "unknown layout: no parser recognizes this document");
    return { records, entries, summary };
  }
  summary.document_kind = parser.kind;
  summary.parser = parser.name;
  let parsed;
  try {
    parsed = parser.parse(doc);
  } catch (error) {
    entry(1, "error", `parser ${parser.name} failed: ${(error as Error).message}`);
    return { records, entries, summary };
  }
  const seen = new Set<string>();
  const recordLines = new Set<number>();
  for (const draft of parsed.drafts) {
    try {
      const record = assertValid(completeRecord(draft, doc, parser.kind, parser.name));
      if (seen.has(record.record_id)) {
        entry(draft.line, "error", `duplicate record ${record.record_id} (${record.kpi_name}, FY${record.period_start_fy}–${record.period_end_fy})`);
        continue;
      }
      seen.add(record.record_id);
      records.push(record);
      recordLines.add(record.source_line);
    } catch (error) {
      if (!(error instanceof InvalidRecordError)) throw error;
      entry(draft.line, "error", `invalid record: ${error.problems.join("; ")}`);
    }
  }
  for (const e of parsed.errors) entry(e.line, "error", e.reason);
  for (const s of parsed.skipped) entry(s.line, "skipped", s.reason);
  const explained = new Set([...recordLines, ...parsed.accounted.keys(), ...parsed.errors.map((e) => e.line), ...parsed.skipped.map((s) => s.line)]);
  doc.lines.forEach((line, i) => {
    if (!explained.has(i + 1) && isKpiLike(line)) entry(i + 1, "unaccounted", "looks like a KPI statement but no record was read from it");
  });
  summary.records = records.length;
  entries.sort((a, b) => a.line - b.line);
  return { records, entries, summary };
}

/** Loads every source of a directory, extracts it, and applies the curation overlay. */
export function extractAll(options: ExtractOptions): ExtractResult {
  const report: ExtractionReport = { sources: [], curation: [], entries: [] };
  let records: KpiRecord[] = [];
  const docs = new Map<string, CurationSource>();
  for (const file of listSources(options.sourcesDir)) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(join(options.sourcesDir, file));
    } catch (error) {
      report.entries.push({ file, line: 0, status: "error", reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, text: "" });
      continue;
    }
    const doc = loadSource(file, bytes);
    const result = extractDocument(doc);
    docs.set(file, { doc, kind: result.summary.document_kind as CurationSource["kind"] });
    records.push(...result.records);
    report.entries.push(...result.entries);
    report.sources.push(result.summary);
  }
  const ids = new Map<string, KpiRecord>();
  records = records.filter((r) => {
    const other = ids.get(r.record_id);
    if (other) {
      report.entries.push({ file: r.source_file, line: r.source_line, status: "error", reason: `record_id ${r.record_id} also produced by ${other.source_file}:${other.source_line}`, text: r.source_text });
      return false;
    }
    ids.set(r.record_id, r);
    return true;
  });
  if (options.curationDir) {
    const curated = applyCuration(records, options.curationDir, docs);
    records = curated.records;
    report.curation = curated.summary;
    report.entries.push(...curated.entries);
  }
  records.sort(compareRecords);
  return { records, report };
}
