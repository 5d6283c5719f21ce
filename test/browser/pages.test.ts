// Every page of the built site loads cleanly, offline, in Japanese; and the データ, 方法 and SQL pages read on a phone
// and on a desktop: no sideways scroll, no English outside code, no axe-core violation, downloads that resolve.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { TABLES } from "../../loaders/analyze/published-tables.ts";
import { screenshot, SCREENSHOTS, useBrowser, visit } from "./browser.ts";
import { sidewaysScroll } from "./chart-layout.ts";
import { ALLOWED_TERMS, englishText } from "./site-checks.ts";

const PAGES = [
  ["index", "/"],
  ["flags", "/flags.html"],
  ["prefectures", "/prefectures.html"],
  ["programs", "/programs/"],
  ["sql", "/sql.html"],
  ["data", "/data.html"],
  ["methodology", "/methodology.html"],
] as const;

const browser = useBrowser();
const sizes: Record<string, { requests: number; bytes: number }> = {};
afterAll(() => {
  // bytes each page's first view transferred, for the report on page weight
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(`${SCREENSHOTS}transfer.json`, JSON.stringify(sizes, null, 2) + "\n");
});

describe("every page", () => {
  it.each(PAGES)("%s loads with no error, no failed request and no request to another host", async (name, path) => {
    const { page, problems, foreign, transferred } = await visit(browser(), path);
    expect(await page.getAttribute("html", "lang")).toBe("ja");
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await screenshot(page, name);
    const bytes = [...transferred.values()].reduce((a, b) => a + b, 0);
    sizes[name] = { requests: transferred.size, bytes };
    await page.context().close();
  });
});

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SIZES = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
] as const;
/**
 * Text on these pages that is data, not the page's own words, left out of the check for English: the lines of the
 * documents as they were written (原文), and the SQL result's cells (a query's output, like a code block).
 */
const DATA_TEXT: Record<string, string[]> = {
  data: [],
  methodology: [".method-text"],
  sql: ["form[class*='-table'] tbody"],
};

