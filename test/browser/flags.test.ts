// The review page 要確認の事業 (src/flags.md): its list and its chart agree with the build's flags and, at other
// thresholds, with the SQL rule applied by DuckDB; the chart needs only the small flag index, is named, has its table
// and keeps its labels apart on a phone; filters live in the URL, a link opens the same list and what it cannot apply
// is named; data text shows as text; a phone shows one card per KPI, a desktop the table; every source links to its
// line; it prints as an A4 handout numbered, addressed and dated on every page, a program's rows on one page.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { defineMacros } from "../../loaders/analyze/analyze.ts";
import { queryRows, sqlString, withDatabase } from "../../loaders/analyze/db.ts";
import { builtTable, queryBuilt, screenshot, SCREENSHOTS, siteUrl, useBrowser, visit, type Visit } from "./browser.ts";
import { contrast, labelCollisions, labelCount, markColours } from "./chart-layout.ts";
import { ALLOWED_TERMS, dataWords, englishText, seriousViolations } from "./site-checks.ts";
import { sourceSlug } from "../../src/lib/source-slug.js";

const TABLE = "[data-testid=flags-table]";
const ROWS = `${TABLE} tbody tr`;
const COUNT = "[data-testid=flags-count]";
const CHART = "#flags-chart svg";
const INDEX_FILE = /\/flag_index\.[^/]*arrow$/;
const DETAILS_FILE = /\/flag_candidates\.[^/]*arrow$/;
const KOBE_FILE = "000_784b4eb4b4837a87.txt";
const PDFJS = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

/** The data date a printout states: the build's (datapackage.json's created) as 2026年11月29日. */
function dataDate(): string {
  const { created } = JSON.parse(readFileSync(join(inject("siteOut"), "datapackage.json"), "utf8")) as { created: string };
  const [y, m, d] = created.slice(0, 10).split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** Rows of the build's flags table (flagged at the build's threshold). */
async function builtFlagCount(): Promise<number> {
  const { rows } = await withDatabase((c) => queryRows(c, `SELECT count(*) AS n FROM ${builtTable("flags")}`));
  return Number(rows[0]!.n);
}

/** The flagged assessments at a threshold, by the SQL definitions of loaders/analyze/sql/01_macros.sql. */
async function flagCount(threshold: number, prefecture?: string): Promise<number> {
  return withDatabase(async (c) => {
    await defineMacros(c);
    const t = String(threshold);
    const where = [`is_flagged(status_at(status, achievement, ${t}), pace, ${t})`];
    if (prefecture) where.push(`prefecture = ${sqlString(prefecture)}`);
    const { rows } = await queryRows(c, `SELECT count(*) AS n FROM ${builtTable("kpi_assessments")} WHERE ${where.join(" AND ")}`);
    return Number(rows[0]!.n);
  });
}

