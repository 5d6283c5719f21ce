// Hand-built KPI records for analysis tests, and a runner that assesses them in DuckDB: one database a worker,
// emptied before each run.
import { analyze, type AnalyzeOptions } from "../../loaders/analyze/analyze.ts";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { queryRows, quoteIdent, type Plain } from "../../loaders/analyze/db.ts";
import { readAggregationRules } from "../../loaders/analyze/indicators.ts";
import { TABLES } from "../../loaders/analyze/published-tables.ts";
import { recordId, type KpiRecord } from "../../loaders/extract/schema.ts";

export type Row = Record<string, Plain>;

/**
 * A schema-valid record: an outcome KPI of 神戸市 (兵庫県) for FY2023 with the given fields replaced.
 * target_op follows target ("eq" when a target is given without one, null without a target), period_end_fy follows
 * period_start_fy when only the start is given, and record_id is computed from the final key fields, so records
 * differing in source_line, kpi_name or period get distinct ids.
 */
export function makeRecord(overrides: Partial<KpiRecord> = {}): KpiRecord {
  const base: KpiRecord = {
    record_id: "",
    source_file: "t.txt",
    source_line: 1,
    source_locator: null,
    source_text: "test line",
    document_kind: "grant_status_report",
    prefecture: "兵庫県",
    prefecture_code: "28",
    body: "神戸市",
    body_code: "281000",
    body_level: "designated_city",
    program: "就職氷河期世代就労支援事業",
    budget_thousand_yen: null,
    support_target: "unstable_employment",
    kpi_name: "就職者数",
    kpi_kind: "outcome",
    kpi_topic: "employment",
    direction: "up",
    unit: "人",
    period_start_fy: 2023,
    period_end_fy: 2023,
    target: null,
    target_op: null,
    actual: null,
    actual_as_of: null,
    actual_as_of_basis: null,
    note: null,
    target_approximate: false,
    actual_approximate: false,
    extraction: "test",
    needs_review: false,
    parent_record_id: null,
  };
  const record: KpiRecord = { ...base, ...overrides };
  if (!("target_op" in overrides)) record.target_op = record.target == null ? null : "eq";
  if (!("actual_as_of_basis" in overrides)) record.actual_as_of_basis = record.actual_as_of === null ? null : "stated";
  if (!("period_end_fy" in overrides) && "period_start_fy" in overrides) record.period_end_fy = record.period_start_fy;
  record.record_id = recordId(record);
  return record;
}

/** Records on consecutive source lines from `first`, each built by makeRecord. */
export function makeRecords(list: Partial<KpiRecord>[], first = 1): KpiRecord[] {
  return list.map((overrides, i) => makeRecord({ source_line: first + i, ...overrides }));
}

export type Tables = Record<string, Row[]>;

/**
 * The worker's database, opened on first use: the test record sets are a few rows, which one DuckDB thread analyzes
 * at less CPU than several, and opening a database for each set would cost more than the analysis.
 */
let shared: Promise<DuckDBConnection> | null = null;
/** The runs of analyzeTables one after another: they share the database. */
let queue: Promise<unknown> = Promise.resolve();

/** Runs analyze() on the records (the real aggregation rules, no overrides unless given) and reads every table. */
export async function analyzeTables(records: readonly KpiRecord[], options: AnalyzeOptions = {}): Promise<Tables> {
  // record_id is the key of kpi_records and kpi_assessments: two records on the same line would be one in a test.
  const ids = new Set(records.map((r) => r.record_id));
  if (ids.size !== records.length) throw new Error("test records share a record_id: give them distinct source_line values (makeRecords does)");
  const run = queue.then(() => analyzeAnew(records, options));
  queue = run.catch(() => {});
  return run;
}

/** Empties the shared database (the tables and temporary tables of the run before), analyzes, reads every table. */
async function analyzeAnew(records: readonly KpiRecord[], options: AnalyzeOptions): Promise<Tables> {
  shared ??= DuckDBInstance.create(":memory:", { threads: "1" }).then((instance) => instance.connect());
  const connection = await shared;
  const { rows: left } = await queryRows(connection, "SELECT database_name, schema_name, table_name FROM duckdb_tables()");
  for (const t of left) await connection.run(`DROP TABLE ${[t.database_name, t.schema_name, t.table_name].map((n) => quoteIdent(String(n))).join(".")}`);
  await analyze(connection, records, { aggregationRules: readAggregationRules(), overrides: [], ...options });
  const tables: Tables = {};
  for (const def of TABLES) {
    const order = def.orderBy.map((c) => `"${c}"`).join(", ");
    tables[def.name] = (await queryRows(connection, `SELECT * FROM "${def.name}" ORDER BY ${order}`)).rows;
  }
  return tables;
}

/** The kpi_assessments rows of the records, in the table's order, and keyed by record_id. */
export async function assess(records: readonly KpiRecord[], options: AnalyzeOptions = {}): Promise<{ rows: Row[]; byId: (record: KpiRecord) => Row }> {
  const rows = (await analyzeTables(records, options)).kpi_assessments!;
  const byId = (record: KpiRecord): Row => {
    const row = rows.find((r) => r.record_id === record.record_id);
    if (!row) throw new Error(`no assessment anchored on ${record.record_id} (${record.kpi_name} FY${record.period_start_fy}–${record.period_end_fy})`);
    return row;
  };
  return { rows, byId };
}
