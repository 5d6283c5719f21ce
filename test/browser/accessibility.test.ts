// Every page's content passes axe-core and fits a 390 px wide phone without sideways scrolling of the page.
// axe checks the page's own content (#observablehq-main): Framework's sidebar and header are Framework's. Two things
// come from libraries and are left out: Observable Plot labels its mark groups (<g aria-label="dot">) without a role
// (aria-prohibited-attr), and Inputs.table has an empty header over its selection column.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { builtTable, queryBuilt, useBrowser, visit } from "./browser.ts";
// @ts-expect-error: a plain JavaScript module of the site
import { programId } from "../../src/components/program-id.js";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const PAGES = ["/", "/flags.html", "/prefectures.html", "/programs/", "/sql.html", "/data.html", "/methodology.html"];

const browser = useBrowser();

/** A program page with a multi-year series (the Hiroshima platform's), the busiest kind. */
async function programPage(): Promise<string> {
  const [p] = await queryBuilt(`SELECT DISTINCT prefecture_code, body, program FROM ${builtTable("kpi_series")} WHERE body LIKE '%ひろしまプラットフォーム' ORDER BY ALL LIMIT 1`);
  return `/programs/${programId(p!.prefecture_code, p!.body, p!.program)}.html`;
}

interface AxeResult {
  violations: { id: string; nodes: { target: string[] }[] }[];
}

describe("accessibility", () => {
  it.each([...PAGES, "program"])("%s: no axe-core violation in the page's content, at 1280 px and at 390 px, and no sideways scroll at 390 px", { timeout: 120_000 }, async (path) => {
    const url = path === "program" ? await programPage() : path;
    for (const width of [1280, 390]) {
      const v = await visit(browser(), url, { width });
      if (url === "/sql.html") await v.page.locator(".sql-rowcount").waitFor({ timeout: 90_000 });
      const { scrollWidth, clientWidth } = await v.page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      if (width === 390) expect(scrollWidth, `${url} at ${width}px`).toBeLessThanOrEqual(clientWidth);
      await v.page.addScriptTag({ content: AXE });
      const result = (await v.page.evaluate(() =>
        (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }).axe.run(
          { include: [["#observablehq-main"]], exclude: [["form[id^='inputs-']:has(> table)"]] },
          { resultTypes: ["violations"], rules: { "aria-prohibited-attr": { enabled: false } } },
        ),
      )) as AxeResult;
      expect(result.violations.map((r) => `${r.id}: ${r.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`), `${url} at ${width}px`).toEqual([]);
      expect(v.problems).toEqual([]);
      await v.page.context().close();
    }
  });
});
