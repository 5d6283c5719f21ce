// PDF as lines: the text pdf.js finds on each page, with its positions, put back into lines in reading order.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { PDFDocumentProxy, TextItem } from "pdfjs-dist/types/src/display/api.js";
import { findRules, type Rule, type Transform } from "./pdf-rules.ts";
import { packLines, type FoundLine, type ReadError } from "./rows.ts";
import type { ReadLines } from "./types.ts";

/** A run of text on a page, in reading orientation (y grows downward), in points. */
export interface PlacedText {
  str: string;
  /** Where the run starts. */
  x: number;
  /** Its baseline. */
  y: number;
  width: number;
  /** The font's height: the em every gap is measured in. */
  size: number;
}

/** What a page gave: its size, its horizontal runs, its vertical rules, and how many runs were left out as not reading left to right. */
export interface PageText {
  width: number;
  height: number;
  runs: PlacedText[];
  rules: Rule[];
  skipped: number;
  /** Why the page could not be read, when it could not. */
  failure?: string;
}

/** Runs whose baselines differ by at most this share of the larger font's height stand on one line. */
const SAME_LINE = 0.4;
/** A gap narrower than this share of an em is no gap: Japanese text takes no spaces between characters. */
const TOUCHING = 0.15;
/** A gap of at least this many ems is a table column, or an empty first cell: a tab. Two full-width spaces are narrower. */
const COLUMN = 2.5;
/** Baseline distances are binned to this many points to find the body text's line pitch. */
const PITCH_BIN = 0.5;
/** One vertical gap stands for at most this many blank lines: a wider one is a figure or layout, not paragraphs. */
const MAX_BLANK_LINES = 3;
/** Rules this many points apart or less are the same one on two lines. */
const RULE_SNAP = 1;
/** Rules less than this share of an em apart are one border: a double line, or the edges of two cells drawn as boxes. */
const ONE_BORDER = 0.5;
/** A rule marks a line's cells when it runs through the upper half of the line's em above its baseline, and down to it. */
const RULE_REACH = 0.5;
/** A rule crossing a run is a cell boundary at the run's space nearest to it, estimated no more than this many ems away. */
const RULE_TO_SPACE = 2;

export const NO_TEXT_LAYER = "no text layer: a scanned PDF needs OCR";

/**
 * Reads a PDF's text as lines, in reading order, numbered across the document with a locator "p.3 l.12" each.
 * Runs on one baseline make a line: touching runs are joined as they are, a gap of a space or a few becomes a
 * full-width space per em and a half-width one for a half em left over, a gap of 2.5 ems or more a tab, so that a
 * table row reads as its cells joined by tabs. Where a table draws its cell borders, a vertical rule between two
 * runs is a tab whatever the gap, and two rules with nothing between them an empty cell. An indented line gets the
 * same for its indentation from the page's left text edge (but a table row only its tab). A vertical gap of n line pitches becomes n − 1 blank lines (at
 * most 3), also across a page break, measured there from the lowest and highest lines the other pages reach.
 * Throws when the bytes are not a PDF, are damaged beyond reading, or need a password; a PDF without any text (a
 * scan) gives no lines and an error.
 */
export async function readPdf(bytes: Uint8Array): Promise<ReadLines> {
  const pages = await readPages(bytes);
  if (pages.every((page) => page.failure)) throw new Error(`unreadable PDF: no page could be read (${pages[0]?.failure ?? "it has none"})`);
  if (pages.every((page) => page.runs.length === 0 && !page.failure)) return packLines([], [{ line: 1, reason: NO_TEXT_LAYER }]);
  return layoutPages(pages);
}

