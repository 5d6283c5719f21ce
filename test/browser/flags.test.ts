// The review page 要確認の事業 (src/flags.md): its list and its chart agree with the build's flags and, at other
// thresholds, with the SQL rule applied by DuckDB; the chart needs only the small flag index; filters live in the URL;
// data text shows as text; it prints as an A4 handout.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { defineMacros } from "../../loaders/analyze/analyze.ts";
import { queryRows, sqlString, withDatabase } from "../../loaders/analyze/db.ts";
import { builtTable, screenshot, SCREENSHOTS, siteUrl, useBrowser, visit, type Visit } from "./browser.ts";

const TABLE = "[data-testid=flags-table]";
const ROWS = `${TABLE} tbody tr`;
const COUNT = "[data-testid=flags-count]";
const CHART = "#flags-chart svg";
const INDEX_FILE = /\/flag_index\.[^/]*arrow$/;
const DETAILS_FILE = /\/flag_candidates\.[^/]*arrow$/;
const KOBE_FILE = "000_784b4eb4b4837a87.txt";

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
    const names = [...svg.querySelectorAll("[aria-label='y-axis tick label'] text")].map((t) => t.textContent ?? "");
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

const browser = useBrowser();
const opened: Visit[] = [];

async function open(path: string): Promise<Visit> {
  const v = await visit(browser(), path);
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
    expect(cells[10]).toContain(`${KOBE_FILE}:11`);
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
    expect(text).toMatch(/^基準: 90%／都道府県: 兵庫県／年度: すべて／支援対象: すべて／KPI: すべて／データ作成日: \d{4}-\d{2}-\d{2}$/);
    const layout = await v.page.evaluate((table) => {
      const t = document.querySelector(table)!;
      const cells = [...t.querySelectorAll("td, th")];
      return {
        header: getComputedStyle(t.querySelector("thead")!).display,
        rowBreak: getComputedStyle(t.querySelector("tbody tr")!).breakInside,
        clipped: cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent),
        overflowing: t.scrollWidth > t.parentElement!.clientWidth + 1,
      };
    }, TABLE);
    expect(layout).toEqual({ header: "table-header-group", rowBreak: "avoid", clipped: [], overflowing: false });
    await screenshot(v.page, "flags-print");
    const pdf = await v.page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page\b/g)?.length).toBeGreaterThan(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, "flags-handout.pdf"), pdf);
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
      const groups = [...printed.querySelectorAll("tbody tr")].map((tr) => tr.className);
      clicked.remove();
      printed.remove();
      return {before, afterClick, afterPrint, groups, whole: count(flagsTable(rows))};
    })`);
    expect(counts).toEqual({
      before: [2, 2, "先頭の 2 件を表示しています（全 5 件）。残り 3 件も表示"],
      afterClick: [5, 2, 0],
      afterPrint: [5, 0],
      groups: ["", "", "", "flags-group-start", ""],
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
      const table = flagsTable([row, {...row, record_id: "r2", needs_review: false, target_op: "gte", actual_approximate: false, source_refs: "a.txt:1"}]);
      document.body.append(table);
      const rows = [...table.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")]);
      const badge = rows[0][3].querySelector(".review-badge");
      const result = {
        badge: badge && [badge.textContent, badge.title],
        unmarked: rows[1][3].querySelectorAll(".review-badge").length,
        targets: rows.map((r) => r[5].textContent),
        actuals: rows.map((r) => r[6].textContent),
        sources: rows.map((r) => r[10].innerText),
      };
      table.remove();
      return result;
    })`);
    expect(cells).toEqual({
      badge: ["要確認（自動読取）", "汎用の読み取りで得た値です。原資料で確かめてください。"],
      unmarked: 0,
      targets: ["16,500人超", "16,500人以上"],
      actuals: ["約150人", "150人"],
      sources: ["b.txt:3\nreport.pdf:45（p.3 l.12）", "a.txt:1"],
    });
    clean(v);
  });
});
