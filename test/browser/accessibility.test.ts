// Framework's own chrome, as scripts/build-site.ts finishes it: a skip link first, a sidebar toggle named in Japanese
// and worked from the keyboard, named landmarks, pages that zoom, and none of Framework's English words.
// The whole-page axe-core check, the sideways-scroll check and the English-text check of every page at two widths are
// in site-wide.test.ts.
import { describe, expect, it } from "vitest";
import { SKIP_LINK } from "../../scripts/build-site.ts";
import { siteUrl, useBrowser, visit } from "./browser.ts";
import { programPage, sourcePage, WIDTHS } from "./site-checks.ts";

const PAGES = ["/", "/flags.html", "/prefectures.html", "/programs/", "/sql.html", "/data.html", "/methodology.html", "/sources/"];

const browser = useBrowser();

async function allPages(): Promise<string[]> {
  return [...PAGES, await programPage(), sourcePage()];
}

async function html(path: string): Promise<string> {
  const response = await fetch(siteUrl(path));
  expect(response.status, path).toBe(200);
  return response.text();
}

describe("Framework's chrome, in every page's HTML", () => {
  it("is Japanese (lang, table of contents, sidebar toggle), zoomable, and starts with the skip link", async () => {
    for (const path of await allPages()) {
      const page = await html(path);
      expect(page, path).toMatch(/<html lang="ja"/);
      expect(page.slice(page.indexOf("<body>"), page.indexOf("<body>") + 200), path).toContain(`<body>\n${SKIP_LINK}`);
      const viewport = /<meta name="viewport" content="([^"]*)"/.exec(page)?.[1];
      expect(viewport, path).toBeDefined();
      expect(viewport, `${path}: people must be able to zoom`).not.toMatch(/maximum-scale|user-scalable\s*=\s*(no|0)/);
      for (const english of ["Contents", "Toggle sidebar", "Copy code"]) expect(page, path).not.toContain(english);
      expect(page, path).toContain('<nav id="observablehq-sidebar" aria-label="サイト内のページ">');
      expect(page, path).toContain('aria-label="サイドバーの開閉"');
    }
  });

  it("the client bundle that sets the toggle's and the copy button's titles sets them in Japanese", async () => {
    const page = await html("/data.html");
    const bundle = /href="\.\/(_observablehq\/client\.[0-9a-f]+\.js)"/.exec(page)?.[1];
    expect(bundle).toBeDefined();
    const code = await html(`/${bundle}`);
    expect(code).not.toContain("Toggle sidebar");
    expect(code).not.toContain("Copy code");
    expect(code).toContain("サイドバーの開閉");
    expect(code).toContain("コードをコピー");
  });
});

describe("keyboard", () => {
  it.each(WIDTHS)("at $width px the first Tab reaches 「本文へ移動」, shown on screen, and Enter moves the focus to the page's content", async ({ width, height }) => {
    const { page } = await visit(browser(), "/methodology.html", { width, height });
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, href: document.activeElement?.getAttribute("href") }));
    expect(focused).toEqual({ text: "本文へ移動", href: "#observablehq-main" });
    const box = await page.locator(".skip-link").boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("observablehq-main");
    // The next Tab goes on from the content, not from the top of the page again.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("#observablehq-main")))).toBe(true);
    await page.context().close();
  });

  it("on a phone, the sidebar toggle (the second Tab stop) is named サイドバーの開閉 and opens and closes the sidebar with the space bar", async () => {
    const { page } = await visit(browser(), "/sources/", { width: 390, height: 844 });
    const toggle = page.getByRole("checkbox", { name: "サイドバーの開閉" });
    expect(await toggle.count()).toBe(1);
    expect(await toggle.getAttribute("title")).toMatch(/^サイドバーの開閉/);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("observablehq-sidebar-toggle");
    const sidebarShown = () => page.evaluate(() => {
      const r = document.querySelector("#observablehq-sidebar")!.getBoundingClientRect();
      return getComputedStyle(document.querySelector("#observablehq-sidebar")!).visibility === "visible" && r.left >= 0;
    });
    expect(await sidebarShown()).toBe(false);
    await page.keyboard.press("Space");
    await page.waitForTimeout(300); // the sidebar slides in (150 ms)
    expect(await sidebarShown()).toBe(true);
    expect(await page.locator("#observablehq-sidebar a", { hasText: "出典資料" }).isVisible()).toBe(true);
    await page.keyboard.press("Space");
    await page.waitForTimeout(300);
    expect(await sidebarShown()).toBe(false);
    await page.context().close();
  });
});

describe("Framework's words in the pages", () => {
  it("the table of contents is headed 目次 and its navigation is named", async () => {
    const { page } = await visit(browser(), "/methodology.html", { width: 1440, height: 900 });
    expect(await page.locator("#observablehq-toc nav > div").first().textContent()).toBe("目次");
    expect(await page.locator("#observablehq-toc nav").getAttribute("aria-label")).toBe("目次");
    await page.context().close();
  });

  it("code blocks' copy buttons are titled コードをコピー", async () => {
    const { page } = await visit(browser(), "/data.html", { width: 1440, height: 900 });
    const titles = await page.locator(".observablehq-pre-copy").evaluateAll((buttons) => buttons.map((b) => b.getAttribute("title")));
    expect(titles.length).toBeGreaterThan(0);
    expect(new Set(titles)).toEqual(new Set(["コードをコピー"]));
    await page.context().close();
  });
});