/** Lines of positioned runs, page by page: the pure half of readPdf. */
export function layoutPages(pages: readonly PageText[]): ReadLines {
  const lined = pages.map((page) => groupLines(page.runs).map((line) => withRules(line, page.rules)));
  const pitch = linePitch(lined);
  const firsts = lined.flatMap((lines) => (lines.length ? [lines[0]!.y] : []));
  const lasts = lined.flatMap((lines) => (lines.length ? [lines.at(-1)!.y] : []));
  const top = Math.min(...firsts);
  const bottom = Math.max(...lasts);
  // The left text edge of every page of a size: the same on each (a page of table rows that all start with an
  // empty cell is indented from it), and another on a landscape page among portrait ones.
  const margins = new Map<string, number>();
  lined.forEach((lines, index) => {
    const size = sizeOf(pages[index]!);
    for (const line of lines) margins.set(size, Math.min(margins.get(size) ?? Infinity, line.runs[0]!.x));
  });
  const blanks = (distance: number) => Math.min(MAX_BLANK_LINES, Math.max(0, Math.round(distance / pitch)));

  const found: FoundLine[] = [];
  const errors: ReadError[] = [];
  let carried = 0; // blank lines the previous page ended with, counted against this break's cap
  lined.forEach((lines, index) => {
    const page = index + 1;
    const { skipped, failure } = pages[index]!;
    if (failure) errors.push({ line: found.length + 1, reason: `p.${page} could not be read: ${failure}` });
    if (skipped > 0) errors.push({ line: found.length + 1, reason: `p.${page}: ${skipped} text run${skipped === 1 ? "" : "s"} left out, not reading left to right (vertical or turned)` });
    if (lines.length === 0) {
      if (!failure) errors.push({ line: found.length + 1, reason: `p.${page} has no text (a blank page, or a scan that needs OCR)` });
      return;
    }
    let onPage = 0;
    const push = (text: string) => {
      onPage++;
      const locator = `p.${page} l.${onPage}`;
      const cells = text.includes("\t") ? text.split("\t").map((_, i) => `${locator} c.${i + 1}`) : null;
      found.push({ text, fileLine: found.length + 1, locator, cellLocators: cells });
    };
    const margin = margins.get(sizeOf(pages[index]!))!;
    const outer = outerRules(lines);
    const before = Math.min(blanks(lines[0]!.y - top), MAX_BLANK_LINES - carried);
    for (let i = 0; i < before; i++) push("");
    lines.forEach((line, i) => {
      if (i > 0) for (let k = blanks(line.y - lines[i - 1]!.y - pitch); k > 0; k--) push("");
      push(lineText(line, margin, outer));
    });
    const isLast = lined.slice(index + 1).every((rest) => rest.length === 0);
    carried = isLast ? 0 : blanks(bottom - lines.at(-1)!.y);
    for (let i = 0; i < carried; i++) push("");
  });
  for (const error of errors) error.line = Math.min(error.line, Math.max(1, found.length));
  return packLines(found, errors);
}

function sizeOf(page: PageText): string {
  return `${Math.round(page.width)}x${Math.round(page.height)}`;
}

interface Line {
  /** Baseline of the line's first run (the top one when baselines differ a little). */
  y: number;
  /** The largest font height on the line. */
  size: number;
  /** Left to right. */
  runs: PlacedText[];
  /** Where the rules that run through the line stand, left to right. */
  rules: number[];
}

/** Runs grouped by baseline, lines top to bottom, runs left to right; the same run printed twice (fake bold) once. */
function groupLines(runs: readonly PlacedText[]): Line[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  for (const run of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(run.y - line.y) <= SAME_LINE * Math.max(line.size, run.size)) {
      line.runs.push(run);
      line.size = Math.max(line.size, run.size);
    } else {
      lines.push({ y: run.y, size: run.size, runs: [run], rules: [] });
    }
  }
  for (const line of lines) {
    line.runs.sort((a, b) => a.x - b.x);
    line.runs = line.runs.filter((run, i) => {
      const prev = line.runs[i - 1];
      return !prev || prev.str !== run.str || Math.abs(prev.x - run.x) > TOUCHING * line.size;
    });
  }
  return lines;
}

/**
 * The text of a line: its runs joined by what their gaps stand for, after its indentation from the page's margin.
 * A table row keeps a tab for an empty first cell but not the spaces of its cells' padding. A line with a rule
 * between two of its runs is a row of a bordered table: each rule a tab, but not the table's outer ones.
 */
