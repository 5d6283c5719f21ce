// The overview (概要), data (データ) and methodology (方法) pages: charts drawn from the build, figures that agree
// with the Parquet extracts, downloads that open in DuckDB, the extraction report, and data text that never runs.
// The overview on a phone (390×844) and a desktop (1440×900): no sideways scroll, charts whose labels never overlap
// and whose tooltips stay on screen, named as images, with their data as tables (cards on a phone), and 出典 as links.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sqlString } from "../../loaders/analyze/db.ts";
import { tableDef } from "../../loaders/analyze/published-tables.ts";
import type { ExtractionReport } from "../../loaders/extract/report.ts";
import { builtTable, queryBuilt, screenshot, SCREENSHOTS, useBrowser, visit, type Visit } from "./browser.ts";
import { contrast, labelCollisions, labelCount, markColours, SCREENS, sidewaysScroll, tableLayout, tipsOver } from "./chart-layout.ts";
import { seriousViolations } from "./site-checks.ts";
import { sourceSlug } from "../../src/lib/source-slug.js";

const out = inject("siteOut");

async function xss(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
}

/** Moves the mouse onto each element's centre (no actionability wait: a tip may cover the next mark). */
async function hoverEach(page: Page, selector: string): Promise<string[]> {
  const tips: string[] = [];
  for (const mark of await page.locator(selector).all()) {
    await mark.scrollIntoViewIfNeeded();
    const box = await mark.boundingBox();
    if (!box) continue;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = await page.locator(`${selector.split(" ")[0]} g[aria-label=tip]`).first().textContent();
    if (tip) tips.push(tip);
  }
  return tips;
}

const browser = useBrowser();

describe("overview page", () => {
  let visited: Visit;
  beforeAll(async () => {
    visited = await visit(browser(), "/");
    await visited.page.locator("#achievement-chart svg [aria-label=dot] circle").first().waitFor();
  });
  afterAll(async () => {
    await visited?.page.context().close();
  });

  it("draws one dot per assessment with an achievement", async () => {
    const [{ n }] = (await queryBuilt(`SELECT count(*) AS n FROM ${builtTable("kpi_assessments")} WHERE achievement IS NOT NULL`)) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    expect(await visited.page.locator("#achievement-chart svg [aria-label=dot] circle").count()).toBe(n);
    // the rules at the threshold and at 100%, labelled
    const text = await visited.page.locator("#achievement-chart svg:has([aria-label=dot])").textContent();
    expect(text).toContain("目標 100%");
    expect(text).toContain("要確認の基準 50%");
  });

  it("draws each program of outcome_vs_output with its output and outcome median, and marks 活動は達成・成果は未達", async () => {
    const rows = await queryBuilt(`SELECT pattern FROM ${builtTable("outcome_vs_output")}`);
    expect(rows.length).toBeGreaterThan(0);
    const chart = visited.page.locator("#outcome-output-chart");
    expect(await chart.locator("[aria-label=dot] circle").count()).toBe(2 * rows.length);
    expect(await chart.locator("[aria-label=link] path, [aria-label=link] line").count()).toBe(rows.length);
    const highlighted = rows.filter((r) => r.pattern === "output_met_outcome_short").length;
    expect(highlighted).toBeGreaterThan(0);
    expect(await chart.locator("[aria-label=link] [stroke='#d62728']").count()).toBe(highlighted);
    expect(await visited.page.locator("body").textContent()).toContain("活動は達成・成果は未達");
  });

  it("shows the headline figures of kpi_assessments, and flags.parquet's row count as the flagged count", async () => {
    const [flags] = (await queryBuilt(`SELECT count(*) AS n FROM ${builtTable("flags")}`)) as [{ n: number }];
    const [figures] = (await queryBuilt(`
      SELECT count(DISTINCT (prefecture, body, program)) AS programs,
             count(*) FILTER (target IS NOT NULL) AS with_target,
             count(DISTINCT prefecture) AS prefectures,
             -- the headline share: full reports only, no part of another figure
             count(*) FILTER (status = 'met' AND achievement IS NOT NULL AND coverage = 'full_report' AND parent_record_id IS NULL)
               / count(*) FILTER (status IN ('met', 'shortfall', 'below_threshold') AND achievement IS NOT NULL AND coverage = 'full_report' AND parent_record_id IS NULL) AS share_met
      FROM ${builtTable("kpi_assessments")}`)) as [{ programs: number; with_target: number; prefectures: number; share_met: number }];
    const card = (id: string) => visited.page.locator(`#${id}`).textContent();
    expect(flags.n).toBeGreaterThan(0);
    expect(await card("card-flagged")).toBe(flags.n.toLocaleString("ja-JP"));
    expect(await card("card-programs")).toBe(figures.programs.toLocaleString("ja-JP"));
    expect(await card("card-kpis")).toBe(figures.with_target.toLocaleString("ja-JP"));
    expect(await card("card-prefectures")).toBe(String(figures.prefectures));
    expect(await card("card-share-met")).toBe(`${(figures.share_met * 100).toFixed(1)}%`);
  });

  it("links to the other pages, and every local link resolves", async () => {
    const hrefs = await visited.page.locator("main a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const page of ["flags.html", "prefectures.html", "programs/", "sql.html", "data.html", "methodology.html"]) {
      expect(hrefs.some((h) => h.endsWith(`/${page}`))).toBe(true);
    }
    const own = new URL(visited.page.url()).origin;
    for (const href of new Set(hrefs.filter((h) => h.startsWith(own)))) {
      expect((await visited.page.request.get(href)).status(), href).toBe(200);
    }
  });

  it("shows the hostile row's markup as text in the tips, and runs none of it", async () => {
    expect(await xss(visited.page)).toBeUndefined();
    const tips = [...(await hoverEach(visited.page, "#achievement-chart svg [aria-label=dot] circle")), ...(await hoverEach(visited.page, "#outcome-output-chart svg [aria-label=dot] circle"))];
    expect(tips.length).toBeGreaterThan(0);
    expect(tips.some((t) => t.includes("<img src=x onerror="))).toBe(true);
    expect(tips.some((t) => t.includes("就職者数") && t.includes("91人"))).toBe(true); // Kobe: target 200, actual 91
    expect(await xss(visited.page)).toBeUndefined();
    expect(visited.problems).toEqual([]);
    expect(visited.foreign).toEqual([]);
    await screenshot(visited.page, "overview");
    await visited.page.locator("#achievement-chart").screenshot({ path: `${SCREENSHOTS}overview-achievement.png` });
    await visited.page.locator("#outcome-output-chart").screenshot({ path: `${SCREENSHOTS}overview-outcome-output.png` });
  });
});

