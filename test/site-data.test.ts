// The site's small summary files against the built Parquet they summarize.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sqlString, withDatabase } from "../loaders/analyze/db.ts";
import { build } from "../loaders/build.ts";
import { overview, type Overview } from "../loaders/site/overview.ts";
import { programPaths } from "../loaders/site/programs.ts";

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
    expect(summary.headline.met).toBe(await count("status = 'met' AND achievement IS NOT NULL"));
    expect(summary.headline.complete).toBe(await count("status IN ('met', 'shortfall', 'below_threshold') AND achievement IS NOT NULL"));
    expect(summary.headline.threshold).toBe(0.5);
    expect(summary.headline.prefectures).toBe(8);
  });
});

describe("program pages", () => {
  it("builds one page per program, or as many as KPI_PROGRAM_PAGES allows", async () => {
    const all = await programPaths(dir);
    expect(all).toHaveLength(48);
    expect(new Set(all).size).toBe(48);
    expect(await programPaths(dir, 5)).toEqual(all.slice(0, 5));
  });
});
