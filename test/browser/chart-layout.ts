// Checks of a page's charts and tables as a reader sees them, for the overview (概要), 都道府県比較 and other pages'
// tests: the page does not scroll sideways, no two labels of a chart overlap, a tooltip stays inside the window, a
// chart is an image with a name, a mark stands out from its background, and a wide table is one card per row on a
// phone. axe-core is run by seriousViolations (site-checks.ts).
import type { Locator, Page } from "playwright-core";

/** The two screens every page is checked at: a phone and a desktop. */
export const SCREENS = [
  { name: "390", width: 390, height: 844 },
  { name: "1440", width: 1440, height: 900 },
] as const;

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

/**
 * The pairs of a chart's texts whose boxes intersect (by more than half a pixel), and the texts sticking out of the
 * chart sideways: every <text> of the svg that is shown, tooltips left out. Empty when the labels are laid out.
 */
export async function labelCollisions(chart: Locator): Promise<string[]> {
  return chart.evaluate((svg) => {
    const shown = (t: Element) => {
      const r = t.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(t).display !== "none" && getComputedStyle(t).visibility !== "hidden" && !t.closest('[display="none"]');
    };
    const texts = [...svg.querySelectorAll("text")].filter((t) => !t.closest('[aria-label="tip"]') && (t.textContent ?? "").trim() !== "" && shown(t));
    const boxes = texts.map((t) => ({ text: t.textContent ?? "", r: t.getBoundingClientRect() }));
    const found: string[] = [];
    const frame = svg.getBoundingClientRect();
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i]!;
      if (a.r.left < frame.left - 0.5 || a.r.right > frame.right + 0.5) found.push(`「${a.text}」 leaves the chart (${Math.round(a.r.left - frame.left)}..${Math.round(a.r.right - frame.left)} of ${Math.round(frame.width)})`);
      for (let j = i + 1; j < boxes.length; j++) {
        const b = boxes[j]!;
        const overlap = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left) > 0.5 && Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top) > 0.5;
        if (overlap) found.push(`「${a.text}」 × 「${b.text}」`);
      }
    }
    return found;
  });
}

/** How many texts a chart shows (tooltips left out): a check that labelCollisions had something to look at. */
export async function labelCount(chart: Locator): Promise<number> {
  return chart.evaluate((svg) => [...svg.querySelectorAll("text")].filter((t) => !t.closest('[aria-label="tip"]') && (t.textContent ?? "").trim() !== "" && t.getBoundingClientRect().width > 0).length);
}

/**
 * Moves the pointer onto each mark (its centre) and returns, for each, the tooltip's text and its box in the window
 * once shown (left, right, top, bottom in px), or null for a mark that showed none.
 */
export async function tipsOver(page: Page, chart: Locator, marks: string): Promise<{ text: string; left: number; right: number; top: number; bottom: number }[]> {
  const tips = [];
  // by position, each found afresh: a chart drawn again (resize) while the pointer moves is the new chart
  const count = await chart.locator(marks).count();
  for (let i = 0; i < count; i++) {
    const box = await markBox(chart.locator(marks).nth(i));
    if (!box) continue;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // the tooltip is drawn, then moved on screen when it sticks out (after a frame)
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const tip = await chart.evaluate((svg) => {
      const g = [...svg.querySelectorAll('g[aria-label="tip"] > g')].find((t) => t.getBoundingClientRect().width > 0);
      if (!g) return null;
      const r = g.getBoundingClientRect();
      return { text: g.textContent ?? "", left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
    if (tip) tips.push(tip);
  }
  await page.mouse.move(0, 0);
  return tips;
}

/**
 * A mark scrolled into view and its box, found again when the chart is drawn anew (a resize as the page scrolls
 * detaches the old svg between finding the mark and scrolling to it); null when the chart has no such mark any more.
 */
async function markBox(mark: Locator): Promise<{ x: number; y: number; width: number; height: number } | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      await mark.scrollIntoViewIfNeeded({ timeout: 5000 });
      return await mark.boundingBox({ timeout: 5000 });
    } catch (error) {
      if (attempt >= 3 || !/not attached|detached/i.test(String(error))) throw error;
    }
  }
}

/** WCAG's contrast ratio of two colours given as CSS computes them (rgb(…), #rrggbb). */
export function contrast(a: string, b: string): number {
  const rgb = (c: string): number[] => {
    const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c.trim());
    if (hex) return hex.slice(1).map((h) => parseInt(h, 16));
    const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(c);
    if (m) return m.slice(1, 4).map(Number);
    // color-mix() computes to color(srgb r g b), each 0..1
    const srgb = /color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(c);
    if (srgb) return srgb.slice(1, 4).map((v) => Number(v) * 255);
    throw new Error(`not a colour: ${c}`);
  };
  const luminance = (c: string) => {
    const [r, g, b] = rgb(c).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/**
 * The colours a chart's marks are drawn in (each mark's computed fill and stroke other than none, white and the
 * background), with the background they are drawn on (the nearest ancestor's background that is not transparent).
 */
export async function markColours(chart: Locator, marks: string): Promise<{ background: string; colours: string[] }> {
  return chart.evaluate((svg, selector) => {
    let background = "rgb(255, 255, 255)";
    for (let e: Element | null = svg; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c && c !== "transparent" && !/rgba\([^)]*,\s*0\)$/.test(c)) {
        background = c;
        break;
      }
    }
    const colours = new Set<string>();
    for (const m of svg.querySelectorAll(selector)) {
      const style = getComputedStyle(m);
      for (const c of [style.fill, style.stroke]) if (c && c !== "none" && c !== "rgb(255, 255, 255)" && c !== background && !c.startsWith("url(")) colours.add(c);
    }
    return { background, colours: [...colours] };
  }, marks);
}

/**
 * A table as a reader sees it: whether its rows are cards (laid out as blocks, not table rows), each cell's label
 * (data-label), whether every row fits in the window, and whether the table is wider than its box.
 */
export async function tableLayout(table: Locator): Promise<{ cards: boolean; labels: string[]; rowsFit: boolean; rows: number; scrolls: boolean }> {
  return table.evaluate((t) => {
    const rows = [...t.querySelectorAll("tbody tr")];
    const first = rows[0];
    const width = document.documentElement.clientWidth;
    return {
      cards: first ? getComputedStyle(first).display !== "table-row" : false,
      labels: first ? [...first.querySelectorAll("td")].map((td) => td.getAttribute("data-label") ?? "") : [],
      rowsFit: rows.every((r) => r.getBoundingClientRect().right <= width + 0.5 && r.getBoundingClientRect().left >= -0.5),
      rows: rows.length,
      // wider than its box, which then scrolls sideways
      scrolls: t.getBoundingClientRect().width > (t.parentElement?.clientWidth ?? width) + 0.5,
    };
  });
}
