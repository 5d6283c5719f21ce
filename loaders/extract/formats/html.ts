// Web pages as lines: running text one line per block, table rows as cells joined by "\t", each at its file line.
import iconv from "iconv-lite";
import { parse, type DefaultTreeAdapterTypes as Tree } from "parse5";
import { detectEncoding, decodeText } from "../text.ts";
import { packLines, rowLine, type FoundLine, type ReadError } from "./rows.ts";
import type { ReadLines } from "./types.ts";

/**
 * Reads an HTML page. The title comes first; then each block (p, div, li,
 * headings, ...) is a line, and a <br> ends one. Lines stand at the file line
 * where their text starts; table rows at their <tr>, with locator "表N 行M"
 * (N counts the data tables in the page, M the <tr> within the table, empty
 * rows included so M matches the markup) and per cell "表N 行M 列K" (K the
 * column once rowspan and colspan are resolved). Site chrome (nav, page
 * header and footer, scripts, hidden elements) is left out.
 */
export function readHtml(bytes: Uint8Array): ReadLines {
  const { text, problems } = decodeHtml(bytes);
  const reader = new PageReader();
  reader.walk(parse(text, { sourceCodeLocationInfo: true }), false);
  reader.flush();
  return packLines(reader.found, problems);
}

// ---- decoding ----

const CHARSET_ALIASES: Record<string, string> = {
  "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932",
  "ms_kanji": "cp932", "cp932": "cp932", "csshiftjis": "cp932", "x-euc-jp": "euc-jp", "utf8": "utf-8",
  // A <meta> readable as ASCII cannot be UTF-16; browsers read such a declaration as UTF-8.
  "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
};

/** The charset a <meta> declares, and the file line it stands on. */
export function declaredCharset(bytes: Uint8Array): { label: string; line: number } | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8192)).toString("latin1");
  const match = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  if (!match) return null;
  return { label: match[1]!.toLowerCase(), line: head.slice(0, match.index).split("\n").length };
}

/**
 * BOM first, then the <meta> charset, else the bytes decide (as for text
 * files). A declaration the bytes contradict loses: pages get re-saved in
 * UTF-8 with their old Shift_JIS <meta> left in place, and the reverse.
 */