describe("データ, 方法 and SQL at a phone's and a desktop's width", () => {
  it.each([
    ["data", "/data.html"],
    ["methodology", "/methodology.html"],
    ["sql", "/sql.html"],
  ] as const)("%s: no sideways scroll, no English outside code, no axe-core violation", { timeout: 180_000 }, async (name, path) => {
    for (const { width, height } of SIZES) {
      const v = await visit(browser(), path, { width, height });
      if (name === "sql") await v.page.locator(".sql-rowcount").waitFor({ timeout: 90_000 });
      const at = `${name} at ${width}px`;
      expect(await sidewaysScroll(v.page), at).toMatchObject({ wide: [] });
      const { scrollWidth, clientWidth } = await sidewaysScroll(v.page);
      expect(scrollWidth, at).toBeLessThanOrEqual(clientWidth);
      await screenshot(v.page, `${name}-${width}`);
      // every table's details open: the dictionary's column lists fit too, and speak Japanese
      await v.page.evaluate(() => document.querySelectorAll("#observablehq-main details").forEach((d) => ((d as HTMLDetailsElement).open = true)));
      const opened = await sidewaysScroll(v.page);
      expect(opened.scrollWidth, `${at}, details open: ${opened.wide.join(", ")}`).toBeLessThanOrEqual(opened.clientWidth);
      const english = await englishText(v.page, ALLOWED_TERMS, { root: "#observablehq-main", exclude: DATA_TEXT[name] });
      expect(english.map((e) => `${e.where}: «${e.text}» (${e.words.join(", ")})`), at).toEqual([]);
      await v.page.addScriptTag({ content: AXE });
      const result = (await v.page.evaluate(() =>
        (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }).axe.run(
          { include: [["#observablehq-main"]], exclude: [["form[id^='inputs-']:has(> table)"]] },
          { resultTypes: ["violations"], runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }, rules: { "aria-prohibited-attr": { enabled: false } } },
        ),
      )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
      const serious = result.violations.filter((r) => r.impact === "serious" || r.impact === "critical");
      expect(serious.map((r) => `${r.id}: ${r.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`), at).toEqual([]);
      expect(v.problems, at).toEqual([]);
      expect(v.foreign, at).toEqual([]);
      await v.page.context().close();
    }
  });

  it("データ: every table's cards on a phone name each cell in Japanese", async () => {
    const v = await visit(browser(), "/data.html", { width: 390, height: 844 });
    const labels = await v.page.locator("#downloads tbody tr").first().locator("td").evaluateAll((tds) => tds.map((td) => [td.getAttribute("data-label"), getComputedStyle(td, "::before").content]));
    expect(labels.map(([label]) => label)).toEqual(["表", "Parquet", "CSV", "Excel 用 CSV"]);
    // the row's name heads its card; every other cell shows its label before it
    expect(labels.slice(1).every(([label, before]) => before === `"${label}"`)).toBe(true);
    await v.page.context().close();
  });

  it("データ: links every extract at its stable address downloads/<file>, and each resolves with the build's bytes", async () => {
    const v = await visit(browser(), "/data.html");
    const hrefs = await v.page.locator("#observablehq-main a[href^='./downloads/']").evaluateAll((as) => as.map((a) => [a.getAttribute("href"), (a as HTMLAnchorElement).href, a.getAttribute("download")]));
    const expected = [...TABLES.flatMap((t) => [`${t.name}.parquet`, `${t.name}.csv`, `${t.name}.excel.csv`]), "datapackage.json", "extraction_report.json", "extraction_report.txt"];
    expect(hrefs.map(([href]) => href).sort()).toEqual(expected.map((f) => `./downloads/${f}`).sort());
    for (const [href, url, download] of hrefs) {
      expect(download, href!).toBe(href!.replace("./downloads/", ""));
      const response = await v.page.request.get(url!);
      expect(response.status(), href!).toBe(200);
      const body = await response.body();
      expect(body.equals(readFileSync(join(inject("siteOut"), download!))), href!).toBe(true);
    }
    await v.page.context().close();
  });

  it("データ: the dictionary gives each table and column in Japanese, with the coded values' labels", async () => {
    const v = await visit(browser(), "/data.html");
    for (const table of TABLES) {
      const details = v.page.locator(`#dictionary details[data-table=${table.name}]`);
      expect(await details.locator("summary").textContent()).toContain(table.title_ja);
      expect(await details.locator("p.dictionary-description").textContent()).toBe(table.description_ja);
      const descriptions = await details.locator("td[data-label=説明]").allTextContents();
      expect(descriptions).toEqual(table.columns.map((c) => c.description_ja));
    }
    const status = await v.page.locator("#dictionary details[data-table=kpi_assessments] tr", { has: v.page.locator("code.column-name", { hasText: /^status$/ }) }).locator("td[data-label=値]").textContent();
    expect(status).toContain("below_threshold 基準未満");
    await v.page.context().close();
  });

  it("方法: every reason of the extraction report is shown in Japanese, and the documents' lines without markup", async () => {
    const report = JSON.parse(readFileSync(join(inject("siteOut"), "extraction_report.json"), "utf8")) as { entries: { reason: string; text: string }[] };
    const v = await visit(browser(), "/methodology.html");
    const reasons = await v.page.locator("#entries-table td.method-reason").evaluateAll((tds) => tds.map((td) => ({ text: td.textContent ?? "", untranslated: td.querySelector(".method-untranslated") !== null })));
    expect(reasons).toHaveLength(report.entries.length);
    expect(reasons.filter((r) => r.untranslated)).toEqual([]);
    expect(reasons.some((r) => r.text.includes("それ自体の目標・実績としては読んでいません"))).toBe(true);
    const texts = await v.page.locator("#entries-table td.method-text").allTextContents();
    expect(report.entries.some((e) => /<ul style=/.test(e.text))).toBe(true);
    for (const t of texts) expect(t).not.toMatch(/<\/?(?:p|ul|li|br)\b/);
    expect(texts.some((t) => t.includes("<広島県>"))).toBe(true); // an agency tag is the document's own word
    await v.page.context().close();
  });
});
