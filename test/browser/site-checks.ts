// Checks every page of the site is held to (site-wide.test.ts, accessibility.test.ts, sources.test.ts, and the pages'
// own tests): the pages to visit, the English-text check, axe-core over a page or its content.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { readSource } from "../../loaders/extract/source.ts";
import { siteSourcesDir } from "../../loaders/publish/site/source-pages.ts";
import { builtTable, queryBuilt } from "./browser.ts";
import { programId } from "../../src/lib/program-id.js";
import { sourceSlug } from "../../src/lib/source-slug.js";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
] as const;

/** The source page the tests open: the Hiroshima platform's KPI table, with lines of thousands of characters and markup residue. */
export const SOURCE_FILE = "004_4ad8838386d70738.txt";

/** A program page with a multi-year series (the Hiroshima platform's), the busiest kind. */
export async function programPage(): Promise<string> {
  const [p] = await queryBuilt(`SELECT DISTINCT prefecture_code, body, program FROM ${builtTable("kpi_series")} WHERE body LIKE '%ひろしまプラットフォーム' ORDER BY ALL LIMIT 1`);
  return `/programs/${programId(p!.prefecture_code, p!.body, p!.program)}.html`;
}

export function sourcePage(file = SOURCE_FILE): string {
  return `/sources/${sourceSlug(file)}.html`;
}

export const PAGES = ["/", "/flags.html", "/prefectures.html", "/programs/", "program", "/sql.html", "/data.html", "/methodology.html", "/sources/", "source"];

export async function resolvePage(path: string): Promise<string> {
  if (path === "program") return programPage();
  if (path === "source") return sourcePage();
  return path;
}

/** Waits until a page has drawn what it draws after load (the SQL page's first query runs in DuckDB-WASM). */
export async function settle(page: Page, path: string): Promise<void> {
  if (path === "/sql.html") await page.locator(".sql-rowcount").first().waitFor({ timeout: 90_000 });
}

// ---------------------------------------------------------------------------------------------------------------
// English UI text

/**
 * Terms a Japanese page may write in Latin letters: the allowed terms of the site's style (KPI, SQL, CSV, Parquet,
 * Excel, DuckDB, Arrow, JSON, PDF, URL, FY, ID), and the key name in the sidebar toggle's shortcut (Alt-B). Single
 * letters (n, p.3 l.12), numbers, file names and paths, URLs and snake_case identifiers (column and table names) are
 * allowed by the check itself (see ALLOWED_PATTERNS), and so is every word of the source documents and of the records'
 * own text (a program named 「しごと相談カフェiroha」 is the document's, not the site's).
 */
export const ALLOWED_TERMS = ["KPI", "KPIs", "SQL", "CSV", "Parquet", "Excel", "DuckDB", "Arrow", "JSON", "PDF", "URL", "FY", "ID", "Alt"];

/**
 * What a Japanese page writes in Latin letters that is no English UI text: URLs, file names, paths (data/sources/),
 * snake_case identifiers, sizes (34.1 KB), a date's pattern (YYYY-MM-DD), SHA-256. A proper name with no Japanese form
 * people use (Wilson, Frictionless Data Package, CC BY) is marked as another language, lang="en", and left out too.
 * Regular expression sources, applied with the flags "gi".
 */
export const ALLOWED_PATTERNS = [
  String.raw`https?://\S+`,
  String.raw`[\w.-]*\.(?:txt|csv|parquet|json|pdf|html?|xlsx|tsv|zip|md|sql|js|ts|arrow|wasm|png)\b`,
  String.raw`(?:[\w.-]+/)+[\w.-]*`,
  String.raw`\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b`,
  String.raw`\d\s*(?:[KMG]B|bytes)\b`,
  String.raw`\bY{2,4}-MM-DD\b`,
  String.raw`\bSHA-256\b`,
];

/** The words of the source documents and of the records' free text (lowercase): content, not UI. */
export async function dataWords(): Promise<string[]> {
  const words = new Set<string>();
  const add = (text: unknown) => {
    for (const w of String(text ?? "").match(/[A-Za-z]{2,}/g) ?? []) words.add(w.toLowerCase());
  };
  const dir = siteSourcesDir();
  for (const file of readdirSync(dir).filter((f) => !/^(README\.md|sources\.csv)$/.test(f))) {
    for (const line of (await readSource(file, readFileSync(join(dir, file)))).raw) add(line);
  }
  const rows = await queryBuilt(`SELECT body, program, kpi_name, unit, note, source_text FROM ${builtTable("kpi_records")}`);
  for (const r of rows) Object.values(r).forEach(add);
  for (const r of await queryBuilt(`SELECT title, publisher FROM ${builtTable("sources")}`)) Object.values(r).forEach(add);
  return [...words].sort();
}

