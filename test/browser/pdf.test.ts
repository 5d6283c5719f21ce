// The PDF reader (loaders/extract/formats/pdf.ts) on Chromium's PDFs: each text source printed from a <pre> reads
// back as its own lines and gives the same records; a bordered table reads back as its cells joined by tabs, also
// when its cells are padded so tightly that only the borders tell them apart, and a borderless one by its gaps; a
// page break starts the line count of a page again; bytes that are no PDF are refused.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { extractDocument } from "../../loaders/extract/extract.ts";
import { readPdf } from "../../loaders/extract/formats/pdf.ts";
import { loadSource } from "../../loaders/extract/source.ts";
import { normalizeLine, splitLines } from "../../loaders/extract/text.ts";
import type { KpiRecord } from "../../loaders/extract/schema.ts";
import { useBrowser } from "./browser.ts";

const SOURCES = new URL("../../data/sources/", import.meta.url).pathname;
const FONT_PT = 10;
/** A tab prints as a gap this many ems wide: a table column, as wide as the reader takes a gap of 2.5 ems or more. */
const TAB_EMS = 4;
const MARGIN_PT = 36;

const browser = useBrowser();

/** Prints a page of HTML to PDF, `widthPt` wide and A4 high, with nothing loaded from anywhere. */
async function printPdf(b: Browser, html: string, widthPt = 595): Promise<Uint8Array> {
  const context = await b.newContext();
  try {
    const page = await context.newPage();
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html);
    return new Uint8Array(await page.pdf({ width: `${Math.ceil((widthPt * 4) / 3)}px`, height: "297mm" }));
  } finally {
    await context.close();
  }
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** How wide a line prints in the monospaced CJK font, in ems: full-width characters 1, others ½, a tab TAB_EMS. */
function ems(line: string): number {
  let width = 0;
  for (const ch of line) width += ch === "\t" ? TAB_EMS : ch.codePointAt(0)! >= 0x1100 && !(ch >= "\uff61" && ch <= "\uffdc") ? 1 : 0.5;
  return width;
}

/**
 * A text file as a PDF would show it: a <pre> in Noto Sans Mono CJK JP, on a page wide enough that no line wraps,
 * with no spacing Chromium adds or trims around CJK punctuation; a tab is a fixed gap, a table column.
 */
function preHtml(lines: readonly string[]): string {
  const body = lines.map((line) => escape(line).replace(/\t/g, '<span class="tab"></span>')).join("\n");
  const style = `@page { margin: ${MARGIN_PT}pt } html, body { margin: 0 }
    pre { margin: 0; white-space: pre; font: ${FONT_PT}pt/${1.5 * FONT_PT}pt "Noto Sans Mono CJK JP";
      text-spacing-trim: space-all; text-autospace: no-autospace; font-kerning: none; font-variant-ligatures: none }
    .tab { display: inline-block; width: ${TAB_EMS}em }`;
  // HTML drops a newline right after <pre>: the extra one keeps a blank first line.
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>${style}</style></head><body><pre>\n${body}</pre></body></html>`;
}

/** A line as both sides are compared: normalized, without the trailing whitespace or the spaces at a cell's edge that print as nothing. */
function comparable(line: string): string {
  return normalizeLine(line).replace(/ +\t/g, "\t").replace(/\t +/g, "\t").trimEnd();
}

/** The lines of a document as compared, without the blank lines at its end that print as nothing. */
function comparableLines(lines: readonly string[]): string[] {
  const out = lines.map(comparable);
  while (out.length > 0 && out.at(-1) === "") out.pop();
  return out;
}

/**
 * The only ways a line may read back otherwise. Two half-width spaces print as wide as one full-width space, which
 * normalizes to one space, so an indent of "  " reads back as " ". Noto Sans CJK JP draws the em dash — with the
 * glyph of the horizontal bar ―, and the PDF names the glyph ―.
 */
const EXPLAINED: { why: string; same: (want: string, got: string) => boolean }[] = [
  { why: "indent", same: (want, got) => /^ /.test(want) && /^ /.test(got) && want.trimStart() === got.trimStart() },
  { why: "dash", same: (want, got) => want.replaceAll("\u2014", "\u2015") === got },
];

/**
 * Records without the fields that name the file, and with their source text as lines are compared: the quoted line
 * is the PDF's own, which has no space at a cell's edge.
 */
function comparableRecords(records: readonly KpiRecord[]): Omit<KpiRecord, "source_file" | "record_id">[] {
  return records.map(({ source_file: _file, record_id: _id, ...rest }) => ({ ...rest, source_text: comparable(rest.source_text) }));
}

describe("a text source printed to PDF", () => {
  const files = readdirSync(SOURCES).filter((f) => f.endsWith(".txt")).sort();

  it("is every source", () => {
    expect(files).toHaveLength(5);
  });

  for (const file of files) {
    it(`reads back line for line and gives the same records: ${file}`, async () => {
      const bytes = new Uint8Array(readFileSync(join(SOURCES, file)));
      const textDoc = loadSource(file, bytes);
      const widest = Math.max(...textDoc.raw.map(ems));
      const pdf = await printPdf(browser(), preHtml(textDoc.raw), Math.ceil(widest * FONT_PT * 1.1 + 2 * MARGIN_PT + 20));
      const read = await readPdf(pdf);
      expect(read.errors).toEqual([]);

      const want = comparableLines(splitLines(new TextDecoder().decode(bytes)));
      const got = comparableLines(read.lines);
      expect(got).toHaveLength(want.length);
      const differing = want.flatMap((line, i) => (line === got[i] ? [] : [{ line: i + 1, want: line, got: got[i]! }]));
      const unexplained = differing.filter(({ want: w, got: g }) => !EXPLAINED.some(({ same }) => same(w, g)));
      expect(unexplained).toEqual([]);
      expect(differing.length).toBeLessThanOrEqual(5);
      expect(read.fileLines).toEqual(read.lines.map((_, i) => i + 1));

      const pdfDoc = { ...textDoc, raw: read.lines, lines: read.lines.map(normalizeLine) };
      const fromText = extractDocument(textDoc).records;
      expect(comparableRecords(extractDocument(pdfDoc).records)).toEqual(comparableRecords(fromText));
    });
  }
});

describe("a PDF of a bordered table", () => {
  it("reads back as rows of cells joined by tabs, each cell with its own locator", async () => {
    const rows = [
      ["指標", "令和4年度目標", "令和4年度実績"],
      ["就職者数", "200人", "150人"],
      ["相談件数", "1,000件", "1,234件"],
      ["セミナー参加者数", "50人", "38人"],
    ];
    const cells = (row: string[], tag: string) => row.map((cell) => `<${tag}>${cell}</${tag}>`).join("");
    const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>
      @page { margin: 20mm } body { margin: 0; font: 10.5pt "Noto Sans CJK JP" }
      table { border-collapse: collapse; margin-top: 1em } th, td { border: 1px solid #000; padding: 4pt 1.5em; text-align: left }
      td + td { text-align: right }</style></head><body>
      <p>表1 就職支援の実績</p>
      <table>${rows.map((row, i) => `<tr>${cells(row, i === 0 ? "th" : "td")}</tr>`).join("")}</table></body></html>`;
    const read = await readPdf(await printPdf(browser(), html));
    const lines = read.lines.map((line, i) => ({ line, locator: read.locators[i], cells: read.cellLocators[i] })).filter(({ line }) => line !== "");
    expect(lines.map(({ line }) => line)).toEqual(["表1 就職支援の実績", ...rows.map((row) => row.join("\t"))]);
    const header = lines[1]!;
    expect(header.cells).toEqual([1, 2, 3].map((c) => `${header.locator} c.${c}`));
    expect(lines[0]!.cells).toBeNull();
  });
});