function lineText(line: Line, margin: number, outer: ReadonlySet<number>): string {
  const cells = ruledCells(line, outer);
  if (cells) return cells;
  let text = "";
  let end = -Infinity;
  for (const run of line.runs) {
    if (end > -Infinity) text += gapText(run.x - end, line.size);
    text += repairTwins(run.str);
    end = Math.max(end, run.x + run.width);
  }
  const indent = gapText(line.runs[0]!.x - margin, line.size);
  return (indent !== "\t" && text.includes("\t") ? "" : indent) + text.trimEnd();
}

/**
 * The cells of a line that rules divide, joined by tabs; null when its only rules are a table's outer border (a
 * line in a box is one cell). A rule in a gap is a tab, n rules n tabs (empty cells between them); a gap without
 * one is read as in any line. Rules before the first run or after the last close empty cells, but for the outer
 * border.
 */
function ruledCells(line: Line, outer: ReadonlySet<number>): string | null {
  const slack = TOUCHING * line.size;
  const runs = line.runs;
  const starts = runs.map((run) => run.x);
  const ends = runs.map((run, i) => Math.max(...runs.slice(0, i + 1).map((r) => r.x + r.width)));
  const within = (from: number, to: number) => line.rules.filter((x) => x >= from - slack && x <= to + slack);
  if (line.rules.every((x) => outer.has(x))) return null;
  const gaps = runs.slice(1).map((run, i) => within(ends[i]!, run.x).length);
  const inner = (xs: number[]) => xs.filter((x) => !outer.has(x)).length;
  let text = "\t".repeat(inner(within(-Infinity, starts[0]!)));
  runs.forEach((run, i) => {
    const ruled = i > 0 && gaps[i - 1]! > 0; // a cell's padding is no text of its own
    if (ruled) text = text.trimEnd() + "\t".repeat(gaps[i - 1]!);
    else if (i > 0) text += gapText(run.x - ends[i - 1]!, line.size);
    text += repairTwins(ruled ? run.str.trimStart() : run.str);
  });
  return text.trimEnd() + "\t".repeat(inner(within(ends.at(-1)!, Infinity)));
}

/**
 * The rules that are a table's outer border, on a page's lines: a line's first rule (its last) when no line it runs
 * through has text before it (after it). A table open at the sides has none; a rule between two runs is never one.
 */
function outerRules(lines: readonly Line[]): Set<number> {
  const outer = new Set<number>();
  const through = (x: number) => lines.filter((line) => line.rules.some((r) => Math.abs(r - x) <= RULE_SNAP));
  for (const line of lines) {
    const [first, last] = [line.rules[0], line.rules.at(-1)];
    const slack = TOUCHING * line.size;
    if (first !== undefined && through(first).every((l) => l.runs.every((run) => run.x + run.width > first + slack))) outer.add(first);
    if (last !== undefined && through(last).every((l) => l.runs.every((run) => run.x < last - slack))) outer.add(last);
  }
  return outer;
}

/**
 * A line with the rules that run through it, and its runs split where a rule crosses one: pdf.js joins the text of
 * two cells into one run, with a space, when their gap is narrow.
 */
function withRules(line: Line, rules: readonly Rule[]): Line {
  const xs = rules
    .filter((rule) => rule.top <= line.y - RULE_REACH * line.size && rule.bottom >= line.y)
    .map((rule) => rule.x)
    .sort((a, b) => a - b)
    .filter((x, i, all) => i === 0 || x - all[i - 1]! >= ONE_BORDER * line.size);
  if (xs.length === 0) return line;
  return { ...line, rules: xs, runs: line.runs.flatMap((run) => splitRun(run, xs, line.size)) };
}

/**
 * A run cut at the spaces that rules cross. Where each character stands is estimated (a full-width one an em wide,
 * another half, the spaces sharing what the run's width leaves over); a piece ends and the next starts at the rule.
 */
