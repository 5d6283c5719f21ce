// kpi query within bounds: a time limit, a spill directory of its own removed however the query ends, EXPLAIN
// ANALYZE only of a SELECT, and output whose column names are as safe as its cells.
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { explainedStatements } from "../loaders/analyze/built.ts";
import { withDatabase } from "../loaders/analyze/db.ts";
import { formatCsv, formatTable } from "../loaders/terminal/output.ts";
import { finished, kpi, kpiProcess } from "./helpers/cli.ts";

const base = mkdtempSync(join(tmpdir(), "kpi-bounds-"));
/** The temporary directory the queries see (TMPDIR): where their spill directories go. */
const temp = join(base, "tmp");
const data = join(base, "data");

/**
 * Starts kpi as a user runs it (bin/kpi.js), in a directory of its own (where DuckDB would spill by default), with
 * TMPDIR set to `temp`.
 */
function start(args: string[], env: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(base, "cwd-"));
  const child = kpiProcess(args, { cwd, env: { ...process.env, TMPDIR: temp, ...env } });
  return { child, cwd, done: finished(child) };
}

/** kpi query over `data` in this process, with TMPDIR set to `temp`. */
const query = (sql: string, ...rest: string[]) => kpi(["query", sql, "--data", data, ...rest], { TMPDIR: temp });

/** kpi query's spill directories still in the temporary directory. */
const spillDirs = () => readdirSync(temp).filter((name) => name.startsWith("kpi-query-"));

beforeAll(async () => {
  mkdirSync(temp);
  mkdirSync(data);
  await withDatabase((c) => c.run(`COPY (SELECT range AS n, 'row ' || range AS label FROM range(3)) TO '${join(data, "flags.parquet")}' (FORMAT parquet)`));
});

describe("kpi query's time limit", () => {
  it("interrupts a statement at --timeout and exits 1 saying so", async () => {
    const run = await query("SELECT count(*) FROM range(1000000000) a, range(1000000000) b", "--timeout", "1");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("kpi: query stopped at the time limit of 1 s (--timeout SECONDS allows more)\n");
    expect(spillDirs()).toEqual([]);
  });

  it("refuses a timeout that is not a positive number of seconds", async () => {
    for (const bad of ["0", "-1", "soon", "1e9"]) expect((await query("SELECT 1", "--timeout", bad)).code, bad).toBe(2);
    expect((await query("SELECT 1 AS one", "--timeout", "2.5", "--format", "csv")).stdout).toBe("one\n1\n");
  });
});

describe("kpi query's spill directory", () => {
  it("is a fresh directory under TMPDIR, not .tmp in the working directory, and is gone when the query ends", async () => {
    const { done, cwd } = start(["query", "SELECT count(*) AS n FROM (SELECT DISTINCT range FROM range(10000000))", "--data", data, "--format", "csv"], { KPI_DUCKDB_MEMORY: "50MB" });
    const run = await done;
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("n\n10000000\n");
    expect(spillDirs()).toEqual([]);
    expect(existsSync(join(cwd, ".tmp"))).toBe(false);
  });

  it("is removed when the query is stopped by SIGTERM mid-spill, and the process ends by the signal", async () => {
    const { child, cwd, done } = start(["query", "SELECT count(*) FROM (SELECT DISTINCT range FROM range(400000000))", "--data", data], { KPI_DUCKDB_MEMORY: "100MB" });
    // wait until DuckDB has spilled something
    const spilling = () => spillDirs().some((d) => readdirSync(join(temp, d)).length > 0) || (existsSync(join(cwd, ".tmp")) && readdirSync(join(cwd, ".tmp")).length > 0);
    for (let waited = 0; !spilling() && waited < 30_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(spilling()).toBe(true);
    child.kill("SIGTERM");
    const run = await done;
    expect(run.signal).toBe("SIGTERM");
    expect(spillDirs()).toEqual([]);
    expect(existsSync(join(cwd, ".tmp"))).toBe(false);
  });
});

describe("EXPLAIN in kpi query", () => {
  it.each([
    "EXPLAIN ANALYZE DELETE FROM flags",
    "explain analyse update flags set n = 0",
    "EXPLAIN (ANALYZE) DELETE FROM flags",
    "EXPLAIN /* a comment */ ANALYZE -- another\n INSERT INTO flags VALUES (9, 'x')",
    "EXPLAIN ANALYZE CREATE TABLE copied AS SELECT * FROM flags",
    "EXPLAIN ANALYZE WITH gone AS (SELECT 1) DELETE FROM flags",
  ])("refuses %s, which would run it", async (sql) => {
    const run = await query(sql);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^kpi: kpi query is read-only: EXPLAIN runs only over a SELECT/);
    expect(run.stdout).toBe("");
  });

  it("explains a SELECT, analyzed or not", async () => {
    for (const sql of ["EXPLAIN ANALYZE SELECT * FROM flags", "EXPLAIN SELECT count(*) FROM flags", "EXPLAIN (SELECT 1)"]) {
      const run = await query(sql, "--format", "json");
      expect(run.code, `${sql}: ${run.stderr}`).toBe(0);
      expect(JSON.parse(run.stdout)[0]).toHaveProperty("explain_value");
    }
  });

  it("finds the statement after EXPLAIN, its keywords, options and comments", () => {
    expect(explainedStatements("EXPLAIN ANALYZE DELETE FROM t")).toEqual(["DELETE FROM t", "ANALYZE DELETE FROM t"]);
    expect(explainedStatements(" /* x /* nested */ */ explain (format json) SELECT 1")[0]).toBe("SELECT 1");
    expect(explainedStatements("EXPLAIN (SELECT 1)")).toEqual(["", "(SELECT 1)"]);
    expect(explainedStatements("SELECT 1")).toEqual([]);
  });
});

describe("column names in kpi query output", () => {
  it("are spreadsheet-safe in CSV, like the cells", async () => {
    const run = await query(`SELECT 1 AS "=HYPERLINK(""http://example.com"")", '+1' AS "@sum", 2 AS "－1"`, "--format", "csv");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`"'=HYPERLINK(""http://example.com"")",'@sum,'－1\n1,'+1,2\n`);
    expect(formatCsv(["-cmd", "ok"], [])).toBe("'-cmd,ok\n");
  });

  it("print control characters as escapes in a table", () => {
    expect(formatTable(["\u001b[31mred"], [{ "\u001b[31mred": 1 }]).split("\n")[0]).toBe("\\u001b[31mred");
  });
});
