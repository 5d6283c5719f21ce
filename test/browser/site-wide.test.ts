// What every page of the site must do, at a phone's width (390×844) and a desktop's (1440×900): no sideways scroll of
// the page, no serious or critical axe-core violation anywhere in it (Framework's sidebar, header and footer too),
// no English UI text, and every 出典 link (a.source-link) landing on an element of its document's page. Also: the
// extracts at their stable addresses (/downloads/<file>), and screenshots of the source pages.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { isDownload } from "../../scripts/build-site.ts";
import { builtTable, queryBuilt, screenshot, SCREENSHOTS, siteUrl, useBrowser, visit } from "./browser.ts";
import { ALLOWED_TERMS, dataWords, englishText, PAGES, resolvePage, seriousViolations, settle, sourcePage, WIDTHS } from "./site-checks.ts";
import { sourceSlug } from "../../src/lib/source-slug.js";

// ---------------------------------------------------------------------------------------------------------------
// The checks

const browser = useBrowser();
let allowedWords: string[] | undefined;
/** Every a.source-link href met on a page, with the page it was on. */
const sourceLinks = new Map<string, string>();

describe("every page, at 390×844 and 1440×900", () => {
  const cases = PAGES.flatMap((path) => WIDTHS.map((size) => [path, size.width, size.height] as const));
  it.each(cases)("%s at %i px: no sideways scroll, no serious axe-core violation, no English UI text", { timeout: 180_000 }, async (path, width, height) => {
    allowedWords ??= [...ALLOWED_TERMS, ...(await dataWords())];
    const url = await resolvePage(path);
    const v = await visit(browser(), url, { width, height });
    try {
      await settle(v.page, url);
      const { scrollWidth, clientWidth } = await v.page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      expect.soft(scrollWidth, `${url} at ${width}px scrolls sideways`).toBeLessThanOrEqual(clientWidth);
      for (const href of await v.page.$$eval("a.source-link", (as) => as.map((a) => (a as HTMLAnchorElement).href))) if (!sourceLinks.has(href)) sourceLinks.set(href, url);
      expect.soft(await seriousViolations(v.page), `${url} at ${width}px: axe-core`).toEqual([]);
      // Last: it opens every <details>.
      const english = (await englishText(v.page, allowedWords)).map((e) => `${e.where}: «${e.text}» (${e.words.join(", ")})`);
      expect.soft(english, `${url} at ${width}px: English UI text`).toEqual([]);
      expect.soft(v.problems, `${url} at ${width}px: errors`).toEqual([]);
      expect.soft(v.foreign, `${url} at ${width}px: requests to other hosts`).toEqual([]);
    } finally {
      await v.page.context().close();
    }
  });
});

/** The HTML of a built page, fetched as any browser would (cached: one request per page). */
const fetched = new Map<string, Promise<string | null>>();
function builtPage(path: string): Promise<string | null> {
  if (!fetched.has(path)) fetched.set(path, fetch(siteUrl(path)).then((r) => (r.ok ? r.text() : null)));
  return fetched.get(path)!;
}

/** Whether a page's HTML has an element of this id. */
function hasId(html: string, id: string): boolean {
  return html.includes(` id="${id}"`);
}

describe("出典 links", () => {
  it("every 出典 link met on the pages above opens a page that has the line it names (its #L<n>)", { timeout: 120_000 }, async () => {
    const broken: string[] = [];
    for (const [href, from] of sourceLinks) {
      const url = new URL(href);
      const html = await builtPage(url.pathname);
      const id = decodeURIComponent(url.hash.slice(1));
      // A link to a document as a whole (no #L<n>) needs only its page.
      if (html === null) broken.push(`${from}: ${url.pathname}${url.hash}: no such page`);
      else if (id && !hasId(html, id)) broken.push(`${from}: ${url.pathname}${url.hash}: the page has no element ${url.hash}`);
    }
    expect(sourceLinks.size, "no page showed a 出典 link").toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });

  it("every record's line has its anchor on its document's page, whichever page links to it", async () => {
    const rows = await queryBuilt(`SELECT DISTINCT source_file, source_line FROM ${builtTable("kpi_records")} ORDER BY ALL`);
    expect(rows.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const r of rows) {
      const html = await builtPage(`/sources/${sourceSlug(r.source_file)}.html`);
      if (html === null || !hasId(html, `L${r.source_line}`)) missing.push(`${r.source_file}:${r.source_line}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("downloads", () => {
  it("every extract of the build is at /downloads/<file name>, byte for byte", async () => {
    const out = inject("siteOut");
    const files = readdirSync(out).filter(isDownload).sort();
    expect(files).toEqual(expect.arrayContaining(["datapackage.json", "extraction_report.json", "extraction_report.txt", "kpi_records.parquet", "kpi_records.csv", "kpi_records.excel.csv"]));
    for (const f of files) {
      const response = await fetch(siteUrl(`/downloads/${f}`));
      expect(response.status, f).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(out, f))), `${f} differs from the build's`).toBe(true);
    }
  });
});

describe("screenshots of the source pages", () => {
  it.each(WIDTHS)("出典資料 and a document's page at $width px", async ({ width, height }) => {
    const index = await visit(browser(), "/sources/", { width, height });
    await screenshot(index.page, `sources-${width}`);
    await index.page.context().close();
    // A document's page runs to tens of thousands of pixels on a phone: the view a 出典 link opens, its line marked.
    const doc = await visit(browser(), `${sourcePage()}#L47`, { width, height });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await doc.page.screenshot({ path: `${SCREENSHOTS}source-page-${width}.png` });
    await doc.page.context().close();
  });
});
