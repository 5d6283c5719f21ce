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
  it("draws one cell per prefecture and topic with its n, grey where nothing was assessed", async () => {
    const topics = await queryBuilt(`SELECT prefecture, kpi_topic, n_assessed FROM ${builtTable("prefecture_summary")} WHERE kpi_kind = 'all' AND kpi_topic <> 'all'`);
    const kinds = await queryBuilt(`SELECT n_assessed FROM ${builtTable("prefecture_summary")} WHERE kpi_topic = 'all'`);
    expect(topics.length).toBeGreaterThan(10);
    const v = await visit(browser(), "/prefectures.html");
    const { page } = v;
    await page.locator("#topic-heatmap svg").first().waitFor();
    expect(await page.locator('#topic-heatmap g[aria-label="cell"] rect').count()).toBe(topics.length);
    const labels = await page.locator('#topic-heatmap g[aria-label="text"] text').allTextContents();
    const ns = (list: Record<string, Plain>[]) => list.map((r) => `n=${r.n_assessed}`).sort();
    expect(labels.map((t) => /n=\d+/.exec(t)?.[0]).sort()).toEqual(ns(topics));
    // a cell with nothing assessed is grey, with n=0 and no percentage
    const empty = topics.filter((r) => r.n_assessed === 0).length;
    expect(empty).toBeGreaterThan(0);
    expect(labels.filter((t) => t === "n=0")).toHaveLength(empty);
    expect(await page.locator('#topic-heatmap g[aria-label="cell"][fill="#e0e0e0"] rect').count()).toBe(empty);
    // the legend and the axes are in Japanese
    const heatmapText = await page.locator("#topic-heatmap").textContent();
    expect(heatmapText).toContain("達成割合");
    expect(heatmapText).toContain("KPIの分野");
    expect(heatmapText).toContain("就職");
    // the outcome/output split, and the tables behind both charts
    expect(await page.locator('#kind-chart g[aria-label="cell"] rect').count()).toBe(kinds.length);
    expect(await page.locator(".topic-table tbody tr").count()).toBe(topics.length);
    expect(await page.locator(".kind-table tbody tr").count()).toBe(kinds.length);
    await elementShot(page.locator("#topic-heatmap"), "prefectures-heatmap");
    await elementShot(page.locator("#kind-chart"), "prefectures-kinds");
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
