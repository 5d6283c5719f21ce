// Every page of the built site loads cleanly, offline, in Japanese.
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { screenshot, SCREENSHOTS, useBrowser, visit } from "./browser.ts";

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
