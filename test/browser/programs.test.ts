// The prefecture comparison, the program list with its Japanese search, and the program pages, in Chromium over the
// test build (real sources plus the hostile curation row). Expected counts come from the build's Parquet files.
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { loadSource } from "../../loaders/extract/source.ts";
import { sqlString, type Plain } from "../../loaders/analyze/db.ts";
import { programId } from "../../src/lib/program-id.js";
import { builtTable, queryBuilt, screenshot, SCREENSHOTS, useBrowser, visit, type Visit } from "./browser.ts";
// @ts-expect-error: a plain JavaScript module of the site
import { COVERAGE_LABELS as LABELS, COVERAGE_ORDER as ORDER, sourceHref } from "../../src/components/format.js";
// @ts-expect-error: a plain JavaScript module of the site
import { formatBreakdown, programPageTitle } from "../../src/components/program-list.js";
// @ts-expect-error: a plain JavaScript module of the site
import { bulletChartLabel, seriesChartLabel } from "../../src/components/program-charts.js";
// @ts-expect-error: a plain JavaScript module of the site
import { UNRANKED_COLOR } from "../../src/components/comparison.js";

const COVERAGE_LABELS = LABELS as Record<string, string>;
const COVERAGE_ORDER = ORDER as string[];

const ROOT = new URL("../../", import.meta.url).pathname;

const idOf = (r: Record<string, Plain>): string => programId(r.prefecture_code, r.body, r.program);

/** The one program matching a condition on kpi_records, or a failed test. */
async function programWhere(condition: string): Promise<Record<string, Plain>> {
  const found = await queryBuilt(`SELECT DISTINCT prefecture_code, prefecture, body, program FROM ${builtTable("kpi_records")} WHERE ${condition}`);
  expect(found, condition).toHaveLength(1);
  return found[0]!;
}

/** The programs (ids) of kpi_records whose program, body, prefecture or a KPI name contains the word. */
async function programsContaining(word: string): Promise<string[]> {
  const w = sqlString(word);
  const found = await queryBuilt(
    `SELECT DISTINCT prefecture_code, body, program FROM ${builtTable("kpi_records")}
     WHERE contains(program, ${w}) OR contains(body, ${w}) OR contains(prefecture, ${w}) OR contains(kpi_name, ${w})`,
  );
  return found.map(idOf).sort();
}

/** Ids of the program pages linked from the rows of a table (its links but those to the sources). */
async function linkedIds(page: Page, selector: string): Promise<string[]> {
  const hrefs = await page.locator(`${selector} tbody a:not(.source-link)`).evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.map((h) => /([0-9]{2}-[0-9a-z]+)\.html$/.exec(h)?.[1] ?? h);
}