function splitRun(run: PlacedText, rules: readonly number[], em: number): PlacedText[] {
  const crossing = rules.filter((x) => x > run.x + TOUCHING * em && x < run.x + run.width - TOUCHING * em);
  if (crossing.length === 0 || !/\s/.test(run.str)) return [run];
  const chars = [...run.str];
  const blank = chars.map((ch) => /\s/.test(ch));
  const widths = chars.map((ch, i) => (blank[i] ? 0 : isWide(ch) ? em : em / 2));
  const drawn = widths.reduce((sum, w) => sum + w, 0);
  const scale = Math.min(1, run.width / drawn);
  const space = Math.max(0, run.width - drawn) / blank.filter(Boolean).length;
  const lefts: number[] = [];
  let at = run.x;
  chars.forEach((_, i) => {
    lefts.push(at);
    at += blank[i] ? space : widths[i]! * scale;
  });
  const cuts = new Map<number, number[]>(); // the index of a space → the rules at it
  for (const x of crossing) {
    const centre = (i: number) => lefts[i]! + space / 2;
    const nearest = blank.reduce<number | null>((best, isBlank, i) => (isBlank && (best === null || Math.abs(centre(i) - x) < Math.abs(centre(best) - x)) ? i : best), null)!;
    if (Math.abs(centre(nearest) - x) <= RULE_TO_SPACE * em) cuts.set(nearest, [...(cuts.get(nearest) ?? []), x]);
  }
  const pieces: PlacedText[] = [];
  let from = 0;
  let startAt = run.x;
  for (const to of [...[...cuts.keys()].sort((a, b) => a - b), chars.length]) {
    const str = chars.slice(from, to).join("");
    const end = to === chars.length ? run.x + run.width : Math.min(lefts[to]!, ...cuts.get(to)!);
    if (str.trim() !== "") pieces.push({ ...run, str, x: startAt, width: Math.max(0, end - startAt) });
    if (to < chars.length) startAt = Math.max(lefts[to]! + space, ...cuts.get(to)!);
    from = to + 1;
  }
  return pieces;
}

/** Whether a character prints full width in a Japanese font. */
function isWide(ch: string): boolean {
  return ch.codePointAt(0)! >= 0x1100 && !(ch >= "\uff61" && ch <= "\uffdc");
}

/**
 * What a horizontal gap between two runs (or before a line's first run) stands for, in a font `em` high: nothing,
 * spaces, or a tab. A gap is read in half ems, each whole em a full-width space (as Japanese text spaces) and a
 * half em left over a half-width one before it; a half em rounds up, with slack for the rounding of glyph positions
 * (a half-width and a full-width space, 1.5 ems, print as 1.499).
 */
export function gapText(gap: number, em: number): string {
  if (gap < TOUCHING * em) return "";
  if (gap >= COLUMN * em) return "\t";
  const halves = Math.max(1, Math.floor((2 * gap) / em + 0.55));
  return " ".repeat(halves % 2) + "\u3000".repeat(Math.floor(halves / 2));
}

/**
 * The body text's line pitch: the shortest baseline distance that is common (at least a fifth as frequent as the
 * most frequent one, in bins of PITCH_BIN points), so that neither paragraph gaps (a text with a blank line after
 * every other line) nor headings stretch it, and a stray superscript does not shrink it. Distances under 0.8 font
 * heights are not line pitches. 1.5 font heights when no page has two lines.
 */
function linePitch(pages: readonly Line[][]): number {
  const bins = new Map<number, number[]>();
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const distance = lines[i]!.y - lines[i - 1]!.y;
      if (distance < 0.8 * Math.max(lines[i]!.size, lines[i - 1]!.size)) continue;
      const bin = Math.round(distance / PITCH_BIN);
      bins.set(bin, [...(bins.get(bin) ?? []), distance]);
    }
  }
  const most = Math.max(0, ...[...bins.values()].map((distances) => distances.length));
  const common = [...bins.entries()].filter(([, distances]) => distances.length >= most / 5).sort(([a], [b]) => a - b);
  const distances = common[0]?.[1];
  if (distances) return distances.reduce((sum, d) => sum + d, 0) / distances.length;
  return 1.5 * Math.max(...pages.flat().map((line) => line.size));
}

/** pdf_text → meant, from pdf-glyph-twins.tsv (its header says where the rows come from). */
const TWINS: ReadonlyMap<string, string> = new Map(
  readFileSync(new URL("./pdf-glyph-twins.tsv", import.meta.url), "utf8")
    .split("\n")
    .filter((row) => row && !row.startsWith("#"))
    .slice(1)
    .map((row) => row.split("\t") as [string, string]),
);
const TWIN = new RegExp(`[${[...TWINS.keys()].join("")}]`, "gu");

