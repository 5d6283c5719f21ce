// The data of the review page 要確認の事業 (src/flags.md): every assessment its threshold slider can flag, once as a
// small index (codes for the count, the filters and the chart) and once with what its table, CSV and handout show.
// Both files hold the same rows in the same order, so a position in the index is the row of the details.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { Uint8 } from "apache-arrow";
import { defineMacros } from "../../analyze/analyze.ts";
import { queryRows, withDatabase, type Plain } from "../../analyze/db.ts";
import { DEFAULT_THRESHOLD, tableDef } from "../../analyze/published-tables.ts";
import { KPI_KINDS, SUPPORT_TARGETS } from "../../extract/schema.ts";
import { builtParquet, definedColumns, rowsArrow, siteOutDir } from "./arrow.ts";

/** The columns of kpi_assessments the table, the CSV and the handout show; status is the one a flagged row shows. */
const DETAIL_COLUMNS = [
  "record_id", "prefecture", "prefecture_code", "body", "program", "kpi_name", "kpi_kind", "support_target",
  "period_start_fy", "period_end_fy", "target", "target_op", "target_approximate", "actual", "actual_approximate", "unit",
  "achievement", "pace", "is_partial", "status", "actual_through", "reason", "source_refs", "needs_review",
];

/** Text that repeats from row to row, stored once per distinct value (a document often gives one note to a program's KPIs). */
const REPEATED = ["prefecture", "prefecture_code", "body", "program", "kpi_name", "kpi_kind", "support_target", "target_op", "unit", "status", "actual_through", "reason"];

/**
 * The assessments flagged at the slider's highest threshold (1), in the order of the flags table: every assessment
 * the slider can flag, since a higher threshold flags more. Each with the status it shows where flagged and
 * flagged_from, the lowest slider step that flags it, both by the flag rule of loaders/analyze/sql/01_macros.sql.
 */
async function candidates(connection: DuckDBConnection, outDir: string): Promise<Record<string, Plain>[]> {
  await defineMacros(connection);
  const { rows } = await queryRows(
    connection,
    `SELECT * REPLACE (flagged_status(status) AS status), flagged_from(status, achievement, pace) AS flagged_from
     FROM ${builtParquet("kpi_assessments", outDir)}
     WHERE flagged_at(status, achievement, pace, 1)
     ORDER BY ${tableDef("flags").orderBy.join(", ")}`,
  );
  return rows;
}

/** The choices of the page's filters (over every assessment, flaggable or not), the build's threshold and date. */
async function domain(connection: DuckDBConnection, outDir: string) {
  const table = builtParquet("kpi_assessments", outDir);
  const { rows: prefectures } = await queryRows(connection, `SELECT DISTINCT prefecture_code, prefecture FROM ${table} ORDER BY prefecture_code`);
  const { rows: targets } = await queryRows(connection, `SELECT DISTINCT support_target FROM ${table}`);
  const { rows: [span] } = await queryRows(connection, `SELECT min(period_start_fy) AS first, max(period_end_fy) AS last, min(threshold) AS threshold FROM ${table}`);
  const present = new Set(targets.map((r) => r.support_target));
  const years: number[] = [];
  if (span!.first != null) for (let y = span!.first as number; y <= (span!.last as number); y++) years.push(y);
  if (prefectures.length > 255 || years.length > 255) throw new Error(`flag index: ${prefectures.length} prefectures, ${years.length} fiscal years do not fit its one-byte codes`);
  const { created } = JSON.parse(readFileSync(join(outDir, "datapackage.json"), "utf8")) as { created?: string };
  return {
    created: created ?? "",
    threshold: (span!.threshold as number | null) ?? DEFAULT_THRESHOLD,
    prefectures: prefectures.map((r) => r.prefecture as string),
    years,
    targets: SUPPORT_TARGETS.filter((t) => present.has(t)),
    kinds: [...KPI_KINDS],
  };
}

/** The position of a value in the list its code indexes. */
function codeOf(list: readonly Plain[], value: Plain | undefined): number {
  const i = list.indexOf(value ?? null);
  if (i < 0) throw new Error(`flag index: ${value} is not among ${JSON.stringify(list)}`);
  return i;
}

/**
 * The flag index as an Arrow IPC stream: per row one-byte codes of prefecture, first and last fiscal year, support
 * target and KPI kind (positions in the lists of the schema metadata), and flagged_from, the lowest slider step
 * (threshold × 100) that flags it. The metadata also holds the build's threshold, the page's default, and its date
 * (datapackage.json's created, which a printout states; the page then needs no Data Package). Throws when,
 * at that threshold, the rows do not give the build's own flags table.
 */
export async function flagIndexArrow(outDir = siteOutDir()): Promise<Uint8Array> {
  return withDatabase(async (connection) => {
    const rows = await candidates(connection, outDir);
    const d = await domain(connection, outDir);
    const { rows: [built] } = await queryRows(connection, `SELECT count(*) AS n FROM ${builtParquet("flags", outDir)}`);
    const flagged = rows.filter((r) => r.flagged).length;
    if (flagged !== built!.n) throw new Error(`flag index: ${flagged} of its rows flagged at the threshold ${d.threshold}, the build flagged ${built!.n}`);
    const codes = rows.map((r) => ({
      prefecture: codeOf(d.prefectures, r.prefecture),
      fy_start: codeOf(d.years, r.period_start_fy),
      fy_end: codeOf(d.years, r.period_end_fy),
      support_target: codeOf(d.targets, r.support_target),
      kpi_kind: codeOf(d.kinds, r.kpi_kind),
      flagged_from: r.flagged_from,
    }));
    const columns = ["prefecture", "fy_start", "fy_end", "support_target", "kpi_kind", "flagged_from"].map((name) => ({ name, type: new Uint8() }));
    return rowsArrow(codes, columns, {
      created: d.created,
      threshold: String(d.threshold),
      prefectures: JSON.stringify(d.prefectures),
      fiscal_years: JSON.stringify(d.years),
      support_targets: JSON.stringify(d.targets),
      kpi_kinds: JSON.stringify(d.kinds),
    });
  });
}

/** The rows of the flag index with the columns of DETAIL_COLUMNS, as an Arrow IPC stream. */
export async function flagCandidatesArrow(outDir = siteOutDir()): Promise<Uint8Array> {
  const rows = await withDatabase((connection) => candidates(connection, outDir));
  return rowsArrow(rows, definedColumns("kpi_assessments", DETAIL_COLUMNS, { dictionary: REPEATED }));
}
