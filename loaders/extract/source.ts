// A source document as parsers see it: verbatim lines for provenance, normalized lines for matching. Text files are
// read as they are; PDF, web pages, spreadsheets and CSV are first read into lines by formats/.
import { isUtf8 } from "node:buffer";
import { hash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
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
  /** Lines with widths folded and control characters removed (a line over MAX_LINE_CHARS: only blanked if blank). */
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

/** The largest source read: a document's text is a few megabytes; a bigger file is not one, and would not fit a string. */
export const MAX_SOURCE_BYTES = 256 * 2 ** 20;

/** A file's bytes, or why they were not read: `skipped` for what is not a regular file, `error` for what failed. */
export type SourceBytes = { bytes: Uint8Array } | { status: "skipped" | "error"; line: number; reason: string };

/** What an entry that is not a regular file is, in the words a report uses; null for a regular file. */
export function notRegular(stats: Stats): string | null {
  if (stats.isFile()) return null;
  const what = stats.isDirectory()
    ? "a directory: subdirectories are not read"
    : stats.isFIFO()
      ? "a FIFO (named pipe)"
      : stats.isSocket()
        ? "a socket"
        : stats.isCharacterDevice()
          ? "a character device"
          : stats.isBlockDevice()
            ? "a block device"
            : "not a file";
  return stats.isDirectory() ? what : `${what}, not a regular file: not read`;
}

// O_NONBLOCK: a FIFO put in the file's place after it was examined opens at once instead of waiting for a writer,
// and is then refused by fstat. O_NOCTTY: a terminal never becomes the process's controlling terminal.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
/** A size as the report gives it: whole megabytes, or bytes below one. */
function amount(bytes: number): string {
  return bytes < 2 ** 20 ? `${bytes} bytes` : `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

/** Bytes read at a time once the file has outgrown the size fstat gave. */
const CHUNK = 2 ** 20;

/**
 * Reads a source file, links followed to regular files only: a FIFO, socket or device is never opened (it is
 * examined first, and the opened descriptor again). The size is checked on the descriptor and while reading, so a
 * file whose size the system does not know (/proc) or that grows as it is read stops at `limit` bytes.
 */
export function readSourceBytes(path: string, limit = MAX_SOURCE_BYTES): SourceBytes {
  const cannot = (error: unknown): SourceBytes => ({ status: "error", line: 0, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
  const tooLarge = (size: number | null): SourceBytes => ({
    status: "error",
    line: 1,
    reason: `too large for a source text: ${size === null ? `not at its end after ${amount(limit)}` : `${amount(size)}, over ${amount(limit)}`}`,
  });
  let fd: number;
  try {
    const skipped = notRegular(statSync(path));
    if (skipped) return { status: "skipped", line: 0, reason: skipped };
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return cannot(error);
  }
  try {
    const opened = fstatSync(fd);
    const skipped = notRegular(opened);
    if (skipped) return { status: "skipped", line: 0, reason: skipped };
    if (opened.size > limit) return tooLarge(opened.size);
    // One read for the size fstat gave and a byte more, to see whether the file goes on; then chunks up to the limit.
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (let size = Math.min(opened.size + 1, limit + 1); ; size = Math.min(CHUNK, limit + 1 - total)) {
      const buffer = Buffer.allocUnsafe(size);
      const n = readSync(fd, buffer, 0, size, null);
      if (n === 0) break;
      chunks.push(buffer.subarray(0, n));
      total += n;
      if (total > limit) return tooLarge(null);
    }
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (error) {
    return cannot(error);
  } finally {
    closeSync(fd);
  }
}

/** Lines longer than this are reported and not matched: a document's lines are a few hundred characters at most. */
export const MAX_LINE_CHARS = 10_000;

/** normalizeLine, but for a line too long to be matched, which is only trimmed (blank, or left as it is). */
function normalized(line: string): string {
  if (line.length <= MAX_LINE_CHARS) return normalizeLine(line);
  return line.trim() === "" ? "" : line;
}

export function loadSource(file: string, bytes: Uint8Array): SourceDoc {
  const { text, encoding } = decodeText(bytes);
  const raw = splitLines(text);
  if (raw.length > 0 && raw[raw.length - 1] === "") raw.pop();
  return { file, encoding, format: "text", raw, lines: raw.map(normalized), origins: null, readErrors: [] };
}

function fromLines(file: string, format: SourceFormat, encoding: SourceDoc["encoding"], read: ReadLines): SourceDoc {
  const origins = read.lines.map((_, i) => ({ line: read.fileLines[i]!, locator: read.locators[i] ?? null, cells: read.cellLocators[i] ?? null }));
  return { file, encoding, format, raw: read.lines, lines: read.lines.map(normalized), origins, readErrors: read.errors ?? [] };
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

/**
 * The sha1 (hex) of a document's decoded lines joined by LF: the same text in another encoding or with other line
 * ends gives the same one. A text file in valid UTF-8 with LF ends holds those very bytes (less the BOM and one final
 * LF), which are hashed as they are instead of joining and encoding the lines again.
 */
export function linesDigest(doc: SourceDoc, bytes: Uint8Array): string {
  if (doc.format === "text" && (doc.encoding === "utf-8" || doc.encoding === "utf-8-bom") && !bytes.includes(CR) && isUtf8(bytes)) {
    const start = doc.encoding === "utf-8-bom" ? 3 : 0;
    const end = bytes.length > start && bytes[bytes.length - 1] === LF ? bytes.length - 1 : bytes.length;
    return hash("sha1", bytes.subarray(start, end), "hex");
  }
  return hash("sha1", doc.raw.join("\n"), "hex");
}
const CR = 0x0d;
const LF = 0x0a;

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
