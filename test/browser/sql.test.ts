// The SQL page: DuckDB-WASM from the site itself, queries that agree with the Parquet extracts read by
// @duckdb/node-api, errors shown as text, the CSV downloads, and no DuckDB-WASM on the other pages.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { queryRows, quoteIdent, sqlString, withDatabase, type Plain } from "../../loaders/analyze/db.ts";
import { screenshot, siteUrl, useBrowser, visit, type Visit } from "./browser.ts";

const TABLES = ["kpi_records", "sources", "kpi_assessments", "flags", "prefecture_summary", "body_summary", "program_summary", "outcome_vs_output", "cost_per_outcome", "kpi_series"];
// DuckDB-WASM starts a worker and compiles ~34 MB of wasm before the first result.
const STARTUP = 90_000;

/** Runs SQL over the test build's Parquet extracts, each table a view named as on the SQL page. */
async function parquetQuery(sql: string): Promise<{ columns: string[]; rows: Record<string, Plain>[] }> {
  const out = inject("siteOut");
  return withDatabase(async (c) => {
    for (const t of TABLES) await c.run(`CREATE VIEW ${quoteIdent(t)} AS SELECT * FROM read_parquet(${sqlString(join(out, `${t}.parquet`))})`);
    return queryRows(c, sql);
  });
}

const rowCount = (n: number) => `${n.toLocaleString("ja-JP")} 行`;

/** Opens the SQL page and waits for the first example's result. */
async function openSql(): Promise<Visit> {
  const v = await visit(browser(), "/sql.html");
  await v.page.locator(".sql-rowcount").waitFor({ timeout: STARTUP });
  return v;
}

/** Types SQL into the editor and runs it with Ctrl+Enter, or with the 実行 button. */
async function run(page: Page, sql: string, how: "keys" | "button" = "keys"): Promise<void> {
  const editor = page.locator("textarea");
  await editor.fill(sql);
  if (how === "keys") await editor.press("Control+Enter");
  else await page.getByRole("button", { name: "実行" }).click();
}

/**
 * The result table's column names (the SQL's, which the page moves from each header's title to data-column) and its cell texts,
 * row by row (Inputs.table renders the first rows).
 */
async function resultTable(page: Page): Promise<{ header: string[]; rows: string[][] }> {
  return page.evaluate(() => {
    const table = document.querySelector("form.inputs-3a86ea-table table, form[class*='-table'] table");
    if (!table) return { header: [], rows: [] };
    const text = (cells: NodeListOf<Element>) => Array.from(cells, (c) => c.textContent ?? "");
    // Inputs.table puts a selection column first; with select: false it is empty.
    const header = Array.from(table.querySelectorAll("thead th"), (th) => (th as HTMLElement).dataset.column ?? "").slice(1);
    const rows = Array.from(table.querySelectorAll("tbody tr"), (tr) => text(tr.querySelectorAll("td")).slice(1));
    return { header, rows };
  });
}

/**
 * Every response of a fresh visit with its size from Content-Length (or the protocol's count): the shared visit()
 * reads bodies, which Chromium evicts for a response as large as the wasm.
 */
async function measure(path: string): Promise<{ responses: Map<string, number> }> {
  const context = await browser().newContext();
  const page = await context.newPage();
  const responses = new Map<string, number>();
  const pending: Promise<void>[] = [];
  page.on("response", (r) => {
    pending.push(
      (async () => {
        const length = Number(r.headers()["content-length"]);
        responses.set(r.url(), Number.isFinite(length) ? length : (await r.request().sizes()).responseBodySize);
      })(),
    );
  });
  await page.goto(siteUrl(path), { waitUntil: "networkidle" });
  await page.locator(".sql-rowcount").waitFor({ timeout: STARTUP });
  await Promise.all(pending);
  await context.close();
  return { responses };
}

const browser = useBrowser();

