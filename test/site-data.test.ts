// The site's small summary files against the built Parquet they summarize.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { tableFromIPC } from "apache-arrow";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineMacros } from "../loaders/analyze/analyze.ts";
import { queryRows, sqlString, withDatabase } from "../loaders/analyze/db.ts";
import { build } from "../loaders/build.ts";
import { flagCandidatesArrow, flagIndexArrow } from "../loaders/publish/site/flags.ts";
import { bodyTotalsArrow, comparisons } from "../loaders/publish/site/comparisons.ts";
import { overview, type Overview } from "../loaders/publish/site/overview.ts";
import { prefecturePrograms, programList, programPaths } from "../loaders/publish/site/program-pages.ts";
import { reviewList, unaccountedLines } from "../loaders/publish/site/review-queue.ts";
import { programId } from "../src/lib/program-id.js";
import { displayText } from "../src/lib/display-text.js";
// @ts-expect-error: a plain JavaScript module of the site
import { countByPrefecture, flaggedRows, loadFlagIndex, selectFlags } from "../src/components/flags.js";

let dir: string;
let summary: Overview;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kpi-site-data-"));
  await build({ outDir: dir, buildDate: "2026-01-01" });
  summary = await overview(dir);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function count(where: string): Promise<number> {
  const { rows } = await withDatabase((c) => queryRows(c, `SELECT count(*) AS n FROM read_parquet(${sqlString(join(dir, "kpi_assessments.parquet"))}) WHERE ${where}`));
  return Number(rows[0]!.n);
}

describe("overview.json", () => {
  it("bins every assessment with an achievement once, zeros in the first bin", async () => {
    expect(summary.ratios).toBe(await count("achievement IS NOT NULL"));
    expect(summary.bins.reduce((n, b) => n + b.n, 0)).toBe(summary.ratios);
    const first = Math.min(...summary.bins.map((b) => b.x1));
    expect(first).toBeCloseTo(summary.floor, 12);
    const zeros = await count("achievement = 0");
    expect(zeros).toBeGreaterThan(0);
    expect(summary.bins.filter((b) => b.x1 === first).reduce((n, b) => n + b.n, 0)).toBeGreaterThanOrEqual(zeros);
    for (const b of summary.bins) {
      expect(b.x1).toBeLessThan(b.x2);
      expect(b.x2).toBeLessThanOrEqual(summary.top * (1 + 1e-9));
    }
  });

  it("gives the headline figures the Parquet gives", async () => {
    expect(summary.headline.flagged).toBe(await count("flagged"));
    expect(summary.headline.withTarget).toBe(await count("target IS NOT NULL"));
    // the share met of the headline: full reports only, no part of another figure
    const headline = "coverage = 'full_report' AND parent_record_id IS NULL AND achievement IS NOT NULL";
    expect(summary.headline.met).toBe(await count(`status = 'met' AND ${headline}`));
    expect(summary.headline.complete).toBe(await count(`status IN ('met', 'shortfall', 'below_threshold') AND ${headline}`));
    expect(summary.headline.shareMet).toBe(summary.headline.complete ? summary.headline.met / summary.headline.complete : null);
    expect(summary.headline.threshold).toBe(0.5);
    expect(summary.headline.prefectures).toBe(8);
  });
});

