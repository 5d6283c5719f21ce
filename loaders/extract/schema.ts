// The normalized KPI record (docs/kpi-record.md). Other tools read these columns by name.
import { hash } from "node:crypto";

/** The five known layouts, and `other` for a document read by the general readers or typed up by an analyst. */
export const DOCUMENT_KINDS = ["grant_status_report", "grant_case_study", "grant_kpi_plan", "platform_plan", "platform_kpi_status", "other"] as const;
export const BODY_LEVELS = ["prefecture", "designated_city", "municipality", "national_agency", "platform", "other"] as const;
export const SUPPORT_TARGETS = ["unstable_employment", "long_term_unemployed", "social_participation", "cross_cutting", "unspecified"] as const;
export const KPI_KINDS = ["outcome", "output"] as const;
export const KPI_TOPICS = ["employment", "regular_employment", "social_participation", "consultation", "participation", "employer", "training", "outreach", "other"] as const;
export const DIRECTIONS = ["up", "down"] as const;
/** eq: the figure; gte: 以上 (at least); gt: 超 (more than). */
export const TARGET_OPS = ["gte", "gt", "eq"] as const;
/** stated: the document dates the figure itself (R6.12月末現在); written_on: the figure's year had not ended when the document was written, so it counts up to that date. */
export const AS_OF_BASES = ["stated", "written_on"] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type BodyLevel = (typeof BODY_LEVELS)[number];
export type SupportTarget = (typeof SUPPORT_TARGETS)[number];
export type KpiKind = (typeof KPI_KINDS)[number];
export type KpiTopic = (typeof KPI_TOPICS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type TargetOp = (typeof TARGET_OPS)[number];
export type AsOfBasis = (typeof AS_OF_BASES)[number];

export interface KpiRecord {
  record_id: string;
  source_file: string;
  source_line: number;
  source_locator: string | null;
  source_text: string;
  document_kind: DocumentKind;
  prefecture: string;
  prefecture_code: string;
  body: string;
  body_code: string | null;
  body_level: BodyLevel;
  program: string;
  budget_thousand_yen: number | null;
  support_target: SupportTarget;
  kpi_name: string;
  kpi_kind: KpiKind;
  kpi_topic: KpiTopic;
  direction: Direction;
  unit: string;
  period_start_fy: number;
  period_end_fy: number;
  target: number | null;
  target_op: TargetOp | null;
  actual: number | null;
  actual_as_of: string | null;
  actual_as_of_basis: AsOfBasis | null;
  note: string | null;
  target_approximate: boolean;
  actual_approximate: boolean;
  extraction: string;
  needs_review: boolean;
  parent_record_id: string | null;
}

type ColumnType = "string" | "integer" | "number" | "boolean" | "date";

export interface Column {
  name: keyof KpiRecord;
  type: ColumnType;
  nullable: boolean;
  values?: readonly string[];
  pattern?: RegExp;
  description: string;
  description_ja: string;
}

/** Column order, types and allowed values: the single source for validation, CSV headers and Parquet schemas. */
export const COLUMNS: readonly Column[] = [
  { name: "record_id", type: "string", nullable: false, pattern: /^[0-9a-f]{16}$/, description: "Stable id: first 16 hex of sha1 of source_file, source_line, kpi_name, period_start_fy, period_end_fy (and source_locator when set) joined by tabs", description_ja: "レコードID" },
  { name: "source_file", type: "string", nullable: false, description: "File name of the source text under data/sources/", description_ja: "出典ファイル" },
  { name: "source_line", type: "integer", nullable: false, description: "1-based line of the source that states the value(s)", description_ja: "出典行" },
  { name: "source_locator", type: "string", nullable: true, description: "Where the line stands inside the file, for formats with pages or sheets: p.3 l.12 (PDF), 実施状況!C12 (a sheet's cell), 表2 行3 (an HTML table row); null for a text file", description_ja: "出典の位置" },
  { name: "source_text", type: "string", nullable: false, description: "That line, verbatim", description_ja: "出典の記載" },
  { name: "document_kind", type: "string", nullable: false, values: DOCUMENT_KINDS, description: "Layout of the source document", description_ja: "資料の種類" },
  { name: "prefecture", type: "string", nullable: false, description: "Prefecture of the implementing body", description_ja: "都道府県" },
  { name: "prefecture_code", type: "string", nullable: false, pattern: /^(0[1-9]|[1-3]\d|4[0-7])$/, description: "JIS X 0401 prefecture code", description_ja: "都道府県コード" },
  { name: "body", type: "string", nullable: false, description: "Implementing body as named, whitespace removed", description_ja: "実施主体" },
  { name: "body_code", type: "string", nullable: true, pattern: /^\d{6}$/, description: "6-digit local government code with check digit; null for other bodies", description_ja: "全国地方公共団体コード" },
  { name: "body_level", type: "string", nullable: false, values: BODY_LEVELS, description: "Kind of implementing body", description_ja: "実施主体の区分" },
  { name: "program", type: "string", nullable: false, description: "Program name; for platform documents the support-target heading or the activity", description_ja: "事業名" },
  { name: "budget_thousand_yen", type: "number", nullable: true, description: "Grant-eligible program cost in thousand yen where stated", description_ja: "交付金対象事業費（千円）" },
  { name: "support_target", type: "string", nullable: false, values: SUPPORT_TARGETS, description: "Support target group", description_ja: "支援対象" },
  { name: "kpi_name", type: "string", nullable: false, description: "Indicator as written (widths folded, wraps joined)", description_ja: "KPI名" },
  { name: "kpi_kind", type: "string", nullable: false, values: KPI_KINDS, description: "outcome (成果) or output (活動)", description_ja: "KPIの種類" },
  { name: "kpi_topic", type: "string", nullable: false, values: KPI_TOPICS, description: "Topic of the indicator", description_ja: "KPIの分野" },
  { name: "direction", type: "string", nullable: false, values: DIRECTIONS, description: "up when larger is better, down when smaller is better", description_ja: "改善の向き" },
  { name: "unit", type: "string", nullable: false, description: "Unit of target and actual", description_ja: "単位" },
  { name: "period_start_fy", type: "integer", nullable: false, description: "First fiscal year covered (Western year it starts in)", description_ja: "期間の開始年度" },
  { name: "period_end_fy", type: "integer", nullable: false, description: "Last fiscal year covered", description_ja: "期間の終了年度" },
  { name: "target", type: "number", nullable: true, description: "Target for the period", description_ja: "目標値" },
  { name: "target_op", type: "string", nullable: true, values: TARGET_OPS, description: "gte when the target reads 以上, else eq", description_ja: "目標の条件" },
  { name: "actual", type: "number", nullable: true, description: "Actual for the period", description_ja: "実績値" },
  { name: "actual_as_of", type: "date", nullable: true, description: "ISO date when the actual covers only part of the period", description_ja: "実績の時点" },
  { name: "actual_as_of_basis", type: "string", nullable: true, values: AS_OF_BASES, description: "Where actual_as_of comes from: stated (the document dates the figure) or written_on (an undated figure for a year that had not ended when the document was written counts up to that date); null with no as-of date", description_ja: "実績の時点の根拠" },
  { name: "note", type: "string", nullable: true, description: "The source's own explanation of the result", description_ja: "資料の説明" },
  { name: "target_approximate", type: "boolean", nullable: false, description: "The document gives the target as approximate (約, 概ね, 程度)", description_ja: "目標が概数" },
  { name: "actual_approximate", type: "boolean", nullable: false, description: "The document gives the actual as approximate (約, 概ね, 程度)", description_ja: "実績が概数" },
  { name: "extraction", type: "string", nullable: false, description: "Reader that produced the row: a layout parser (parsers/…), a general reader (readers/table, readers/prose), table:<file> for records an analyst typed up, or curated:<file>", description_ja: "抽出方法" },
  { name: "needs_review", type: "boolean", nullable: false, description: "true for records of the general readers, until an analyst confirms them in the curation overlay", description_ja: "要確認" },
  { name: "parent_record_id", type: "string", nullable: true, pattern: /^[0-9a-f]{16}$/, description: "For a figure that is a subset of another (うち正規雇用, 就業者のうち…), the record_id of the figure it is part of; null for a top-level figure", description_ja: "内数の親レコードID" },
];

export const FY_MIN = 2000;
export const FY_MAX = 2035;

/**
 * first 16 hex of sha1(source_file, source_line, kpi_name, period_start_fy, period_end_fy), fields joined by tabs,
 * with source_locator appended when set: two sheets of a workbook have rows of the same number.
 */
export function recordId(r: Pick<KpiRecord, "source_file" | "source_line" | "kpi_name" | "period_start_fy" | "period_end_fy"> & { source_locator?: string | null }): string {
  const fields: unknown[] = [r.source_file, r.source_line, r.kpi_name, r.period_start_fy, r.period_end_fy];
  if (r.source_locator) fields.push(r.source_locator);
  const key = fields.join("\t");
  return hash("sha1", key, "hex").slice(0, 16);
}

const COLUMN_NAMES: ReadonlySet<string> = new Set(COLUMNS.map((c) => c.name));

/**
 * Every way a record breaks the contract; empty when it is valid. `checkId: false` skips recomputing record_id,
 * for records whose id was just computed from the same fields.
 */
export function validateRecord(record: Record<string, unknown>, options: { checkId?: boolean } = {}): string[] {
  const problems: string[] = [];
  for (const column of COLUMNS) {
    const value = record[column.name];
    if (value === null || value === undefined) {
      if (!column.nullable) problems.push(`${column.name} is missing`);
      continue;
    }
    switch (column.type) {
      case "string":
        if (typeof value !== "string" || value.length === 0) problems.push(`${column.name} must be a non-empty string`);
        break;
      case "integer":
        if (typeof value !== "number" || !Number.isInteger(value)) problems.push(`${column.name} must be an integer`);
        break;
      case "number":
        if (typeof value !== "number" || !Number.isFinite(value)) problems.push(`${column.name} must be a finite number`);
        break;
      case "boolean":
        if (typeof value !== "boolean") problems.push(`${column.name} must be true or false`);
        break;
      case "date":
        if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)) || new Date(value).toISOString().slice(0, 10) !== value) problems.push(`${column.name} must be an ISO date`);
        break;
    }
    if (column.values && !column.values.includes(value as string)) problems.push(`${column.name} ${JSON.stringify(value)} is not one of ${column.values.join(", ")}`);
    if (column.pattern && typeof value === "string" && !column.pattern.test(value)) problems.push(`${column.name} ${JSON.stringify(value)} is malformed`);
  }
  for (const key in record) if (!COLUMN_NAMES.has(key)) problems.push(`unknown column ${key}`);
  const r = record as Partial<KpiRecord>;
  if (typeof r.period_start_fy === "number" && typeof r.period_end_fy === "number") {
    if (r.period_start_fy > r.period_end_fy) problems.push("period_start_fy is after period_end_fy");
    if (r.period_start_fy < FY_MIN || r.period_end_fy > FY_MAX) problems.push(`fiscal years must lie in ${FY_MIN}–${FY_MAX}`);
  }
  if (r.target == null && r.actual == null) problems.push("a record needs a target or an actual");
  if ((r.target == null) !== (r.target_op == null)) problems.push("target_op is set exactly when target is");
  if (r.actual == null && r.actual_as_of != null) problems.push("actual_as_of without an actual");
  if (typeof r.target === "number" && r.target < 0) problems.push("target is negative");
  if (typeof r.actual === "number" && r.actual < 0) problems.push("actual is negative");
  if (r.body_code != null && !verifyLocalGovCheckDigit(r.body_code)) problems.push(`body_code ${JSON.stringify(r.body_code)} fails its check digit`);
  // Only a key of the right types can be hashed: any other value is reported above, and some cannot become text.
  const key = typeof r.source_file === "string" && typeof r.source_line === "number" && typeof r.kpi_name === "string" && typeof r.period_start_fy === "number" && typeof r.period_end_fy === "number" && (r.source_locator == null || typeof r.source_locator === "string");
  if (options.checkId !== false && typeof r.record_id === "string" && key && r.record_id !== recordId(r as KpiRecord)) problems.push("record_id does not match its key fields");
  return problems;
}

/** 全国地方公共団体コード check digit (総務省): weights 6..2 over the first five digits, modulus 11. */
export function verifyLocalGovCheckDigit(code: string): boolean {
  if (typeof code !== "string" || !/^\d{6}$/.test(code)) return false;
  // Digits read by character code: this runs for every record with a body_code, and allocates nothing.
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += (code.charCodeAt(i) - 48) * (6 - i);
  const check = (11 - (sum % 11)) % 10;
  return code.charCodeAt(5) - 48 === check;
}
