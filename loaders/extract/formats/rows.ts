// Helpers every format reader shares: cell cleaning and packing lines into ReadLines.
import { squish } from "../text.ts";
import type { ReadLines } from "./types.ts";

/** One line as a reader finds it, before the readers' lines are packed into parallel arrays. */
export interface FoundLine {
  text: string;
  fileLine: number;
  locator: string | null;
  cellLocators: string[] | null;
}

export type ReadError = NonNullable<ReadLines["errors"]>[number];

/**
 * Cleans a row's cells and drops the empty ones at its end, so that a row
 * padded with blank cells (Excel's trailing commas, an empty last <td>) reads
 * the same as one without; blank cells in the middle stay to keep columns aligned.
 */
export function cleanRow(cells: readonly string[]): string[] {
  const cleaned = cells.map(squish);
  let end = cleaned.length;
  while (end > 0 && cleaned[end - 1] === "") end--;
  return cleaned.slice(0, end);
}

/** A table row as a line, or null when every cell is empty (empty rows are dropped). */
export function rowLine(
  cells: readonly string[],
  fileLine: number,
  locator: string | null,
  cellLocator: (index: number) => string,
): FoundLine | null {
  const row = cleanRow(cells);
  if (row.length === 0) return null;
  return { text: row.join("\t"), fileLine, locator, cellLocators: row.map((_, i) => cellLocator(i)) };
}

export function packLines(found: readonly FoundLine[], errors: ReadError[]): ReadLines {
  return {
    lines: found.map((line) => line.text),
    fileLines: found.map((line) => line.fileLine),
    locators: found.map((line) => line.locator),
    cellLocators: found.map((line) => line.cellLocators),
    errors,
  };
}