/** A screenshot of one element, to look at a chart closely. */
async function elementShot(locator: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await locator.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

/** The texts of a table's cells under the header with this label, one per row. */
async function columnTexts(page: Page, selector: string, label: string): Promise<string[]> {
  const headers = await page.locator(`${selector} thead th`).allTextContents();
  const index = headers.indexOf(label);
  expect(index, `${selector}: column ${label} in ${headers.join(", ")}`).toBeGreaterThanOrEqual(0);
  return cellTexts(page, selector, index + 1);
}

/** The index of the row whose first cell is this text. */
async function rowIndex(page: Page, selector: string, first: string): Promise<number> {
  return (await cellTexts(page, selector, 1)).indexOf(first);
}

async function cellTexts(page: Page, selector: string, column: number): Promise<string[]> {
  return page.locator(`${selector} tbody tr td:nth-child(${column})`).allTextContents();
}

/** No console error, failed request or request to another host, and the page closes. */
async function finish(v: Visit, name?: string): Promise<void> {
  if (name) await screenshot(v.page, name);
  expect(v.problems).toEqual([]);
  expect(v.foreign).toEqual([]);
  await v.page.context().close();
}

async function noScriptRan(page: Page): Promise<void> {
  expect(await page.evaluate(() => typeof (window as { __xss?: unknown }).__xss)).toBe("undefined");
  // no element was made from the payloads
  expect(await page.locator('img[src="x"], b[onmouseover], svg[onload], iframe, [onerror], [onload], [onmouseover]').count()).toBe(0);
  const scripts = await page.locator("script").evaluateAll((ss) => ss.filter((s) => (s.textContent ?? "").includes("__xss")).length);
  expect(scripts).toBe(0);
}

const browser = useBrowser();

describe("都道府県比較", () => {
  it("says how many of the 47 prefectures have documents, and of which coverage, as the sources table gives them", async () => {
    const perCoverage = await queryBuilt(
      `SELECT coalesce(s.coverage, 'unknown') AS coverage, count(DISTINCT r.prefecture_code) AS n
       FROM ${builtTable("kpi_records")} r LEFT JOIN ${builtTable("sources")} s USING (source_file) GROUP BY ALL`,
    );
    const [{ n: prefectures }] = (await queryBuilt(`SELECT count(DISTINCT prefecture_code) AS n FROM ${builtTable("kpi_records")}`)) as [{ n: number }];
    const expected = COVERAGE_ORDER.flatMap((c) => perCoverage.filter((r) => r.coverage === c)).map((r) => `${COVERAGE_LABELS[r.coverage as string]} ${r.n}`);
    expect(expected.length).toBeGreaterThan(1);
    const v = await visit(browser(), "/prefectures.html");
    const sentence = await v.page.locator("#coverage-sentence").textContent();
    expect(sentence).toContain(`47都道府県のうち${prefectures}都道府県の資料があります：${expected.join("、")}`);
    const counts = await v.page.locator("#coverage-counts li").evaluateAll((lis) => lis.map((li) => [li.getAttribute("data-coverage"), Number(li.getAttribute("data-n"))]));
    expect(counts).toEqual(COVERAGE_ORDER.flatMap((c) => perCoverage.filter((r) => r.coverage === c)).map((r) => [r.coverage, r.n]));
    await finish(v);
  });

  it("compares by default outcome KPIs of full reports over one fiscal year: a point and its interval per row, n beside it", async () => {
    const rows = await queryBuilt(
      `SELECT prefecture, period_start_fy, period_end_fy, n_assessed, rankable, share_met
       FROM ${builtTable("prefecture_summary")}
       WHERE kpi_kind = 'outcome' AND kpi_topic = 'all' AND coverage = 'full_report'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const v = await visit(browser(), "/prefectures.html");
    const { page } = v;
    const card = page.locator("#comparison-chart");
    await card.locator("svg").first().waitFor();
    expect(await card.getAttribute("data-coverage")).toBe("full_report");
    expect(await card.getAttribute("data-kind")).toBe("outcome");
    const period = (await card.getAttribute("data-period"))!;
    const [start, end] = period.split("-").map(Number);
    expect(start).toBe(end);
    const shown = rows.filter((r) => r.period_start_fy === start && r.period_end_fy === end);
    expect(shown.length).toBeGreaterThan(0);
    // one row per prefecture of that period, coverage and kind, in the chart and in its table
    const names = await card.locator("[aria-label='y-axis tick label'] text").allTextContents();
    expect([...names].sort()).toEqual(shown.map((r) => r.prefecture as string).sort());
    expect(await page.locator(".comparison-table tbody tr").count()).toBe(shown.length);
    // a point and an interval line for each row with an assessment, and n written beside every row
    const assessed = shown.filter((r) => (r.n_assessed as number) > 0);
    expect(await card.locator("g.share-interval-ranked line, g.share-interval-unranked line").count()).toBe(assessed.length);
    expect(await card.locator("g.share-point-ranked circle, g.share-point-unranked circle").count()).toBe(assessed.length);
    const labels = await card.locator("g.share-n text").allTextContents();
    expect(labels.map((t) => /^n=\d+/.exec(t)?.[0]).sort()).toEqual(shown.map((r) => `n=${r.n_assessed}`).sort());
    await elementShot(card, "prefectures-comparison");
    await finish(v);
  });

  it("draws a row that cannot be ranked grey, labelled, and after every ranked row; the table does the same", async () => {
    const v = await visit(browser(), "/prefectures.html");
    const { page } = v;
    const card = page.locator("#comparison-chart");
    await card.locator("svg").first().waitFor();
    const period = (await card.getAttribute("data-period"))!;
    const [start, end] = period.split("-").map(Number);
    const rows = await queryBuilt(
      `SELECT prefecture, prefecture_code, n_assessed, rankable, share_met FROM ${builtTable("prefecture_summary")}
       WHERE kpi_kind = 'outcome' AND kpi_topic = 'all' AND coverage = 'full_report' AND period_start_fy = ${start} AND period_end_fy = ${end}`,
    );
    const ranked = rows.filter((r) => r.rankable).sort((a, b) => (b.share_met as number) - (a.share_met as number));
    const unranked = rows.filter((r) => !r.rankable).sort((a, b) => String(a.prefecture_code).localeCompare(String(b.prefecture_code)));
    expect(unranked.length, "the default view has a row that cannot be ranked").toBeGreaterThan(0);
    // chart order: ranked rows by share met, then the others by code
    const names = await card.locator("[aria-label='y-axis tick label'] text").allTextContents();
    expect(names.slice(0, ranked.length).sort()).toEqual(ranked.map((r) => r.prefecture).sort());
    expect(names.slice(ranked.length)).toEqual(unranked.map((r) => r.prefecture));
    // the table: the same order, and a class that greys the rows not ranked
    const table = await page.locator(".comparison-table tbody tr").evaluateAll((trs) => trs.map((tr) => ({ name: tr.querySelectorAll("td")[1]!.textContent, cls: tr.className, color: getComputedStyle(tr.querySelector("td")!).color })));
    expect(table.map((r) => r.name)).toEqual(names);
    expect(table.map((r) => r.cls)).toEqual([...ranked.map(() => "ranked"), ...unranked.map(() => "unranked")]);
    for (const r of table.filter((t) => t.cls === "unranked")) expect(r.color).toBe("rgb(102, 102, 102)");
    // in the chart: grey axis label, grey hollow point, and the words saying it is not ranked
    const tickFill = await card.locator("[aria-label='y-axis tick label']").evaluate((g) => [...g.querySelectorAll("text")].map((t) => t.getAttribute("fill") ?? g.getAttribute("fill")));
    expect(tickFill.slice(ranked.length)).toEqual(unranked.map(() => "#666666"));
    for (const circle of await card.locator("g.share-point-unranked").all()) {
      expect(await circle.getAttribute("stroke")).toBe(UNRANKED_COLOR);
      expect(await circle.getAttribute("fill")).toBe("white");
    }
    const labels = await card.locator("g.share-n text").allTextContents();
    for (const r of unranked) {
      const label = labels[names.indexOf(r.prefecture as string)]!;
      expect(label).toMatch((r.n_assessed as number) > 0 ? /n<\d+：順位付けしない/ : /n=0期間終了の評価なし/);
    }
    await finish(v);
  });

  it("lets the reader choose another coverage and kind, and shows only that coverage's rows; the heatmap greys small cells", async () => {
    const v = await visit(browser(), "/prefectures.html");
    const { page } = v;
    await page.locator("#comparison-chart svg").first().waitFor();
    const coverage = page.locator("#comparison-controls select").first();
    await coverage.selectOption({ label: "取組事例（抜粋）" });
    await expect.poll(() => page.locator("#comparison-chart").getAttribute("data-coverage")).toBe("showcase");
    const period = (await page.locator("#comparison-chart").getAttribute("data-period"))!;
    const [start, end] = period.split("-").map(Number);
    const rows = await queryBuilt(
      `SELECT prefecture FROM ${builtTable("prefecture_summary")}
       WHERE kpi_kind = 'outcome' AND kpi_topic = 'all' AND coverage = 'showcase' AND period_start_fy = ${start} AND period_end_fy = ${end}`,
    );
    await expect.poll(async () => (await page.locator("#comparison-chart [aria-label='y-axis tick label'] text").allTextContents()).sort()).toEqual(rows.map((r) => r.prefecture).sort());
    // the topic heatmap of the same period and coverage: a cell per prefecture and topic, grey where n is small
    const topics = await queryBuilt(
      `SELECT n_assessed, rankable FROM ${builtTable("prefecture_summary")}
       WHERE kpi_kind = 'all' AND kpi_topic <> 'all' AND coverage = 'showcase' AND period_start_fy = ${start} AND period_end_fy = ${end}`,
    );
    expect(topics.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#topic-heatmap g[aria-label="cell"] rect').count()).toBe(topics.length);
    expect(await page.locator('#topic-heatmap g.cell-unranked rect').count()).toBe(topics.filter((r) => !r.rankable).length);
    expect(await page.locator('#topic-heatmap g.cell-unranked').getAttribute("fill")).toBe("#e0e0e0");
    const labels = await page.locator('#topic-heatmap g[aria-label="text"] text').allTextContents();
    expect(labels.filter((t) => t === "n=0")).toHaveLength(topics.filter((r) => r.n_assessed === 0).length);
    expect(await page.locator(".topic-table tbody tr").count()).toBe(topics.length);
    await elementShot(page.locator("#topic-heatmap"), "prefectures-heatmap");
    await finish(v);
  });

  it("lists the bodies and assessments of the chosen prefecture, linked to their program pages", async () => {
    const v = await visit(browser(), "/prefectures.html");
    const { page } = v;
    const select = page.locator("#prefecture-select select");
    for (const prefecture of ["広島県", "兵庫県"]) {
      await select.selectOption(prefecture);
      const bodies = await queryBuilt(
        `SELECT body FROM ${builtTable("body_summary")} WHERE prefecture = ${sqlString(prefecture)} AND kpi_kind = 'all' AND kpi_topic = 'all' ORDER BY body`,
      );
      const assessed = await queryBuilt(`SELECT prefecture_code, body, program FROM ${builtTable("kpi_assessments")} WHERE prefecture = ${sqlString(prefecture)}`);
      await expect.poll(async () => (await cellTexts(page, ".body-table", 1)).sort()).toEqual(bodies.map((r) => r.body).sort());
      expect(await page.locator(".assessment-table tbody tr").count()).toBe(assessed.length);
      expect((await linkedIds(page, ".assessment-table")).sort()).toEqual(assessed.map(idOf).sort());
    }
    const hyogo = await cellTexts(page, ".body-table", 1);
    expect(hyogo).toContain("神戸市");
    expect(hyogo).toContain("兵庫県");
    // each prefecture's file, fetched when chosen, and never the whole assessments table
    const files = [...v.transferred.keys()].map((u) => new URL(u).pathname);
    expect(files.filter((f) => /\/data\/programs\/\d{2}\.[0-9a-f]+\.json$/.test(f)).map((f) => f.replace(/^.*\/programs\//, "").slice(0, 2)).sort()).toEqual(["28", "34"]);
    expect(files.filter((f) => /kpi_assessments\.[0-9a-f]+\.arrow$/.test(f))).toEqual([]);
    await noScriptRan(page);
    await screenshot(page, "prefectures-hyogo");
    // a link leads to the program's page
    const link = page.locator(".assessment-table tbody a", { hasText: "SNSとAIを活用した" }).first();
    await link.click();
    await page.waitForURL(/\/programs\/[0-9]{2}-[0-9a-z]+\.html$/);
    await expect.poll(() => page.locator("#program-title").textContent()).toBe("SNSとAIを活用したキャリアカウンセリング・キャリアアップサポート事業");
    await finish(v);
  });
});

describe("事業一覧", () => {
  it("has one row per program of kpi_records, each linked to its page", async () => {
    const programs = (await queryBuilt(`SELECT DISTINCT prefecture_code, body, program FROM ${builtTable("kpi_records")}`)).map(idOf).sort();
    const v = await visit(browser(), "/programs/");
    await v.page.locator(".program-table").waitFor();
    expect(await v.page.locator(".program-table tbody tr").count()).toBe(programs.length);
    expect((await linkedIds(v.page, ".program-table")).sort()).toEqual(programs);
    expect(await v.page.locator(".program-table tbody a").first().getAttribute("href")).toMatch(/^\.\/[0-9]{2}-[0-9a-z]{11}\.html$/);
    // from the list of programs, not from the whole tables
    const files = [...v.transferred.keys()].map((u) => new URL(u).pathname);
    expect(files.filter((f) => /\/data\/programs\.[0-9a-f]+\.json$/.test(f))).toHaveLength(1);
    expect(files.filter((f) => /\.arrow$/.test(f))).toEqual([]);
    await noScriptRan(v.page);
    await finish(v, "programs-list");
  });

  it("finds programs by words inside unspaced Japanese names", async () => {
    const v = await visit(browser(), "/programs/");
    const { page } = v;
    const input = page.locator("#program-search input");
    const total = await page.locator(".program-table tbody tr").count();
    for (const word of ["ひきこもり", "就労支援", "神戸"]) {
      const expected = await programsContaining(word);
      expect(expected.length, word).toBeGreaterThan(0);
      expect(expected.length, word).toBeLessThan(total);
      await input.fill(word);
      await expect.poll(async () => (await linkedIds(page, ".program-table")).sort(), { message: word }).toEqual(expected);
      await expect.poll(() => page.locator("#program-count").textContent()).toContain(`${expected.length}件`);
      if (word === "ひきこもり") await screenshot(page, "programs-search");
    }
    // katakana and full width fold to the same words
    await input.fill("ヒキコモリ");
    await expect.poll(async () => (await linkedIds(page, ".program-table")).sort()).toEqual(await programsContaining("ひきこもり"));
    await input.fill("");
    await expect.poll(() => page.locator(".program-table tbody tr").count()).toBe(total);
    await finish(v);
  });
});

describe("program pages", () => {
  it("show Kobe's SNS program: 就職者数 target 200, actual 91, and the verbatim source line", async () => {
    const name = "SNSとAIを活用したキャリアカウンセリング・キャリアアップサポート事業";
    const program = await programWhere(`body = '神戸市' AND program = ${sqlString(name)}`);
    const v = await visit(browser(), `/programs/${idOf(program)}.html`);
    const { page } = v;
    await page.locator("#program-title").waitFor();
    expect(await page.locator("#program-title").textContent()).toBe(name);
    expect(await page.title()).toContain(name);
    expect(await page.locator(".program-facts").textContent()).toContain("兵庫県");
    const row = page.locator(".assessment-table tbody tr", { hasText: "就職者数（非正規を含む）" });
    expect(await row.count()).toBe(1);
    const cells = await row.locator("td").allTextContents();
    expect(cells.slice(0, 6)).toEqual(["就職者数（非正規を含む）", "令和5年度（FY2023）", "200人", "91人", "45.5%", "基準未満（要確認）"]);
    const notes = await columnTexts(page, ".assessment-table", "資料の説明");
    expect(notes[await rowIndex(page, ".assessment-table", "就職者数（非正規を含む）")]).toContain("目標達成には至らなかった");
    // its bullet chart labels both figures
    const card = page.locator(".kpi-card", { hasText: "就職者数（非正規を含む）" });
    expect(await card.locator("svg text").allTextContents()).toEqual(expect.arrayContaining(["200人", "91人"]));
    await elementShot(card, "program-kpi-card");
    // line 11 of the document, verbatim
    const source = loadSource("000_784b4eb4b4837a87.txt", readFileSync(join(ROOT, "data/sources/000_784b4eb4b4837a87.txt")));
    const line = page.locator(".source-table tbody tr", { hasText: "000_784b4eb4b4837a87.txt" }).filter({ has: page.locator("td:nth-child(2)", { hasText: /^11$/ }) });
    expect(await line.count()).toBe(1);
    expect(await line.locator("code.source-text").textContent()).toBe(source.raw[10]);
    expect(source.raw[10]).toContain("R5目標：200");
    // only this program's data
    const kpis = await queryBuilt(`SELECT record_id FROM ${builtTable("kpi_assessments")} WHERE body = '神戸市' AND program = ${sqlString(name)}`);
    expect(await page.locator(".assessment-table tbody tr").count()).toBe(kpis.length);
    expect(await page.locator(".program-facts").textContent()).toContain("資料に記載なし");
    // read from its prefecture's file, not from the whole tables
    const files = [...v.transferred.keys()].map((u) => new URL(u).pathname);
    expect(files.filter((f) => /\/data\/programs\/\d{2}\.[0-9a-f]+\.json$/.test(f)).map((f) => f.replace(/^.*\/programs\//, "").slice(0, 2))).toEqual(["28"]);
    expect(files.filter((f) => /\.arrow$/.test(f))).toEqual([]);
    await finish(v, "program-kobe-sns");
  });

  it("show a multi-year platform target with its actual in each year", async () => {
    const program = await programWhere(`body = '就職氷河期世代活躍支援ひろしまプラットフォーム' AND program = '不安定な就労状態にある方'`);
    const series = await queryBuilt(`SELECT fiscal_year, actual FROM ${builtTable("kpi_series")} WHERE body = ${sqlString(program.body as string)} AND program = ${sqlString(program.program as string)} AND kpi_name = '正社員就職件数' ORDER BY fiscal_year`);
    expect(series.length).toBe(2);
    const v = await visit(browser(), `/programs/${idOf(program)}.html`);
    const { page } = v;
    const chart = page.locator(".series-card", { hasText: "正社員就職件数" });
    await chart.locator("svg").first().waitFor();
    const labels = (await chart.locator("svg text").allTextContents()).join(" ");
    expect(labels).toContain("目標 3,200件");
    for (const r of series) expect(labels).toContain(`${(r.actual as number).toLocaleString("ja-JP")}件`);
    const numbers = await page.locator(".series-table").textContent();
    for (const r of series) expect(numbers).toContain(`${(r.actual as number).toLocaleString("ja-JP")}件`);
    const row = page.locator(".assessment-table tbody tr", { hasText: "3,200件" });
    expect(await row.locator("td").nth(1).textContent()).toBe("令和5〜6年度（FY2023–2024）");
    await elementShot(chart, "program-series-chart");
    await finish(v, "program-hiroshima-platform");
  });

  it("draw a year whose figure is only part of the year as a hollow point, labelled with its date, not joined to the whole years", async () => {
    const program = await programWhere(`body = '就職氷河期世代活躍支援ひろしまプラットフォーム' AND program = '不安定な就労状態にある方'`);
    const series = await queryBuilt(
      `SELECT fiscal_year, actual, actual_as_of, is_partial FROM ${builtTable("kpi_series")}
       WHERE body = ${sqlString(program.body as string)} AND program = ${sqlString(program.program as string)} AND kpi_name = '正社員就職件数' ORDER BY fiscal_year`,
    );
    const partial = series.filter((r) => r.is_partial);
    const whole = series.filter((r) => !r.is_partial && r.actual != null);
    expect(partial.length).toBeGreaterThan(0);
    const v = await visit(browser(), `/programs/${idOf(program)}.html`);
    const chart = v.page.locator(".series-card", { hasText: "正社員就職件数" });
    await chart.locator("svg").first().waitFor();
    expect(await chart.locator("g.series-partial circle").count()).toBe(partial.length);
    expect(await chart.locator("g.series-partial").getAttribute("fill")).toBe("white");
    expect(await chart.locator("g.series-whole circle").count()).toBe(whole.length);
    const labels = (await chart.locator("g.series-partial-label text").allTextContents()).join(" ");
    for (const r of partial) expect(labels).toContain(`年度途中（${r.actual_as_of}時点）`);
    // the line joins the whole years only: one segment fewer than their points, none when there is one
    const d = (await chart.locator("g.series-line path").first().getAttribute("d")) ?? "";
    expect((d.match(/L/g) ?? []).length).toBe(Math.max(0, whole.length - 1));
    // the table of the figures says the same
    const cells = await v.page.locator(".series-table tbody td").allTextContents();
    for (const r of partial) expect(cells).toContain(`年度途中（${r.actual_as_of}時点）`);
    await finish(v);
  });

  it("say when a target was met before its period ended, with the date", async () => {
    const met = await queryBuilt(`SELECT prefecture_code, body, program, kpi_name, met_on FROM ${builtTable("kpi_assessments")} WHERE met_early ORDER BY record_id LIMIT 1`);
    expect(met).toHaveLength(1);
    const v = await visit(browser(), `/programs/${idOf(met[0]!)}.html`);
    await v.page.locator(".assessment-table").waitFor();
    const row = v.page.locator(".assessment-table tbody tr", { hasText: met[0]!.kpi_name as string }).filter({ hasText: "期間途中で達成" });
    expect(await row.count()).toBeGreaterThan(0);
    expect(await row.first().textContent()).toContain(`期間途中で達成（${met[0]!.met_on}時点）`);
    expect(await v.page.locator(".kpi-card .kpi-status", { hasText: `期間途中で達成（${met[0]!.met_on}時点）` }).count()).toBeGreaterThan(0);
    await finish(v);
  });

  it("show the budget in thousand yen", async () => {
    const program = await programWhere(`prefecture = '鹿児島県' AND budget_thousand_yen = 7565`);
    const v = await visit(browser(), `/programs/${idOf(program)}.html`);
    await v.page.locator(".program-facts").waitFor();
    expect(await v.page.locator(".program-facts").textContent()).toContain("7,565千円");
    await finish(v, "program-kagoshima");
  });

  it("show markup and script in the data as text, and run none of it", async () => {
    const program = await programWhere(`program LIKE '%<img src=x onerror=%'`);
    const hostile = await queryBuilt(`SELECT kpi_name, note FROM ${builtTable("kpi_assessments")} WHERE program = ${sqlString(program.program as string)}`);
    expect(hostile).toHaveLength(1);
    const v = await visit(browser(), `/programs/${idOf(program)}.html`);
    const { page } = v;
    await page.locator("#program-title").waitFor();
    expect(await page.locator("#program-title").textContent()).toBe(program.program);
    expect(await page.title()).toContain(program.program as string);
    const cells = await page.locator(".assessment-table tbody td").allTextContents();
    expect(cells).toContain(hostile[0]!.kpi_name);
    expect(cells).toContain(hostile[0]!.note);
    expect(await page.locator(".kpi-card h3").textContent()).toBe(hostile[0]!.kpi_name);
    await page.locator(".assessment-table").hover();
    await page.locator(".kpi-card svg").first().hover();
    await noScriptRan(page);
    await page.mouse.move(0, 0);
    await screenshot(page, "program-hostile");
    await finish(v);

    // the list and the prefecture page show it as text too
    const list = await visit(browser(), "/programs/");
    await list.page.locator("#program-search input").fill("<img");
    await expect.poll(() => list.page.locator(".program-table tbody tr").count()).toBe(1);
    expect(await list.page.locator(".program-table tbody a").textContent()).toBe(program.program);
    await noScriptRan(list.page);
    await finish(list);
  });

  it("every program page loads with its name as title, cleanly", { timeout: 300_000 }, async () => {
    const programs = await queryBuilt(`SELECT DISTINCT prefecture_code, body, program FROM ${builtTable("kpi_records")} ORDER BY ALL`);
    const check = async (program: Record<string, Plain>) => {
      const v = await visit(browser(), `/programs/${idOf(program)}.html`);
      await v.page.locator("#program-title").waitFor();
      expect(await v.page.locator("#program-title").textContent()).toBe(program.program);
      expect(await v.page.locator(".assessment-table tbody tr").count()).toBeGreaterThan(0);
      expect(v.problems, program.program as string).toEqual([]);
      expect(v.foreign).toEqual([]);
      await v.page.context().close();
    };
    // a few at a time: most of a visit is waiting for the network to go idle
    for (let i = 0; i < programs.length; i += 4) await Promise.all(programs.slice(i, i + 4).map(check));
  });
});

// --- issue 15: shareable state, phones, titles and links, accessible charts -------------------------------------------

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WIDTHS = [390, 1440] as const;
const KOBE_SNS = "SNSとAIを活用したキャリアカウンセリング・キャリアアップサポート事業";

/** axe-core's serious and critical violations in the page's content (as test/browser/accessibility.test.ts runs it). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }).axe.run(
      { include: [["#observablehq-main"]] },
      { resultTypes: ["violations"], rules: { "aria-prohibited-attr": { enabled: false } } },
    ),
  )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

async function noSidewaysScroll(page: Page, what: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `${what}: page wider than the window`).toBeLessThanOrEqual(clientWidth);
}

/** The URL query of the page as [key, value] pairs. */
function queryOf(page: Page): [string, string][] {
  return [...new URL(page.url()).searchParams];
}

/** Waits until every chart on the page has had its labels placed (program-charts.js, placeLabels). */
async function chartsPlaced(page: Page): Promise<number> {
  await page.locator("svg.programs-chart-svg").first().waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll("svg.programs-chart-svg")].every((s) => (s as SVGElement).dataset.labelsPlaced === "true"));
  return page.locator("svg.programs-chart-svg").count();
}

/** For each chart: its visible texts that overlap another, or leave the chart; and how many texts are visible. */
async function labelProblems(page: Page): Promise<{ label: string; overlaps: string[]; outside: string[]; visible: number }[]> {
  return page.locator("svg.programs-chart-svg").evaluateAll((svgs) =>
    svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll("text")]
        .filter((t) => !t.closest('[aria-label="tip"]'))
        .map((t) => ({ text: t.textContent ?? "", r: t.getBoundingClientRect() }))
        .filter((d) => d.r.width > 0 && d.r.height > 0);
      const overlaps: string[] = [];
      texts.forEach((a, i) =>
        texts.slice(i + 1).forEach((b) => {
          if (a.r.left < b.r.right - 0.5 && b.r.left < a.r.right - 0.5 && a.r.top < b.r.bottom - 0.5 && b.r.top < a.r.bottom - 0.5) overlaps.push(`${a.text} × ${b.text}`);
        }),
      );
      const outside = texts.filter((d) => d.r.left < box.left - 0.5 || d.r.right > box.right + 0.5 || d.r.top < box.top - 0.5 || d.r.bottom > box.bottom + 0.5).map((d) => d.text);
      return { label: svg.getAttribute("aria-label") ?? "", overlaps, outside, visible: texts.length };
    }),
  );
}

/** Programs of the build, by a condition on kpi_records: their ids. */
async function programIds(condition: string): Promise<string[]> {
  return (await queryBuilt(`SELECT DISTINCT prefecture_code, body, program FROM ${builtTable("kpi_records")} WHERE ${condition}`)).map(idOf).sort();
}

/** The programs with a flagged assessment. */
async function flaggedIds(): Promise<Set<string>> {
  return new Set((await queryBuilt(`SELECT DISTINCT prefecture_code, body, program FROM ${builtTable("kpi_assessments")} WHERE flagged`)).map(idOf));
}

describe("事業一覧: search, filters and sort in the URL", () => {
  it("writes each change to the URL, and opened with that URL shows the same list", async () => {
    const word = "就労";
    const flagged = await flaggedIds();
    const expected = (await programIds(`prefecture = '兵庫県' AND (contains(program, '${word}') OR contains(body, '${word}') OR contains(prefecture, '${word}') OR contains(kpi_name, '${word}'))`)).filter((id) => flagged.has(id));
    expect(expected.length, "兵庫県's flagged programs about 就労").toBeGreaterThan(1);
    const v = await visit(browser(), "/programs/");
    const { page } = v;
    await page.locator("#program-search input").fill(word);
    await expect.poll(() => queryOf(page)).toEqual([["q", word]]);
    await page.locator("#program-prefecture").selectOption("兵庫県");
    await page.locator("#program-status").selectOption({ label: "要確認あり" });
    await expect.poll(async () => (await linkedIds(page, ".program-table")).sort()).toEqual(expected);
    expect(queryOf(page)).toEqual([["q", word], ["prefecture", "兵庫県"], ["status", "flagged"]]);
    // sorted by the budget: a button in its header, largest first, then the other way from the keyboard
    const header = page.locator(".program-table thead th", { hasText: "交付金対象事業費" });
    await header.locator("button").click();
    await expect.poll(() => header.getAttribute("aria-sort")).toBe("descending");
    expect(queryOf(page)).toEqual([["q", word], ["prefecture", "兵庫県"], ["status", "flagged"], ["sort", "budget"], ["order", "desc"]]);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".program-table thead th", { hasText: "交付金対象事業費" }).getAttribute("aria-sort")).toBe("ascending");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-sort"))).toBe("budget");
    expect(new URL(page.url()).searchParams.get("order")).toBe("asc");
    expect(await page.locator(".program-table thead th[aria-sort]").count()).toBe(1);
    const budgets = (await columnTexts(page, ".program-table", "交付金対象事業費")).map((t) => (t === "—" ? null : Number(t.replace(/[,千円]/g, ""))));
    const stated = budgets.filter((b) => b != null) as number[];
    expect(stated).toEqual([...stated].sort((a, b) => a - b));
    expect(budgets.slice(stated.length).every((b) => b == null), "programs without a budget last").toBe(true);
    const order = await linkedIds(page, ".program-table");
    const url = page.url();
    await finish(v);

    // the same address, opened anew
    const again = await visit(browser(), new URL(url).pathname + new URL(url).search);
    await again.page.locator(".program-table").waitFor();
    expect(await again.page.locator("#program-search input").inputValue()).toBe(word);
    expect(await again.page.locator("#program-prefecture").inputValue()).toBe("兵庫県");
    expect(await again.page.locator("#program-status").inputValue()).toBe("flagged");
    expect(await again.page.locator(".program-table thead th", { hasText: "交付金対象事業費" }).getAttribute("aria-sort")).toBe("ascending");
    expect(await linkedIds(again.page, ".program-table")).toEqual(order);
    expect(await again.page.locator("#program-url-notice").count()).toBe(0);
    expect(await again.page.locator("#program-count").textContent()).toContain(`${expected.length}件`);
    // 条件を解除 empties the query
    await again.page.locator("#program-reset").click();
    await expect.poll(() => new URL(again.page.url()).search).toBe("");
    await finish(again);
  });

  it("sorts by every column, each header a button that says which way", async () => {
    const v = await visit(browser(), "/programs/");
    const { page } = v;
    const labels = await page.locator(".program-table thead th").allTextContents();
    expect(labels).toEqual(["都道府県", "実施主体", "事業", "KPI数", "達成 / 評価済み", "要確認", "交付金対象事業費"]);
    for (const [label, key, check] of [
      ["都道府県", "prefecture", (texts: string[]) => texts.length > 0],
      ["要確認", "flagged", (texts: string[]) => texts.map(Number).every((n, i, a) => i === 0 || a[i - 1]! >= n)],
      ["KPI数", "kpis", (texts: string[]) => texts.map((t) => Number(t.replace(/\D.*$/s, ""))).every((n, i, a) => i === 0 || a[i - 1]! >= n)],
    ] as const) {
      await page.locator(".program-table thead button", { hasText: label }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe(key);
      expect(check(await columnTexts(page, ".program-table", (await page.locator(`.program-table thead th:has(button[data-sort="${key}"])`).textContent())!)), label).toBe(true);
    }
    await finish(v);
  });

  it("names in Japanese each URL parameter it cannot apply, and applies the rest", async () => {
    const v = await visit(browser(), `/programs/?q=${encodeURIComponent("神戸")}&prefecture=${encodeURIComponent("火星県")}&sort=colour&order=desc&foo=1`);
    const { page } = v;
    const notice = page.locator("#program-url-notice");
    await notice.waitFor();
    const text = (await notice.textContent()) ?? "";
    expect(text).toContain("都道府県「火星県」（この一覧に事業のない都道府県です）");
    expect(text).toContain("並べ替え「colour」（並べ替えられる列ではありません）");
    expect(text).toContain("並び順「desc」（並べ替える列の指定がありません）");
    expect(text).toContain("「foo=1」（この一覧にない指定です）");
    // the search applies, the rest is dropped from the address
    expect((await linkedIds(page, ".program-table")).sort()).toEqual(await programsContaining("神戸"));
    expect(queryOf(page)).toEqual([["q", "神戸"]]);
    expect(await page.locator(".program-table thead th[aria-sort]").count()).toBe(0);
    await finish(v);
  });

  it("fits a phone: one card per program, names whole, sort buttons above; passes axe at both widths", { timeout: 120_000 }, async () => {
    const programs = await queryBuilt(`SELECT DISTINCT prefecture_code, body, program FROM ${builtTable("kpi_records")}`);
    const longest = programs.map((p) => p.program as string).sort((a, b) => b.length - a.length)[0]!;
    for (const width of WIDTHS) {
      const v = await visit(browser(), "/programs/", { width, height: width === 390 ? 844 : 900 });
      const { page } = v;
      await page.locator(".program-table").waitFor();
      await noSidewaysScroll(page, `事業一覧 at ${width}`);
      const link = page.locator(".program-table tbody a", { hasText: longest }).first();
      expect(await link.textContent()).toBe(longest);
      // the whole name is on screen: wrapped, not cut or scrolled away
      const cell = await link.evaluate((a) => {
        const td = a.closest("td")!;
        const r = a.getBoundingClientRect();
        return { right: r.right, left: r.left, clipped: td.scrollWidth > td.clientWidth + 1, overflow: getComputedStyle(a).textOverflow, display: getComputedStyle(td.closest("tr")!).display };
      });
      expect(cell.left).toBeGreaterThanOrEqual(0);
      expect(cell.right).toBeLessThanOrEqual(width);
      expect(cell.clipped).toBe(false);
      expect(cell.overflow).not.toBe("ellipsis");
      if (width === 390) {
        expect(cell.display, "a card per row").toBe("flex");
        // each card labels its figures, and the sort buttons are there to press
        const labelled = await page.locator(".program-table tbody tr").first().locator("td").evaluateAll((tds) => tds.map((td) => [td.getAttribute("data-label"), getComputedStyle(td, "::before").content]));
        expect(labelled.filter(([, before]) => before !== "none").map(([label, before]) => before === `"${label}"`)).not.toContain(false);
        expect(await page.locator(".program-table thead button[data-sort]").first().isVisible()).toBe(true);
      } else expect(cell.display).toBe("table-row");
      expect(await axeViolations(page), `事業一覧 at ${width}`).toEqual([]);
      await screenshot(page, `programs-list-${width}`);
      await finish(v);
    }
  });
});

describe("program pages: title, breadcrumb and links", () => {
  it("have the program's name and body as title and heading, a breadcrumb to the prefecture, and the prefecture's flags", async () => {
    const program = await programWhere(`body = '神戸市' AND program = ${sqlString(KOBE_SNS)}`);
    const v = await visit(browser(), `/programs/${idOf(program)}.html`);
    const { page } = v;
    await page.locator("#program-title").waitFor();
    expect(await page.title()).toBe(`${KOBE_SNS}（神戸市）— 就職氷河期世代支援 KPI`);
    expect(await page.title()).toBe(programPageTitle(program));
    expect(await page.locator("h1").textContent()).toBe(`${KOBE_SNS}（神戸市）`);
    const crumbs = page.locator('nav[aria-label="パンくずリスト"]');
    expect(await crumbs.locator("li").allTextContents()).toEqual(["兵庫県", KOBE_SNS]);
    const prefectureLink = crumbs.locator("a");
    expect(await prefectureLink.getAttribute("href")).toBe(`../prefectures.html?prefecture=${encodeURIComponent("兵庫県")}`);
    expect(await crumbs.locator('[aria-current="page"]').textContent()).toBe(KOBE_SNS);
    const flagsLink = page.locator("a", { hasText: "この都道府県の要確認の事業" });
    expect(await flagsLink.getAttribute("href")).toBe(`../flags.html?prefecture=${encodeURIComponent("兵庫県")}`);
    const listLink = page.locator("#program-prefecture-list");
    expect(await listLink.getAttribute("href")).toBe(`./index.html?prefecture=${encodeURIComponent("兵庫県")}`);
    // every target is a page of the built site
    for (const link of [prefectureLink, flagsLink, listLink]) {
      const href = new URL((await link.getAttribute("href"))!, page.url()).href;
      expect((await page.request.get(href)).status(), href).toBe(200);
    }
    await finish(v);

    // the flags page takes the prefecture from the link, and the list filters by it
    const flags = await visit(browser(), `/flags.html?prefecture=${encodeURIComponent("兵庫県")}`);
    await flags.page.waitForTimeout(500);
    expect(new URL(flags.page.url()).searchParams.get("prefecture")).toBe("兵庫県");
    expect(await flags.page.locator('[data-testid="flags-url-notice"]').count()).toBe(0);
    await finish(flags);
    const list = await visit(browser(), `/programs/index.html?prefecture=${encodeURIComponent("兵庫県")}`);
    await list.page.locator(".program-table").waitFor();
    expect((await linkedIds(list.page, ".program-table")).sort()).toEqual(await programIds("prefecture = '兵庫県'"));
    await finish(list);
  });

  it("link every 出典 to its line in the document's page, named by the document's title", async () => {
    const program = await programWhere(`body = '就職氷河期世代活躍支援ひろしまプラットフォーム' AND program = '不安定な就労状態にある方'`);
    const where = `body = ${sqlString(program.body as string)} AND program = ${sqlString(program.program as string)}`;
    const assessments = await queryBuilt(`SELECT source_refs FROM ${builtTable("kpi_assessments")} WHERE ${where}`);
    const records = await queryBuilt(`SELECT DISTINCT source_file, source_line FROM ${builtTable("kpi_records")} WHERE ${where}`);
    const series = await queryBuilt(`SELECT source_refs FROM ${builtTable("kpi_series")} WHERE ${where}`);
    const titles = new Map((await queryBuilt(`SELECT source_file, coalesce(title, source_file) AS title FROM ${builtTable("sources")}`)).map((r) => [r.source_file as string, r.title as string]));
    const refsOf = (text: Plain | undefined) =>
      String(text)
        .split("; ")
        .map((ref) => /^(.*):(\d+)(?: \((.*)\))?$/s.exec(ref)!)
        .map((m) => ({ href: sourceHref(m[1], Number(m[2]), "../") as string, text: `「${titles.get(m[1]!)}」${m[2]}行${m[3] ? `（${m[3]}）` : ""}` }));
    const v = await visit(browser(), `/programs/${idOf(program)}.html`);
    const { page } = v;
    await page.locator(".assessment-table").waitFor();
    const linksIn = (selector: string) => page.locator(`${selector} a.source-link`).evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href") ?? "", text: a.textContent ?? "" })));
    const sorted = (links: { href: string; text: string }[]) => links.map((l) => `${l.href} ${l.text}`).sort();
    expect(sorted(await linksIn(".assessment-table"))).toEqual(sorted(assessments.flatMap((a) => refsOf(a.source_refs))));
    expect(sorted(await linksIn(".series-table"))).toEqual(sorted(series.flatMap((s) => refsOf(s.source_refs))));
    expect((await linksIn(".source-table")).map((l) => l.href).sort()).toEqual(records.map((r) => sourceHref(r.source_file, r.source_line, "../") as string).sort());
    for (const link of await linksIn(".assessment-table")) expect(link.href).toMatch(/^\.\.\/sources\/[^/]+\.html#L\d+$/);
    // no raw file:line is shown as a 出典
    expect(await page.locator(".assessment-table td.assessment-sources").allTextContents()).not.toContainEqual(expect.stringMatching(/\.txt:\d/));
    await finish(v);
  });

  it("show the actual's breakdown in Japanese", async () => {
    const program = await programWhere(`body = '就職氷河期世代活躍支援ひろしまプラットフォーム' AND program = '不安定な就労状態にある方'`);
    const [row] = await queryBuilt(`SELECT actual_breakdown FROM ${builtTable("kpi_assessments")} WHERE body = ${sqlString(program.body as string)} AND program = ${sqlString(program.program as string)} AND years_reported > 1`);
    expect(row!.actual_breakdown).toBe("FY2023: 3121; FY2024: 2163 (as of 2024-12-31)");
    const v = await visit(browser(), `/programs/${idOf(program)}.html`);
    await v.page.locator(".assessment-table").waitFor();
    const cells = await v.page.locator(".assessment-table td.assessment-breakdown").allTextContents();
    expect(cells).toEqual(["令和5年度 3,121、令和6年度 2,163（2024-12-31時点）"]);
    expect(cells[0]).toBe(formatBreakdown(row!.actual_breakdown));
    expect(cells.join("")).not.toMatch(/FY|as of/);
    await finish(v);
  });
});

describe("program pages on a phone and a desktop", () => {
  it("show each KPI as a card with its 達成率 and 評価 on screen at 390 px, fit both widths, and pass axe", { timeout: 180_000 }, async () => {
    const program = await programWhere(`body = '神戸市' AND program = ${sqlString(KOBE_SNS)}`);
    const assessments = await queryBuilt(`SELECT kpi_name FROM ${builtTable("kpi_assessments")} WHERE body = '神戸市' AND program = ${sqlString(KOBE_SNS)}`);
    const hiroshima = await programWhere(`body = '就職氷河期世代活躍支援ひろしまプラットフォーム' AND program = '不安定な就労状態にある方'`);
    for (const width of WIDTHS) {
      const v = await visit(browser(), `/programs/${idOf(program)}.html`, { width, height: width === 390 ? 844 : 900 });
      const { page } = v;
      await page.locator(".assessment-table").waitFor();
      await chartsPlaced(page);
      await noSidewaysScroll(page, `program page at ${width}`);
      const rows = page.locator(".assessment-table tbody tr");
      expect(await rows.count()).toBe(assessments.length);
      for (const row of await rows.all()) {
        for (const cell of [row.locator("td.assessment-ratio"), row.locator("td.assessment-status")]) {
          await cell.scrollIntoViewIfNeeded();
          const box = (await cell.boundingBox())!;
          expect(await cell.isVisible()).toBe(true);
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(width);
        }
        if (width === 390) expect(await row.evaluate((tr) => getComputedStyle(tr).display)).toBe("flex");
      }
      const kobe = page.locator(".assessment-table tbody tr", { hasText: "就職者数（非正規を含む）" });
      expect(await kobe.locator("td.assessment-ratio").textContent()).toBe("45.5%");
      expect(await kobe.locator("td.assessment-status").textContent()).toBe("基準未満（要確認）");
      if (width === 390) expect(await kobe.locator("td.assessment-ratio").evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"達成率/進捗率"');
      expect(await axeViolations(page), `program page at ${width}`).toEqual([]);
      await finish(v);

      // the busiest page (a series with a partial year): its screenshots
      const h = await visit(browser(), `/programs/${idOf(hiroshima)}.html`, { width, height: width === 390 ? 844 : 900 });
      await chartsPlaced(h.page);
      await noSidewaysScroll(h.page, `Hiroshima program page at ${width}`);
      expect(await axeViolations(h.page), `Hiroshima program page at ${width}`).toEqual([]);
      await screenshot(h.page, `program-${width}`);
      await finish(h);
    }
  });
});

describe("program charts", () => {
  /** Pages with the charts most likely to crowd: a partial year, five years, three series, long units. */
  async function chartPages(): Promise<string[]> {
    const programs = [
      await programWhere(`body = '就職氷河期世代活躍支援ひろしまプラットフォーム' AND program = '不安定な就労状態にある方'`),
      await programWhere(`body = '兵庫県' AND program = 'ひきこもりの居場所及び居場所へのつなぎ資源確保事業'`),
      await programWhere(`body = '神戸市' AND program = ${sqlString(KOBE_SNS)}`),
      ...(await queryBuilt(`SELECT prefecture_code, body, program FROM ${builtTable("kpi_series")} GROUP BY ALL ORDER BY count(DISTINCT kpi_name) DESC, prefecture_code, body, program LIMIT 1`)),
    ];
    return [...new Set(programs.map((p) => `/programs/${idOf(p)}.html`))];
  }

  it("lay out their labels without overlap and inside the chart, at 390 and 1440 px", { timeout: 180_000 }, async () => {
    for (const path of await chartPages()) {
      for (const width of WIDTHS) {
        const v = await visit(browser(), path, { width });
        const n = await chartsPlaced(v.page);
        expect(n).toBeGreaterThan(0);
        for (const chart of await labelProblems(v.page)) {
          expect(chart.overlaps, `${path} at ${width}: ${chart.label}`).toEqual([]);
          expect(chart.outside, `${path} at ${width}: ${chart.label}`).toEqual([]);
          expect(chart.visible, `${path} at ${width}: ${chart.label}`).toBeGreaterThan(3);
        }
        await finish(v);
      }
    }
  });

  it("keep the key figures readable at 390 px: the bullet's target and actual, each year of a series", async () => {
    const program = await programWhere(`body = '兵庫県' AND program = 'ひきこもりの居場所及び居場所へのつなぎ資源確保事業'`);
    const series = await queryBuilt(`SELECT fiscal_year, actual FROM ${builtTable("kpi_series")} WHERE body = '兵庫県' AND program = ${sqlString(program.program as string)} ORDER BY fiscal_year`);
    expect(series.length).toBeGreaterThanOrEqual(5);
    const v = await visit(browser(), `/programs/${idOf(program)}.html`, { width: 390, height: 844 });
    await chartsPlaced(v.page);
    const shown = await v.page.locator(".series-card svg g.chart-label text").evaluateAll((ts) => ts.filter((t) => t.getBoundingClientRect().width > 0).map((t) => t.textContent));
    for (const r of series) expect(shown).toContain(`${(r.actual as number).toLocaleString("ja-JP")}市町`);
    // five years on a phone: the year ticks are thinned, not overlapped
    const ticks = await v.page.locator(".series-card svg [aria-label='x-axis tick label'] text").evaluateAll((ts) => ts.filter((t) => t.getBoundingClientRect().width > 0).map((t) => t.textContent));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThan(series.length);
    await elementShot(v.page.locator(".series-card").first(), "program-series-chart-390");
    await finish(v);
  });

  it("are images named by what they show, each with its data as a table", async () => {
    const program = await programWhere(`body = '就職氷河期世代活躍支援ひろしまプラットフォーム' AND program = '不安定な就労状態にある方'`);
    const where = `body = ${sqlString(program.body as string)} AND program = ${sqlString(program.program as string)}`;
    const assessments = await queryBuilt(`SELECT * FROM ${builtTable("kpi_assessments")} WHERE ${where}`);
    const series = await queryBuilt(`SELECT * FROM ${builtTable("kpi_series")} WHERE ${where} AND kpi_name = '正社員就職件数' ORDER BY fiscal_year`);
    const v = await visit(browser(), `/programs/${idOf(program)}.html`);
    const { page } = v;
    await chartsPlaced(page);
    const bullets = await page.locator(".kpi-card svg").evaluateAll((ss) => ss.map((s) => [s.getAttribute("role"), s.getAttribute("aria-label")]));
    expect(bullets).toEqual(assessments.map((a) => ["img", bulletChartLabel(a)]));
    expect(bullets[0]![1]).toContain("目標 3,200件以上、実績 5,284件");
    const targets = assessments.filter((a) => a.kpi_name === "正社員就職件数" && (a.period_end_fy as number) > (a.period_start_fy as number) && a.target != null);
    const seriesLabel = await page.locator(".series-card svg").getAttribute("aria-label");
    expect(seriesLabel).toBe(seriesChartLabel(series, targets, "件"));
    expect(seriesLabel).toContain("令和5年度 3,121件、令和6年度 2,163件（年度途中、2024-12-31時点）");
    // 「データを表で見る」: a table of the same figures under every chart
    for (const card of await page.locator(".kpi-card, .series-card").all()) {
      const details = card.locator("details.programs-chart-data");
      expect(await details.locator("summary").textContent()).toBe("データを表で見る");
      await details.locator("summary").click();
      expect(await details.locator("table").isVisible()).toBe(true);
    }
    const bulletTable = await page.locator(".kpi-card details table").first().textContent();
    for (const figure of ["3,200件以上", "5,284件", "165.1%", "期間途中で達成（2024-12-31時点）"]) expect(bulletTable).toContain(figure);
    const seriesTable = await page.locator(".series-card details table").textContent();
    for (const figure of ["3,121件", "2,163件", "年度途中（2024-12-31時点）", "5,284件"]) expect(seriesTable).toContain(figure);
    await finish(v);
  });

  it("keep their tooltips on screen at 390 px", async () => {
    const program = await programWhere(`body = '就職氷河期世代活躍支援ひろしまプラットフォーム' AND program = '不安定な就労状態にある方'`);
    const v = await visit(browser(), `/programs/${idOf(program)}.html`, { width: 390, height: 844 });
    const { page } = v;
    await chartsPlaced(page);
    const targets = [page.locator(".kpi-card g.bullet-actual rect").first(), page.locator(".series-card g.series-partial circle").first(), page.locator(".series-card g.series-whole circle").first()];
    for (const target of targets) {
      await target.scrollIntoViewIfNeeded();
      await target.hover();
      const tip = target.locator("xpath=ancestor::*[name()='svg'][1]").locator('g[aria-label="tip"]:has(text)').first();
      await tip.waitFor();
      const box = (await tip.boundingBox())!;
      expect(box.x, "tooltip's left edge").toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, "tooltip's right edge").toBeLessThanOrEqual(390);
      await page.mouse.move(0, 0);
    }
    await finish(v);
  });

  it("join whole years only: a whole year followed by a partial year has no solid line between them", async () => {
    const program = await programWhere(`body = '就職氷河期世代活躍支援ひろしまプラットフォーム' AND program = '不安定な就労状態にある方'`);
    const series = await queryBuilt(`SELECT fiscal_year, is_partial FROM ${builtTable("kpi_series")} WHERE body = ${sqlString(program.body as string)} AND program = ${sqlString(program.program as string)} AND kpi_name = '正社員就職件数' ORDER BY fiscal_year`);
    expect(series.map((r) => r.is_partial)).toEqual([false, true]);
    const v = await visit(browser(), `/programs/${idOf(program)}.html`);
    const chart = v.page.locator(".series-card", { hasText: "正社員就職件数" }).locator("svg");
    await chartsPlaced(v.page);
    const found = await chart.evaluate((svg) => {
      const partialX = [...svg.querySelectorAll("g.series-partial circle")].map((c) => Number(c.getAttribute("cx")));
      const wholeX = [...svg.querySelectorAll("g.series-whole circle")].map((c) => Number(c.getAttribute("cx")));
      const lines = [...svg.querySelectorAll('g[aria-label="line"] path')].map((path) => {
        const g = path.closest("g")!;
        const dashed = (path.getAttribute("stroke-dasharray") ?? g.getAttribute("stroke-dasharray") ?? "none") !== "none";
        const xs = [...(path.getAttribute("d") ?? "").matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
        return { dashed, xs, className: g.getAttribute("class") };
      });
      return { partialX, wholeX, lines };
    });
    expect(found.partialX).toHaveLength(1);
    expect(found.wholeX).toHaveLength(1);
    const near = (a: number, b: number) => Math.abs(a - b) < 1;
    for (const line of found.lines.filter((l) => !l.dashed)) {
      // a solid line never reaches a partial year's point
      expect(line.xs.some((x) => found.partialX.some((p) => near(p, x))), `solid line ${line.className} through ${line.xs}`).toBe(false);
    }
    // the running total that does reach it is dotted
    const running = found.lines.filter((l) => l.xs.some((x) => found.partialX.some((p) => near(p, x))));
    expect(running.length).toBeGreaterThan(0);
    expect(running.every((l) => l.dashed && l.className === "series-running")).toBe(true);
    await finish(v);
  });
});
