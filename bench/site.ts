// The site part of the benchmark: build the site from a large build's extracts, serve it on localhost as a static
// host would, and time the overview and flagged pages' first chart and the SQL page's DuckDB-WASM in Chromium.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Browser } from "playwright-core";
import { buildSite } from "../test/browser/build-site.ts";
import { launch } from "../test/browser/chromium.ts";
import { serveStatic } from "../test/browser/server.ts";

export interface PageFigures {
  page: string;
  path: string;
  /** What counts as the first chart on the page. */
  selector: string;
  first_chart_ms: number;
  bytes_before_chart: number;
  requests_before_chart: number;
  bytes_total: number;
  requests_total: number;
  duckdb_requested: boolean;
}

export interface SiteFigures {
  size: string;
  records: number;
  build_s: number;
  pages: PageFigures[];
  sql: { ready_ms: number; query: string; query_ms: number; rows: number };
  flags_table: FlagsTableFigures;
}

/** The flags page's table of as many rows as the page flags: built and laid out whole, and as its first rows. */
export interface FlagsTableFigures {
  rows: number;
  first: number;
  all_rows_ms: number;
  first_rows_ms: number;
}

/** Program and source pages built for the benchmark: the site's per-program and per-document pages are not what it measures. */
const PROGRAM_PAGES = "50";
const SOURCE_PAGES = "50";

const PAGES = [
  { page: "概要 (overview)", path: "/index.html", selector: "#achievement-chart svg" },
  { page: "要確認の事業 (flagged)", path: "/flags.html", selector: "#flags-chart svg" },
];

const AGGREGATE = "SELECT prefecture, kpi_kind, count(*) AS n, median(achievement) AS median_achievement FROM kpi_assessments WHERE achievement IS NOT NULL GROUP BY ALL ORDER BY ALL";

/**
 * tsx compiles this file with esbuild's keepNames, which wraps named functions in a `__name(fn, "name")` helper;
 * functions sent into the page (addInitScript, evaluate) carry those calls, so the page gets a `__name` that does
 * nothing.
 */
const KEEP_NAMES = "window.__name = (f) => f;";