export function decodeHtml(bytes: Uint8Array): { text: string; problems: ReadError[] } {
  const sniffed = detectEncoding(bytes);
  const declared = declaredCharset(bytes);
  if (sniffed === "utf-8-bom" || sniffed === "utf-16le" || sniffed === "utf-16be" || !declared) {
    return { text: decodeText(bytes).text, problems: [] };
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const charset = CHARSET_ALIASES[declared.label] ?? declared.label;
  const fallback = (reason: string) => ({ text: decodeText(bytes).text, problems: [{ line: declared.line, reason }] });
  const guess = sniffed === "utf-8" ? "UTF-8" : "Shift_JIS";
  if (!iconv.encodingExists(charset)) return fallback(`unsupported charset ${declared.label}; read as ${guess}`);
  if (charset === "utf-8" && sniffed === "shift_jis") return fallback(`declared UTF-8 but the bytes are not UTF-8; read as Shift_JIS`);
  if (charset === "cp932" && sniffed === "utf-8" && buffer.some((byte) => byte >= 0x80)) {
    return fallback(`declared ${declared.label} but the bytes are UTF-8; read as UTF-8`);
  }
  return { text: iconv.decode(buffer, charset), problems: [] };
}

// ---- which elements count ----

const DROPPED = new Set([
  "script", "style", "noscript", "template", "svg", "math", "nav", "aside", "iframe", "object", "embed",
  "canvas", "audio", "video", "button", "select", "option", "textarea", "datalist",
]);

/** Elements whose <header>/<footer> belong to the content (an article's title), not to the site. */
const CONTENT = new Set(["article", "main", "section"]);

const BLOCKS = new Set([
  "title", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "caption",
  "blockquote", "address", "section", "article", "main", "header", "footer", "figure", "figcaption", "hr",
  "fieldset", "legend", "details", "summary", "center", "form", "body", "html", "head", "tr", "td", "th",
  "thead", "tbody", "tfoot", "table",
]);

function attr(element: Tree.Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

/**
 * Left out: what is not text (scripts, media), site chrome (nav, the page's
 * header and footer), form controls and what the page hides. A <form> itself
 * is kept: ASP.NET pages wrap the whole body in one.
 */
export function isDropped(element: Tree.Element, inContent: boolean): boolean {
  const tag = element.tagName;
  if (DROPPED.has(tag)) return true;
  if ((tag === "header" || tag === "footer") && !inContent) return true;
  if (attr(element, "hidden") !== undefined || attr(element, "aria-hidden") === "true") return true;
  if (attr(element, "role") === "navigation") return true;
  return /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(attr(element, "style") ?? "");
}

function isElement(node: Tree.Node): node is Tree.Element {
  return "tagName" in node;
}

function isText(node: Tree.Node): node is Tree.TextNode {
  return node.nodeName === "#text";
}

function children(node: Tree.Node): Tree.ChildNode[] {
  return "childNodes" in node ? node.childNodes : [];
}

// ---- text ----

/** Marks a break inside a table cell (<br>, a block): it reads as a space, never as nothing. */
const BREAK = "\u0000"; // parse5 turns NUL in the page into U+FFFD, so it cannot come from the text

const JAPANESE = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uffef\ud840-\ud87f\udc00-\udfff]/;

/**
 * Entities and tags left as text by double escaping ("&amp;nbsp;" shows as
 * "&nbsp;"; "&lt;br&gt;" as "<br>"). A lone "<" is kept: it may mean "less than".
 */
export function removeResidue(text: string): string {
  if (!/[&<]/.test(text)) return text;
  const named: Record<string, string> = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return text
    .replace(/&(nbsp|amp|lt|gt|quot|apos);/g, (_, name: string) => named[name]!)
    .replace(/&#(\d{1,7});/g, (entity, code: string) => safeChar(Number(code), entity))
    .replace(/&#x([0-9a-f]{1,6});/gi, (entity, code: string) => safeChar(parseInt(code, 16), entity))
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/gi, "");
}

function safeChar(code: number, entity: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}

/**
 * Running text as one line: whitespace collapsed to a space, except that a
 * source line break next to Japanese text adds nothing (pages wrap Japanese
 * anywhere in their source, and Japanese puts no space between words).
 */
export function collapseText(raw: string): string {
  return removeResidue(raw)
    .replace(/\s+/g, (space: string, at: number, all: string) =>
      space.includes("\n") && (JAPANESE.test(all[at - 1] ?? "") || JAPANESE.test(all[at + space.length] ?? "")) ? "" : " ",
    )
    .replace(/[\s\u0000]+/g, " ")
    .trim();
}

interface Piece {
  text: string;
  /** The file line where the piece starts. */
  line: number;
}

/** The file line of the first character that is not whitespace. */
function firstTextLine(pieces: readonly Piece[]): number | null {
  for (const piece of pieces) {
    const at = piece.text.search(/[^\s\u0000]/);
    if (at >= 0) return piece.line + (piece.text.slice(0, at).match(/\n/g)?.length ?? 0);
  }
  return null;
}

function startLine(node: Tree.Node): number | null {
  return ("sourceCodeLocation" in node ? node.sourceCodeLocation?.startLine : undefined) ?? null;
}

// ---- tables ----

interface SpanCell {
  text: string;
  rowspan: number;
  colspan: number;
}

/**
 * Lays cells out on a grid as a browser does: a cell spanning columns appears
 * in each of them, one spanning rows appears at its column in each row below.
 * Spans past the last row are cut; positions no cell covers read as "".
 */
export function resolveSpans(rows: readonly (readonly SpanCell[])[]): string[][] {
  const grid: (string | undefined)[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let col = 0;
    for (const cell of cells) {
      while (grid[r]![col] !== undefined) col++;
      for (let dr = 0; dr < cell.rowspan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < cell.colspan; dc++) grid[r + dr]![col + dc] = cell.text;
      }
      col += cell.colspan;
    }
  });
  return grid.map((row) => Array.from(row, (text) => text ?? ""));
}

function span(element: Tree.Element, name: string, max: number): number {
  const value = parseInt(attr(element, name) ?? "1", 10);
  // rowspan="0" means "to the end of the section"; reading it as 1 keeps the cell once instead of guessing.
  return Number.isFinite(value) && value >= 1 ? Math.min(value, max) : 1;
}

/** The <tr>s of this table, not of tables nested in its cells. */
function ownRows(table: Tree.Element): Tree.Element[] {
  const rows: Tree.Element[] = [];
  for (const child of children(table).filter(isElement)) {
    if (child.tagName === "tr") rows.push(child);
    else if (["thead", "tbody", "tfoot"].includes(child.tagName)) rows.push(...children(child).filter(isElement).filter((e) => e.tagName === "tr"));
  }
  return rows;
}