describe("SQL page", () => {
  it("loads DuckDB-WASM from the site, with no problem and no request to another host", async () => {
    const { page, problems, foreign, transferred } = await openSql();
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
    // the table list shows every table with its row count from DuckDB-WASM
    const counts = await parquetQuery(TABLES.map((t) => `SELECT '${t}' AS t, count(*) AS n FROM ${t}`).join(" UNION ALL "));
    for (const { t, n } of counts.rows) {
      await expect(page.locator("details.sql-table summary", { hasText: String(t) }).first().textContent()).resolves.toContain(rowCount(Number(n)));
    }
    // with the Parquet extracts' column names and types (dates arrive in the Arrow streams as text)
    for (const t of TABLES) {
      const shown = await page.locator("details.sql-table", { has: page.locator("summary code", { hasText: new RegExp(`^${t}$`) }) }).locator("tbody tr").evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll("td")).slice(0, 2).map((td) => td.textContent).join(" ")),
      );
      const parquet = await parquetQuery(`SELECT column_name || ' ' || column_type AS c FROM (DESCRIBE ${t})`);
      expect(shown, t).toEqual(parquet.rows.map((r) => r.c));
    }
    await screenshot(page, "sql");
    const shared = [...transferred.values()].reduce((a, b) => a + b, 0);
    await page.context().close();

    const { responses } = await measure("/sql.html");
    const own = new URL(siteUrl()).host;
    const wasm = [...responses.keys()].filter((u) => /duckdb-(eh|mvp)\.wasm$/.test(u));
    const worker = [...responses.keys()].filter((u) => /duckdb-browser-(eh|mvp)\.worker\.[0-9a-f]+\.js$/.test(u));
    expect(wasm).toHaveLength(1);
    expect(worker).toHaveLength(1);
    for (const u of responses.keys()) expect(new URL(u).host).toBe(own);
    const total = [...responses.values()].reduce((a, b) => a + b, 0);
    const fmt = (n: number) => n.toLocaleString("en-US");
    console.log(
      `SQL page: ${responses.size} responses, ${fmt(total)} bytes in all (wasm ${fmt(responses.get(wasm[0]!)!)}, worker ${fmt(responses.get(worker[0]!)!)}); ` +
        `visit()'s transferred map sums ${fmt(shared)} bytes over ${transferred.size} responses, because Chromium does not keep the wasm's body for r.body()`,
    );
  });

  it("runs the first example on load, with the rows the same query gives over the Parquet extracts", async () => {
    const { page, problems, foreign } = await openSql();
    const sql = await page.locator("textarea").inputValue();
    expect(sql).toContain("FROM prefecture_summary");
    const expected = await parquetQuery(sql);
    expect(expected.rows.length).toBeGreaterThan(0);
    expect(await page.locator(".sql-rowcount").textContent()).toBe(rowCount(expected.rows.length));
    const shown = await resultTable(page);
    expect(shown.header).toEqual(expected.columns);
    // the first rows, cell by cell (the median is rounded to 3 places in the SQL itself)
    const first = expected.rows.slice(0, Math.min(5, shown.rows.length)).map((r) => expected.columns.map((c) => (r[c] == null ? "NULL" : String(r[c]))));
    expect(shown.rows.slice(0, first.length)).toEqual(first);
    // and a chart of it
    expect(await page.locator(".sql-chart svg").count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it("runs every example, each with the rows the same query gives over the Parquet extracts", async () => {
    const { page, problems, foreign } = await openSql();
    const examples = page.getByLabel("例", { exact: true });
    const options = await examples.locator("option").allTextContents();
    expect(options.length).toBeGreaterThanOrEqual(4);
    let previous = "";
    for (const [i, title] of options.entries()) {
      await examples.selectOption(String(i));
      // the editor is made anew with the example's SQL
      await expect.poll(() => page.locator("textarea").inputValue()).not.toBe(previous);
      const sql = (previous = await page.locator("textarea").inputValue());
      // like with like: a summary's rows are compared within one period and one coverage, and ranked only when rankable
      if (/FROM (prefecture|body|program)_summary/.test(sql) && /share_met|achievement/.test(sql)) {
        expect(sql, title).toMatch(/coverage = '\w+'/);
        expect(sql, title).toMatch(/period_start_fy = \d{4} AND period_end_fy = \d{4}/);
      }
      if (/FROM (prefecture|body)_summary/.test(sql) && /ORDER BY share_met/.test(sql)) expect(sql, title).toMatch(/AND rankable/);
      const expected = await parquetQuery(sql);
      expect(expected.rows.length, title).toBeGreaterThan(0);
      // achievement, pace and shares as percentages: round(100 * x, 1) AS x_pct
      for (const c of expected.columns) if (/achievement|share_met|pace/.test(c)) expect(c, title).toMatch(/_pct$/);
      await expect.poll(async () => (await resultTable(page)).header, { timeout: 20_000 }).toEqual(expected.columns);
      expect(await page.locator(".sql-rowcount").textContent(), title).toBe(rowCount(expected.rows.length));
      expect(await page.locator(".sql-error").count(), title).toBe(0);
    }
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it("runs a typed query with Ctrl+Enter, and the 実行 button runs the next", async () => {
    const { page, problems, foreign } = await openSql();
    const [{ n }] = (await parquetQuery("SELECT count(*) AS n FROM kpi_records")).rows as [{ n: number }];
    await run(page, "SELECT count(*) AS n FROM kpi_records", "keys");
    // (the first example's result may be one row too: wait for this query's column)
    await page.locator("form[class*='-table'] th[data-column=n]").waitFor();
    expect(await resultTable(page)).toEqual({ header: ["n"], rows: [[String(n)]] });

    const [{ m }] = (await parquetQuery("SELECT count(*) AS m FROM flags")).rows as [{ m: number }];
    await run(page, "SELECT count(*) AS m FROM flags", "button");
    await page.locator("form[class*='-table'] th[data-column=m]").waitFor();
    expect(await resultTable(page)).toEqual({ header: ["m"], rows: [[String(m)]] });
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it("shows an invalid query's error once, as text after a Japanese lead line, with no page error", async () => {
    const { page, problems, foreign } = await openSql();
    await run(page, "SELECT no_such_column FROM kpi_records");
    const error = page.locator(".sql-error");
    await error.waitFor();
    expect(await error.count()).toBe(1);
    expect(await error.locator(".sql-error-lead").textContent()).toBe("クエリを実行できませんでした：");
    const message = (await error.locator(".sql-error-message").textContent())!;
    expect(message).toMatch(/Binder Error.*no_such_column/s);
    // DuckDB's message is on the page once (it was printed twice before); the editor's SQL is its value, not text
    const shown = await page.locator("#observablehq-main").evaluate((main, m) => (main.textContent ?? "").split(m).length - 1, message);
    expect(shown).toBe(1);
    expect(await page.locator(".sql-error-message").count()).toBe(1);
    expect(await page.locator(".sql-rowcount").count()).toBe(0);
    // a query that would need an extension or the network fails here instead of fetching anything
    await run(page, "SELECT * FROM read_parquet('https://example.invalid/x.parquet')");
    await page.locator(".sql-error-message", { hasText: /read_parquet|extension|external/i }).waitFor();
    await page.locator(".sql-hint").waitFor();
    await run(page, "LOAD httpfs");
    await page.locator(".sql-error-message", { hasText: /extensions is disabled/i }).waitFor();
    await run(page, "SET autoload_known_extensions = true");
    await page.locator(".sql-error-message", { hasText: /lock|configuration/i }).waitFor();
    // and the page works again afterwards
    await run(page, "SELECT 42 AS answer");
    await page.locator(".sql-rowcount", { hasText: /^1 行$/ }).waitFor();
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it("heads each known column with its Japanese name and the SQL name small beside it", async () => {
    const { page, problems } = await openSql();
    const headers = await page.locator("form[class*='-table'] thead th[data-column]").evaluateAll((ths) =>
      ths.map((th) => ({ name: (th as HTMLElement).dataset.column, ja: th.querySelector(".sql-col-ja")?.textContent ?? null, en: th.querySelector(".sql-col-en")?.textContent ?? null })),
    );
    expect(headers).toContainEqual({ name: "prefecture", ja: "都道府県", en: "prefecture" });
    expect(headers).toContainEqual({ name: "share_met_pct", ja: "達成割合（%）", en: "share_met_pct" });
    expect(headers).toContainEqual({ name: "n_assessed", ja: "達成率のある評価件数（期間終了分）", en: "n_assessed" });
    expect(headers.every((h) => h.ja && /[\u3040-\u30ff\u4e00-\u9fff]/.test(h.ja))).toBe(true);
    // the figures are percentages: 0 to 100 with one decimal
    const { rows } = await resultTable(page);
    const at = headers.findIndex((h) => h.name === "share_met_pct");
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(Number(r[at])).toBeGreaterThanOrEqual(0);
      expect(Number(r[at])).toBeLessThanOrEqual(100);
    }
    // a column no table has is named as the SQL names it
    await run(page, "SELECT 42 AS answer");
    await page.locator("form[class*='-table'] th[data-column=answer]").waitFor();
    expect(await page.locator("form[class*='-table'] th[data-column=answer]").textContent()).toBe("answer");
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("keeps the query in the URL: a run writes ?q=, and opening that URL restores and runs it", async () => {
    const { page, problems } = await openSql();
    const sql = "SELECT prefecture, count(*) AS n FROM kpi_assessments GROUP BY prefecture ORDER BY prefecture";
    await run(page, sql);
    await page.locator("form[class*='-table'] th[data-column=n]").waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(sql);
    const shared = page.url();
    await page.context().close();

    const expected = await parquetQuery(sql);
    const v = await visit(browser(), new URL(shared).pathname + new URL(shared).search);
    await v.page.locator(".sql-rowcount").waitFor({ timeout: STARTUP });
    expect(await v.page.locator("textarea").inputValue()).toBe(sql);
    expect(await v.page.getByLabel("例", { exact: true }).locator("option:checked").textContent()).toBe("URL で共有された SQL");
    expect(await v.page.locator(".sql-rowcount").textContent()).toBe(rowCount(expected.rows.length));
    expect((await resultTable(v.page)).header).toEqual(expected.columns);
    expect(v.problems).toEqual([]);
    expect(v.foreign).toEqual([]);
    await v.page.context().close();
    expect(problems).toEqual([]);
  });

  it("says so when the URL's query cannot be used, and shows the first example instead", async () => {
    for (const [search, why] of [
      ["?q=", "空です"],
      ["?q=%20%20", "空です"],
      ["?q=SELECT%20%FF", "文字として読めない"],
    ] as const) {
      const v = await visit(browser(), `/sql.html${search}`);
      await v.page.locator(".sql-rowcount").waitFor({ timeout: STARTUP });
      const note = v.page.locator(".sql-url-problem");
      expect(await note.textContent(), search).toContain("URL の q（共有された SQL）を使えません");
      expect(await note.textContent(), search).toContain(why);
      expect(await v.page.locator("textarea").inputValue(), search).toContain("FROM prefecture_summary");
      expect(v.problems).toEqual([]);
      await v.page.context().close();
    }
  });

  it("draws the chart of a long result on a phone with labels that do not overlap, inside the page, described in words", async () => {
    const v = await visit(browser(), "/sql.html", { width: 390, height: 844 });
    await v.page.locator(".sql-rowcount").waitFor({ timeout: STARTUP });
    await run(v.page, "SELECT kpi_name, count(*) AS n FROM kpi_records GROUP BY kpi_name ORDER BY n DESC, kpi_name");
    await v.page.locator("form[class*='-table'] th[data-column=kpi_name]").waitFor();
    const svg = v.page.locator(".sql-chart svg").first();
    await svg.waitFor();
    expect(await svg.getAttribute("aria-label")).toMatch(/^件数（KPI名別）の横棒グラフ/);
    expect(await v.page.locator(".sql-chart figcaption").textContent()).toContain("結果の表");
    const boxes = await svg.locator("text").evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom })));
    expect(boxes.length).toBeGreaterThan(10);
    const overlaps: string[] = [];
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps.push(JSON.stringify([a, b]));
      expect(a.right, "a label inside the page").toBeLessThanOrEqual(390);
    }
    expect(overlaps).toEqual([]);
    const { scrollWidth, clientWidth } = await v.page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(v.problems).toEqual([]);
    await v.page.context().close();
  });

  it("downloads the result as CSV, with quoting, formula-safe text and a BOM for Excel", async () => {
    const { page, problems, foreign } = await openSql();
    const sql = await page.locator("textarea").inputValue();
    const expected = await parquetQuery(sql);
    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
      return readFileSync((await file.path())!, "utf8");
    };
    const csv = await download("CSV をダウンロード");
    const lines = csv.trimEnd().split("\n");
    expect(lines[0]).toBe(expected.columns.join(","));
    expect(lines).toHaveLength(expected.rows.length + 1);
    expect(lines[1]).toBe(expected.columns.map((c) => String(expected.rows[0]![c] ?? "")).join(","));

    await run(page, `SELECT '=1+1' AS formula, '-x' AS minus, -1 AS negative, 'a,"b"' AS quoted, NULL AS empty, '@' || '改行\n' AS multi`);
    await page.locator("form[class*='-table'] th[data-column=formula]").waitFor();
    expect(await download("CSV をダウンロード")).toBe(`formula,minus,negative,quoted,empty,multi\n'=1+1,'-x,-1,"a,""b""",,"'@改行\n"\n`);
    const excel = await download("Excel 用 CSV");
    expect(excel.startsWith("\ufeffformula,")).toBe(true);
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it("loads a table the first time a query names it, and only then", async () => {
    const { page, problems, foreign, transferred } = await openSql();
    const fetched = (table: string) => [...transferred.keys()].filter((u) => new RegExp(`/${table}\\.[0-9a-f]+\\.arrow$`).test(u));
    // the first example reads prefecture_summary alone
    expect(fetched("prefecture_summary")).toHaveLength(1);
    for (const t of ["kpi_records", "kpi_assessments", "body_summary", "program_summary", "sources", "outcome_vs_output", "cost_per_outcome", "kpi_series"]) expect(fetched(t), t).toEqual([]);
    const expected = await parquetQuery("SELECT count(*) AS n FROM kpi_records");
    await run(page, "select COUNT(*) AS n from KPI_RECORDS");
    await expect.poll(async () => (await resultTable(page)).rows, { timeout: 20_000 }).toEqual([[String(expected.rows[0]!.n)]]);
    expect(fetched("kpi_records")).toHaveLength(1);
    // a view loads the table it reads, once
    const flags = await parquetQuery("SELECT count(*) AS n FROM flags");
    await run(page, 'SELECT count(*) AS n FROM "flags"');
    await expect.poll(async () => (await resultTable(page)).rows, { timeout: 20_000 }).toEqual([[String(flags.rows[0]!.n)]]);
    expect(fetched("kpi_assessments")).toHaveLength(1);
    expect(fetched("kpi_series")).toEqual([]);
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it("shows text from the data as text: the hostile curation row runs nothing in the table or the chart", async () => {
    const { page, problems, foreign } = await openSql();
    await run(page, "SELECT program, kpi_name, note, actual FROM kpi_records WHERE program LIKE '%<script>%'");
    await page.locator("form[class*='-table'] th[data-column=program]").waitFor();
    await page.locator(".sql-rowcount", { hasText: /^1 行$/ }).waitFor();
    const { rows } = await resultTable(page);
    expect(rows[0]![0]).toContain("<script>window.__xss='script'</script>");
    expect(rows[0]![2]).toContain("<iframe");
    await page.locator(".sql-chart svg").first().waitFor();
    await page.locator(".sql-chart [aria-label=bar] rect").first().hover();
    await page.locator(".sql-chart [aria-label=tip]", { hasText: "<script>" }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(await page.locator("form[class*='-table'] script, form[class*='-table'] img, form[class*='-table'] iframe").count()).toBe(0);
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });
});

describe("the other pages", () => {
  it.each(["/", "/flags.html", "/prefectures.html", "/programs/", "/data.html", "/methodology.html"])("%s does not load DuckDB-WASM", async (path) => {
    const { page, transferred, problems } = await visit(browser(), path);
    expect(await page.locator("main#observablehq-main").count()).toBe(1);
    expect([...transferred.keys(), ...problems].filter((u) => /duckdb/i.test(u))).toEqual([]);
    await page.context().close();
  });
});
