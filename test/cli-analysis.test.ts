// kpi build, kpi flags and kpi query, run as a user runs them, over one build of the real documents.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows, withDatabase } from "../loaders/analyze/db.ts";
import { TABLES } from "../loaders/analyze/published-tables.ts";
import { kpi, type KpiRun } from "./helpers/cli.ts";
import { FILES } from "./helpers/sources.ts";


const out = join(mkdtempSync(join(tmpdir(), "kpi-build-")), "out");
let built: KpiRun;

beforeAll(async () => {
  built = await kpi(["build", "--out", out]);
}, 120_000);

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

async function parquetCount(table: string, where = "true"): Promise<number> {
  return withDatabase(async (c) => Number((await queryRows(c, `SELECT count(*) AS n FROM read_parquet('${join(out, table)}.parquet') WHERE ${where}`)).rows[0]!.n));
}

describe("kpi build", () => {
  it("writes every table as Parquet, CSV and Excel CSV, with datapackage.json and the extraction report", () => {
    expect(built.code, built.stderr).toBe(0);
    for (const table of TABLES) for (const ext of [".parquet", ".csv", ".excel.csv"]) expect(existsSync(join(out, table.name + ext)), table.name + ext).toBe(true);
    for (const name of ["datapackage.json", "extraction_report.txt", "extraction_report.json"]) expect(existsSync(join(out, name)), name).toBe(true);
    expect(built.stderr).toMatch(/wrote \d+ files/);
  });

  it("writes identical bytes when rebuilt from the same inputs", async () => {
    const again = join(mkdtempSync(join(tmpdir(), "kpi-build-")), "out");
    expect((await kpi(["build", "--out", again])).code).toBe(0);
    const names = readdirSync(out).sort();
    expect(readdirSync(again).sort()).toEqual(names);
    for (const name of names) expect(sha256(join(again, name)), name).toBe(sha256(join(out, name)));
  });

  it("takes the threshold from KPI_THRESHOLD as a build setting", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "kpi-build-")), "out");
    expect((await kpi(["build", "--out", dir], { KPI_THRESHOLD: "0.9" })).code).toBe(0);
    const meta = await withDatabase(async (c) => (await queryRows(c, `SELECT value::VARCHAR AS v FROM parquet_kv_metadata('${join(dir, "flags.parquet")}') WHERE key::VARCHAR = 'threshold'`)).rows);
    expect(meta).toEqual([{ v: "0.9" }]);
    const flagged = await withDatabase(async (c) => Number((await queryRows(c, `SELECT count(*) AS n FROM read_parquet('${join(dir, "flags.parquet")}')`)).rows[0]!.n));
    expect(flagged).toBeGreaterThan(await parquetCount("flags"));
  });

  it("refuses a threshold outside 0–1", async () => {
    const bad = await kpi(["build", "--out", out, "--threshold", "1.5"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("threshold");
  });
});

