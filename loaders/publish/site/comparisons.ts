// What the pages need to compare like with like, in one small file: the rule for ranking a group (the SQL macro
// min_ranked_n(), its one home), which prefectures have documents of which coverage, and how many flagged
// assessments come with no explanation in their document; and the page's table of bodies, trimmed to what it shows.
import { defineMacros } from "../../analyze/analyze.ts";
import { queryRows, withDatabase } from "../../analyze/db.ts";
import { builtParquet, definedColumns, rowsArrow, siteOutDir } from "./arrow.ts";

/** A prefecture with records from documents of one coverage. */
export interface PrefectureCoverage {
  prefecture_code: string;
  prefecture: string;
  coverage: string;
  n_sources: number;
  n_records: number;
}

export interface Comparisons {
  /** Groups with fewer assessments than this are shown but not ranked (rankable is false). */
  min_ranked_n: number;
  /** One row per prefecture and coverage of the documents that gave its records, in prefecture-code order. */
  prefecture_coverage: PrefectureCoverage[];
  /** Flagged assessments, and those whose document gives no explanation (reason is `no_reason`). */
  reasons: { flagged: number; without_reason: number; no_reason: string };
  /**
   * Records dated by their document's written_on (an undated figure of a year not over then), records that are a
   * part of another figure (left out of the summaries), and assessments met before their period ended.
   */
  counts: { dated_by_written_on: number; nested: number; met_early: number };
}

export async function comparisons(outDir = siteOutDir()): Promise<Comparisons> {
  return withDatabase(async (c) => {
    await defineMacros(c);
    const { rows: [rule] } = await queryRows(c, `SELECT min_ranked_n() AS n, reason_text(NULL) AS no_reason`);
    const { rows: coverage } = await queryRows(
      c,
      `SELECT r.prefecture_code, any_value(r.prefecture) AS prefecture, coalesce(s.coverage, 'unknown') AS coverage,
          count(DISTINCT r.source_file) AS n_sources, count(*) AS n_records
        FROM ${builtParquet("kpi_records", outDir)} r
        LEFT JOIN ${builtParquet("sources", outDir)} s USING (source_file)
        GROUP BY ALL ORDER BY r.prefecture_code, coverage`,
    );
    const { rows: [flags] } = await queryRows(c, `SELECT count(*) AS flagged, count(*) FILTER (WHERE note IS NULL) AS without_reason FROM ${builtParquet("flags", outDir)}`);
    const { rows: [records] } = await queryRows(
      c,
      `SELECT count(*) FILTER (WHERE actual_as_of_basis = 'written_on') AS dated, count(*) FILTER (WHERE parent_record_id IS NOT NULL) AS nested
        FROM ${builtParquet("kpi_records", outDir)}`,
    );
    const { rows: [early] } = await queryRows(c, `SELECT count(*) FILTER (WHERE met_early) AS n FROM ${builtParquet("kpi_assessments", outDir)}`);
    return {
      min_ranked_n: Number(rule!.n),
      prefecture_coverage: coverage.map((r) => ({
        prefecture_code: String(r.prefecture_code),
        prefecture: String(r.prefecture),
        coverage: String(r.coverage),
        n_sources: Number(r.n_sources),
        n_records: Number(r.n_records),
      })),
      reasons: { flagged: Number(flags!.flagged), without_reason: Number(flags!.without_reason), no_reason: String(rule!.no_reason) },
      counts: { dated_by_written_on: Number(records!.dated), nested: Number(records!.nested), met_early: Number(early!.n) },
    };
  });
}

/** The columns of body_summary that 都道府県比較's table of a prefecture's bodies shows. */
const BODY_COLUMNS = [
  "prefecture", "body", "body_level", "period_start_fy", "period_end_fy", "coverage", "n_kpis", "n_assessed", "share_met",
  "share_met_low", "share_met_high", "median_achievement", "n_flagged", "rankable",
];

/**
 * body_summary's rows of all KPIs together (kpi_kind and kpi_topic all), with only the columns of BODY_COLUMNS, as an
 * Arrow IPC stream: 都道府県比較 shows no other, and the whole table (every kind and topic) is many times larger. The
 * SQL page reads the whole table (data/body_summary.arrow).
 */
export async function bodyTotalsArrow(outDir = siteOutDir()): Promise<Uint8Array> {
  const { rows } = await withDatabase((c) =>
    queryRows(c, `SELECT ${BODY_COLUMNS.join(", ")} FROM ${builtParquet("body_summary", outDir)} WHERE kpi_kind = 'all' AND kpi_topic = 'all'`),
  );
  return rowsArrow(rows, definedColumns("body_summary", BODY_COLUMNS, { dictionary: ["prefecture", "body", "body_level", "coverage"] }));
}
