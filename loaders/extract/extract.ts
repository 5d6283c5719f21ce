// Extraction step: load sources → parse each with its layout parser → records + report.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { cacheSlot } from "./cache.ts";
import { applyCuration, curatedSourceFiles, curationTargets, type CurationSource } from "./curation.ts";
import { normalizeNumerals } from "./japanese-numbers.ts";
import { looseFigures } from "./cell-figures.ts";
import { chooseParser } from "./parsers/index.ts";
import { readAnalystRecords, readGeneral, type ReaderResult } from "./readers/index.ts";
import { assertValid, compareRecords, completeRecord, InvalidRecordError, statementDigest } from "./drafts.ts";
import { DATA_DIR } from "./data-tables.ts";
import { readSourceRegistry, REGISTRY_FILE } from "./registry.ts";
import { finishStatements } from "./statements.ts";
import { isKpiLike, type ExtractionReport, type ReportEntry, type SourceSummary } from "./report.ts";
import type { DocumentKind, KpiRecord } from "./schema.ts";
import { linesDigest, MAX_LINE_CHARS, MAX_SOURCE_BYTES, notRegular, originOf, readSource, readSourceBytes, type SourceDoc } from "./source.ts";
import { applyWrittenOn } from "./written-on.ts";

export { MAX_LINE_CHARS, MAX_SOURCE_BYTES };

export interface ExtractOptions {
  sourcesDir: string;
  /** null turns the curation overlay off. */
  curationDir: string | null;
  /** Where each document's extraction is kept between builds (cache.ts); null or absent: every document is read. */
  cacheDir?: string | null;
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

/** The entries of a sources directory: the files to read, in name order, and what is not read and why. */
export interface SourceSurvey {
  files: { name: string; bytes: number }[];
  skipped: ReportEntry[];
}

/**
 * Sorts the entries of a sources directory, links followed, without opening any: regular files are read; hidden files,
 * READMEs, the source registry (sources.csv), subdirectories, FIFOs, sockets and devices are listed as skipped with the
 * reason. An entry that cannot be examined (a dangling link) is kept as a file, so that reading it reports why it
 * cannot be read.
 */
export function surveySources(dir: string): SourceSurvey {
  const survey: SourceSurvey = { files: [], skipped: [] };
  const skip = (file: string, reason: string) => survey.skipped.push({ file, line: 0, status: "skipped", reason, text: "" });
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".")) skip(name, "a hidden file (its name starts with a dot): not read");
    else if (/^readme/i.test(name)) skip(name, "a README: it describes the sources and is not one of them");
    else if (name === REGISTRY_FILE) skip(name, "the source registry: it describes the sources and is not one of them");
    else {
      let stats;
      try {
        stats = statSync(join(dir, name));
      } catch {
        survey.files.push({ name, bytes: 0 });
        continue;
      }
      const reason = notRegular(stats);
      if (reason) skip(name, reason);
      else survey.files.push({ name, bytes: stats.size });
    }
  }
  return survey;
}

/** The names of the source files of a directory that are read, in name order (surveySources says what is not). */
export function listSources(dir: string): string[] {
  return surveySources(dir).files.map((f) => f.name);
}

/** More U+FFFD than one character in this many, or any NUL, and a text is taken for a binary file. */
const BINARY_SHARE = 20;

/**
 * The lines of a document no parser is given, each with the reason the report gives (null: none to give): lines too
 * long to be a statement, and lines holding bytes that did not decode (a text file damaged in one place is read
 * everywhere else).
 */
function unreadableLines(doc: SourceDoc): Map<number, string | null> {
  const unread = new Map<number, string | null>();
  doc.raw.forEach((raw, i) => {
    // A long line of spaces alone holds nothing to report, but is not matched either.
    if (raw.length > MAX_LINE_CHARS) unread.set(i + 1, doc.lines[i]!.trim() === "" ? null : `a line of ${raw.length} characters, over ${MAX_LINE_CHARS}: too long for a statement, not read`);
    else if (doc.encoding !== "binary" && raw.includes("\ufffd")) unread.set(i + 1, "undecodable bytes: the line is not read");
  });
  return unread;
}