describe("comparisons.json", () => {
  it("gives the SQL's ranking rule, and the prefectures by the coverage of the documents their records come from", async () => {
    const facts = await comparisons(dir);
    const parquet = (name: string) => `read_parquet(${sqlString(join(dir, `${name}.parquet`))})`;
    const { rows: [rule] } = await withDatabase(async (c) => {
      await defineMacros(c);
      return queryRows(c, "SELECT min_ranked_n() AS n");
    });
    expect(facts.min_ranked_n).toBe(Number(rule!.n));
    const { rows } = await withDatabase((c) =>
      queryRows(c, `SELECT DISTINCT r.prefecture_code, coalesce(s.coverage, 'unknown') AS coverage FROM ${parquet("kpi_records")} r LEFT JOIN ${parquet("sources")} s USING (source_file) ORDER BY ALL`),
    );
    expect(facts.prefecture_coverage.map((d) => ({ prefecture_code: d.prefecture_code, coverage: d.coverage }))).toEqual(rows);
    expect(facts.prefecture_coverage.reduce((n, d) => n + d.n_records, 0)).toBe(Number((await withDatabase((c) => queryRows(c, `SELECT count(*) AS n FROM ${parquet("kpi_records")}`))).rows[0]!.n));
  });

  it("counts the flagged assessments with no reason in their document, and the records dated by written_on", async () => {
    const facts = await comparisons(dir);
    const parquet = (name: string) => `read_parquet(${sqlString(join(dir, `${name}.parquet`))})`;
    const { rows: [flags] } = await withDatabase((c) => queryRows(c, `SELECT count(*) AS n, count(*) FILTER (WHERE note IS NULL) AS none, count(*) FILTER (WHERE reason = '理由の記載なし') AS shown FROM ${parquet("flags")}`));
    expect(facts.reasons).toEqual({ flagged: Number(flags!.n), without_reason: Number(flags!.none), no_reason: "理由の記載なし" });
    expect(Number(flags!.shown)).toBe(facts.reasons.without_reason);
    const { rows: [records] } = await withDatabase((c) =>
      queryRows(c, `SELECT count(*) FILTER (WHERE actual_as_of_basis = 'written_on') AS dated, count(*) FILTER (WHERE parent_record_id IS NOT NULL) AS nested FROM ${parquet("kpi_records")}`),
    );
    expect(facts.counts.dated_by_written_on).toBe(Number(records!.dated));
    expect(facts.counts.nested).toBe(Number(records!.nested));
    expect(facts.counts.met_early).toBe(await count("met_early"));
  });

  it("gives 都道府県比較's table of bodies exactly body_summary's rows of all KPIs together, in the columns it shows", async () => {
    const rows = tableFromIPC(await bodyTotalsArrow(dir)).toArray().map((r) => r.toJSON());
    expect(rows.length).toBeGreaterThan(0);
    const columns = Object.keys(rows[0]!);
    const { rows: expected } = await withDatabase((c) =>
      queryRows(c, `SELECT ${columns.join(", ")} FROM read_parquet(${sqlString(join(dir, "body_summary.parquet"))}) WHERE kpi_kind = 'all' AND kpi_topic = 'all'`),
    );
    expect(rows).toEqual(expected);
  });
});

describe("program pages", () => {
  it("builds one page per program, or as many as KPI_PROGRAM_PAGES allows", async () => {
    const all = await programPaths(dir);
    const { rows } = await withDatabase((c) => queryRows(c, `SELECT count(DISTINCT (prefecture_code, body, program)) AS n FROM read_parquet(${sqlString(join(dir, "kpi_records.parquet"))})`));
    expect(all.length).toBeGreaterThan(40);
    expect(all).toHaveLength(Number(rows[0]!.n));
    expect(new Set(all).size).toBe(all.length);
    expect(await programPaths(dir, 5)).toEqual(all.slice(0, 5));
    for (const path of all) expect(path).toMatch(/^\/programs\/\d{2}-[0-9a-z]{11}$/);
  });

  it("lists one row per program, with the assessments and flags of the build", async () => {
    const list = (await programList(dir)) as { id: string; n_assessments: number; n_flagged: number; kpis: string[] }[];
    const paths = await programPaths(dir);
    expect(list.map((p) => `/programs/${p.id}`).sort()).toEqual([...paths].sort());
    expect(list.reduce((n, p) => n + p.n_assessments, 0)).toBe(await count("true"));
    expect(list.reduce((n, p) => n + p.n_flagged, 0)).toBe(await count("flagged"));
    const { rows } = await withDatabase((c) => queryRows(c, `SELECT count(DISTINCT (prefecture_code, body, program, kpi_name)) AS n FROM read_parquet(${sqlString(join(dir, "kpi_records.parquet"))})`));
    expect(list.reduce((n, p) => n + p.kpis.length, 0)).toBe(Number(rows[0]!.n));
  });

  it("gives each prefecture's program pages exactly its rows of the three tables they read", async () => {
    const all = await programPaths(dir);
    const prefectures = [...new Set(all.map((p) => p.slice("/programs/".length, "/programs/".length + 2)))].sort();
    expect(prefectures.length).toBeGreaterThan(3);
    const tables = { records: "kpi_records", assessments: "kpi_assessments", series: "kpi_series" } as const;
    let total = 0;
    for (const code of prefectures) {
      const data = await prefecturePrograms(code, dir);
      for (const [key, table] of Object.entries(tables)) {
        const rows = data[key as keyof typeof tables];
        const { rows: expected } = await withDatabase((c) => queryRows(c, `SELECT * FROM read_parquet(${sqlString(join(dir, `${table}.parquet`))}) WHERE prefecture_code = '${code}'`));
        // The program pages show a record's line as people read it: markup residue stripped (displayText).
        const shown = key === "records" ? expected.map((r) => ({ ...r, source_text: displayText(r.source_text ?? null) })) : expected;
        expect(rows, `${code} ${table}`).toEqual(shown);
        if (key === "records") total += rows.length;
      }
      // every program page of the prefecture finds its records in the file
      const ids = new Set(data.records.map((r) => programId(r.prefecture_code, r.body, r.program)));
      for (const path of all.filter((p) => p.startsWith(`/programs/${code}-`))) expect(ids.has(path.slice("/programs/".length)), path).toBe(true);
    }
    const { rows } = await withDatabase((c) => queryRows(c, `SELECT count(*) AS n FROM read_parquet(${sqlString(join(dir, "kpi_records.parquet"))})`));
    expect(total).toBe(Number(rows[0]!.n));
    await expect(prefecturePrograms("28' OR true --", dir)).rejects.toThrow(/two digits/);
  });
});