/** Records, in the page, when the first element matching the selector appears (performance.now(), ms). */
function watchFor(selector: string): void {
  const w = window as unknown as { __firstChart?: number };
  const check = () => {
    if (w.__firstChart === undefined && document.querySelector(selector)) {
      w.__firstChart = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  document.addEventListener("DOMContentLoaded", check);
  observer.observe(document, { childList: true, subtree: true });
}

async function measurePage(browser: Browser, url: string, page: (typeof PAGES)[number]): Promise<PageFigures> {
  // A new context is a cold cache.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP" });
  const tab = await context.newPage();
  await tab.addInitScript(KEEP_NAMES);
  await tab.addInitScript(watchFor, page.selector);
  await tab.goto(url + page.path, { waitUntil: "load" });
  await tab.waitForFunction(() => (window as unknown as { __firstChart?: number }).__firstChart !== undefined, null, { timeout: 120_000 });
  await tab.waitForLoadState("networkidle");
  const figures = await tab.evaluate(() => {
    const chart = (window as unknown as { __firstChart: number }).__firstChart;
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    const before = resources.filter((r) => r.responseEnd <= chart);
    const sum = (list: PerformanceResourceTiming[]) => list.reduce((n, r) => n + r.transferSize, 0);
    return {
      chart,
      bytesBefore: navigation.transferSize + sum(before),
      requestsBefore: 1 + before.length,
      bytesTotal: navigation.transferSize + sum(resources),
      requestsTotal: 1 + resources.length,
      duckdb: resources.some((r) => /duckdb/i.test(r.name)),
    };
  });
  await context.close();
  return {
    ...page,
    first_chart_ms: figures.chart,
    bytes_before_chart: figures.bytesBefore,
    requests_before_chart: figures.requestsBefore,
    bytes_total: figures.bytesTotal,
    requests_total: figures.requestsTotal,
    duckdb_requested: figures.duckdb,
  };
}

async function measureSql(browser: Browser, url: string): Promise<SiteFigures["sql"]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP" });
  const tab = await context.newPage();
  await tab.addInitScript(KEEP_NAMES);
  const started = Date.now();
  await tab.goto(url + "/sql.html");
  // The page runs its first example once DuckDB-WASM has the tables.
  await tab.locator(".sql-rowcount").waitFor({ timeout: 300_000 });
  const ready = Date.now() - started;
  const editor = tab.locator("textarea");
  await editor.fill(AGGREGATE);
  // The result replaces the summary line; the old one is marked so that the new one can be told apart.
  await tab.locator(".sql-summary").evaluate((e) => e.setAttribute("data-old", ""));
  await editor.press("Control+Enter");
  const summary = tab.locator(".sql-summary:not([data-old])");
  await summary.waitFor({ timeout: 300_000 });
  // The page times db.query itself and shows it: （123 ミリ秒）
  const text = (await summary.textContent()) ?? "";
  const queryMs = Number(/（([\d,]+) ミリ秒）/.exec(text)?.[1]?.replace(/,/g, ""));
  const rows = Number((await summary.locator(".sql-rowcount").textContent())?.replace(/[^\d]/g, ""));
  await context.close();
  return { ready_ms: ready, query: AGGREGATE, query_ms: queryMs, rows };
}

/**
 * Times the shipped flagsTable in the flags page: the page's own number of flagged rows (copies of a typical row),
 * built and laid out whole as before, and as the first rows with a button for the rest, as the page shows them.
 * Each is the median of 5 runs.
 */
async function measureFlagsTable(browser: Browser, url: string): Promise<FlagsTableFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP" });
  const tab = await context.newPage();
  await tab.addInitScript(KEEP_NAMES);
  await tab.goto(url + "/flags.html");
  await tab.locator("[data-testid=flags-count]").waitFor({ timeout: 120_000 });
  const count = Number(await tab.locator("[data-testid=flags-count]").getAttribute("data-count"));
  const href = await tab.getAttribute('link[rel=modulepreload][href*="components/flags"]', "href");
  const module = new URL(href!, tab.url()).href;
  // A string, so that tsx's helpers do not reach the page, and import() is not rewritten.
  const figures = (await tab.evaluate(`import(${JSON.stringify(module)}).then(({flagsTable, FLAGS_TABLE_FIRST}) => {
    const rows = Array.from({length: ${count}}, (_, i) => ({
      record_id: "r" + i, prefecture: "兵庫県", prefecture_code: "28", body: "神戸市", program: "氷河期世代の転職・再就職支援事業 " + i,
      kpi_name: "就職者数（非正規を含む）", kpi_kind: "outcome", period_start_fy: 2023, period_end_fy: 2024, target: 200, target_op: "gte",
      actual: 91, unit: "人", achievement: 0.455, pace: null, is_partial: false, actual_through: "2025-03-31", status: "below_threshold",
      reason: "コロナ禍の影響により、セミナーの開催回数が予定を下回ったため、参加者数が伸びなかった。", source_refs: "000_784b4eb4b4837a87.txt:" + i,
    }));
    const time = (first) => {
      const runs = [];
      for (let k = 0; k < 5; k++) {
        const start = performance.now();
        const table = flagsTable(rows, {first});
        document.body.append(table);
        document.body.offsetHeight; // layout
        runs.push(performance.now() - start);
        table.remove();
      }
      return runs.sort((a, b) => a - b)[2];
    };
    return {rows: rows.length, first: FLAGS_TABLE_FIRST, all_rows_ms: time(Infinity), first_rows_ms: time(FLAGS_TABLE_FIRST)};
  })`)) as FlagsTableFigures;
  await context.close();
  return figures;
}

/** Builds the site from `outDir` (beside the sources it was built from, `<dir>/sources`) into `siteDir` and measures it. */
export async function measureSite(outDir: string, siteDir: string, size: string, records: number): Promise<SiteFigures> {
  rmSync(siteDir, { recursive: true, force: true });
  const started = performance.now();
  buildSite(outDir, siteDir, { KPI_PROGRAM_PAGES: PROGRAM_PAGES, KPI_SOURCE_PAGES: SOURCE_PAGES, KPI_SOURCES_DIR: join(dirname(outDir), "sources") });
  const buildSeconds = (performance.now() - started) / 1000;
  const server = await serveStatic(siteDir);
  const browser = await launch();
  try {
    const pages: PageFigures[] = [];
    for (const page of PAGES) pages.push(await measurePage(browser, server.url, page));
    const sql = await measureSql(browser, server.url);
    const flagsTable = await measureFlagsTable(browser, server.url);
    return { size, records, build_s: buildSeconds, pages, sql, flags_table: flagsTable };
  } finally {
    await browser.close();
    await server.close();
  }
}
