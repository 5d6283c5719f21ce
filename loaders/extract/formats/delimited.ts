// CSV and TSV as lines: one line per record, its cells joined by "\t", at the file line where the record starts.
import { parse } from "csv-parse/sync";
import { decodeText } from "../text.ts";
import { packLines, rowLine, type FoundLine, type ReadError } from "./rows.ts";
import type { ReadLines } from "./types.ts";

/** After this many malformed records the rest of the file is reported as unread: resuming re-parses the tail each time. */
const MAX_ERRORS = 100;

interface ParsedRecord {
  cells: string[];
  /** 1-based, in the text handed to csv-parse. */
  startLine: number;
  endLine: number;
}

/**
 * Reads a CSV or TSV file (UTF-8, UTF-8 with BOM, Shift_JIS, UTF-16). Cell
 * locators are "行{file line} 列{column}": the record's line in the file, so a
 * person can open the file at that line. A malformed record (an unclosed quote)
 * is reported in `errors` with the line it starts on and skipped, and reading
 * resumes on the next line: one bad quote does not lose the rest of the file.
 */
export function readDelimited(bytes: Uint8Array, delimiter: "," | "\t"): ReadLines {
  // CR and CRLF become LF so csv-parse counts lines as splitLines does; a line
  // break inside a quoted cell is collapsed to a space anyway.
  const fileLines = decodeText(bytes).text.split(/\r\n|\r|\n/);
  const found: FoundLine[] = [];
  const errors: ReadError[] = [];
  let skipped = 0; // file lines before the text handed to csv-parse
  while (skipped < fileLines.length) {
    const { records, failure } = parseRecords(fileLines.slice(skipped).join("\n"), delimiter);
    for (const record of records) {
      const line = skipped + record.startLine;
      const row = rowLine(record.cells, line, null, (i) => `行${line} 列${i + 1}`);
      if (row) found.push(row);
    }
    if (!failure) break;
    // The failing record starts on the first non-blank line after the last good one.
    const after = skipped + (records.at(-1)?.endLine ?? 0);
    const start = firstNonBlank(fileLines, after) ?? after + 1;
    if (errors.length === MAX_ERRORS) {
      errors.push({ line: start, reason: `too many malformed records; lines ${start}–${fileLines.length} not read` });
      break;
    }
    errors.push({ line: start, reason: `${failure}; line skipped: ${preview(fileLines[start - 1] ?? "")}` });
    skipped = start;
  }
  return packLines(found, errors);
}

/** Parses until the end or the first malformed record; the records before it are kept. */
function parseRecords(text: string, delimiter: string): { records: ParsedRecord[]; failure: string | null } {
  const records: ParsedRecord[] = [];
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      raw: true,
      // on_record sees each record as it completes, so those read before an error survive the throw.
      on_record: (entry, context) => {
        // raw: true hands each record over as { record, raw }, which csv-parse's types do not model.
        const { record } = entry as unknown as { record: string[] };
        records.push({ cells: record, ...recordLines(context.raw ?? "", context.lines) });
        return entry;
      },
    });
    return { records, failure: null };
  } catch (error) {
    return { records, failure: describeFailure(error) };
  }
}

/**
 * csv-parse counts `lines` up to the end of the record; its raw text starts
 * with the empty lines it skipped and ends with the record's line break.
 */
export function recordLines(raw: string, endLine: number): { startLine: number; endLine: number } {
  const body = raw.replace(/^\n+/, "").replace(/\n$/, "");
  const breaks = body.split("\n").length - 1;
  return { startLine: endLine - breaks, endLine };
}

function firstNonBlank(lines: readonly string[], afterLine: number): number | null {
  for (let i = afterLine; i < lines.length; i++) if ((lines[i] ?? "").trim() !== "") return i + 1;
  return null;
}

/** csv-parse's messages give lines counted from where this pass started, so the code is kept and the line left out. */
function describeFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "CSV_QUOTE_NOT_CLOSED") return "a quoted cell is never closed";
  const message = error instanceof Error ? error.message : String(error);
  return `${typeof code === "string" ? `${code}: ` : ""}${message.replace(/\s*at line \d+\.?/g, "")}`;
}

function preview(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
}