describe.each(SCREENS)("overview page at $name px", ({ name, width, height }) => {
  let visited: Visit;
  beforeAll(async () => {
    visited = await visit(browser(), "/", { width, height });
    await visited.page.locator("#achievement-chart svg[role=img] [aria-label=dot] circle").first().waitFor();
    await visited.page.locator("#outcome-output-chart svg[role=img] [aria-label=dot] circle").first().waitFor();
  });
  afterAll(async () => {
    await visited?.page.context().close();
  });

  it("does not scroll sideways, and axe-core finds nothing serious in its content", async () => {
    const { scrollWidth, clientWidth } = await sidewaysScroll(visited.page);
    expect(clientWidth).toBe(width);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(await seriousViolations(visited.page, { within: "#observablehq-main" })).toEqual([]);
  });

  it("names each chart as an image saying what it shows", async () => {
    const [{ n }] = (await queryBuilt(`SELECT count(*) AS n FROM ${builtTable("kpi_assessments")} WHERE achievement IS NOT NULL`)) as [{ n: number }];
    const achievement = await visited.page.locator("#achievement-chart svg[role=img]").getAttribute("aria-label");
    expect(achievement).toContain("達成率の分布");
    expect(achievement).toContain(`${n.toLocaleString("ja-JP")}件`);
    const [{ m }] = (await queryBuilt(`SELECT count(*) AS m FROM ${builtTable("outcome_vs_output")}`)) as [{ m: number }];
    const outcome = await visited.page.locator("#outcome-output-chart svg[role=img]").getAttribute("aria-label");
    expect(outcome).toContain("活動 KPI と成果 KPI");
    expect(outcome).toContain(`${m.toLocaleString("ja-JP")}件の事業`);
  });

  it("lays out every chart's labels (ticks, the 50% and 100% rules, programs) so that none overlaps another", async () => {
    for (const chart of ["#achievement-chart svg[role=img]", "#outcome-output-chart svg[role=img]"]) {
      const svg = visited.page.locator(chart);
      expect(await labelCount(svg), chart).toBeGreaterThan(5);
      expect(await labelCollisions(svg), chart).toEqual([]);
    }
    // the rules' labels are there, whatever line they went on
    const rules = await visited.page.locator("#achievement-chart svg[role=img] g.overview-rule-label text").allTextContents();
    expect(rules.sort()).toEqual(["目標 100%", "要確認の基準 50%"]);
    // every program of the chart is named, beside its row or above it
    const [{ m }] = (await queryBuilt(`SELECT count(*) AS m FROM ${builtTable("outcome_vs_output")}`)) as [{ m: number }];
    const names = width < 600 ? "g.overview-program-label text" : "[aria-label='y-axis tick label'] text";
    expect(await visited.page.locator(`#outcome-output-chart svg[role=img] ${names}`).count()).toBe(Math.min(m, 40));
  });

  it("draws its marks at 3:1 or more against the card", async () => {
    for (const [chart, marks] of [["#achievement-chart svg[role=img]", "[aria-label=dot] circle, [aria-label=rule] line"], ["#outcome-output-chart svg[role=img]", "[aria-label=dot] circle, [aria-label=link] path, [aria-label=rule] line"]] as const) {
      const { background, colours } = await markColours(visited.page.locator(chart), marks);
      expect(colours.length, chart).toBeGreaterThan(1);
      for (const c of colours) expect(contrast(c, background), `${chart}: ${c} on ${background}`).toBeGreaterThanOrEqual(3);
    }
  });

  it("keeps every tooltip inside the window", async () => {
    for (const chart of ["#achievement-chart svg[role=img]", "#outcome-output-chart svg[role=img]"]) {
      const tips = await tipsOver(visited.page, visited.page.locator(chart), "[aria-label=dot] circle");
      expect(tips.length, chart).toBeGreaterThan(10);
      for (const tip of tips) {
        expect(tip.left, `${chart}: ${tip.text}`).toBeGreaterThanOrEqual(0);
        expect(tip.right, `${chart}: ${tip.text}`).toBeLessThanOrEqual(width);
      }
    }
  });

  it(width < 640 ? "shows each KPI of the chart's table as a card with its labels" : "shows 達成率 and 評価 of the chart's table without scrolling sideways", async () => {
    const table = visited.page.locator("#achievement-data table.overview-kpi-table");
    const layout = await tableLayout(table);
    expect(layout.labels).toEqual(["事業", "KPI", "年度", "目標 → 実績", "達成率", "評価", "理由", "出典"]);
    expect(layout.rowsFit).toBe(true);
    if (width < 640) {
      expect(layout.cards).toBe(true);
    } else {
      expect(layout.cards).toBe(false);
      expect(layout.scrolls).toBe(false);
      for (const label of ["達成率", "評価"]) {
        const header = await table.locator("thead th", { hasText: new RegExp(`^${label}$`) }).boundingBox();
        expect(header, label).not.toBeNull();
        expect(header!.x).toBeGreaterThanOrEqual(0);
        expect(header!.x + header!.width, label).toBeLessThanOrEqual(width);
      }
    }
    const outcome = await tableLayout(visited.page.locator("#outcome-output-data table.overview-outcome-table"));
    expect(outcome.cards).toBe(width < 640);
    expect(outcome.rowsFit).toBe(true);
    await screenshot(visited.page, `index-${name}`);
  });

  it("lists every KPI with an achievement in the chart's table once all are shown, each 出典 a link to its document's line", async () => {
    const rows = await queryBuilt(`SELECT source_refs FROM ${builtTable("kpi_assessments")} WHERE achievement IS NOT NULL`);
    const more = visited.page.locator("#achievement-data [data-testid=overview-kpi-table-show-all]");
    if (await more.count()) await more.click();
    expect(await visited.page.locator("#achievement-data table.overview-kpi-table tbody tr").count()).toBe(rows.length);
    const refs = rows.flatMap((r) => String(r.source_refs).split("; ")).map((ref) => /^(.*):(\d+)(?: \((.*)\))?$/.exec(ref)!);
    const links = await visited.page.locator("#achievement-data a.source-link").evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href"), text: a.textContent })));
    expect(links.length).toBe(refs.length);
    const titles = new Map((await queryBuilt(`SELECT source_file, coalesce(title, source_file) AS title FROM ${builtTable("sources")}`)).map((r) => [r.source_file, r.title]));
    const expected = refs.map(([, file, line]) => ({ href: `./sources/${sourceSlug(file)}.html#L${line}`, title: `「${titles.get(file) ?? file}」${line}行` }));
    expect(links.map((l) => l.href).sort()).toEqual(expected.map((e) => e.href).sort());
    for (const l of links) expect(expected.some((e) => e.href === l.href && l.text!.startsWith(e.title)), `${l.href}: ${l.text}`).toBe(true);
    // each document's page is there
    for (const href of new Set(links.map((l) => l.href!.replace(/#.*$/, "")))) {
      expect((await visited.page.request.get(new URL(href, visited.page.url()).href)).status(), href).toBe(200);
    }
  });
});

describe("data page", () => {
  let visited: Visit;
  beforeAll(async () => {
    visited = await visit(browser(), "/data.html");
    await visited.page.locator("#dictionary").waitFor();
  });
  afterAll(async () => {
    await visited?.page.context().close();
  });

  it.each(["kpi_assessments", "flags", "kpi_series", "sources", "program_summary"])("downloads %s.parquet, which DuckDB opens with the table's columns", async (table) => {
    const [download] = await Promise.all([visited.page.waitForEvent("download"), visited.page.locator(`#downloads tr[data-table=${table}] a.download-parquet`).click()]);
    expect(download.suggestedFilename()).toBe(`${table}.parquet`);
    const path = await download.path();
    const columns = await queryBuilt(`DESCRIBE SELECT * FROM read_parquet(${sqlString(path)})`);
    expect(columns.map((c) => c.column_name)).toEqual(tableDef(table).columns.map((c) => c.name));
    const [{ n }] = (await queryBuilt(`SELECT count(*) AS n FROM read_parquet(${sqlString(path)})`)) as [{ n: number }];
    const [{ m }] = (await queryBuilt(`SELECT count(*) AS m FROM ${builtTable(table)}`)) as [{ m: number }];
    expect(n).toBe(m);
  });

  it("links Parquet, CSV and Excel CSV of every table, and datapackage.json", async () => {
    const names = await visited.page.locator("#downloads tr[data-table]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-table")));
    expect(names).toEqual(["kpi_records", "sources", "kpi_assessments", "flags", "prefecture_summary", "body_summary", "program_summary", "outcome_vs_output", "cost_per_outcome", "kpi_series"]);
    for (const [cls, suffix] of [["download-parquet", ".parquet"], ["download-csv", ".csv"], ["download-excel", ".excel.csv"]] as const) {
      const files = await visited.page.locator(`#downloads a.${cls}`).evaluateAll((as) => as.map((a) => a.getAttribute("download")));
      expect(files).toEqual(names.map((n) => `${n}${suffix}`));
    }
    const href = await visited.page.locator("#download-datapackage").evaluate((a) => (a as HTMLAnchorElement).href);
    const datapackage = await (await visited.page.request.get(href)).json();
    expect(datapackage.name).toBe("hyogaki-kpi");
  });

  it("lists every column of kpi_assessments in the dictionary", async () => {
    const columns = await visited.page.locator("#dictionary [data-table=kpi_assessments] code.column-name").allTextContents();
    expect(columns).toEqual(tableDef("kpi_assessments").columns.map((c) => c.name));
    const text = await visited.page.locator("#dictionary [data-table=kpi_assessments]").textContent();
    expect(text).toContain("below_threshold"); // allowed values of status
    expect(text).toContain("達成率");
  });

  it("states the licence and the attribution, and shows the reading examples", async () => {
    const license = await visited.page.locator("#license").textContent();
    expect(license).toContain("CC-BY-4.0");
    expect(license).toContain("出典：");
    expect(license).toContain("加工して作成");
    const code = (await visited.page.locator("pre").allTextContents()).join("\n");
    expect(code).toContain("FROM 'kpi_assessments.parquet'");
    expect(code).toContain("pd.read_parquet");
    expect(await xss(visited.page)).toBeUndefined();
    expect(visited.problems).toEqual([]);
    expect(visited.foreign).toEqual([]);
    await screenshot(visited.page, "data");
    await visited.page.locator("#dictionary [data-table=kpi_assessments] summary").click();
    await visited.page.locator("#dictionary [data-table=kpi_assessments]").screenshot({ path: `${SCREENSHOTS}data-dictionary.png` });
    expect(visited.problems).toEqual([]);
    expect(visited.foreign).toEqual([]);
  });
});

describe("methodology page", () => {
  let visited: Visit;
  beforeAll(async () => {
    visited = await visit(browser(), "/methodology.html");
    await visited.page.locator("#sources-table").waitFor();
  });
  afterAll(async () => {
    await visited?.page.context().close();
  });

  it("shows one row per source with its record count from the build's extraction report", async () => {
    const report = JSON.parse(readFileSync(join(out, "extraction_report.json"), "utf8")) as ExtractionReport;
    const rows = await visited.page.locator("#sources-table tbody tr").evaluateAll((trs) =>
      trs.map((tr) => ({ file: tr.getAttribute("data-file"), records: tr.querySelector(".records")?.textContent })),
    );
    expect(rows).toEqual(report.sources.map((s) => ({ file: s.file, records: s.records.toLocaleString("ja-JP") })));
    expect(await visited.page.locator("#entries-table tbody tr").count()).toBe(report.entries.length);
    expect(await visited.page.locator("#curation-table tbody tr").count()).toBe(report.curation.length);
  });

  it("counts the flagged assessments whose document gives no reason as flags.parquet does", async () => {
    const [flags] = (await queryBuilt(`SELECT count(*) AS n, count(*) FILTER (WHERE note IS NULL) AS none FROM ${builtTable("flags")}`)) as [{ n: number; none: number }];
    expect(flags.n).toBeGreaterThan(0);
    const p = visited.page.locator("#no-reason");
    expect(Number(await p.getAttribute("data-count"))).toBe(flags.none);
    expect(Number(await p.getAttribute("data-flagged"))).toBe(flags.n);
    expect(await p.textContent()).toContain(`要確認 ${flags.n.toLocaleString("ja-JP")}件のうち、資料に理由の記載がないもの（理由の記載なし）は ${flags.none.toLocaleString("ja-JP")}件`);
    expect(await visited.page.locator("#no-reason-count").textContent()).toBe(`${flags.none.toLocaleString("ja-JP")}件`);
  });

  it("explains coverage, comparing like with like, the interval, the ranking rule, met early, written_on and nested figures", async () => {
    const text = (await visited.page.locator("main").textContent()) ?? "";
    for (const words of ["全事業の実施状況", "取組事例（抜粋）", "計画（目標のみ）", "95%信頼区間", "Wilson", "件未満", "期間途中で達成（YYYY-MM-DD時点）", "written_on", "parent_record_id"]) expect(text).toContain(words);
    // each source's coverage from the sources table
    const sources = await queryBuilt(`SELECT source_file, coverage FROM ${builtTable("sources")} ORDER BY source_file`);
    const shown = await visited.page.locator("#sources-table tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-file"), tr.querySelector(".coverage")?.textContent]));
    const labels: Record<string, string> = { full_report: "全事業の実施状況", showcase: "取組事例（抜粋）", plan: "計画（目標のみ）", unknown: "不明" };
    expect(shown.sort()).toEqual(sources.map((s) => [s.source_file, labels[s.coverage as string]]).sort());
  });

  it("defines the statuses with the build's threshold, and runs no data text", async () => {
    const text = await visited.page.locator("#status-table").textContent();
    for (const status of ["met", "shortfall", "below_threshold", "on_pace", "behind_pace", "no_actual", "no_target", "target_zero"]) expect(text).toContain(status);
    expect(text).toContain("ちょうど 50% はここに入ります");
    expect(await xss(visited.page)).toBeUndefined();
    expect(visited.problems).toEqual([]);
    expect(visited.foreign).toEqual([]);
    await screenshot(visited.page, "methodology");
  });
});
