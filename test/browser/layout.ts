// Checks of a page as a reader sees it: no sideways scroll of the page, and no English outside code.
import type { Page } from "playwright-core";

/** Terms the pages may show in Latin letters (docs: the issue's list of allowed terms). */
export const ALLOWED_TERMS = ["KPI", "SQL", "CSV", "Parquet", "Excel", "DuckDB", "Arrow", "JSON", "PDF", "URL", "FY", "ID", "KB", "SHA-256", "n"];

/**
 * Words of Latin letters in the visible text of `root` outside code (code, pre, kbd, samp), text marked as another
 * language (lang="en": a proper name such as Wilson) and the elements of `exclude`, other than ALLOWED_TERMS, file
 * names and identifiers (anything with a dot, slash or underscore) and date patterns (YYYY-MM-DD). Each with its text.
 */
export async function englishOutsideCode(page: Page, root = "#observablehq-main", exclude: string[] = []): Promise<string[]> {
  return page.evaluate(
    ({ root, exclude, allowed }) => {
      const skip = ["code", "pre", "kbd", "samp", "script", "style", "[lang=en]", "[hidden]", ...exclude].join(",");
      const found: string[] = [];
      const scope = document.querySelector(root);
      if (!scope) return [`no ${root}`];
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest(skip)) continue;
        // text a reader cannot see (closed <details>, display: none) is checked too: it opens
        const text = node.textContent ?? "";
        const words = text
          .replace(/\S*[./_]\S*/g, " ")
          .replace(/\bY{4}-M{2}-D{2}\b/g, " ")
          .replace(/\bFY\d{4}\b/g, " ")
          .match(/[A-Za-z][A-Za-z0-9-]*/g);
        for (const w of words ?? []) if (!allowed.includes(w) && !/^[A-Z]?\d/.test(w)) found.push(`${w} in ${JSON.stringify(text.trim().slice(0, 80))}`);
      }
      return found;
    },
    { root, exclude, allowed: ALLOWED_TERMS },
  );
}

/** The page's sideways overflow at the current viewport, and the widest elements sticking out of it. */
export async function sidewaysScroll(page: Page): Promise<{ scrollWidth: number; clientWidth: number; wide: string[] }> {
  return page.evaluate(() => {
    const { scrollWidth, clientWidth } = document.documentElement;
    const wide: string[] = [];
    if (scrollWidth > clientWidth) {
      for (const el of document.querySelectorAll("#observablehq-main *")) {
        const r = el.getBoundingClientRect();
        if (r.right > clientWidth + 1 && wide.length < 8) wide.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].join(".")} right=${Math.round(r.right)}`);
      }
    }
    return { scrollWidth, clientWidth, wide };
  });
}
