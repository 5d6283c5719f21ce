// The overview page's first view in one small file: the headline figures and the distribution of achievement,
// binned on the log scale the chart uses. The page draws its first chart from this alone, whatever the corpus size;
// the per-KPI detail loads only where it is small enough to show KPI by KPI.
import { queryRows, withDatabase } from "../../analyze/db.ts";
import { DOT_LIMIT, logFloor } from "../../../src/lib/overview-scale.js";
import { builtParquet, definedColumns, rowsArrow, siteOutDir } from "./arrow.ts";

/**
 * The assessments the headline share met counts: those of documents that report every program (failures included),
 * and no figure that is a part of another. A showcase of selected examples would lift it, and a part counted beside
 * its whole would count the same people twice.
 */
const HEADLINE_SHARE = "coverage = 'full_report' AND parent_record_id IS NULL";

/** Log-scale bins of the histogram between the zero floor and the largest achievement. */
const BINS = 36;

export interface Overview {
  /** complete, met and shareMet: assessments of full reports only, parts of another figure left out (HEADLINE_SHARE). */
  headline: { programs: number; withTarget: number; prefectures: number; complete: number; met: number; shareMet: number | null; flagged: number; threshold: number };
  /** Assessments with an achievement. */
  ratios: number;
  /** Where 0% sits on the log axis, and the axis's right end. */
  floor: number;
  top: number;
  /** Counts per bin [x1, x2) and kind; zeros count in the first bin. */
  bins: { x1: number; x2: number; kind: string; partial: boolean; n: number }[];
}

export async function overview(outDir = siteOutDir()): Promise<Overview> {
  const table = builtParquet("kpi_assessments", outDir);
  return withDatabase(async (c) => {
    const [h] = (
      await queryRows(
        c,
        `SELECT count(DISTINCT (prefecture, body, program)) AS programs,
          count(target) AS withTarget,
          count(DISTINCT prefecture) AS prefectures,
          count(*) FILTER (WHERE status IN ('met', 'shortfall', 'below_threshold') AND achievement IS NOT NULL AND ${HEADLINE_SHARE}) AS complete,
          count(*) FILTER (WHERE status = 'met' AND achievement IS NOT NULL AND ${HEADLINE_SHARE}) AS met,
          count(*) FILTER (WHERE flagged) AS flagged,
          coalesce(any_value(threshold), 0.5) AS threshold,
          count(achievement) AS ratios,
          min(achievement) FILTER (WHERE achievement > 0) AS smallest,
          max(achievement) AS largest
        FROM ${table}`,
      )
    ).rows as Record<string, number | null>[];
    const floor = logFloor(h!.smallest === null ? [] : [h!.smallest]);
    const top = Math.max(2, h!.largest ?? 0) * 1.15;
    const step = Math.log(top / floor) / BINS;
    const { rows } = await queryRows(
      c,
      `SELECT least(${BINS - 1}, greatest(0, floor(ln(greatest(achievement, ${floor}) / ${floor}) / ${step})))::INTEGER AS bin,
          kpi_kind AS kind, is_partial AS partial, count(*) AS n
        FROM ${table} WHERE achievement IS NOT NULL GROUP BY ALL ORDER BY ALL`,
    );
    const complete = Number(h!.complete);
    const met = Number(h!.met);
    return {
      headline: {
        programs: Number(h!.programs),
        withTarget: Number(h!.withTarget),
        prefectures: Number(h!.prefectures),
        complete,
        met,
        shareMet: complete ? met / complete : null,
        flagged: Number(h!.flagged),
        threshold: Number(h!.threshold),
      },
      ratios: Number(h!.ratios),
      floor,
      top,
      bins: rows.map((r) => ({ x1: floor * Math.exp(Number(r.bin) * step), x2: floor * Math.exp((Number(r.bin) + 1) * step), kind: String(r.kind), partial: Boolean(r.partial), n: Number(r.n) })),
    };
  });
}

/**
 * What the one-dot-per-KPI chart, its tips and the table under it show: the figures, the status as the tables write
 * it (met early, flagged), the document's explanation, and every line behind the assessment for its 出典.
 */
const POINT_COLUMNS = [
  "prefecture", "prefecture_code", "body", "program", "kpi_name", "kpi_kind", "unit", "period_start_fy", "period_end_fy",
  "target", "target_op", "target_approximate", "actual", "actual_approximate", "achievement", "status", "is_partial",
  "met_early", "met_on", "flagged", "note", "reason", "source_refs", "needs_review",
];
const REPEATED = ["prefecture", "prefecture_code", "body", "program", "kpi_kind", "unit", "status", "target_op", "reason"];

/**
 * The assessments with an achievement, with only the columns the overview shows KPI by KPI: every one up to
 * DOT_LIMIT, none above it (the page then shows the binned distribution and never requests them).
 */
export async function overviewPoints(outDir = siteOutDir()): Promise<Uint8Array> {
  const table = builtParquet("kpi_assessments", outDir);
  const rows = await withDatabase(async (c) => {
    const { rows: count } = await queryRows(c, `SELECT count(*) AS n FROM ${table} WHERE achievement IS NOT NULL`);
    if (Number(count[0]!.n) > DOT_LIMIT) return [];
    return (await queryRows(c, `SELECT ${POINT_COLUMNS.join(", ")} FROM ${table} WHERE achievement IS NOT NULL ORDER BY achievement, prefecture_code, body, program, kpi_name, period_start_fy`)).rows;
  });
  return rowsArrow(rows, definedColumns("kpi_assessments", POINT_COLUMNS, { dictionary: REPEATED }));
}
