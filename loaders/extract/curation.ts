// The curation overlay: analyst rows in data/curation/*.csv that add, replace or drop records, each with a reason.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { BodyError, resolveLocalGov, resolvePlatform, type BodyInfo } from "./bodies.ts";
import { classifyKpi } from "./classify.ts";
import { parseNumber } from "./numbers.ts";
import type { ReportEntry } from "./report.ts";
import { COLUMNS, recordId, validateRecord, type DocumentKind, type KpiRecord } from "./schema.ts";
import { lineOfOrigin, type SourceDoc } from "./source.ts";
import { squish } from "./text.ts";
import { unitFromName } from "./units.ts";

/** confirm: an analyst checked a general reader's record against the document; it no longer needs review. */
export const CURATION_ACTIONS = ["add", "replace", "confirm", "drop"] as const;

export interface CurationTally {
  file: string;
  added: number;
  /** Rows that replace, confirm or drop a parsed record. */
  replaced: number;
  /** Rows with no action yet: a review file not yet filled in. They change nothing. */
  pending: number;
}

export interface CurationOutcome {
  records: KpiRecord[];
  summary: CurationTally[];
  entries: ReportEntry[];
}

class CurationError extends Error {}

/** A loaded source and the layout it was parsed as (null when no parser recognized it). */
export interface CurationSource {
  doc: SourceDoc;
  kind: DocumentKind | null;
}

const NUMERIC = new Set(COLUMNS.filter((c) => c.type === "number" || c.type === "integer").map((c) => c.name as string));
const BOOLEAN = new Set(COLUMNS.filter((c) => c.type === "boolean").map((c) => c.name as string));

/** A curated cell as a typed value: empty → undefined (keep), `null` → null (clear). */
function cell(row: Record<string, string>, name: string): string | number | boolean | null | undefined {
  const raw = row[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  if (raw.trim() === "null") return null;
  if (NUMERIC.has(name)) {
    const n = parseNumber(raw);
    if (n === null) throw new CurationError(`${name} ${JSON.stringify(raw)} is not a number`);
    return n;
  }
  if (BOOLEAN.has(name)) {
    if (!/^(?:true|false)$/i.test(raw.trim())) throw new CurationError(`${name} ${JSON.stringify(raw)} is not true or false`);
    return raw.trim().toLowerCase() === "true";
  }
  return raw.trim();
}

function resolveBody(name: string, prefecture: string | undefined): BodyInfo {
  try {
    return /プラットフォーム/.test(name) ? resolvePlatform(name) : resolveLocalGov(name, { prefecture });
  } catch (error) {
    if (error instanceof BodyError) throw new CurationError(error.message);
    throw error;
  }
}

/** The curation files of a directory, in the order they apply. */
function curationFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".csv")).sort() : [];
}

function readRows(dir: string, file: string): Record<string, string>[] {
  return parse(readFileSync(join(dir, file)), { columns: true, skip_empty_lines: true, bom: true, comment: "#", relax_column_count: false });
}

/** The source files that curation rows name: the documents applyCuration reads lines of. */
export function curatedSourceFiles(dir: string): Set<string> {
  const files = new Set<string>();
  for (const file of curationFiles(dir)) {
    try {
      for (const row of readRows(dir, file)) if (row.source_file?.trim()) files.add(row.source_file.trim());
    } catch {
      // reported by applyCuration
    }
  }
  return files;
}

/**
 * The record_ids that replace and drop rows name. An extraction streaming its records holds these back for
 * applyCuration and passes every other record straight on. Malformed files are skipped here; applyCuration reports them.
 */
export function curationTargets(dir: string): Set<string> {
  const targets = new Set<string>();
  for (const file of curationFiles(dir)) {
    let rows: Record<string, string>[];
    try {
      rows = readRows(dir, file);
    } catch {
      continue;
    }
    for (const row of rows) if (row.action?.trim() && row.action.trim() !== "add" && row.record_id?.trim()) targets.add(row.record_id.trim());
  }
  return targets;
}

/**
 * Applies every CSV in the curation directory, in file-name order. Bad rows are reported, never applied halfway.
 * `parsed` holds at least every record a replace or drop row names (see curationTargets); `parsedIds`, when given,
 * is the id of every parsed record, so that an added record cannot duplicate one that was passed on.
 */
export function applyCuration(parsed: readonly KpiRecord[], dir: string, docs: (file: string) => CurationSource | undefined, parsedIds?: ReadonlySet<string>): CurationOutcome {
  const records = new Map(parsed.map((r) => [r.record_id, r]));
  const held = new Set(records.keys());
  const elsewhere = (id: string) => !records.has(id) && !held.has(id) && parsedIds !== undefined && parsedIds.has(id);
  const summary: CurationOutcome["summary"] = [];
  const entries: ReportEntry[] = [];
  for (const file of curationFiles(dir)) {
    const tally: CurationTally = { file, added: 0, replaced: 0, pending: 0 };
    let rows: Record<string, string>[];
    try {
      rows = readRows(dir, file);
    } catch (error) {
      // csv-parse says how far it read: the line where the broken row starts or ends.
      const line = (error as { lines?: number }).lines ?? 0;
      entries.push({ file: `curation/${file}`, line, status: "error", reason: `malformed CSV: ${(error as Error).message}`, text: "" });
      continue;
    }
    rows.forEach((row, index) => {
      const where = index + 2; // header is line 1
      if (!row.action?.trim()) {
        tally.pending++;
        return;
      }
      try {
        tally.added += applyRow(row, file, records, docs, elsewhere) === "add" ? 1 : 0;
        if (row.action.trim() !== "add") tally.replaced += 1;
      } catch (error) {
        if (!(error instanceof CurationError)) throw error;
        entries.push({ file: `curation/${file}`, line: where, status: "error", reason: error.message, text: Object.values(row).join(",") });
      }
    });
    summary.push(tally);
  }
  return { records: [...records.values()], summary, entries };
}

