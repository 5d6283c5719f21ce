// Turns parser drafts into validated records.
import { hash } from "node:crypto";
import { classifyKpi } from "./classify.ts";
import type { Draft } from "./parsers/types.ts";
import { recordId, validateRecord, type DocumentKind, type KpiRecord } from "./schema.ts";
import { originOf, type SourceDoc } from "./source.ts";
import { squish } from "./text.ts";
import { unitFromName } from "./units.ts";

/**
 * Builds the full record for a draft: provenance, classification, unit, id. A draft's line is the document's line;
 * the record cites the file's line and, for pages and sheets, the locator.
 */
export function completeRecord(draft: Draft, doc: SourceDoc, kind: DocumentKind, extraction: string, needsReview = false): KpiRecord {
  const kpiName = squish(draft.kpi_name);
  const origin = originOf(doc, draft.line);
  const sourceLocator = draft.locator ?? origin.locator;
  const kpiClass = classifyKpi(kpiName);
  return {
    record_id: recordId({ source_file: doc.file, source_line: origin.line, source_locator: sourceLocator, kpi_name: kpiName, period_start_fy: draft.period.start, period_end_fy: draft.period.end }),
    source_file: doc.file,
    source_line: origin.line,
    source_locator: sourceLocator,
    source_text: doc.raw[draft.line - 1] ?? "",
    document_kind: kind,
    prefecture: draft.body.prefecture,
    prefecture_code: draft.body.prefecture_code,
    body: draft.body.body,
    body_code: draft.body.body_code,
    body_level: draft.body.body_level,
    program: squish(draft.program),
    budget_thousand_yen: draft.budget_thousand_yen,
    support_target: draft.support_target,
    kpi_name: kpiName,
    kpi_kind: kpiClass.kpi_kind,
    kpi_topic: kpiClass.kpi_topic,
    direction: kpiClass.direction,
    unit: draft.unit ?? unitFromName(kpiName) ?? "",
    period_start_fy: draft.period.start,
    period_end_fy: draft.period.end,
    target: draft.target,
    target_op: draft.target === null ? null : (draft.target_op ?? "eq"),
    actual: draft.actual,
    actual_as_of: draft.actual_as_of,
    actual_as_of_basis: draft.actual_as_of ? "stated" : null,
    note: draft.note ? squish(draft.note) : null,
    target_approximate: draft.target_approximate ?? false,
    actual_approximate: draft.actual_approximate ?? false,
    extraction,
    needs_review: needsReview,
    parent_record_id: null,
  };
}

export class InvalidRecordError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problems: string[],
  ) {
    super(`${file}:${line}: invalid record: ${problems.join("; ")}`);
  }
}

/** Throws when a record breaks the schema, naming its file and line. */
export function assertValid(record: KpiRecord): KpiRecord {
  // completeRecord computed the id from these very fields.
  const problems = validateRecord(record as unknown as Record<string, unknown>, { checkId: false });
  if (problems.length > 0) throw new InvalidRecordError(record.source_file, record.source_line, problems);
  return record;
}

/** Stable order for every output: file, line, period, name. */
export function compareRecords(a: KpiRecord, b: KpiRecord): number {
  return (
    a.source_file.localeCompare(b.source_file) ||
    a.source_line - b.source_line ||
    a.period_start_fy - b.period_start_fy ||
    a.period_end_fy - b.period_end_fy ||
    (a.kpi_name < b.kpi_name ? -1 : a.kpi_name > b.kpi_name ? 1 : 0)
  );
}

/**
 * What a record states, wherever it stands: a digest of every column but its id, file and line. Two records with
 * the same statement are the same line stating the same figures for the same indicator and period again, in
 * another file or further down the same one (a document saved twice, pasted twice, or a plan restated word for
 * word in its next edition), and count once.
 */
export function statementDigest(r: KpiRecord): string {
  const columns = [
    r.source_text, r.document_kind, r.prefecture, r.prefecture_code, r.body, r.body_code, r.body_level, r.program,
    r.budget_thousand_yen, r.support_target, r.kpi_name, r.kpi_kind, r.kpi_topic, r.direction, r.unit,
    r.period_start_fy, r.period_end_fy, r.target, r.target_op, r.actual, r.actual_as_of, r.actual_as_of_basis, r.note, r.extraction,
    r.target_approximate, r.actual_approximate, r.needs_review,
  ];
  return hash("sha1", JSON.stringify(columns), "base64").slice(0, 16);
}