function ownCells(row: Tree.Element): Tree.Element[] {
  return children(row).filter(isElement).filter((e) => e.tagName === "td" || e.tagName === "th");
}

function contains(node: Tree.Node, test: (element: Tree.Element) => boolean): boolean {
  return children(node).some((child) => isElement(child) && (test(child) || contains(child, test)));
}

/**
 * A table used to lay out the page rather than to hold data: it says so with
 * its role, or its cells hold headings. Its cells are read as running text.
 */
export function isLayoutTable(table: Tree.Element): boolean {
  const role = attr(table, "role");
  if (role === "presentation" || role === "none") return true;
  return ownRows(table).some((row) => ownCells(row).some((cell) => contains(cell, (e) => /^h[1-6]$/.test(e.tagName))));
}

/** A cell's text: nested tables and blocks flattened, breaks read as spaces. */
function cellText(cell: Tree.Element): string {
  const parts: string[] = [];
  const collect = (node: Tree.Node) => {
    if (isText(node)) parts.push(node.value);
    if (!isElement(node) || isDropped(node, true)) return;
    const breaks = node.tagName === "br" || BLOCKS.has(node.tagName);
    if (breaks) parts.push(BREAK);
    children(node).forEach(collect);
    if (breaks) parts.push(BREAK);
  };
  children(cell).forEach(collect);
  return collapseText(parts.join(""));
}

// ---- the page ----

class PageReader {
  readonly found: FoundLine[] = [];
  private pending: Piece[] = [];
  private tables = 0;

  walk(node: Tree.Node, inContent: boolean): void {
    if (isText(node)) {
      const line = startLine(node);
      if (line !== null) this.pending.push({ text: node.value, line });
      return;
    }
    if (!isElement(node)) {
      children(node).forEach((child) => this.walk(child, inContent));
      return;
    }
    if (isDropped(node, inContent)) return;
    const tag = node.tagName;
    if (tag === "br") return this.flush();
    if (tag === "pre") return this.readPre(node);
    if (tag === "table" && !isLayoutTable(node)) return this.readTable(node);
    const block = BLOCKS.has(tag);
    if (block) this.flush();
    const within = inContent || CONTENT.has(tag);
    children(node).forEach((child) => this.walk(child, within));
    if (block) this.flush();
  }

  /** Ends the current line of running text. */
  flush(): void {
    const text = collapseText(this.pending.map((piece) => piece.text).join(""));
    const line = firstTextLine(this.pending);
    this.pending = [];
    if (text && line !== null) this.found.push({ text, fileLine: line, locator: null, cellLocators: null });
  }

  /** Each line of a <pre> is a line; tabs become spaces, as a tab in a line marks a table cell. */
  private readPre(pre: Tree.Element): void {
    this.flush();
    let text = "";
    let line: number | null = null;
    const end = () => {
      const clean = removeResidue(text).replace(/\t/g, "  ").trimEnd();
      if (clean.trim() && line !== null) this.found.push({ text: clean, fileLine: line, locator: null, cellLocators: null });
      text = "";
      line = null;
    };
    const collect = (node: Tree.Node) => {
      if (isElement(node)) {
        if (isDropped(node, true)) return;
        if (node.tagName === "br") end();
        children(node).forEach(collect);
        return;
      }
      if (!isText(node)) return;
      let at = startLine(node) ?? 0;
      for (const ch of node.value) {
        if (ch === "\n") {
          end();
          at++;
          continue;
        }
        if (line === null && /\S/.test(ch)) line = at;
        text += ch;
      }
    };
    children(pre).forEach(collect);
    end();
  }

  private readTable(table: Tree.Element): void {
    this.flush();
    const n = ++this.tables;
    for (const caption of children(table).filter(isElement).filter((e) => e.tagName === "caption")) this.walk(caption, true);
    const rows = ownRows(table);
    const grid = resolveSpans(
      rows.map((row) =>
        ownCells(row)
          .filter((cell) => !isDropped(cell, true))
          .map((cell) => ({ text: cellText(cell), rowspan: span(cell, "rowspan", 65534), colspan: span(cell, "colspan", 1000) })),
      ),
    );
    let lastLine = startLine(table) ?? 0;
    grid.forEach((cells, r) => {
      // An implied <tr> (cells written straight into <table>) has no location: it follows the previous row.
      const line = startLine(rows[r]!) ?? lastLine;
      lastLine = line;
      const found = rowLine(cells, line, `表${n} 行${r + 1}`, (k) => `表${n} 行${r + 1} 列${k + 1}`);
      if (found) this.found.push(found);
    });
  }
}