/**
 * Undoes the text-layer mix-ups of CJK fonts, where one glyph serves two code points and the PDF names the one
 * Japanese text does not mean: a Kangxi radical (⽤ U+2F64) for its ideograph (用), the hyphenation point ‧ for
 * the middle dot ・, the wave dash 〜 for ～ (as Shift_JIS text decodes it, so that both sources read alike).
 */
export function repairTwins(text: string): string {
  return text.replace(TWIN, (ch) => TWINS.get(ch) ?? ch);
}

const PDFJS = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

/**
 * Each page's horizontal text runs, or why the page could not be read. pdf.js runs in this thread: in Node its
 * legacy build never starts a Worker but imports the worker's code beside it (its "fake worker"). It reads CMaps
 * (for fonts that are not embedded) and standard fonts from its own package by file path, and fetches nothing.
 */
async function readPages(bytes: Uint8Array): Promise<PageText[]> {
  if (!startsLikePdf(bytes)) throw new Error("not a PDF: the file does not start with %PDF-");
  const { AnnotationMode, getDocument, OPS, Util, VerbosityLevel } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = getDocument({
    data: new Uint8Array(bytes), // a copy: pdf.js takes its buffer over (and refuses a Buffer)
    cMapUrl: join(PDFJS, "cmaps") + "/",
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS, "standard_fonts") + "/",
    wasmUrl: join(PDFJS, "wasm") + "/",
    iccUrl: join(PDFJS, "iccs") + "/",
    useWorkerFetch: false,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    enableXfa: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const doc = await task.promise.catch((error: unknown) => {
      throw new Error(describeFailure(error));
    });
    const pages: PageText[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      pages.push(await readPage(doc, number, { transform: Util.transform, OPS, annotationMode: AnnotationMode.DISABLE }).catch((error: unknown) => ({
        width: 0,
        height: 0,
        runs: [],
        rules: [],
        skipped: 0,
        failure: error instanceof Error ? error.message : String(error),
      })));
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** What readPage needs of pdf.js. */
interface PdfJs {
  transform: Transform;
  OPS: Record<string, number>;
  annotationMode: number;
}

/** One page's runs and rules, in the page's reading orientation (its /Rotate applied), y downward. */
async function readPage(doc: PDFDocumentProxy, number: number, { transform, OPS, annotationMode }: PdfJs): Promise<PageText> {
  const page = await doc.getPage(number);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent({ disableNormalization: true });
    const result: PageText = { width: viewport.width, height: viewport.height, runs: [], rules: [], skipped: 0 };
    for (const item of content.items) {
      if (!("str" in item) || item.str.trim() === "") continue;
      const [a, b, c, d, x, y] = transform(viewport.transform, (item as TextItem).transform);
      const size = Math.hypot(c!, d!);
      // Left to right and upright; slanted (a fake italic) is fine, vertical writing or a turned label is not.
      if (item.dir === "ttb" || !(a! > 0 && Math.abs(b!) < 0.05 * a!) || size === 0) {
        result.skipped++;
        continue;
      }
      result.runs.push({ str: item.str, x: x!, y: y!, width: item.width, size });
    }
    // Only a page with text has cells to divide (and a scan's operator list would decode its image for nothing).
    if (result.runs.length > 0) {
      const operators = await page.getOperatorList({ annotationMode });
      result.rules = findRules(operators.fnArray, operators.argsArray, viewport.transform, OPS, transform);
    }
    return result;
  } finally {
    page.cleanup();
  }
}

function startsLikePdf(bytes: Uint8Array): boolean {
  // Readers accept a header anywhere in the first kilobyte (some files carry junk before it).
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes("%PDF-");
}

function describeFailure(error: unknown): string {
  const name = (error as { name?: string })?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === "PasswordException") return "encrypted PDF: it needs a password to open";
  if (name === "InvalidPDFException") return `damaged PDF: ${message}`;
  return `unreadable PDF: ${message}`;
}
