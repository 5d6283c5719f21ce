// The source pages' HTML (loaders/publish/site/source-pages.ts), the text they show (src/lib/display-text.js), and the
// finishing of Framework's pages (scripts/build-site.ts), without a browser.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sqlString, withDatabase } from "../loaders/analyze/db.ts";
import { build } from "../loaders/build.ts";
import type { SourceDoc } from "../loaders/extract/source.ts";
import { escapeHtml, pageLines, sourceIndexPage, sourcePage, sourcePaths, sourceRows } from "../loaders/publish/site/source-pages.ts";
import { finishPage, isDownload, SKIP_LINK } from "../scripts/build-site.ts";
import { displayText } from "../src/lib/display-text.js";

describe("displayText", () => {
  it("takes out the markup left in a document, keeping its lines, tabs and the words in angle brackets that are its own", () => {
    expect(displayText('全体KPI\t<ul style="list-style-type: none"> ○ひきこもり相談窓口 \t<ul style="list-style-type: none"> ○全市町')).toBe("全体KPI\t○ひきこもり相談窓口 \t○全市町");
    expect(displayText("\t<p><広島県></p> <ul> ○支援対象者の把握")).toBe("\t<広島県> ○支援対象者の把握");
    expect(displayText("就職</li><li>定着<br/>支援<BR>事業</LI>")).toBe("就職 定着 支援 事業");
    expect(displayText("<労働局> 1 < 2 > 0 <KPI> <pre-k>")).toBe("<労働局> 1 < 2 > 0 <KPI> <pre-k>");
    expect(displayText("一行目<p>\n<p>二行目")).toBe("一行目\n二行目");
    expect(displayText(null)).toBeNull();
    expect(displayText(undefined)).toBeUndefined();
  });
});

describe("escapeHtml", () => {
  it("writes markup, quotes and what Framework's Markdown would run (${…}) as text", () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>\${alert(1)}\`z\``)).toBe("&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;&#36;&#123;alert(1)&#125;&#96;z&#96;");
  });
});

describe("pageLines", () => {
  /** A workbook of two sheets, whose row numbers repeat: the second sheet's row 2 is the one cited. */
  const workbook: SourceDoc = {
    file: "book.xlsx",
    encoding: "binary",
    format: "xlsx",
    raw: ["'実績'", "年度\t実績", "R5\t120", "'目標'", "年度\t目標", "R5\t100"],
    lines: [],
    origins: [
      { line: 0, locator: "'実績'", cells: null },
      { line: 1, locator: "実績!A1:B1", cells: ["実績!A1", "実績!B1"] },
      { line: 2, locator: "実績!A2:B2", cells: ["実績!A2", "実績!B2"] },
      { line: 0, locator: "'目標'", cells: null },
      { line: 1, locator: "目標!A1:B1", cells: ["目標!A1", "目標!B1"] },
      { line: 2, locator: "目標!A2:B2", cells: ["目標!A2", "目標!B2"] },
    ],
    readErrors: [],
  };
  const record = { source_line: 2, source_locator: "目標!B2", prefecture_code: "01", body: "札幌市", program: "事業", kpi_name: "就職者数" };

  it("numbers each line as records cite it, shows its place, and anchors each number once: at the cited line when one is", () => {
    const lines = pageLines(workbook, [record], () => "../programs/x.html");
    expect(lines.map((l) => [l.number, l.locator, l.anchored, l.citations.length])).toEqual([
      [0, "'実績'", true, 0],
      [1, "実績!A1:B1", true, 0],
      [2, "実績!A2:B2", false, 0],
      [0, "'目標'", false, 0],
      [1, "目標!A1:B1", false, 0],
      [2, "目標!A2:B2", true, 1],
    ]);
    expect(lines[5]!.citations).toEqual([{ href: "../programs/x.html", body: "札幌市", program: "事業", kpis: ["就職者数"], records: 1 }]);
  });

  it("fails on a record citing a line the document does not have", () => {
    expect(() => pageLines(workbook, [{ ...record, source_line: 9 }], () => null)).toThrow(/cites line 9/);
  });
});