export interface EnglishText {
  /** The text node's text, or the attribute's value. */
  text: string;
  /** The words in it that are English UI. */
  words: string[];
  /** Where: a CSS-like path of the element, and the attribute when it is one. */
  where: string;
}

/**
 * The text nodes and the attributes people read (title, placeholder, alt, aria-label) whose words are English, in a
 * loaded page: every text node of the body (or of the element `root` selects) outside code, pre, kbd and samp (and
 * scripts, styles), outside text marked lang="en" (a proper name) and outside the elements `exclude` selects (text
 * that is data, not the page's words), of elements that are shown — closed <details> are opened first, since what
 * they hold is UI too. SVG mark groups' aria-labels (Observable Plot's <g aria-label="dot">) are left out: on a <g>
 * without a role, no assistive technology reads them.
 */
export async function englishText(page: Page, allowed: readonly string[], { root = "body", exclude = [] }: { root?: string; exclude?: readonly string[] } = {}): Promise<EnglishText[]> {
  return page.evaluate(([allowedWords, allowedPatterns, root, exclude]) => {
    const ok = new Set(allowedWords.map((w) => w.toLowerCase()));
    const scope = document.querySelector(root);
    if (!scope) return [{ text: "", words: [], where: `no ${root}` }];
    for (const d of scope.querySelectorAll("details:not([open])")) (d as HTMLDetailsElement).open = true;
    const SKIP = ["code, pre, kbd, samp, script, style, template, noscript, textarea, [lang^='en']", ...exclude].join(", ");
    const patterns = allowedPatterns.map((p) => new RegExp(p, "gi"));
    const strip = (text: string) => patterns.reduce((t, p) => t.replace(p, " "), text);
    const englishWords = (text: string) => (strip(text).match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ok.has(w.toLowerCase()));
    const describe = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        parts.unshift(e.id ? `${e.tagName.toLowerCase()}#${e.id}` : `${e.tagName.toLowerCase()}${e.classList.length ? `.${[...e.classList].join(".")}` : ""}`);
      }
      return parts.join(" > ");
    };
    const found: { text: string; words: string[]; where: string }[] = [];
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest(SKIP) || !el.checkVisibility()) continue;
      const words = englishWords(node.textContent ?? "");
      if (words.length) found.push({ text: (node.textContent ?? "").trim().slice(0, 120), words, where: describe(el) });
    }
    for (const el of scope.querySelectorAll("[title], [placeholder], [alt], [aria-label]")) {
      if (el.closest(SKIP)) continue;
      for (const name of ["title", "placeholder", "alt", "aria-label"]) {
        const value = el.getAttribute(name);
        if (!value || (name === "aria-label" && el instanceof SVGGElement)) continue;
        const words = englishWords(value);
        if (words.length) found.push({ text: value.slice(0, 120), words, where: `${describe(el)}[${name}]` });
      }
    }
    return found;
  }, [allowed, ALLOWED_PATTERNS, root, exclude] as const);
}

// ---------------------------------------------------------------------------------------------------------------
// axe-core

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[]; html: string }[];
}

/**
 * axe-core over the whole page, or only the element `within` selects (the page's content, #observablehq-main),
 * violations of impact serious or critical. One exception, a library's: Observable Plot names its mark groups
 * (<g aria-label="dot">) without a role (aria-prohibited-attr); nothing reads those names.
 */
export async function seriousViolations(page: Page, { within }: { within?: string } = {}): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = (await page.evaluate((within) =>
    (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe
      .run(within ? { include: [[within]] } : document, { resultTypes: ["violations"] })
      .then((r) => r.violations),
  within ?? null)) as AxeViolation[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ ...v, nodes: v.id === "aria-prohibited-attr" ? v.nodes.filter((n) => !/^<g aria-label="[^"]*"/.test(n.html)) : v.nodes }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}${v.nodes.length > 3 ? ` …${v.nodes.length} in all` : ""}`);
}