/** A page of a paragraph and a table of these rows (the first of header cells), in `style`. */
function tableHtml(rows: readonly string[][], style: string): string {
  const cells = (row: readonly string[], tag: string) => row.map((cell) => `<${tag}>${cell}</${tag}>`).join("");
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>
    @page { margin: 20mm } body { margin: 0; font: 10.5pt "Noto Sans CJK JP" } table { margin-top: 1em } ${style}</style></head><body>
    <p>表2 就職支援の目標と実績</p>
    <table>${rows.map((row, i) => `<tr>${cells(row, i === 0 ? "th" : "td")}</tr>`).join("")}</table></body></html>`;
}

describe("a PDF of a bordered table with narrow columns", () => {
  const rows = [
    ["指標", "令和4年度目標", "令和4年度実績", "備考"],
    ["就職者数", "200人", "150人", ""],
    ["相談件数", "", "1,234件", "速報値"],
    ["セミナー参加者数", "50人", "38人", "中止1回"],
  ];

  it("reads back its cells joined by tabs, by the borders between them, and keeps the empty ones", async () => {
    // A third of an em between the text of neighbouring cells: less than a space, so the gap alone tells nothing.
    const style = "table { border-collapse: collapse } th, td { border: 1px solid #000; padding: 0 2px; text-align: left }";
    const read = await readPdf(await printPdf(browser(), tableHtml(rows, style)));
    expect(read.lines.filter((line) => line !== "")).toEqual(["表2 就職支援の目標と実績", ...rows.map((row) => row.join("\t"))]);
    expect(read.cellLocators.filter((cells) => cells !== null).map((cells) => cells.length)).toEqual([4, 4, 4, 4]);
  });

  it("reads back a table without borders by its wide gaps, as before", async () => {
    const style = "table { border-collapse: collapse } th, td { padding: 2pt 1.5em; text-align: left }";
    const full = rows.map((row) => row.map((cell) => cell || "―"));
    const read = await readPdf(await printPdf(browser(), tableHtml(full, style)));
    expect(read.lines.filter((line) => line !== "")).toEqual(["表2 就職支援の目標と実績", ...full.map((row) => row.join("\t"))]);
  });
});

describe("a two-page PDF", () => {
  it("counts the lines of page 2 from 1 again and adds no blank line for the break", async () => {
    const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>
      @page { margin: 20mm } body { margin: 0; font: 10.5pt/1.6 "Noto Sans CJK JP" } p { margin: 0 }</style></head><body>
      <p>一ページ目の本文です。</p><p>目標:200人</p><p style="break-before: page">二ページ目の本文です。</p><p>実績:150人</p></body></html>`;
    const read = await readPdf(await printPdf(browser(), html));
    expect(read.lines).toEqual(["一ページ目の本文です。", "目標:200人", "二ページ目の本文です。", "実績:150人"]);
    expect(read.locators).toEqual(["p.1 l.1", "p.1 l.2", "p.2 l.1", "p.2 l.2"]);
    expect(read.fileLines).toEqual([1, 2, 3, 4]);
  });
});

describe("bytes that are no PDF", () => {
  it("are refused with an error that says so", async () => {
    await expect(readPdf(new TextEncoder().encode("<!doctype html><title>PDF</title>"))).rejects.toThrow("not a PDF");
  });
});