function applyRow(row: Record<string, string>, file: string, records: Map<string, KpiRecord>, docs: (file: string) => CurationSource | undefined, elsewhere: (id: string) => boolean): string {
  const action = row.action?.trim() ?? "";
  if (!(CURATION_ACTIONS as readonly string[]).includes(action)) throw new CurationError(`action must be one of ${CURATION_ACTIONS.join(", ")}, got ${JSON.stringify(action)}`);
  if (!row.reason?.trim()) throw new CurationError("every curation row needs a reason");
  const target = row.record_id?.trim();
  if (action !== "add") {
    if (!target || !records.has(target)) throw new CurationError(`${action} names record ${JSON.stringify(target ?? "")}, which no parser produced`);
    if (action === "drop") {
      records.delete(target);
      return action;
    }
    if (action === "confirm") {
      records.set(target, { ...records.get(target)!, needs_review: false });
      return action;
    }
  }
  const base: Partial<KpiRecord> = action === "replace" ? { ...records.get(target!)! } : {};
  for (const column of COLUMNS) {
    if (column.name === "record_id" || column.name === "extraction") continue;
    const value = cell(row, column.name);
    if (value !== undefined) (base as Record<string, unknown>)[column.name] = value;
  }
  const source = base.source_file ? docs(base.source_file) : undefined;
  if (!source?.kind) throw new CurationError(`source_file ${JSON.stringify(base.source_file ?? "")} is not a loaded, parsed source`);
  const doc = source.doc;
  base.document_kind ??= source.kind;
  const index = typeof base.source_line === "number" ? lineOfOrigin(doc, base.source_line, base.source_locator ?? null) : null;
  if (index === null) throw new CurationError(`source_line ${base.source_line}${base.source_locator ? ` (${base.source_locator})` : ""} is outside ${doc.file}`);
  base.source_text = doc.raw[index - 1]!;
  if (action === "add" || cell(row, "body") !== undefined) {
    if (!base.body) throw new CurationError("an added record needs a body");
    const explicitLevel = cell(row, "body_level");
    const body = resolveBody(base.body, base.prefecture);
    Object.assign(base, body);
    if (explicitLevel) base.body_level = explicitLevel as KpiRecord["body_level"];
  }
  if (base.kpi_name) base.kpi_name = squish(base.kpi_name);
  const classified = classifyKpi(base.kpi_name ?? "");
  base.kpi_kind ??= classified.kpi_kind;
  base.kpi_topic ??= classified.kpi_topic;
  base.direction ??= classified.direction;
  base.unit ??= unitFromName(base.kpi_name ?? "") ?? undefined;
  base.support_target ??= "unspecified";
  base.budget_thousand_yen ??= null;
  base.target ??= null;
  base.actual ??= null;
  base.actual_as_of ??= null;
  // An as-of date the analyst typed is stated, whatever dated the record it replaces (the day its document was written).
  if (cell(row, "actual_as_of") !== undefined && cell(row, "actual_as_of_basis") === undefined) base.actual_as_of_basis = base.actual_as_of === null ? null : "stated";
  base.actual_as_of_basis ??= base.actual_as_of === null ? null : "stated";
  base.parent_record_id ??= null;
  base.note ??= null;
  base.body_code ??= null;
  base.source_locator ??= null;
  base.target_approximate ??= false;
  base.actual_approximate ??= false;
  // The analyst wrote or corrected it: nothing is left to review.
  base.needs_review = false;
  base.target_op = base.target === null ? null : (base.target_op ?? "eq");
  base.period_end_fy ??= base.period_start_fy;
  base.extraction = `curated:${file}`;
  base.record_id = recordId(base as KpiRecord);
  const ordered = Object.fromEntries(COLUMNS.map((c) => [c.name, (base as Record<string, unknown>)[c.name]])) as unknown as KpiRecord;
  const problems = validateRecord(ordered as unknown as Record<string, unknown>);
  if (problems.length > 0) throw new CurationError(`curated record is invalid: ${problems.join("; ")}`);
  if (action === "add" && (records.has(ordered.record_id) || elsewhere(ordered.record_id))) throw new CurationError(`add duplicates parsed record ${ordered.record_id}; use action=replace to correct it`);
  if (action === "replace") records.delete(target!);
  records.set(ordered.record_id, ordered);
  return action;
}