/** Whether a text file's decoded lines are a binary file's: a NUL byte, or a large share of undecodable bytes. */
function isBinary(doc: SourceDoc): boolean {
  let chars = 0;
  let bad = 0;
  for (const raw of doc.raw) {
    if (raw.includes("\u0000")) return true;
    chars += raw.length;
    for (let i = raw.indexOf("\ufffd"); i >= 0; i = raw.indexOf("\ufffd", i + 1)) bad++;
  }
  return bad * BINARY_SHARE > chars;
}

/**
 * Parses one loaded document; never throws for bad content, it reports it. The layout parser that recognizes the
 * document reads it first; the general readers then read the lines it left (every line, when no parser
 * recognizes the document). A records table an analyst typed up is read as records alone.
 */
export function extractDocument(source: SourceDoc): DocumentResult {
  const entries: ReportEntry[] = [];
  const entry = (line: number, status: ReportEntry["status"], reason: string) => {
    const origin = originOf(source, line);
    const text = source.raw[line - 1] ?? "";
    entries.push({ file: source.file, line: origin.line, locator: origin.locator, status, reason, text: text.length > MAX_LINE_CHARS ? `${text.slice(0, 200)}…` : text });
  };
  const summary: SourceSummary = {
    file: source.file,
    encoding: source.encoding,
    document_kind: null,
    parser: null,
    lines: source.lines.length,
    kpi_like_lines: 0,
    records: 0,
    written_on: null,
    written_on_basis: null,
    written_on_line: null,
  };
  for (const e of source.readErrors) entries.push({ file: source.file, line: e.line, locator: null, status: "error", reason: e.reason, text: "" });
  let records: KpiRecord[] = [];
  if (source.lines.every((l) => l.trim() === "")) {
    if (source.readErrors.length === 0) entry(1, "error", "empty file: no text to extract");
    return { records, entries, summary };
  }
  if (source.format === "text" && isBinary(source)) {
    entry(1, "error", "binary or undecodable file: not a text source");
    return { records, entries, summary };
  }
  // The parsers see an unreadable line as a blank one; the report says why it was not read.
  const unread = unreadableLines(source);
  for (const [line, reason] of unread) if (reason) entry(line, "error", reason);
  const doc: SourceDoc = unread.size === 0 ? source : { ...source, raw: source.raw.map((l, i) => (unread.has(i + 1) ? "" : l)), lines: source.lines.map((l, i) => (unread.has(i + 1) ? "" : l)) };
  const kpiLike = doc.lines.map(isKpiLike);
  summary.kpi_like_lines = kpiLike.filter(Boolean).length;
  const parser = chooseParser(doc);
  const kind: DocumentKind = parser?.kind ?? "other";
  summary.document_kind = kind;
  summary.parser = parser?.name ?? "readers";
  const seen = new Set<string>();
  const explained = new Set<number>();
  /** The figures each line's records state, to tell which figures of the line became no statement. */
  const stated = new Map<number, Set<number>>();
  const take = ({ name, result, needsReview }: ReaderResult) => {
    for (const draft of result.drafts) {
      explained.add(draft.line);
      try {
        const record = assertValid(completeRecord(draft, doc, kind, name, needsReview));
        if (seen.has(record.record_id)) {
          entry(draft.line, "error", `duplicate record ${record.record_id} (${record.kpi_name}, FY${record.period_start_fy}–${record.period_end_fy})`);
          continue;
        }
        seen.add(record.record_id);
        records.push(record);
        const values = stated.get(draft.line) ?? new Set<number>();
        for (const v of [record.target, record.actual, record.budget_thousand_yen]) if (v !== null) values.add(v);
        stated.set(draft.line, values);
      } catch (error) {
        if (!(error instanceof InvalidRecordError)) throw error;
        entry(draft.line, "error", `invalid record: ${error.problems.join("; ")}`);
      }
    }
    // A statement a general reader found but could not complete is a line left unread, not bad input.
    for (const e of result.errors) entry(e.line, needsReview ? "unaccounted" : "error", e.reason);
    for (const s of result.skipped) entry(s.line, "skipped", s.reason);
    for (const line of [...result.accounted.keys(), ...result.errors.map((e) => e.line), ...result.skipped.map((s) => s.line)]) explained.add(line);
  };
  const analyst = readAnalystRecords(doc);
  if (analyst) take(analyst);
  else {
    if (parser) {
      try {
        take({ name: parser.name, result: parser.parse(doc), needsReview: false });
      } catch (error) {
        entry(1, "error", `parser ${parser.name} failed: ${(error as Error).message}`);
      }
    }
    const open = new Set<number>();
    for (let line = 1; line <= doc.lines.length; line++) if (!explained.has(line)) open.add(line);
    for (const result of readGeneral(doc, open)) take(result);
  }
  // Restatements under another body dropped and reported, parts linked to their wholes (statements.ts).
  records = finishStatements(records, doc, entry);
  for (const [line, status, reason] of unreadLines(doc, kpiLike, explained, stated)) entry(line, status, reason);
  if (records.length === 0 && entries.length === 0) entry(1, "skipped", "no KPI statement found: no layout parser recognizes this document and the general readers found no target or actual");
  summary.records = records.length;
  entries.sort((a, b) => a.line - b.line);
  return { records, entries, summary };
}

