// The source documents' pages (/sources/<slug>.html) and their index (/sources/): what each shows of its document,
// the line a 出典 link opens, and text from the documents and the curation shown as text.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { siteSourcesDir } from "../../loaders/publish/site/source-pages.ts";
import { COVERAGE_LABELS, DOCUMENT_KIND_LABELS, WRITTEN_ON_BASIS_LABELS } from "../../src/lib/labels.js";
import { builtTable, queryBuilt, siteUrl, useBrowser, visit } from "./browser.ts";
import { SOURCE_FILE, sourcePage } from "./site-checks.ts";
import { programId } from "../../src/lib/program-id.js";

const browser = useBrowser();

describe("出典資料 (/sources/)", () => {
  it("lists every document of the build with its title (linked to its page), publisher, date, coverage and record count", async () => {
    const sources = await queryBuilt(`SELECT * FROM ${builtTable("sources")} ORDER BY source_file`);
    const { page } = await visit(browser(), "/sources/", { width: 1440, height: 900 });
    const rows = await page.locator(".source-index-table tbody tr").evaluateAll((trs) =>
      trs.map((tr) => ({ cells: [...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""), href: tr.querySelector("a")?.getAttribute("href") })),
    );
    expect(rows).toHaveLength(sources.length);
    sources.forEach((s, i) => {
      const [title, publisher, date, coverage, count] = rows[i]!.cells;
      expect(title).toContain(String(s.title));
      expect(title).toContain(String(s.source_file));
      expect(publisher).toBe(String(s.publisher));
      expect(date).toContain(s.written_on ? String(s.written_on) : "不明");
      expect(coverage).toBe(COVERAGE_LABELS[String(s.coverage)]);
      expect(count).toBe(`${s.n_records}件`);
    });
    for (const { href } of rows) expect((await fetch(new URL(href!, siteUrl("/sources/"))).then((r) => r.status))).toBe(200);
    expect(await page.locator("#observablehq-sidebar .observablehq-link-active").textContent()).toBe("出典資料");
    await page.context().close();
  });
});

describe("a document's page", () => {
  it("states the document's facts: publisher, prefectures, date and its basis, kind, coverage, that no URL is known, its records", async () => {
    const [s] = await queryBuilt(`SELECT * FROM ${builtTable("sources")} WHERE source_file = '${SOURCE_FILE}'`);
    const { page } = await visit(browser(), sourcePage(), { width: 1440, height: 900 });
    expect(await page.locator("h1").textContent()).toBe(s!.title);
    expect(await page.title()).toContain(String(s!.title));
    const facts = Object.fromEntries(
      await page.locator(".source-facts dt").evaluateAll((dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent ?? ""])),
    );
    expect(facts["発行者"]).toBe(s!.publisher);
    expect(facts["対象の都道府県"]).toBe(String(s!.prefectures).split("; ").join("、"));
    expect(facts["作成時点"]).toBe(`${s!.written_on}（根拠: ${WRITTEN_ON_BASIS_LABELS[String(s!.written_on_basis)]}）`);
    expect(facts["資料の種類"]).toBe(DOCUMENT_KIND_LABELS[String(s!.document_kind)]);
    expect(facts["資料の網羅性"]).toContain(COVERAGE_LABELS[String(s!.coverage)]);
    expect(s!.url).toBeNull();
    expect(facts["原本"]).toBe("原本のURLは登録されていません");
    expect(facts["レコード数"]).toBe(`${s!.n_records}件`);
    await page.context().close();
  });

  it("shows every line of the file under its number, markup residue left out and the document's own <広島県> kept", async () => {
    const file = readFileSync(join(siteSourcesDir(), SOURCE_FILE), "utf8").replace(/\n$/, "").split("\n");
    const { page } = await visit(browser(), sourcePage(), { width: 1440, height: 900 });
    const lines = await page.locator(".source-line").evaluateAll((lis) =>
      lis.map((li) => ({ id: li.id, number: li.querySelector(".source-line-no")?.textContent, text: li.querySelector(".source-line-text")?.textContent ?? "" })),
    );
    expect(lines).toHaveLength(file.length);
    lines.forEach((l, i) => {
      expect(l.id).toBe(`L${i + 1}`);
      expect(l.number).toBe(String(i + 1));
    });
    expect(file.some((l) => l.includes('<ul style="list-style-type: none">'))).toBe(true);
    const shown = lines.map((l) => l.text).join("\n");
    for (const residue of ["<ul", "<p>", "</p>", "</li>", "style="]) expect(shown).not.toContain(residue);
    expect(shown).toContain("<広島県>");
    expect(lines[46]!.text.startsWith("全体KPI\t○ひきこもり相談窓口を全市町")).toBe(true);
    await page.context().close();
  });

  it("marks exactly the lines records cite, each linking to the pages of the programs citing it", async () => {
    const records = await queryBuilt(`SELECT source_line, prefecture_code, body, program FROM ${builtTable("kpi_records")} WHERE source_file = '${SOURCE_FILE}'`);
    const { page } = await visit(browser(), sourcePage(), { width: 1440, height: 900 });
    const cited = await page.locator(".source-line-cited").evaluateAll((lis) => lis.map((li) => ({ id: li.id, links: [...li.querySelectorAll(".source-line-cites a")].map((a) => a.getAttribute("href")) })));
    expect(cited.map((c) => c.id)).toEqual([...new Set(records.map((r) => `L${r.source_line}`))].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    for (const r of records) {
      const line = cited.find((c) => c.id === `L${r.source_line}`)!;
      expect(line.links).toContain(`../programs/${programId(r.prefecture_code, r.body, r.program)}.html`);
    }
    for (const href of new Set(cited.flatMap((c) => c.links))) expect(await fetch(new URL(href!, siteUrl(sourcePage()))).then((r) => r.status), href!).toBe(200);
    await page.context().close();
  });

  it("opened at a line (#L47), shows that line on screen, marked, on a phone and on a desktop", async () => {
    for (const [width, height] of [[390, 844], [1440, 900]]) {
      const { page } = await visit(browser(), `${sourcePage()}#L47`, { width: width!, height: height! });
      const target = await page.evaluate(() => {
        const el = document.querySelector(":target")!;
        const other = document.querySelector("#L48")!;
        const r = el.getBoundingClientRect();
        return { id: el.id, top: r.top, bottom: r.bottom, background: getComputedStyle(el).backgroundColor, other: getComputedStyle(other).backgroundColor, outline: getComputedStyle(el).outlineStyle };
      });
      expect(target.id).toBe("L47");
      expect(target.top).toBeGreaterThanOrEqual(0);
      expect(target.top).toBeLessThan(height!);
      expect(target.background).not.toBe(target.other);
      expect(target.outline).toBe("solid");
      await page.context().close();
    }
  });

  it("wraps its longest lines within a phone's width", async () => {
    const { page } = await visit(browser(), sourcePage(), { width: 390, height: 844 });
    const widest = await page.locator(".source-line").evaluateAll((lis) => Math.max(...lis.map((li) => li.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it("shows the curation's markup as text and runs none of it (the hostile test row cites 000…txt line 11)", async () => {
    const { page, problems } = await visit(browser(), "/sources/000_784b4eb4b4837a87-txt.html#L11", { width: 1440, height: 900 });
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    const cites = await page.locator("#L11 .source-line-cites").textContent();
    expect(cites).toContain("<script>window.__xss='script'</script>");
    expect(await page.locator("#L11 .source-line-cites script, #L11 .source-line-cites img").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
