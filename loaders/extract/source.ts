// A source document as parsers see it: verbatim lines for provenance, normalized lines for matching. Text files are
// read as they are; PDF, web pages, spreadsheets and CSV are first read into lines by formats/.
import { extname } from "node:path";
import { readDelimited } from "./formats/delimited.ts";
import { readHtml } from "./formats/html.ts";
import { readPdf } from "./formats/pdf.ts";
import { readXlsx } from "./formats/sheet.ts";
import type { ReadLines } from "./formats/types.ts";
import { decodeText, normalizeLine, splitLines, type Encoding } from "./text.ts";

export type SourceFormat = "text" | "pdf" | "html" | "xlsx" | "csv" | "tsv";

/** Where a line of a document read from another format stands in its file. */
export interface LineOrigin {
  /** The file's line (HTML, CSV), the sheet's row, or the PDF's running line number. */
  line: number;
  /** p.3 l.12, 実施状況!A12:F12, 表2 行3; null where the line number says it all. */
  locator: string | null;
  /** Each cell's own locator when the line is a table row (実施状況!C12). */
  cells: string[] | null;
}

export interface SourceDoc {
  /** File name under the sources directory. */
  file: string;
  encoding: Encoding | "binary";
  format: SourceFormat;
  /** Lines exactly as decoded (index 0 is line 1); a table row's cells joined by tabs. */
  raw: string[];
  /** Lines with widths folded and control characters removed. */
  lines: string[];
  /** Per line, for formats other than text: where it stands in the file. Null for a text file (line i is line i). */
  origins: LineOrigin[] | null;
  /** Problems met while reading the format, each at the file line (or sheet row) where it was met. */
  readErrors: { line: number; reason: string }[];
}

const FORMATS: Record<string, SourceFormat> = { ".pdf": "pdf", ".html": "html", ".htm": "html", ".xlsx": "xlsx", ".csv": "csv", ".tsv": "tsv" };

/** The format a file is read as, from its extension; anything else is read as text. */
export function formatOf(file: string): SourceFormat {
  return FORMATS[extname(file).toLowerCase()] ?? "text";
}

export function loadSource(file: string, bytes: Uint8Array): SourceDoc {
  const { text, encoding } = decodeText(bytes);
  const raw = splitLines(text);
  if (raw.length > 0 && raw[raw.length - 1] === "") raw.pop();
  return { file, encoding, format: "text", raw, lines: raw.map(normalizeLine), origins: null, readErrors: [] };
}

function fromLines(file: string, format: SourceFormat, encoding: SourceDoc["encoding"], read: ReadLines): SourceDoc {
  const origins = read.lines.map((_, i) => ({ line: read.fileLines[i]!, locator: read.locators[i] ?? null, cells: read.cellLocators[i] ?? null }));
  return { file, encoding, format, raw: read.lines, lines: read.lines.map(normalizeLine), origins, readErrors: read.errors ?? [] };
}

/** Reads a source file of any supported format into a document; throws only when the bytes are not that format. */
export async function readSource(file: string, bytes: Uint8Array): Promise<SourceDoc> {
  const format = formatOf(file);
  switch (format) {
    case "text":
      return loadSource(file, bytes);
    case "pdf":
      return fromLines(file, format, "binary", await readPdf(bytes));
    case "xlsx":
      return fromLines(file, format, "binary", await readXlsx(bytes));
    case "html":
      return fromLines(file, format, decodeText(bytes).encoding, readHtml(bytes));
    case "csv":
    case "tsv":
      return fromLines(file, format, decodeText(bytes).encoding, readDelimited(bytes, format === "csv" ? "," : "\t"));
  }
}

/** The line of the file and the locator of a document line (1-based), as records and the report cite it. */
export function originOf(doc: SourceDoc, line: number): { line: number; locator: string | null } {
  const origin = doc.origins?.[line - 1];
  return origin ? { line: origin.line, locator: origin.locator } : { line, locator: null };
}

/**
 * The document line (1-based) that stands at a file's line and locator, as a record or a review row cites it; the
 * first such line when no locator is given. Null when the document has none.
 */
export function lineOfOrigin(doc: SourceDoc, line: number, locator: string | null): number | null {
  if (!doc.origins) return Number.isInteger(line) && line >= 1 && line <= doc.raw.length ? line : null;
  const i = doc.origins.findIndex((o) => o.line === line && (!locator || o.locator === locator || (o.cells?.includes(locator) ?? false)));
  return i < 0 ? null : i + 1;
}