/**
 * What no reader read: each KPI-like line that nothing explained, and each line that gave records but states more
 * figures than they hold (a job-offer count in a consultation count's cell), listing the figures left over, so that
 * no statement is absorbed without a trace.
 */
function unreadLines(doc: SourceDoc, kpiLike: readonly boolean[], explained: ReadonlySet<number>, stated: ReadonlyMap<number, ReadonlySet<number>>): [number, ReportEntry["status"], string][] {
  const out: [number, ReportEntry["status"], string][] = [];
  kpiLike.forEach((like, i) => {
    if (like && !explained.has(i + 1)) out.push([i + 1, "unaccounted", "looks like a KPI statement but no record was read from it"]);
  });
  for (const [line, values] of stated) {
    const left = looseFigures(normalizeNumerals(doc.lines[line - 1]!)).filter((f) => !values.has(figureValue(f)));
    if (left.length > 0) out.push([line, "skipped", `figures on this line not read as statements of their own: ${left.join(", ")}`]);
  }
  return out;
}

/** The number of a figure as looseFigures gives it (2,000社 → 2000). */
function figureValue(figure: string): number {
  return Number(/\d[\d,]*(?:\.\d+)?/.exec(figure)![0].replace(/,/g, ""));
}

/** What a streaming extraction reports besides its records. */
export interface StreamSummary {
  report: ExtractionReport;
  records: number;
  /** Source files read, and how many of them were taken from the cache instead of extracted. */
  files: number;
  cached: number;
}

/** One source file read and extracted, or why it could not be read. */
export interface FileOutcome {
  file: string;
  bytes: number;
  /** A digest of the decoded lines: the same text in another encoding or with other line ends gives the same one. */
  digest: string | null;
  result: DocumentResult | null;
  /** statementDigest of each record of the result, computed where the file is parsed. */
  statements: string[];
  error: ReportEntry | null;
  /** True when the outcome was taken from the extraction cache. */
  cached?: boolean;
}

/** The error of a sources directory with nothing to read. */
function noSources(dir: string): ReportEntry {
  return { file: dir, line: 0, status: "error", reason: "no source files in this directory", text: "" };
}

/**
 * Reads and extracts one source file; never throws for what the file holds. Its undated actuals of fiscal years not
 * over when it was written are dated by that day: the registry's written_on, else the document's (written-on.ts).
 */