async function setThreshold(page: Page, value: string): Promise<void> {
  await page.locator("#flags-threshold-range").evaluate((el, v) => {
    (el as HTMLInputElement).value = v;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
  const percent = `基準 ${Math.round(Number(value) * 100)}%`;
  await page.waitForFunction((p) => document.querySelector("[data-testid=flags-count]")?.textContent?.includes(p), percent);
}

/** The chart's bars as its labels give them: prefecture and count. */
async function chartBars(page: Page): Promise<{ prefecture: string; n: number }[]> {
  return page.evaluate((chart) => {
    const svg = document.querySelector(chart)!;
    const names = [...svg.querySelectorAll("[data-mark='y-axis tick label'] text")].map((t) => t.textContent ?? "");
    const counts = [...svg.querySelectorAll(".flags-bar-count text")].map((t) => Number(t.textContent!.replace(/,/g, "")));
    const bars = svg.querySelectorAll(".flags-bar rect").length;
    if (names.length !== counts.length || bars !== counts.length) throw new Error(`${names.length} names, ${counts.length} labels, ${bars} bars`);
    return names.map((prefecture, i) => ({ prefecture, n: counts[i]! }));
  }, CHART);
}

async function chartTotal(page: Page): Promise<number> {
  return (await chartBars(page)).reduce((n, b) => n + b.n, 0);
}

/** Parses RFC 4180 CSV (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length) row.push(cell), rows.push(row);
  return rows;
}

/**
 * The text of each page of a PDF, its runs joined as drawn, NFKC-normalized (pdf.js reads some CJK glyphs as their
 * Kangxi-radical twins: ⽇ for 日).
 */
async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const { getDocument, VerbosityLevel } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = getDocument({
    data: new Uint8Array(pdf),
    cMapUrl: join(PDFJS, "cmaps") + "/",
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS, "standard_fonts") + "/",
    useWorkerFetch: false,
    isEvalSupported: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join("").normalize("NFKC"));
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** The addresses of source lines printed on each page (an address wraps in its cell: the page's text without spaces). */
function printedSources(pages: string[]): string[][] {
  return pages.map((text) => [...text.replace(/\s+/g, "").matchAll(/https?:\/\/[^「」]+?\/sources\/[^「」]+?\.html#L\d+/g)].map((m) => m[0]));
}

/** The page scrolls only down: document.documentElement.scrollWidth ≤ clientWidth. */
async function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

const browser = useBrowser();
const opened: Visit[] = [];

async function open(path: string, options: { width?: number; height?: number } = {}): Promise<Visit> {
  const v = await visit(browser(), path, options);
  opened.push(v);
  await v.page.waitForSelector(TABLE);
  return v;
}

function clean(v: Visit): void {
  expect(v.problems).toEqual([]);
  expect(v.foreign).toEqual([]);
}

afterAll(async () => {
  for (const v of opened) await v.page.context().close();
});

describe("要確認の事業", () => {
  it("lists by default exactly the rows of the build's flags table, at the build's threshold of 50%", async () => {
    const v = await open("/flags.html");
    const expected = await builtFlagCount();
    expect(expected).toBeGreaterThan(0);
    await expect.poll(() => v.page.locator(ROWS).count()).toBe(expected);
    expect(await v.page.textContent(COUNT)).toContain(`要確認 ${expected} 件（基準 50%）`);
    expect(await v.page.textContent("[data-testid=flags-threshold-value]")).toBe("50%");
    expect(await v.page.inputValue("#flags-threshold-range")).toBe("0.5");
    // the defaults leave the address as it was
    expect(new URL(v.page.url()).search).toBe("");
    await screenshot(v.page, "flags-default");
    clean(v);
  });

  it("re-judges at 30% and at 90% as the SQL rule does, and keeps the threshold in the address", async () => {
    const v = await open("/flags.html");
    const at30 = await flagCount(0.3);
    const at90 = await flagCount(0.9);
    expect(at90).toBeGreaterThan(at30);

    await setThreshold(v.page, "0.3");
    await expect.poll(() => v.page.locator(ROWS).count()).toBe(at30);
    expect(await v.page.textContent(COUNT)).toContain(`要確認 ${at30} 件（基準 30%）`);
    expect(await v.page.textContent("[data-testid=flags-threshold-value]")).toBe("30%");
    expect(new URL(v.page.url()).searchParams.get("threshold")).toBe("0.3");

    await setThreshold(v.page, "0.9");
    await expect.poll(() => v.page.locator(ROWS).count()).toBe(at90);
    expect(await v.page.textContent(COUNT)).toContain(`要確認 ${at90} 件（基準 90%）`);
    expect(new URL(v.page.url()).searchParams.get("threshold")).toBe("0.9");
    clean(v);
  });

  it("charts the flagged KPIs by prefecture, its bars adding up to the count at 30%, 50% and 90%", async () => {
    const v = await open("/flags.html");
    const { rows } = await withDatabase((c) => queryRows(c, `SELECT count(DISTINCT prefecture) AS n FROM ${builtTable("kpi_assessments")}`));
    // every prefecture of the build has its bar, flagged KPIs or not
    expect(await v.page.locator(CHART).count()).toBe(1);
    expect((await chartBars(v.page)).length).toBe(Number(rows[0]!.n));
    expect((await chartBars(v.page))[0]!.prefecture).toBe("北海道");
    for (const threshold of ["0.3", "0.5", "0.9"]) {
      const expected = await flagCount(Number(threshold));
      await setThreshold(v.page, threshold);
      await expect.poll(() => chartTotal(v.page)).toBe(expected);
      expect(await v.page.getAttribute(COUNT, "data-count")).toBe(String(expected));
      expect(await v.page.textContent("#flags-chart h2")).toContain(`基準 ${Math.round(Number(threshold) * 100)}%`);
    }
    const hyogo = (await chartBars(v.page)).find((b) => b.prefecture === "兵庫県")!;
    expect(hyogo.n).toBe(await flagCount(0.9, "兵庫県"));
    await screenshot(v.page, "flags-chart");

    // one prefecture chosen: one bar
    await v.page.locator("[data-testid=flags-controls] select").first().selectOption({ label: "兵庫県" });
    await expect.poll(() => chartBars(v.page)).toEqual([{ prefecture: "兵庫県", n: hyogo.n }]);
    clean(v);
  });

  it("draws the chart from the small index before the details arrive, and never loads every assessment or DuckDB", async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP" });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    // the details are held back until the chart is on screen
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(DETAILS_FILE, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(siteUrl("/flags.html"));
    await page.waitForSelector(CHART);
    expect(await chartTotal(page)).toBe(await builtFlagCount());
    expect(await page.locator(TABLE).count()).toBe(0);
    expect(await page.locator("[data-testid=flags-csv]").count()).toBe(0);
    release();
    await page.waitForSelector(TABLE);
    await expect.poll(() => page.locator(ROWS).count()).toBe(await builtFlagCount());
    await page.waitForLoadState("networkidle");

    const index = requested.findIndex((p) => INDEX_FILE.test(p));
    const details = requested.findIndex((p) => DETAILS_FILE.test(p));
    expect(index).toBeGreaterThanOrEqual(0);
    expect(details).toBeGreaterThan(index);
    expect(requested.filter((p) => /kpi_assessments|duckdb/i.test(p))).toEqual([]);
    await context.close();
  });

  it("restores the threshold and the prefecture from the address", async () => {
    const v = await open(`/flags.html?threshold=0.9&prefecture=${encodeURIComponent("兵庫県")}`);
    const expected = await flagCount(0.9, "兵庫県");
    expect(expected).toBeGreaterThan(0);
    expect(await v.page.inputValue("#flags-threshold-range")).toBe("0.9");
    expect(await v.page.textContent("[data-testid=flags-threshold-value]")).toBe("90%");
    const prefecture = v.page.locator("[data-testid=flags-controls] select").first();
    expect(await prefecture.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe("兵庫県");
    await expect.poll(() => v.page.locator(ROWS).count()).toBe(expected);
    expect(await v.page.textContent(COUNT)).toContain(`要確認 ${expected} 件（基準 90%）`);
    const prefectures = await v.page.locator(`${ROWS} td:first-child`).allTextContents();
    expect(new Set(prefectures)).toEqual(new Set(["兵庫県"]));
    await screenshot(v.page, "flags-hyogo");

    // choosing another prefecture rewrites the address
    await prefecture.selectOption({ label: "すべて" });
    await v.page.waitForFunction(() => !new URL(location.href).searchParams.has("prefecture"));
    expect(new URL(v.page.url()).searchParams.get("threshold")).toBe("0.9");
    await expect.poll(() => v.page.locator(ROWS).count()).toBe(await flagCount(0.9));
    clean(v);
  });

  it("shows Kobe's 就職者数（非正規を含む）: target 200, actual 91, its reason and its source line", async () => {
    const v = await open("/flags.html");
    const row = v.page.locator(ROWS).filter({ hasText: "就職者数（非正規を含む）" }).filter({ hasText: "神戸市" });
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.locator("td").allTextContents();
    expect(cells[0]).toBe("兵庫県");
    expect(cells[1]).toBe("神戸市");
    expect(cells[4]).toBe("令和5年度（FY2023）");
    expect(cells[5]).toBe("200人");
    expect(cells[6]).toBe("91人");
    expect(cells[7]).toBe("45.5%");
    expect(cells[8]).toBe("基準未満");
    expect(cells[9]).toContain("目標達成には至らなかった");
    // the source: the document's title and line, linking to that line of the document's page
    const [source] = await queryBuilt(`SELECT title FROM ${builtTable("sources")} WHERE source_file = ${sqlString(KOBE_FILE)}`);
    expect(source!.title).toBeTruthy();
    const link = row.locator("a.source-link");
    expect(await link.allTextContents()).toEqual([`「${source!.title}」11行`]);
    expect(await link.getAttribute("href")).toBe(`./sources/${sourceSlug(KOBE_FILE)}.html#L11`);
    clean(v);
  });

  it("lists the hostile test row with its markup as text, and runs none of it", async () => {
    const v = await open("/flags.html");
    const row = v.page.locator(ROWS).filter({ hasText: "<img src=x onerror=" });
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.locator("td").allTextContents();
    expect(cells[1]).toBe("神戸市");
    expect(cells[2]).toContain(`<img src=x onerror="window.__xss='img'">就職<script>`);
    expect(cells[3]).toContain(`<b onmouseover="window.__xss='b'">就職者数</b>`);
    expect(cells[5]).toBe("10人");
    expect(cells[6]).toBe("1人");
    expect(cells[9]).toContain("<script>window.__xss='note'</script><iframe");
    await row.hover();
    expect(await v.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await v.page.locator(`${TABLE} img, ${TABLE} script, ${TABLE} svg, ${TABLE} iframe, ${TABLE} b`).count()).toBe(0);
    expect(await v.page.locator("[onerror], [onload], [onmouseover]").count()).toBe(0);
    clean(v);
  });

  it("downloads the rows shown as CSV with a BOM, every row, quoted cells and formula-safe text", async () => {
    const v = await open(`/flags.html?prefecture=${encodeURIComponent("兵庫県")}`);
    const shown = await v.page.locator(ROWS).count();
    expect(shown).toBe(await flagCount(0.5, "兵庫県"));
    const [download] = await Promise.all([v.page.waitForEvent("download"), v.page.click("[data-testid=flags-csv]")]);
    expect(download.suggestedFilename()).toBe("要確認_基準50_兵庫県.csv");
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString("utf8").slice(1));
    expect(rows[0]!.slice(0, 4)).toEqual(["都道府県", "実施主体", "事業名", "KPI"]);
    expect(rows.length).toBe(shown + 1);
    const header = rows[0]!;
    const hostile = rows.find((r) => r[header.indexOf("事業名")]!.startsWith("<img src=x"))!;
    expect(hostile[header.indexOf("資料の説明")]).toContain(`=HYPERLINK("http://example.invalid")`);
    const kobe = rows.find((r) => r[header.indexOf("KPI")] === "就職者数（非正規を含む）")!;
    expect([kobe[header.indexOf("目標")], kobe[header.indexOf("実績")], kobe[header.indexOf("出典")]]).toEqual(["200", "91", `${KOBE_FILE}:11`]);

    // the shipped module's cell quoting: a formula gets a leading apostrophe, quotes double, numbers stay numbers
    const href = await v.page.getAttribute('link[rel=modulepreload][href*="components/csv"]', "href");
    expect(href).toBeTruthy();
    // a string, so that vitest does not rewrite the dynamic import() for Node
    const url = new URL(href!, v.page.url()).href;
    const cells = await v.page.evaluate(
      `import(${JSON.stringify(url)}).then(({csvCell}) => ["=SUM(A1)", "+1", "-x", "@cmd", "＝SUM(A1)", "＠A1", 'a "b", c', "行1\\n行2", -5, null].map((value) => csvCell(value)))`,
    );
    expect(cells).toEqual(["'=SUM(A1)", "'+1", "'-x", "'@cmd", "'＝SUM(A1)", "'＠A1", '"a ""b"", c"', '"行1\n行2"', "-5", ""]);
    clean(v);
  });

  it("prints as an A4 handout: controls hidden, the settings printed at the top, every row whole", async () => {
    const v = await open(`/flags.html?prefecture=${encodeURIComponent("兵庫県")}&threshold=0.9`);
    expect(await v.page.locator("[data-testid=flags-print-line]").isHidden()).toBe(true);
    await v.page.emulateMedia({ media: "print" });
    // the print view at the width of A4 landscape (277 mm of paper inside the margins, at 96 px per inch)
    await v.page.setViewportSize({ width: 1047, height: 740 });
    expect(await v.page.locator("[data-testid=flags-controls]").isHidden()).toBe(true);
    expect(await v.page.locator("[data-testid=flags-csv]").isHidden()).toBe(true);
    expect(await v.page.locator("#observablehq-sidebar").isHidden()).toBe(true);
    expect(await v.page.locator("#observablehq-footer").isHidden()).toBe(true);
    const line = v.page.locator("[data-testid=flags-print-line]");
    expect(await line.isVisible()).toBe(true);
    const text = (await line.textContent())!;
    expect(text).toBe(`基準: 90%／都道府県: 兵庫県／年度: すべて／支援対象: すべて／KPI の種類: すべて／データ作成日: ${dataDate()}`);
    const layout = await v.page.evaluate((table) => {
      const t = document.querySelector(table)!;
      const cells = [...t.querySelectorAll("td, th")];
      return {
        header: getComputedStyle(t.querySelector("thead")!).display,
        rowBreak: getComputedStyle(t.querySelector("tbody tr")!).breakInside,
        groupBreak: [...new Set([...t.querySelectorAll("tbody")].map((b) => getComputedStyle(b).breakInside))],
        clipped: cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent),
        overflowing: t.scrollWidth > t.parentElement!.clientWidth + 1,
      };
    }, TABLE);
    expect(layout).toEqual({ header: "table-header-group", rowBreak: "avoid", groupBreak: ["avoid"], clipped: [], overflowing: false });
    // paper has no links: each source's title and line, and under them the address of the line
    const sources = await v.page.locator(`${TABLE} a.source-link`).evaluateAll((links) =>
      links.map((a) => ({ text: a.textContent, url: a.nextElementSibling?.textContent, href: (a as HTMLAnchorElement).href, shown: getComputedStyle(a.nextElementSibling!).display })),
    );
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).toEqual({ text: source.text, url: source.href, href: source.href, shown: "block" });
    await screenshot(v.page, "flags-print");

    const pdf = await v.page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, "flags-handout.pdf"), pdf);
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(0);
    // every page: its number of all, the address of this very list (its settings in the query) and the data date
    const address = decodeURI(v.page.url());
    expect(address).toBe(siteUrl(`/flags.html?prefecture=兵庫県&threshold=0.9`));
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(`${i + 1} / ${pages.length} ページ`);
      expect(text, `page ${i + 1}`).toContain(address);
      expect(text, `page ${i + 1}`).toContain(`データ作成日: ${dataDate()}`);
    });
    // every source is printed with its address, once per reference
    expect(printedSources(pages).flat()).toEqual(sources.map((s) => s.href));
    const titles = pages.join("").replace(/\s+/g, "");
    for (const { text } of sources) expect(titles).toContain(text!.replace(/\s+/g, ""));
    clean(v);
  });

  it("keeps each program's rows on one printed page, even on paper so small that pages break often", async () => {
    const v = await open("/flags.html?threshold=1");
    await expect.poll(() => v.page.locator(ROWS).count()).toBe(Number(await v.page.getAttribute(COUNT, "data-count")));
    // one <tbody> per program, holding all of its rows
    const groups = await v.page.locator(`${TABLE} tbody`).evaluateAll((bodies) =>
      bodies.map((b) => [...b.querySelectorAll("tr")].map((tr) => ({ program: tr.querySelector("td:nth-child(3)")!.textContent, body: tr.querySelector("td:nth-child(2)")!.textContent, sources: [...tr.querySelectorAll("a.source-link")].map((a) => (a as HTMLAnchorElement).href) }))),
    );
    const keys = groups.map((g) => new Set(g.map((r) => `${r.body}/${r.program}`)));
    expect(keys.every((k) => k.size === 1)).toBe(true);
    expect(new Set(keys.map((k) => [...k][0])).size).toBe(groups.length);
    const multi = groups.filter((g) => g.length > 1);
    expect(multi.length).toBeGreaterThan(0);

    await v.page.emulateMedia({ media: "print" });
    const pages = printedSources(await pdfPages(await v.page.pdf({ format: "A5", landscape: true, preferCSSPageSize: false })));
    expect(pages.length).toBeGreaterThan(2);
    const pageOf = new Map<string, number>();
    pages.forEach((hrefs, i) => hrefs.forEach((href) => pageOf.set(href, i)));
    for (const group of multi) {
      const hrefs = group.flatMap((r) => r.sources);
      // a line cited by two rows would make the page of a row ambiguous
      expect(hrefs.every((h) => pages.flat().filter((x) => x === h).length === 1)).toBe(true);
      expect(new Set(hrefs.map((h) => pageOf.get(h))).size, `${group[0]!.body} ${group[0]!.program}`).toBe(1);
    }
    clean(v);
  });

  it("shows the first rows of a long list with a button for the rest, and puts every row in before printing", async () => {
    const v = await open("/flags.html");
    await v.page.locator(TABLE).waitFor();
    const href = await v.page.getAttribute('link[rel=modulepreload][href*="components/flags"]', "href");
    expect(href).toBeTruthy();
    const url = new URL(href!, v.page.url()).href;
    // the shipped module's table with 5 rows and room for 2, twice: one shown in full by its button, one by printing
    const counts = await v.page.evaluate(`import(${JSON.stringify(url)}).then(async ({flagsTable}) => {
      const rows = Array.from({length: 5}, (_, i) => ({
        record_id: "r" + i, prefecture: i < 3 ? "兵庫県" : "広島県", prefecture_code: i < 3 ? "28" : "34", body: "神戸市", program: "事業" + i,
        kpi_name: "就職者数", kpi_kind: "outcome", period_start_fy: 2023, period_end_fy: 2023, target: 100, target_op: "eq", actual: 10,
        unit: "人", achievement: 0.1, pace: null, is_partial: false, actual_through: null, status: "below_threshold", note: null, reason: "理由の記載なし", source_refs: "a.txt:" + i,
      }));
      const count = (el) => el.querySelectorAll("tbody tr").length;
      const clicked = flagsTable(rows, {first: 2});
      const printed = flagsTable(rows, {first: 2});
      document.body.append(clicked, printed);
      const before = [count(clicked), count(printed), clicked.querySelector("[data-testid=flags-more]").textContent];
      clicked.querySelector("[data-testid=flags-show-all]").click();
      const afterClick = [count(clicked), count(printed), clicked.querySelectorAll("[data-testid=flags-more]").length];
      dispatchEvent(new Event("beforeprint"));
      const afterPrint = [count(printed), printed.querySelectorAll("[data-testid=flags-more]").length];
      const groups = [...printed.querySelectorAll("tbody")].map((b) => [b.className, b.querySelectorAll("tr").length]);
      clicked.remove();
      printed.remove();
      return {before, afterClick, afterPrint, groups, whole: count(flagsTable(rows))};
    })`);
    expect(counts).toEqual({
      before: [2, 2, "先頭の 2 件を表示しています（全 5 件）。残り 3 件も表示"],
      afterClick: [5, 2, 0],
      afterPrint: [5, 0],
      groups: [["flags-program", 1], ["flags-program", 1], ["flags-program", 1], ["flags-program flags-group-start", 1], ["flags-program", 1]],
      whole: 5,
    });
    clean(v);
  });

  it("marks a value to review, writes 超 and 約, and gives a PDF's page and line after the line of a source", async () => {
    // the five real documents are text read by layout parsers: the shipped module renders such a row instead
    const v = await open("/flags.html");
    await v.page.locator(TABLE).waitFor();
    const href = await v.page.getAttribute('link[rel=modulepreload][href*="components/flags"]', "href");
    const url = new URL(href!, v.page.url()).href;
    const cells = await v.page.evaluate(`import(${JSON.stringify(url)}).then(({flagsTable}) => {
      const row = {
        record_id: "r1", prefecture: "岐阜県", prefecture_code: "21", body: "岐阜県", program: "事業", kpi_name: "正社員就職者数", kpi_kind: "outcome",
        period_start_fy: 2023, period_end_fy: 2023, target: 16500, target_op: "gt", target_approximate: false, actual: 150, actual_approximate: true,
        unit: "人", achievement: 0.01, pace: null, is_partial: false, actual_through: null, status: "below_threshold", note: null, reason: "理由の記載なし",
        source_refs: "b.txt:3; report.pdf:45 (p.3 l.12)", needs_review: true,
      };
      const titles = new Map([["b.txt", "文書B"], ["report.pdf", "報告書"]]);
      const table = flagsTable([row, {...row, record_id: "r2", needs_review: false, target_op: "gte", actual_approximate: false, source_refs: "a.txt:1"}], {titles});
      document.body.append(table);
      const rows = [...table.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")]);
      const badge = rows[0][3].querySelector(".review-badge");
      const result = {
        badge: badge && [badge.textContent, badge.title],
        unmarked: rows[1][3].querySelectorAll(".review-badge").length,
        targets: rows.map((r) => r[5].textContent),
        actuals: rows.map((r) => r[6].textContent),
        sources: rows.map((r) => r[10].innerText),
        hrefs: rows.map((r) => [...r[10].querySelectorAll("a.source-link")].map((a) => a.getAttribute("href"))),
      };
      table.remove();
      return result;
    })`);
    expect(cells).toEqual({
      badge: ["要確認（自動読取）", "汎用の読み取りで得た値です。原資料で確かめてください。"],
      unmarked: 0,
      targets: ["16,500人超", "16,500人以上"],
      actuals: ["約150人", "150人"],
      // a document without a title is named by its file
      sources: ["「文書B」3行\n「報告書」45行（p.3 l.12）", "「a.txt」1行"],
      hrefs: [["./sources/b-txt.html#L3", "./sources/report-pdf.html#L45"], ["./sources/a-txt.html#L1"]],
    });
    clean(v);
  });
  it("on a 390 px phone: no sideways scroll, one card per KPI with its labels, controls that fit and work by keyboard", async () => {
    const v = await open("/flags.html", { width: 390, height: 844 });
    await expect.poll(() => v.page.locator(ROWS).count()).toBe(await builtFlagCount());
    expect(await noSidewaysScroll(v.page)).toBe(true);
    const cards = await v.page.locator(ROWS).evaluateAll((trs) =>
      trs.map((tr) => {
        const box = tr.getBoundingClientRect();
        const cells = [...tr.querySelectorAll("td")];
        const top = (name: string) => Math.round(tr.querySelector(`.flags-c-${name}`)!.getBoundingClientRect().top);
        return {
          display: getComputedStyle(tr).display,
          inside: box.left >= 0 && box.right <= document.documentElement.clientWidth,
          labels: cells.map((td) => td.dataset.label),
          // the labels the card shows (CSS generated content): all but the program (the card's title) and its place and year
          shown: cells.map((td) => getComputedStyle(td, "::before").content),
          clipped: cells.filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.dataset.label),
          // from the top: 都道府県・実施主体 and 年度, 事業, KPI, 目標 → 実績, 達成率, 評価, 資料の説明, 出典
          order: [top("pref") === top("fy") && top("pref") < top("program"), top("program") < top("kpi"), top("kpi") < top("target"), top("target") === top("actual"), top("actual") < top("ratio"), top("ratio") < top("status"), top("status") < top("note"), top("note") < top("source")],
        };
      }),
    );
    for (const card of cards) {
      const ratio = card.labels[7] === "進捗率" ? "進捗率" : "達成率";
      expect(card).toEqual({
        display: "flex",
        inside: true,
        labels: ["都道府県", "実施主体", "事業名", "KPI", "年度", "目標", "実績", ratio, "評価", "資料の説明", "出典"],
        shown: ["none", '"・"', "none", '"KPI"', "none", '"目標"', '"→ 実績"', `"${ratio}"`, '"評価"', '"資料の説明"', '"出典"'],
        clipped: [],
        order: [true, true, true, true, true, true, true, true],
      });
    }
    // the header row is out of sight but still read by screen readers
    expect(await v.page.locator(`${TABLE} thead`).evaluate((h) => [h.getBoundingClientRect().height <= 1, getComputedStyle(h).display !== "none"])).toEqual([true, true]);
    // the filters and the slider lie inside the screen
    const controls = await v.page.locator("[data-testid=flags-controls] :is(input[type=range], select, output)").evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right));
    expect(controls.length).toBe(6);
    for (const right of controls) expect(right).toBeLessThanOrEqual(390);
    await screenshot(v.page, "flags-390");

    // by keyboard: the slider moves a step with an arrow key, Tab reaches the prefecture, an arrow key chooses one
    await v.page.focus("#flags-threshold-range");
    await v.page.keyboard.press("ArrowRight");
    await v.page.waitForFunction(() => new URL(location.href).searchParams.get("threshold") === "0.51");
    expect(await v.page.textContent("[data-testid=flags-threshold-value]")).toBe("51%");
    expect(await v.page.textContent(COUNT)).toContain("（基準 51%）");
    await v.page.keyboard.press("Tab");
    const prefecture = v.page.locator("[data-testid=flags-controls] select").first();
    expect(await prefecture.evaluate((s) => s === document.activeElement)).toBe(true);
    await v.page.keyboard.press("ArrowDown");
    const first = await prefecture.evaluate((s) => (s as HTMLSelectElement).options[1]!.textContent!);
    await v.page.waitForFunction((p) => new URL(location.href).searchParams.get("prefecture") === p, first);
    await expect.poll(() => v.page.locator(ROWS).count()).toBe(await flagCount(0.51, first));
    clean(v);
  });

  it("on a 1440 px screen: the table, its header in sight and no card labels, and no sideways scroll", async () => {
    const v = await open("/flags.html", { width: 1440, height: 900 });
    await expect.poll(() => v.page.locator(ROWS).count()).toBe(await builtFlagCount());
    expect(await noSidewaysScroll(v.page)).toBe(true);
    const layout = await v.page.locator(TABLE).evaluate((t) => ({
      rows: [...new Set([...t.querySelectorAll("tbody tr")].map((tr) => getComputedStyle(tr).display))],
      header: [...t.querySelectorAll("thead th")].map((th) => th.getBoundingClientRect().height > 0 && th.textContent!.replace(/\s+/g, "")),
      labels: [...new Set([...t.querySelectorAll("td")].map((td) => getComputedStyle(td, "::before").content))],
      fits: t.getBoundingClientRect().right <= document.documentElement.clientWidth,
    }));
    expect(layout).toEqual({
      rows: ["table-row"],
      header: ["都道府県", "実施主体", "事業名", "KPI", "年度", "目標", "実績", "達成率（期間途中は進捗率）", "評価", "資料の説明", "出典"],
      labels: ["none"],
      fits: true,
    });
    await screenshot(v.page, "flags-1440");
    clean(v);
  });

  it("names what the chart shows, gives its figures as a table, and keeps its labels apart at 390 px", async () => {
    const v = await open("/flags.html", { width: 390, height: 844 });
    const svg = v.page.locator(CHART);
    expect(await svg.getAttribute("role")).toBe("img");
    const bars = await chartBars(v.page);
    const label = (await svg.getAttribute("aria-label"))!;
    expect(label).toMatch(/^都道府県別の要確認 KPI の件数の棒グラフ（基準 50%）。/);
    for (const b of bars.filter((b) => b.n > 0)) expect(label).toContain(`${b.prefecture} ${b.n} 件`);
    expect(label).toContain(`ほかの ${bars.filter((b) => b.n === 0).length} 都道府県は 0 件`);
    // the figures as a table, behind 「データを表で見る」
    await v.page.locator("[data-testid=flags-chart-data] summary").click();
    const table = await v.page.locator("[data-testid=flags-chart-data] tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(table).toEqual(bars.map((b) => [b.prefecture, String(b.n)]));
    // every label apart from the others and inside the chart; the bars stand out from the card (3:1)
    expect(await labelCount(svg)).toBeGreaterThan(bars.length * 2);
    expect(await labelCollisions(svg)).toEqual([]);
    const { background, colours } = await markColours(svg, ".flags-bar rect");
    expect(colours.length).toBe(1);
    expect(contrast(colours[0]!, background)).toBeGreaterThanOrEqual(3);

    // the shipped chart with counts in the thousands at the width of a phone's card: ticks thinned, nothing overlaps
    const href = await v.page.getAttribute('link[rel=modulepreload][href*="components/flags"]', "href");
    const url = new URL(href!, v.page.url()).href;
    const ticks = await v.page.evaluate(`import(${JSON.stringify(url)}).then(({flagsChart}) => {
      const counts = Array.from({length: 47}, (_, i) => ({prefecture: "都道府県" + i, n: i * 263}));
      const svg = flagsChart(counts, {width: 300, threshold: 0.5});
      svg.id = "wide-counts";
      document.querySelector("#flags-chart").append(svg);
      return svg.querySelectorAll("[data-mark='x-axis tick label'] text").length;
    })`);
    expect(ticks).toBeGreaterThan(1);
    expect(await labelCollisions(v.page.locator("#wide-counts"))).toEqual([]);
    await v.page.locator("#wide-counts").evaluate((el) => el.remove());
    clean(v);
  });

  it("links every source to its line on the document's page, named by the document's title", async () => {
    const v = await open("/flags.html?threshold=1");
    await expect.poll(() => v.page.locator(ROWS).count()).toBe(Number(await v.page.getAttribute(COUNT, "data-count")));
    const shown = await v.page.locator(ROWS).evaluateAll((trs) =>
      trs.map((tr) => ({ id: (tr as HTMLElement).dataset.recordId!, links: [...tr.querySelectorAll("td:last-child a")].map((a) => ({ className: a.className, href: a.getAttribute("href"), text: a.textContent })) })),
    );
    expect(shown.length).toBeGreaterThan(0);
    const refs = new Map((await queryBuilt(`SELECT record_id, source_refs FROM ${builtTable("kpi_assessments")}`)).map((r) => [r.record_id, r.source_refs as string]));
    const titles = new Map((await queryBuilt(`SELECT source_file, coalesce(title, source_file) AS title FROM ${builtTable("sources")}`)).map((r) => [r.source_file, r.title as string]));
    const lines = new Map<string, Set<string>>();
    for (const row of shown) {
      const expected = refs.get(row.id)!.split("; ").map((ref) => {
        const [, file, line, locator] = /^(.*):(\d+)(?: \((.*)\))?$/s.exec(ref)!;
        const page = `./sources/${sourceSlug(file)}.html`;
        lines.set(page, (lines.get(page) ?? new Set()).add(line!));
        return { className: "source-link", href: `${page}#L${line}`, text: `「${titles.get(file!)}」${line}行${locator ? `（${locator}）` : ""}` };
      });
      expect(row.links, row.id).toEqual(expected);
    }
    // and the line is there, on the document's page
    for (const [page, numbers] of lines) {
      const response = await fetch(siteUrl(page.slice(1)));
      expect(response.status, page).toBe(200);
      const html = await response.text();
      for (const line of numbers) expect(html, `${page}#L${line}`).toContain(`id="L${line}"`);
    }
    clean(v);
  });

  it("opens a shared link with every setting as it was: the same controls, the same rows, the same address", async () => {
    const v = await open("/flags.html");
    await setThreshold(v.page, "0.9");
    const selects = v.page.locator("[data-testid=flags-controls] select");
    await selects.nth(0).selectOption({ label: "兵庫県" });
    await selects.nth(1).selectOption({ label: "令和5年度（FY2023）" });
    await selects.nth(3).selectOption({ label: "成果" });
    await v.page.waitForFunction(() => new URL(location.href).searchParams.get("kind") === "outcome");
    const state = async (page: Page) => {
      await expect.poll(() => page.locator(ROWS).count()).toBe(Number(await page.getAttribute(COUNT, "data-count")));
      return {
        ids: await page.locator(ROWS).evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.recordId)),
        threshold: await page.inputValue("#flags-threshold-range"),
        selects: await page.locator("[data-testid=flags-controls] select").evaluateAll((ss) => ss.map((s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent)),
        count: await page.textContent(COUNT),
      };
    };
    const before = await state(v.page);
    expect(before.ids.length).toBeGreaterThan(0);
    expect(before.selects).toEqual(["兵庫県", "令和5年度（FY2023）", "すべて", "成果"]);
    const link = v.page.url();
    expect(new URL(link).search).toBe(`?fy=2023&kind=outcome&prefecture=${encodeURIComponent("兵庫県")}&threshold=0.9`);

    const shared = await open(new URL(link).pathname + new URL(link).search);
    expect(await state(shared.page)).toEqual(before);
    expect(shared.page.url()).toBe(link);
    expect(await shared.page.locator("[data-testid=flags-url-notice]").count()).toBe(0);
    clean(v);
    clean(shared);
  });

  it("says in Japanese which settings of a link it cannot apply, and shows the list without them", async () => {
    const v = await open(`/flags.html?prefecture=${encodeURIComponent("東京県")}&threshold=2&fy=1999&kind=${encodeURIComponent("<b>x</b>")}&sort=asc`);
    const notice = v.page.locator("[data-testid=flags-url-notice]");
    expect(await notice.getAttribute("role")).toBe("status");
    expect(await notice.locator("li").allTextContents()).toEqual([
      "基準「2」は 0〜1（0%〜100%）の範囲の数ではないため、既定の 50% で表示しています。",
      "都道府県「東京県」はこのデータにないため、すべての都道府県を表示しています。",
      "年度「1999」はこのデータにないため、すべての年度を表示しています。",
      "KPI の種類「<b>x</b>」はこのデータにないため、すべての種類を表示しています。",
      "「sort」という設定はこのページにないため、使っていません。",
    ]);
    expect(await notice.locator("b").count()).toBe(0);
    // the defaults in their place: the build's flags, and an address with nothing that does not apply
    await expect.poll(() => v.page.locator(ROWS).count()).toBe(await builtFlagCount());
    expect(await v.page.textContent(COUNT)).toContain("（基準 50%）");
    expect(new URL(v.page.url()).search).toBe("");
    await screenshot(v.page, "flags-notice");
    clean(v);
  });

  it.each([
    ["/flags.html", 390],
    ["/flags.html", 1440],
    [`/flags.html?prefecture=${encodeURIComponent("東京県")}`, 390],
  ])("passes axe-core with no serious or critical violation: %s at %i px", async (path, width) => {
    const v = await open(path, { width, height: 900 });
    await v.page.locator("[data-testid=flags-chart-data] summary").click();
    expect(await seriousViolations(v.page)).toEqual([]);
    clean(v);
  });

  it("speaks Japanese: no English but the terms of the trade and the documents' own words, also in its notice", async () => {
    const v = await open(`/flags.html?prefecture=${encodeURIComponent("東京県")}`, { width: 390, height: 844 });
    const allowed = [...ALLOWED_TERMS, ...(await dataWords())];
    expect((await englishText(v.page, allowed)).map((e) => `${e.where}: «${e.text}» (${e.words.join(", ")})`)).toEqual([]);
    clean(v);
  });
});