describe("the pages of a build's documents", () => {
  const sourcesDir = fileURLToPath(new URL("fixtures/general/sources/", import.meta.url));
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "kpi-source-pages-"));
    await build({ sourcesDir, curationDir: null, outDir: out, buildDate: "2026-01-01" });
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("has one page per document, text or not, each record's line anchored and marked", async () => {
    const sources = await sourceRows(out);
    expect(sources.map((s) => s.source_file)).toEqual(expect.arrayContaining(["prefecture_page.html", "open_data.csv", "prose_evaluation.txt"]));
    expect(await sourcePaths(out, Infinity)).toEqual(sources.map((s) => `/sources/${s.slug}`));
    expect(await sourcePaths(out, 2)).toHaveLength(2);
    for (const s of sources) {
      const page = await sourcePage(s.slug, out, sourcesDir);
      const { rows } = await withDatabase((c) => queryRows(c, `SELECT DISTINCT source_line FROM read_parquet(${sqlString(join(out, "kpi_records.parquet"))}) WHERE source_file = ${sqlString(s.source_file)}`));
      expect(rows.length > 0, s.source_file).toBe(s.n_records > 0);
      for (const r of rows) expect(page, `${s.source_file}:${r.source_line}`).toMatch(new RegExp(`<li id="L${r.source_line}" class="source-line source-line-cited">`));
      const ids = [...page.matchAll(/ id="(L\d+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size, `${s.source_file}: an id twice`).toBe(ids.length);
      // Markdown for Framework: one HTML block (no blank line inside it), no ${…} left to run.
      const body = page.slice(page.indexOf("\n---\n") + 5).trim();
      expect(body).not.toMatch(/\n\s*\n/);
      expect(body).not.toContain("${");
      expect(page).toContain("原本のURLは登録されていません");
    }
  });

  it("shows where a web page's lines stand (表 and 行) and the file's format", async () => {
    const [html] = (await sourceRows(out)).filter((s) => s.source_file === "prefecture_page.html");
    const page = await sourcePage(html!.slug, out, sourcesDir);
    expect(page).toMatch(/<span class="source-line-locator">表\d+ 行\d+<\/span>/);
    expect(page).toContain("ウェブページ（HTML）");
  });

  it("refuses a document that is not the one the build read, or is not there", async () => {
    const [s] = await sourceRows(out);
    const changed = mkdtempSync(join(tmpdir(), "kpi-source-changed-"));
    try {
      writeFileSync(join(changed, s!.source_file), readFileSync(join(sourcesDir, s!.source_file), "utf8") + "\n追記された行\n");
      await expect(sourcePage(s!.slug, out, changed)).rejects.toThrow(/not the one .* was built from/);
      rmSync(join(changed, s!.source_file));
      await expect(sourcePage(s!.slug, out, changed)).rejects.toThrow(/KPI_SOURCES_DIR/);
    } finally {
      rmSync(changed, { recursive: true, force: true });
    }
  });

  it("lists every document in the index, with its record count", async () => {
    const index = await sourceIndexPage(out, Infinity);
    for (const s of await sourceRows(out)) expect(index).toContain(`<a href="./${s.slug}.html">`);
    expect(index).toMatch(/title: "出典資料"/);
  });
});

/** The parts of a page as Framework 1.13 writes them, which finishPage rewrites. */
const FRAMEWORK_PAGE = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
</head>
<body>
<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">
<label id="observablehq-sidebar-backdrop" for="observablehq-sidebar-toggle"></label>
<nav id="observablehq-sidebar">
  <ol>
    <label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label>
    <li class="observablehq-link"><a href="./">就職氷河期世代支援 KPI</a></li>
  </ol>
</nav>
<div id="observablehq-center">
<aside id="observablehq-toc" data-selector="h1">
<nav>
<div>目次</div>
</nav>
</aside>
<main id="observablehq-main" class="observablehq">
</main>
</div>
</body>
</html>`;

describe("finishPage", () => {
  it("makes Framework's page Japanese, zoomable, with the skip link first and its lists and landmarks in order", () => {
    const page = finishPage(FRAMEWORK_PAGE);
    expect(page).toContain('<html lang="ja">');
    expect(page).toContain('content="width=device-width, initial-scale=1"');
    expect(page).toContain(`<body>\n${SKIP_LINK}\n<input id="observablehq-sidebar-toggle" type="checkbox" title="サイドバーの開閉" aria-label="サイドバーの開閉">`);
    expect(page).toContain('<li class="sidebar-close-item"><label id="observablehq-sidebar-close"');
    expect(page).toContain('<nav id="observablehq-sidebar" aria-label="サイト内のページ">');
    expect(page).toContain('<nav aria-label="目次">');
    expect(page).toContain('<main id="observablehq-main" class="observablehq" tabindex="-1">');
  });

  it("fails, naming what it looked for, when Framework's markup is not what it rewrites", () => {
    expect(() => finishPage(FRAMEWORK_PAGE.replace('title="Toggle sidebar"', 'title="Sidebar"'), "x.html")).toThrow(/x\.html: .*sidebar-toggle/);
    expect(() => finishPage(FRAMEWORK_PAGE.replace("<main id=", "<div id="), "x.html")).toThrow(/observablehq-main/);
    // A page without a table of contents needs none.
    expect(() => finishPage(FRAMEWORK_PAGE.replace(/<aside[\s\S]*<\/aside>\n/, ""))).not.toThrow();
  });
});

describe("isDownload", () => {
  it("publishes the tables' files, datapackage.json and the extraction report, nothing else", () => {
    for (const f of ["kpi_records.parquet", "kpi_records.csv", "kpi_records.excel.csv", "datapackage.json", "extraction_report.json", "extraction_report.txt"]) expect(isDownload(f), f).toBe(true);
    for (const f of ["README.md", ".lock", "kpi_records.parquet.tmp", "notes.txt"]) expect(isDownload(f), f).toBe(false);
  });
});