export async function extractFile(sourcesDir: string, file: string, cacheDir: string | null = null): Promise<FileOutcome> {
  const failed = (bytes: number, line: number, reason: string, status: ReportEntry["status"] = "error"): FileOutcome => ({ file, bytes, digest: null, result: null, statements: [], error: { file, line, status, reason, text: "" } });
  const read = readSourceBytes(join(sourcesDir, file));
  if (!("bytes" in read)) return failed(0, read.line, read.reason, read.status);
  const bytes = read.bytes;
  try {
    const registryRow = readSourceRegistry(sourcesDir).get(file) ?? null;
    const cache = cacheDir === null ? null : cacheSlot(cacheDir, sourcesDir, file, bytes, registryRow);
    const cached = cache?.read();
    if (cached) return cached;
    const doc = await readSource(file, bytes);
    const result = applyWrittenOn(extractDocument(doc), doc, registryRow);
    const digest = linesDigest(doc, bytes);
    const outcome: FileOutcome = { file, bytes: bytes.length, digest, result, statements: result.records.map(statementDigest), error: null };
    cache?.write(outcome);
    return outcome;
  } catch (error) {
    // Parsers' failures are caught in extractDocument; this is the net under decoding and bookkeeping, so that one
    // file never stops the others.
    return failed(bytes.length, 1, `cannot extract: ${(error as Error).message}`);
  }
}

/** Lines a document may have, for a record's place in createExtraction: far over MAX_SOURCE_BYTES' lines. */
const PLACE_LINES = 2 ** 32;

/**
 * The bookkeeping of a streaming extraction, fed one file outcome at a time in file order: the report, repeated
 * documents and statements (counted once, from where they first appear), and the records curation names, which it
 * holds back until finish().
 */
