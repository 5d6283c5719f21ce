// The prefecture comparison, the program list with its Japanese search, and the program pages, in Chromium over the
// test build (real sources plus the hostile curation row). Expected counts come from the build's Parquet files.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { loadSource } from "../../loaders/extract/source.ts";
import { sqlString, type Plain } from "../../loaders/analyze/db.ts";
// @ts-expect-error: a plain JavaScript module of the site
import { programId } from "../../src/components/program-id.js";
import { builtTable, queryBuilt, screenshot, SCREENSHOTS, useBrowser, visit, type Visit } from "./browser.ts";
// @ts-expect-error: a plain JavaScript module of the site
import { COVERAGE_LABELS as LABELS, COVERAGE_ORDER as ORDER } from "../../src/components/format.js";

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

/** Ids of the program pages linked from the rows of a table. */
async function linkedIds(page: Page, selector: string): Promise<string[]> {
  const hrefs = await page.locator(`${selector} tbody a`).evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
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
      expect(await circle.getAttribute("stroke")).toBe("#a0a0a0");
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
