// The overview page's first view in one small file: the headline figures and the distribution of achievement,
// binned on the log scale the chart uses. The page draws its first chart from this alone, whatever the corpus size;
// the per-KPI detail loads only where it is small enough to show KPI by KPI.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { queryRows, sqlString, withDatabase } from "../analyze/db.ts";
// @ts-expect-error: a plain JavaScript module shared with the pages
import { logFloor } from "../../src/components/overview.js";
import { siteOutDir } from "./arrow.ts";

/** Log-scale bins of the histogram between the zero floor and the largest achievement. */
const BINS = 36;

export interface Overview {
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
  const path = join(outDir, "kpi_assessments.parquet");
  if (!existsSync(path)) throw new Error(`${path}: not built; run \`npm run build\` (it runs \`kpi build\` first)`);
  const table = `read_parquet(${sqlString(path)})`;
  return withDatabase(async (c) => {
    const [h] = (
      await queryRows(
        c,
        `SELECT count(DISTINCT (prefecture, body, program)) AS programs,
          count(target) AS withTarget,
          count(DISTINCT prefecture) AS prefectures,
          count(*) FILTER (WHERE status IN ('met', 'shortfall', 'below_threshold') AND achievement IS NOT NULL) AS complete,
          count(*) FILTER (WHERE status = 'met' AND achievement IS NOT NULL) AS met,
          count(*) FILTER (WHERE flagged) AS flagged,
          coalesce(any_value(threshold), 0.5) AS threshold,
          count(achievement) AS ratios,
          min(achievement) FILTER (WHERE achievement > 0) AS smallest,
          max(achievement) AS largest
        FROM ${table}`,
      )
    ).rows as Record<string, number | null>[];
    const floor = logFloor(h!.smallest === null ? [] : [h!.smallest]) as number;
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
