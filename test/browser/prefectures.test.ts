// 都道府県比較 on a phone (390×844) and a desktop (1440×900), in Chromium over the test build: the state in the URL
// (prefecture, period, coverage and kind) read when the page opens, named in Japanese when it cannot be applied, and
// written back when a selector changes; charts whose labels never overlap and whose tooltips stay on screen, named as
// images, with marks that stand out; rows not ranked told apart by more than colour; tables as cards on a phone.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { sqlString, type Plain } from "../../loaders/analyze/db.ts";
import { builtTable, queryBuilt, screenshot, useBrowser, visit, type Visit } from "./browser.ts";
import { contrast, labelCollisions, labelCount, markColours, SCREENS, sidewaysScroll, tableLayout, tipsOver } from "./chart-layout.ts";
import { seriousViolations } from "./site-checks.ts";

const browser = useBrowser();

const CHART = "#comparison-chart svg[role=img]";
const HEATMAP = "#topic-heatmap svg[role=img]";

/** The page's state as its selectors show it. */
async function selectors(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => Object.fromEntries(["prefecture", "period", "coverage", "kind"].map((k) => [k, (document.querySelector(`#${k}-input`) as HTMLSelectElement).value])));
}

/** The page's URL parameters. */
function params(page: Page): Record<string, string> {
  return Object.fromEntries(new URL(page.url()).searchParams);
}

/** Opens the page and waits until the comparison is drawn. */
async function open(path: string, screen: { width: number; height: number } = { width: 1440, height: 900 }): Promise<Visit> {
  const v = await visit(browser(), path, screen);
  await v.page.locator("#comparison-chart").waitFor();
  await v.page.locator("#prefecture-input").waitFor();
  return v;
}