/** Assessments flagged at threshold k / 100 for each k of 0–100, by the SQL rule, with an optional extra condition. */
async function flaggedPerStep(where = "true"): Promise<number[]> {
  return withDatabase(async (c) => {
    await defineMacros(c);
    const { rows } = await queryRows(
      c,
      `SELECT k, count(*) FILTER (is_flagged(status_at(status, achievement, k / 100), pace, k / 100) AND ${where}) AS n
       FROM range(101) AS steps(k), read_parquet(${sqlString(join(dir, "kpi_assessments.parquet"))})
       GROUP BY k ORDER BY k`,
    );
    return rows.map((r) => Number(r.n));
  });
}

/**
 * flagged_from (loaders/analyze/sql/01_macros.sql) of a ratio, both as the achievement of a complete period short of
 * its target and as the pace of one behind pace, which must agree.
 */
async function flaggedFrom(c: DuckDBConnection, ratio: number): Promise<number | null> {
  const { rows } = await queryRows(c, "SELECT flagged_from('shortfall', $1::DOUBLE, NULL) AS complete, flagged_from('behind_pace', NULL, $1::DOUBLE) AS running", [ratio]);
  expect(rows[0]!.running).toBe(rows[0]!.complete);
  return rows[0]!.complete as number | null;
}

/** Runs `fn` with a connection that has the project's macros. */
function withMacros(fn: (c: DuckDBConnection) => Promise<void>): Promise<void> {
  return withDatabase(async (c) => {
    await defineMacros(c);
    await fn(c);
  });
}

describe("flagged_from", () => {
  it("is the lowest step k with the ratio under k / 100; a ratio of exactly a step is not under it", () =>
    withMacros(async (c) => {
      expect(await flaggedFrom(c, 0)).toBe(1);
      expect(await flaggedFrom(c, 0.29)).toBe(30);
      expect(await flaggedFrom(c, 0.3)).toBe(31);
      expect(await flaggedFrom(c, 0.5)).toBe(51);
      expect(await flaggedFrom(c, 0.999)).toBe(100);
      expect(await flaggedFrom(c, -0.1)).toBe(0);
    }));

  it("is null for a ratio no threshold of the slider flags (1 and more, NaN), and for a status none flags", () =>
    withMacros(async (c) => {
      expect(await flaggedFrom(c, 1)).toBeNull();
      expect(await flaggedFrom(c, Number.NaN)).toBeNull();
      const { rows } = await queryRows(c, "SELECT flagged_from('met', 0.2, NULL) AS met, flagged_from('on_pace', NULL, 0.2) AS on_pace");
      expect(rows[0]).toEqual({ met: null, on_pace: null });
    }));

  it("agrees with ratio < k / 100 at every step, also a hair on either side of a step", () =>
    withMacros(async (c) => {
      const nearStep = fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: -2, max: 2 })).map(([k, ulps]) => k / 100 + ulps * Number.EPSILON * (k / 100));
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), nearStep.filter((r) => r >= 0 && r < 1)), async (ratio) => {
          const from = await flaggedFrom(c, ratio);
          for (let k = 0; k <= 100; k++) expect(k >= from!).toBe(ratio < k / 100);
        }),
        { seed: 7 },
      );
    }));
});

