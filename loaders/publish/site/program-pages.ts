// The programs of the build, for the site's parameterized program pages (/programs/<prefecture code>-<hash>), and
// the data those pages read, one file per prefecture.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { queryRows, withDatabase, type Plain } from "../../analyze/db.ts";
import { displayText } from "../../../src/lib/display-text.js";
import { listPrograms, type ProgramListRow } from "../../../src/lib/list-programs.js";
import { programId } from "../../../src/lib/program-id.js";
import { builtParquet, siteOutDir } from "./arrow.ts";

/**
 * The page path of every program that has a record in the build, in a stable order. KPI_PROGRAM_PAGES caps how
 * many are built: the benchmark builds a national corpus's overview and flags pages without tens of thousands of
 * program pages.
 */
export async function programPaths(outDir = siteOutDir(), limit = programPageLimit()): Promise<string[]> {
  const path = join(outDir, "kpi_records.parquet");
  if (!existsSync(path)) return [];
  const { rows } = await withDatabase((c) =>
    queryRows(c, `SELECT DISTINCT prefecture_code, body, program FROM read_parquet($1) ORDER BY ALL${Number.isFinite(limit) ? " LIMIT $2" : ""}`, Number.isFinite(limit) ? [path, limit] : [path]),
  );
  return rows.map((r) => `/programs/${programId(r.prefecture_code, r.body, r.program)}`);
}

/** The 47 prefecture codes, 01–47: the members of data/programs.zip. */
export function prefectureCodes(): string[] {
  return Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(2, "0"));
}

/** What a program page shows of its prefecture's programs: records, assessments and multi-year series. */
export interface PrefecturePrograms {
  records: Record<string, Plain>[];
  assessments: Record<string, Plain>[];
  series: Record<string, Plain>[];
}

/**
 * One prefecture's rows of kpi_records, kpi_assessments and kpi_series, for its program pages: a page reads its
 * prefecture's file (about 4 MB at 100k records) instead of the whole tables (146 MB).
 */
export async function prefecturePrograms(prefectureCode: string, outDir = siteOutDir()): Promise<PrefecturePrograms> {
  if (!/^\d{2}$/.test(prefectureCode)) throw new Error(`a prefecture code is two digits, got ${JSON.stringify(prefectureCode)}`);
  return withDatabase(async (c) => {
    const rows = async (table: string) => (await queryRows(c, `SELECT * FROM ${builtParquet(table, outDir)} WHERE prefecture_code = $1`, [prefectureCode])).rows;
    // The verbatim line as a person reads it: markup residue stripped (src/lib/display-text.js).
    const records = (await rows("kpi_records")).map((r) => ({ ...r, source_text: displayText(r.source_text ?? null) }));
    return { records, assessments: await rows("kpi_assessments"), series: await rows("kpi_series") };
  });
}

/**
 * The list of programs (事業一覧): one row per program with its KPI names, counts and budget, made by listPrograms
 * (src/lib/list-programs.js) from the columns it reads, so that the list page loads this instead of the whole tables.
 */
export async function programList(outDir = siteOutDir()): Promise<ProgramListRow[]> {
  return withDatabase(async (c) => {
    const records = await queryRows(c, `SELECT prefecture_code, prefecture, body, program, kpi_name, budget_thousand_yen, support_target FROM ${builtParquet("kpi_records", outDir)}`);
    const assessments = await queryRows(c, `SELECT prefecture_code, body, program, status, flagged FROM ${builtParquet("kpi_assessments", outDir)}`);
    return listPrograms(records.rows, assessments.rows);
  });
}

function programPageLimit(): number {
  const text = process.env.KPI_PROGRAM_PAGES;
  if (text === undefined || text === "") return Infinity;
  if (!/^\d+$/.test(text)) throw new Error(`KPI_PROGRAM_PAGES must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}