describe("kpi flags", () => {
  it("lists exactly the flagged assessments of the build, with body, KPI, figures, reason and file:line", async () => {
    const { code, stdout } = await kpi(["flags", "--data", out, "--format", "json"]);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    expect(rows.length).toBe(await parquetCount("flags"));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(["below_threshold", "behind_pace"]).toContain(r.status);
    const kobe = rows.find((r) => r.body === "神戸市" && r.kpi_name === "就職者数（非正規を含む）");
    expect(kobe).toMatchObject({ target: 200, actual: 91, status: "below_threshold", source: `${FILES.statusReport}:11` });
    expect(String(kobe!.reason)).toContain("目標達成には至らなかった");
  });

  it("prints a readable table with the reason and source under each KPI", async () => {
    const { code, stdout } = await kpi(["flags", "--data", out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^prefecture\s+body\s+program\s+kpi/m);
    expect(stdout).toContain(`source: ${FILES.statusReport}:11`);
    expect(stdout).toMatch(/reason: .*目標達成には至らなかった/);
    expect(stdout).toMatch(/\d+ flagged KPIs \(achievement below 50% of target/);
  });

  it("re-judges at another threshold, and filters by prefecture (name or code) and fiscal year", async () => {
    const count = async (...args: string[]) => (JSON.parse((await kpi(["flags", "--data", out, "--format", "json", ...args])).stdout) as unknown[]).length;
    const atHalf = await count();
    const lower = await count("--threshold", "0.3");
    const higher = await count("--threshold", "0.9");
    expect(lower).toBeLessThan(atHalf);
    expect(higher).toBeGreaterThan(atHalf);
    // the count at 0.9 is what the assessments say: complete periods under 90%, partial ones on a pace under 90%
    expect(higher).toBe(await parquetCount("kpi_assessments", "(status IN ('shortfall','below_threshold') AND achievement < 0.9) OR (status = 'behind_pace' AND pace < 0.9)"));
    const hyogo = JSON.parse((await kpi(["flags", "--data", out, "--format", "json", "--prefecture", "兵庫県"])).stdout) as Record<string, unknown>[];
    expect(hyogo.length).toBeGreaterThan(0);
    expect(hyogo.every((r) => r.prefecture === "兵庫県")).toBe(true);
    expect(await count("--prefecture", "28")).toBe(hyogo.length);
    const fy2021 = JSON.parse((await kpi(["flags", "--data", out, "--format", "json", "--fy", "2021"])).stdout) as Record<string, unknown>[];
    expect(fy2021.every((r) => Number(r.period_start_fy) <= 2021 && Number(r.period_end_fy) >= 2021)).toBe(true);
    expect(fy2021.map((r) => r.prefecture)).toContain("神奈川県");
  });

  it("writes CSV with the documented columns", async () => {
    const { stdout } = await kpi(["flags", "--data", out, "--format", "csv"]);
    expect(stdout.split("\n")[0]).toBe("prefecture,body,program,kpi_name,kpi_kind,period_start_fy,period_end_fy,target,actual,unit,achievement,pace,status,is_partial,actual_breakdown,reason,source,record_id");
  });

  it("says to build first when there are no built tables", async () => {
    const { code, stderr } = await kpi(["flags", "--data", join(out, "missing")]);
    expect(code).toBe(1);
    expect(stderr).toContain("npm run build");
  });
});

describe("kpi query", () => {
  it("runs a SELECT over the built tables and prints a table, CSV or JSON", async () => {
    const json = await kpi(["query", "SELECT status, count(*) AS n FROM kpi_assessments GROUP BY status ORDER BY status", "--data", out, "--format", "json"]);
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as { status: string; n: number }[];
    expect(rows.reduce((n, r) => n + r.n, 0)).toBe(await parquetCount("kpi_assessments"));
    const table = await kpi(["query", "SELECT prefecture, n_kpis FROM prefecture_summary WHERE kpi_kind = 'all' AND kpi_topic = 'all' ORDER BY prefecture_code", "--data", out]);
    expect(table.stdout).toMatch(/^prefecture\s+n_kpis$/m);
    expect(table.stdout).toMatch(/\(\d+ rows\)/);
    const csv = await kpi(["query", "SELECT '=1+1' AS formula", "--data", out, "--format", "csv"]);
    expect(csv.stdout).toBe("formula\n'=1+1\n");
  });

  it.each([
    ["COPY kpi_records TO '/tmp/kpi-query-leak.csv'", /read-only/],
    ["CREATE TABLE x AS SELECT 1", /read-only/],
    ["ATTACH '/tmp/kpi-query.db'", /read-only/],
    ["INSTALL httpfs", /read-only/],
    ["SET enable_external_access = true", /read-only/],
    ["SELECT 1; SELECT 2", /exactly one statement/],
    ["SELECT * FROM read_csv('/etc/passwd')", /read-only and reads only the built tables/],
    ["SELECT * FROM read_parquet('/etc/hostname')", /read-only and reads only the built tables/],
    ["SELECT * FROM nonexistent_table", /query failed: Catalog Error/],
  ])("refuses %s", async (sql, message) => {
    const { code, stderr } = await kpi(["query", sql, "--data", out]);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(existsSync("/tmp/kpi-query-leak.csv")).toBe(false);
  });
});