export function createExtraction(options: ExtractOptions, sink: (record: KpiRecord) => void) {
  const report: ExtractionReport = { sources: [], curation: [], entries: [] };
  // A registry that cannot be read stops the extraction here, naming its line, before any file is read.
  readSourceRegistry(options.sourcesDir);
  const targets = options.curationDir ? curationTargets(options.curationDir) : new Set<string>();
  const held: KpiRecord[] = [];
  /** Where each record_id was first produced, as a place (below). */
  const ids = new Map<string, number>();
  const kinds = new Map<string, DocumentKind | null>();
  const texts = new Map<string, string>();
  /** Where each statement was first seen, by statementDigest, as a place. */
  const statements = new Map<string, number>();
  /**
   * The files accepted so far. A record's place is its file's index here times PLACE_LINES plus its line: a number
   * instead of a "file:line" string per record, which the two maps above would hold for every record of the corpus.
   */
  const placeFiles: string[] = [];
  const where = (place: number) => `${placeFiles[Math.floor(place / PLACE_LINES)]}:${place % PLACE_LINES}`;
  let count = 0;
  let files = 0;
  let cached = 0;
  return {
    /** An entry of the sources directory that is not read (a subdirectory, a README, a FIFO): listed, not counted. */
    skip(entry: ReportEntry): void {
      report.entries.push(entry);
    },
    accept(outcome: FileOutcome): void {
      files++;
      if (outcome.cached) cached++;
      if (outcome.error) report.entries.push(outcome.error);
      const result = outcome.result;
      if (!result) return;
      const original = outcome.digest === null ? undefined : texts.get(outcome.digest);
      if (original !== undefined) {
        // A copy of an earlier document: its records and report entries are the original's, so neither is repeated.
        const reason = `the same text as ${original}: its ${result.records.length} records are counted once, from ${original}`;
        report.entries.push({ file: outcome.file, line: 1, status: "duplicate", reason, text: "" });
        report.sources.push({ ...result.summary, records: 0 });
        return;
      }
      if (outcome.digest !== null && result.summary.document_kind !== null) texts.set(outcome.digest, outcome.file);
      kinds.set(outcome.file, result.summary.document_kind as DocumentKind | null);
      report.entries.push(...result.entries);
      report.sources.push(result.summary);
      // A document's records all cite the document itself (source_file is outcome.file).
      const base = placeFiles.push(outcome.file) * PLACE_LINES - PLACE_LINES;
      const records = result.records;
      for (let i = 0; i < records.length; i++) {
        const r = records[i]!;
        const other = ids.get(r.record_id);
        if (other !== undefined) {
          report.entries.push({ file: r.source_file, line: r.source_line, status: "error", reason: `record_id ${r.record_id} also produced by ${where(other)}`, text: r.source_text });
          continue;
        }
        const place = base + r.source_line;
        ids.set(r.record_id, place);
        // A record curation names is the analyst's to settle; any other statement seen before is counted once.
        if (targets.has(r.record_id)) {
          held.push(r);
          continue;
        }
        const statement = outcome.statements[i]!;
        const first = statements.get(statement);
        if (first !== undefined) {
          const reason = `the same statement as ${where(first)} (${r.kpi_name}, FY${r.period_start_fy}–${r.period_end_fy}): counted once, from there`;
          report.entries.push({ file: r.source_file, line: r.source_line, status: "duplicate", reason, text: r.source_text });
          continue;
        }
        statements.set(statement, place);
        sink(r);
        count++;
      }
    },
    async finish(): Promise<StreamSummary> {
      if (files === 0) report.entries.push(noSources(options.sourcesDir));
      let final = held;
      if (options.curationDir) {
        // Curation reads the lines it points at again: only the documents its rows name, or whose records they
        // correct, are loaded a second time.
        const loaded = new Map<string, CurationSource>();
        for (const file of new Set([...curatedSourceFiles(options.curationDir), ...held.map((r) => r.source_file)])) {
          const kind = kinds.get(file);
          if (kind === undefined || kind === null) continue;
          const read = readSourceBytes(join(options.sourcesDir, file));
          // The file was read a moment ago; if it has gone since, curation finds none of its lines and says so.
          if ("bytes" in read) loaded.set(file, { doc: await readSource(file, read.bytes), kind });
        }
        const docs = (file: string): CurationSource | undefined => loaded.get(file);
        const curated = applyCuration(held, options.curationDir, docs, new Set(ids.keys()));
        final = curated.records.sort(compareRecords);
        report.curation = curated.summary;
        report.entries.push(...curated.entries);
      }
      final.forEach(sink);
      return { report, records: count + final.length, files, cached };
    },
  };
}

/**
 * Loads every source of a directory, extracts it, applies the curation overlay, and hands each record to `sink`
 * as soon as it is final, so that memory holds one document at a time. Records come in file order; those a
 * curation row names, and the records curation adds, come last. A record_id already produced by an earlier file
 * is reported, not passed on. (extractParallel in parallel.ts does the same on worker threads.)
 */
export async function extractStream(options: ExtractOptions, sink: (record: KpiRecord) => void, onFile?: (file: string, bytes: number) => void): Promise<StreamSummary> {
  const extraction = createExtraction(options, sink);
  const { files, skipped } = surveySources(options.sourcesDir);
  skipped.forEach(extraction.skip);
  for (const { name: file } of files) {
    const outcome = await extractFile(options.sourcesDir, file, options.cacheDir ?? null);
    extraction.accept(outcome);
    onFile?.(file, outcome.bytes);
  }
  return extraction.finish();
}

/** Loads every source of a directory, extracts it, and applies the curation overlay; records in stable order. */
export async function extractAll(options: ExtractOptions): Promise<ExtractResult> {
  const records: KpiRecord[] = [];
  const { report } = await extractStream(options, (r) => records.push(r));
  records.sort(compareRecords);
  return { records, report };
}

/** The extraction with the project's default inputs (data/sources, data/curation). */
export function extractDefault(): Promise<ExtractResult> {
  return extractAll({ sourcesDir: DATA_DIR + "sources", curationDir: DATA_DIR + "curation" });
}
