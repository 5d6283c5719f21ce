// Headless Chromium (Debian's, through playwright-core) with every request, console error and page error recorded.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { queryRows, sqlString, withDatabase, type Plain } from "../../loaders/analyze/db.ts";
import { launch } from "./chromium.ts";

export const SCREENSHOTS = new URL("../screenshots/", import.meta.url).pathname;

export function siteUrl(path = "/"): string {
  return inject("siteUrl") + path;
}

/** One Chromium for a test file: launched before its tests, closed after them. Call at the top level. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is not launched yet");
    return browser;
  };
}

/** A table of the test build as SQL: read_parquet('<siteOut>/<name>.parquet'). */
export function builtTable(name: string): string {
  return `read_parquet(${sqlString(join(inject("siteOut"), `${name}.parquet`))})`;
}

/** Runs SQL with @duckdb/node-api (e.g. over builtTable(...)), for the figures a page must show. */
export async function queryBuilt(sql: string): Promise<Record<string, Plain>[]> {
  return (await withDatabase((c) => queryRows(c, sql))).rows;
}

export interface Visit {
  page: Page;
  /** console errors, uncaught page errors and failed or non-2xx requests */
  problems: string[];
  /** requests to any host but the site's own */
  foreign: string[];
  /** bytes received (headers and body), by URL */
  transferred: Map<string, number>;
}

/** Opens a page of the built site and waits until the network is idle. */
export async function visit(browser: Browser, path: string, options: { width?: number; height?: number } = {}): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, locale: "ja-JP", acceptDownloads: true });
  const page = await context.newPage();
  const own = new URL(siteUrl()).host;
  const problems: string[] = [];
  const foreign: string[] = [];
  const transferred = new Map<string, number>();
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (/^https?:$/.test(url.protocol) && url.host !== own) foreign.push(r.url());
  });
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on("requestfinished", async (r) => {
    // bytes on the wire (headers and body) as Chromium counts them; works for bodies it does not keep, like the wasm
    const sizes = await r.sizes().catch(() => null);
    if (sizes) transferred.set(r.url(), sizes.responseHeadersSize + sizes.responseBodySize);
  });
  await page.goto(siteUrl(path), { waitUntil: "networkidle" });
  return { page, problems, foreign, transferred };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}