describe("flag index and details", () => {
  it("flags at every step of the slider what the SQL rule flags, with the filters as well", async () => {
    const index = await loadFlagIndex(await flagIndexArrow(dir));
    const count = (filters: Record<string, unknown>) => Array.from({ length: 101 }, (_, k) => selectFlags(index, { threshold: k / 100, ...filters }).length);
    expect(count({})).toEqual(await flaggedPerStep());
    expect(count({ prefecture: "兵庫県" })).toEqual(await flaggedPerStep("prefecture = '兵庫県'"));
    expect(count({ fy: 2023 })).toEqual(await flaggedPerStep("2023 BETWEEN period_start_fy AND period_end_fy"));
    expect(count({ target: "unstable_employment", kind: "outcome" })).toEqual(await flaggedPerStep("support_target = 'unstable_employment' AND kpi_kind = 'outcome'"));
    const perPrefecture = countByPrefecture(index, selectFlags(index, { threshold: 0.9 }), {});
    expect(perPrefecture.map((d: { prefecture: string }) => d.prefecture)).toEqual(index.options.prefectures);
    expect(perPrefecture.reduce((n: number, d: { n: number }) => n + d.n, 0)).toBe((await flaggedPerStep())[90]);
  });

  it("states the build's threshold and date, and the filters' choices over every assessment", async () => {
    const index = await loadFlagIndex(await flagIndexArrow(dir));
    expect(index.threshold).toBe(0.5);
    expect(index.created.slice(0, 10)).toBe("2026-01-01");
    const table = `read_parquet(${sqlString(join(dir, "kpi_assessments.parquet"))})`;
    const prefectures = await withDatabase((c) => queryRows(c, `SELECT DISTINCT prefecture_code, prefecture FROM ${table} ORDER BY prefecture_code`));
    expect(index.options.prefectures).toEqual(prefectures.rows.map((r) => r.prefecture));
    const { rows } = await withDatabase((c) => queryRows(c, `SELECT min(period_start_fy) AS first, max(period_end_fy) AS last FROM ${table}`));
    expect(index.options.years[0]).toBe(rows[0]!.first);
    expect(index.options.years.at(-1)).toBe(rows[0]!.last);
    expect(index.options.kinds).toEqual(["outcome", "output"]);
  });

  it("holds in the details the index's rows in its order: at the build's threshold, the flags table", async () => {
    const index = await loadFlagIndex(await flagIndexArrow(dir));
    const details = tableFromIPC(await flagCandidatesArrow(dir)).toArray().map((r) => r.toJSON());
    expect(details).toHaveLength(index.length);
    const shown = flaggedRows(details, selectFlags(index, { threshold: 0.5 }), 0.5);
    const { rows: flags } = await withDatabase((c) => queryRows(c, `SELECT record_id, status, source_refs, reason FROM read_parquet(${sqlString(join(dir, "flags.parquet"))})`));
    expect(shown.map((a: Record<string, unknown>) => ({ record_id: a.record_id, status: a.status, source_refs: a.source_refs, reason: a.reason }))).toEqual(flags);
    // what the table marks: approximate figures and values to review
    const { rows: marks } = await withDatabase((c) => queryRows(c, `SELECT target_approximate, actual_approximate, needs_review FROM read_parquet(${sqlString(join(dir, "flags.parquet"))})`));
    expect(shown.map((a: Record<string, unknown>) => ({ target_approximate: a.target_approximate, actual_approximate: a.actual_approximate, needs_review: a.needs_review }))).toEqual(marks);
  });
});

describe("review list (方法: 確認待ち)", () => {
  it("lists the build's records that need review and the report's unaccounted lines", async () => {
    const list = await reviewList(dir);
    const { rows } = await withDatabase((c) => queryRows(c, `SELECT count(*) AS n FROM read_parquet(${sqlString(join(dir, "kpi_records.parquet"))}) WHERE needs_review`));
    expect(list.records).toHaveLength(Number(rows[0]!.n));
    const report = JSON.parse(readFileSync(join(dir, "extraction_report.json"), "utf8")) as { entries: { status: string }[] };
    expect(list.lines).toHaveLength(report.entries.filter((e) => e.status === "unaccounted").length);
  });

  it("keeps each unaccounted line's place inside its file, in file and line order", () => {
    const entry = (file: string, line: number, status: string, locator?: string | null) => ({ file, line, status: status as "unaccounted", reason: "r", text: ` 目標 ${line}人 `, ...(locator === undefined ? {} : { locator }) });
    const lines = unaccountedLines({ entries: [entry("b.pdf", 45, "unaccounted", "p.3 l.12"), entry("a.txt", 9, "unaccounted"), entry("a.txt", 2, "skipped"), entry("a.txt", 3, "unaccounted", null)] });
    expect(lines).toEqual([
      { file: "a.txt", line: 3, locator: null, reason: "r", text: "目標 3人" },
      { file: "a.txt", line: 9, locator: null, reason: "r", text: "目標 9人" },
      { file: "b.pdf", line: 45, locator: "p.3 l.12", reason: "r", text: "目標 45人" },
    ]);
  });
});