async function finish(v: Visit): Promise<void> {
  expect(await v.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(v.problems).toEqual([]);
  expect(v.foreign).toEqual([]);
  await v.page.context().close();
}

/** The comparison other than the default one that has the most prefectures: its coverage, kind and period, and a prefecture of it. */
async function otherComparison(): Promise<{ coverage: string; kind: string; period: string; prefecture: string; code: string; prefectures: string[] }> {
  const [c] = await queryBuilt(
    `SELECT coverage, kpi_kind AS kind, period_start_fy || '-' || period_end_fy AS period, string_agg(prefecture, ',' ORDER BY prefecture_code) AS prefectures,
        string_agg(prefecture_code, ',' ORDER BY prefecture_code) AS codes
     FROM ${builtTable("prefecture_summary")} WHERE kpi_topic = 'all' AND coverage <> 'full_report' AND kpi_kind <> 'outcome'
     GROUP BY ALL ORDER BY count(*) DESC, coverage, kind, period LIMIT 1`,
  );
  const prefectures = String(c!.prefectures).split(",");
  const codes = String(c!.codes).split(",");
  expect(prefectures.length, "a comparison of several prefectures besides the default one").toBeGreaterThan(2);
  // the last in code order that is not the default prefecture (兵庫県)
  const i = prefectures.length - 1 - [...prefectures].reverse().findIndex((p) => p !== "兵庫県");
  return { coverage: c!.coverage as string, kind: c!.kind as string, period: c!.period as string, prefecture: prefectures[i]!, code: codes[i]!, prefectures };
}

describe("都道府県比較: the state in the URL", () => {
  it("opens with the URL's prefecture, period, coverage and kind: the selectors show them, the chart draws that period with that prefecture in bold", async () => {
    const want = await otherComparison();
    const v = await open(`/prefectures.html?prefecture=${encodeURIComponent(want.prefecture)}&period=${want.period}&coverage=${want.coverage}&kind=${want.kind}`);
    const { page } = v;
    expect(await selectors(page)).toEqual({ prefecture: want.prefecture, period: want.period, coverage: want.coverage, kind: want.kind });
    const card = page.locator("#comparison-chart");
    expect(await card.getAttribute("data-period")).toBe(want.period);
    expect(await card.getAttribute("data-coverage")).toBe(want.coverage);
    expect(await card.getAttribute("data-kind")).toBe(want.kind);
    expect(await card.getAttribute("data-prefecture")).toBe(want.prefecture);
    const names = await page.locator(`${CHART} [aria-label='y-axis tick label'] text`).allTextContents();
    expect([...names].sort()).toEqual([...want.prefectures].sort());
    const bold = await page.locator(`${CHART} [aria-label='y-axis tick label'] text[font-weight=bold]`).allTextContents();
    expect(bold).toEqual([want.prefecture]);
    expect(await page.locator(`${CHART}`).getAttribute("aria-label")).toContain(`選んだ都道府県（${want.prefecture}）`);
    // the prefecture's own tables below
    expect(await page.locator("h3", { hasText: `${want.prefecture}の実施主体` }).count()).toBe(1);
    const bodies = await queryBuilt(`SELECT DISTINCT body FROM ${builtTable("body_summary")} WHERE prefecture = ${sqlString(want.prefecture)}`);
    expect(new Set(await page.locator(".body-table tbody td:first-child").allTextContents())).toEqual(new Set(bodies.map((b) => b.body)));
    // nothing to report, and the URL as given
    expect(await page.locator("#url-notice").count()).toBe(0);
    expect(params(page)).toEqual({ prefecture: want.prefecture, period: want.period, coverage: want.coverage, kind: want.kind });
    await finish(v);
  });

  it("takes a prefecture's code as well as its name", async () => {
    const want = await otherComparison();
    for (const code of [want.code, String(Number(want.code))]) {
      const v = await open(`/prefectures.html?prefecture=${code}`);
      expect((await selectors(v.page)).prefecture).toBe(want.prefecture);
      expect(params(v.page).prefecture).toBe(want.prefecture);
      expect(await v.page.locator("#url-notice").count()).toBe(0);
      await finish(v);
    }
  });

  it("writes each change of a selector into the URL, and the URL reopens the page as it was", async () => {
    const want = await otherComparison();
    const v = await open("/prefectures.html");
    const { page } = v;
    // the default view is written into the URL as the page opens
    const first = await selectors(page);
    expect(params(page)).toEqual(first);
    await page.locator("#coverage-input").selectOption(want.coverage);
    await expect.poll(() => params(page).coverage).toBe(want.coverage);
    await page.locator("#kind-input").selectOption(want.kind);
    await expect.poll(() => params(page).kind).toBe(want.kind);
    await page.locator("#period-input").selectOption(want.period);
    await expect.poll(() => params(page).period).toBe(want.period);
    await page.locator("#prefecture-input").selectOption(want.prefecture);
    await expect.poll(() => params(page).prefecture).toBe(want.prefecture);
    await expect.poll(() => page.locator("#comparison-chart").getAttribute("data-period")).toBe(want.period);
    const state = await selectors(page);
    expect(state).toEqual({ prefecture: want.prefecture, period: want.period, coverage: want.coverage, kind: want.kind });
    expect(params(page)).toEqual(state);
    // the address as it now is opens the same view
    const again = await open(new URL(page.url()).pathname + new URL(page.url()).search);
    expect(await selectors(again.page)).toEqual(state);
    expect(await again.page.locator(`${CHART} [aria-label='y-axis tick label'] text[font-weight=bold]`).allTextContents()).toEqual([want.prefecture]);
    await finish(again);
    // a change of coverage keeps the period where the new coverage has it, else takes the new one's default
    await page.locator("#coverage-input").selectOption("full_report");
    await expect.poll(() => params(page).coverage).toBe("full_report");
    const periods = await page.locator("#period-input option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(periods).toContain(params(page).period);
    await finish(v);
  });

  it("names in Japanese what the URL asked for that it cannot show, and shows the default view instead", async () => {
    const [{ n }] = (await queryBuilt(`SELECT count(*) AS n FROM ${builtTable("prefecture_summary")} WHERE prefecture = '架空県' OR prefecture_code = '99'`)) as [{ n: number }];
    expect(n).toBe(0);
    const defaults = await open("/prefectures.html");
    const expected = await selectors(defaults.page);
    await finish(defaults);
    const v = await open("/prefectures.html?prefecture=架空県&period=1999-1999&coverage=nonsense&kind=foo&page=2");
    const notice = (await v.page.locator("#url-notice").textContent()) ?? "";
    expect(notice).toMatch(/^URL の指定のうち、次のものは使えないため無視しました：/);
    for (const part of ["都道府県「架空県」（資料のある都道府県にありません）", "資料の種類「nonsense」", "KPIの種類「foo」", "年度（期間）「1999-1999」", "「page=2」（このページにない指定です）"]) expect(notice).toContain(part);
    expect(await selectors(v.page)).toEqual(expected);
    expect(params(v.page)).toEqual(expected);
    await finish(v);
    // a period of the wrong form, and a code no prefecture has
    const w = await open("/prefectures.html?prefecture=99&period=令和5年度");
    const text = (await w.page.locator("#url-notice").textContent()) ?? "";
    expect(text).toContain("都道府県「99」（資料のある都道府県のコードではありません）");
    expect(text).toContain("年度（期間）「令和5年度」（年度（期間）の書き方（例: 2023-2023）ではありません）");
    await finish(w);
  });
});

describe.each(SCREENS)("都道府県比較 at $name px", ({ name, width, height }) => {
  it("does not scroll sideways, passes axe-core, names its charts as images, and shows its tables as cards on a phone", async () => {
    const v = await open("/prefectures.html", { width, height });
    const { page } = v;
    await page.locator(CHART).waitFor();
    await page.locator(HEATMAP).waitFor();
    // every table open, every row shown: what a reader could open is laid out too
    for (const d of await page.locator("details").all()) await d.evaluate((e) => ((e as HTMLDetailsElement).open = true));
    const { scrollWidth, clientWidth } = await sidewaysScroll(page);
    expect(clientWidth).toBe(width);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(await seriousViolations(page, { within: "#observablehq-main" })).toEqual([]);
    expect(await page.locator(CHART).getAttribute("aria-label")).toMatch(/の達成割合と95%信頼区間。\d+都道府県。/);
    expect(await page.locator(HEATMAP).getAttribute("aria-label")).toContain("都道府県 × KPI分野の達成割合");
    for (const [table, labels] of [
      [".comparison-table", ["順位", "都道府県", "評価件数（n）", "達成", "うち期間途中で達成", "達成割合", "95%信頼区間", "達成率の中央値", "達成率（合算）", "期間途中", "要確認", "順位付け"]],
      [".topic-table", null],
      [".body-table", null],
      [".assessment-table", ["事業", "KPI", "年度", "資料の種類", "目標 → 実績", "達成率", "評価", "理由", "出典"]],
      [".sources-table", null],
    ] as const) {
      const layout = await tableLayout(page.locator(`table${table}`));
      expect(layout.rows, table).toBeGreaterThan(0);
      expect(layout.cards, table).toBe(width < 640);
      expect(layout.rowsFit, table).toBe(true);
      expect(layout.labels.every((l) => l !== ""), table).toBe(true);
      if (labels) expect(layout.labels, table).toEqual(labels);
      // on a desktop the comparison's and the prefecture's tables fit the page: no column hides off to the right
      if (width >= 1440 && labels) expect(layout.scrolls, table).toBe(false);
    }
    const { scrollWidth: after } = await sidewaysScroll(page);
    expect(after).toBeLessThanOrEqual(clientWidth);
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const d of await page.locator("details").all()) await d.evaluate((e) => ((e as HTMLDetailsElement).open = false));
    await screenshot(page, `prefectures-${name}`);
    await finish(v);
  });

  it("lays out every comparison's chart and heatmap with no overlapping labels, and keeps tooltips in the window", { timeout: 180_000 }, async () => {
    const v = await open("/prefectures.html", { width, height });
    const { page } = v;
    const seen = new Set<string>();
    let heatmaps = 0;
    for (const coverage of await page.locator("#coverage-input option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))) {
      await page.locator("#coverage-input").selectOption(coverage);
      await page.locator("#kind-input").selectOption("all");
      for (const period of await page.locator("#period-input option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))) {
        await page.locator("#period-input").selectOption(period);
        await expect.poll(() => page.locator("#comparison-chart").getAttribute("data-period")).toBe(period);
        await expect.poll(() => page.locator("#comparison-chart").getAttribute("data-coverage")).toBe(coverage);
        const where = `${coverage} ${period}`;
        seen.add(where);
        const chart = page.locator(CHART);
        if (await chart.count()) {
          expect(await labelCount(chart), where).toBeGreaterThan(2);
          expect(await labelCollisions(chart), where).toEqual([]);
        }
        const heatmap = page.locator(HEATMAP);
        if (await heatmap.count()) {
          heatmaps++;
          expect(await labelCollisions(heatmap), where).toEqual([]);
        }
        const { scrollWidth, clientWidth } = await sidewaysScroll(page);
        expect(scrollWidth, where).toBeLessThanOrEqual(clientWidth);
      }
    }
    expect(seen.size).toBeGreaterThan(3);
    expect(heatmaps).toBeGreaterThan(3);
    // tooltips, over the busiest comparison: showcase documents of the year with the most prefectures
    const busy = await otherComparison();
    await page.locator("#coverage-input").selectOption(busy.coverage);
    await page.locator("#kind-input").selectOption(busy.kind);
    await page.locator("#period-input").selectOption(busy.period);
    await expect.poll(() => page.locator("#comparison-chart").getAttribute("data-period")).toBe(busy.period);
    await expect.poll(() => page.locator("#comparison-chart").getAttribute("data-kind")).toBe(busy.kind);
    await expect.poll(() => page.locator("#comparison-chart").getAttribute("data-coverage")).toBe(busy.coverage);
    for (const [chart, marks] of [[CHART, "[aria-label=dot] circle"], [HEATMAP, "[aria-label=cell] rect"]] as const) {
      const tips = await tipsOver(page, page.locator(chart), marks);
      expect(tips.length, chart).toBeGreaterThan(1);
      for (const tip of tips) {
        expect(tip.left, `${chart}: ${tip.text}`).toBeGreaterThanOrEqual(0);
        expect(tip.right, `${chart}: ${tip.text}`).toBeLessThanOrEqual(width);
      }
    }
    await finish(v);
  });
});

describe("都道府県比較: rows not ranked", () => {
  it("draws intervals and points at 3:1 or more against the card, and tells a row not ranked by its dashes, hollow point and words", async () => {
    const v = await open("/prefectures.html");
    const { page } = v;
    const chart = page.locator(CHART);
    await chart.waitFor();
    const { background, colours } = await markColours(chart, "g[class^=share-interval] line, g[class^=share-point] circle");
    expect(colours.length).toBeGreaterThanOrEqual(2);
    for (const c of colours) expect(contrast(c, background), `${c} on ${background}`).toBeGreaterThanOrEqual(3);
    const card = page.locator("#comparison-chart");
    const period = (await card.getAttribute("data-period"))!;
    const [start, end] = period.split("-").map(Number);
    const rows = (await queryBuilt(
      `SELECT prefecture, n_assessed, rankable FROM ${builtTable("prefecture_summary")}
       WHERE kpi_kind = 'outcome' AND kpi_topic = 'all' AND coverage = 'full_report' AND period_start_fy = ${start} AND period_end_fy = ${end}`,
    )) as Record<string, Plain>[];
    const unranked = rows.filter((r) => !r.rankable);
    expect(unranked.length, "the default view has a row not ranked").toBeGreaterThan(0);
    // in the chart: words beside the row; dashed interval and hollow point where it has any assessment
    const labels = await chart.locator("g.share-n text").allTextContents();
    for (const r of unranked) expect(labels.some((l) => l.startsWith(`n=${r.n_assessed}`) && /順位付けしない|期間終了の評価なし/.test(l)), String(r.prefecture)).toBe(true);
    if (unranked.some((r) => (r.n_assessed as number) > 0)) {
      expect(await chart.locator("g.share-interval-unranked").getAttribute("stroke-dasharray")).toBe("4,3");
      expect(await chart.locator("g.share-point-unranked").getAttribute("fill")).toBe("white");
    }
    // in the table: 「—」 for its rank and 「対象外」 in words
    const cells = await page.locator(".comparison-table tbody tr.unranked").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(cells).toHaveLength(unranked.length);
    for (const c of cells) {
      expect(c[0]).toBe("—");
      expect(c.at(-1)).toMatch(/^対象外（n<\d+）$/);
    }
    await finish(v);
  });
});
