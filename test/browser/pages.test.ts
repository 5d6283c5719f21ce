// Every page of the built site loads cleanly, offline, in Japanese.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot, visit } from "./browser.ts";

const PAGES = [
  ["index", "/"],
  ["flags", "/flags.html"],
  ["prefectures", "/prefectures.html"],
  ["programs", "/programs/"],
  ["sql", "/sql.html"],
  ["data", "/data.html"],
  ["methodology", "/methodology.html"],
] as const;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("every page", () => {
  it.each(PAGES)("%s loads with no error, no failed request and no request to another host", async (name, path) => {
    const { page, problems, foreign } = await visit(browser, path);
    expect(await page.getAttribute("html", "lang")).toBe("ja");
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await screenshot(page, name);
    await page.context().close();
  });
});
