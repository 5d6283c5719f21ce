// Excel workbooks as lines: each visible sheet's name, then one line per non-empty row, its cells joined by "\t".
import ExcelJS from "exceljs";
import { packLines, rowLine, type FoundLine, type ReadError } from "./rows.ts";
import type { ReadLines } from "./types.ts";

/**
 * Reads every visible worksheet in workbook order. Each sheet opens with a
 * line holding its name (a sheet name often says the year or the program, so
 * parsers read it as a heading): its fileLine is 0, since it stands on no row
 * and comes before row 1, and its locator is the sheet's name as Excel quotes
 * it. Row lines follow with fileLine = the row number; the sheet is in the
 * locator ("実施状況!A12:F12"), as fileLines alone repeat from sheet to sheet.
 *
 * Throws when the bytes are not an .xlsx workbook (a legacy .xls, an encrypted
 * file, anything not a zip): there is nothing to read, and the caller reports
 * the file. Problems inside a readable workbook (error values, hidden sheets
 * skipped, formulas without a saved result) go to `errors`.
 */
export async function readXlsx(bytes: Uint8Array): Promise<ReadLines> {
  const workbook = await loadWorkbook(bytes);
  const found: FoundLine[] = [];
  const errors: ReadError[] = [];
  for (const sheet of workbook.worksheets) {
    const name = quoteSheetName(sheet.name);
    if (sheet.state !== "visible") {
      // Hidden sheets mostly hold lookup lists for drop-downs; reading them would add rows nobody sees.
      errors.push({ line: 0, reason: `sheet ${name} is ${sheet.state}; not read` });
      continue;
    }
    found.push({ text: sheet.name, fileLine: 0, locator: name, cellLocators: null });
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let col = 1; col <= row.cellCount; col++) {
        const { text, problem } = cellText(row.getCell(col));
        cells.push(text);
        if (problem) errors.push({ line: rowNumber, reason: `${name}!${columnLetter(col)}${rowNumber}: ${problem}` });
      }
      const line = rowLine(cells, rowNumber, null, (i) => `${name}!${columnLetter(i + 1)}${rowNumber}`);
      if (!line) return;
      const first = cells.findIndex((cell) => cell.trim() !== "") + 1;
      const last = line.cellLocators!.length;
      line.locator = `${name}!${rangeOf(first, last, rowNumber)}`;
      found.push(line);
    });
  }
  return packLines(found, errors);
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Legacy .xls and password-protected .xlsx are both OLE compound files: name the cause, not the zip error.
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new Error("not an .xlsx workbook: an OLE compound file (a legacy .xls, or an encrypted workbook); save it as .xlsx");
  }
  if (!buffer.subarray(0, 2).equals(Buffer.from("PK"))) throw new Error("not an .xlsx workbook: the file is not a zip archive");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (cause) {
    throw new Error(`not a readable .xlsx workbook: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  return workbook;
}

/** A cell's text as the sheet shows its value; a merged cell reads as its master, like a spanned HTML cell. */
export function cellText(cell: ExcelJS.Cell): { text: string; problem?: string } {
  const source = cell.isMerged ? cell.master : cell;
  return valueText(source.value, source.numFmt);
}

function valueText(value: ExcelJS.CellValue, numFmt: string | undefined): { text: string; problem?: string } {
  if (value === null || value === undefined) return { text: "" };
  if (typeof value === "number") return { text: numberText(value, numFmt) };
  if (typeof value === "string") return { text: value };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE" };
  if (value instanceof Date) return { text: dateText(value) };
  if ("error" in value) return { text: "", problem: `error value ${value.error}; read as empty` };
  if ("richText" in value) return { text: value.richText.map((run) => run.text).join("") };
  if ("hyperlink" in value) {
    const text = value.text as unknown; // a hyperlink's text may itself be rich text
    if (typeof text === "object" && text !== null && "richText" in text) return valueText(text as ExcelJS.CellRichTextValue, numFmt);
    return { text: typeof text === "string" ? text : "" };
  }
  if ("formula" in value || "sharedFormula" in value) {
    if (value.result === undefined) return { text: "", problem: "formula without a saved result; read as empty" };
    return valueText(value.result, numFmt);
  }
  return { text: "" };
}

/**
 * Numbers as plain digits, rounded to the 15 significant digits Excel shows
 * (a computed 0.30000000000000004 reads 0.3). A percent format is kept as a
 * percent: the cell shows 85%, and 0.85 would read as a different quantity.
 */
export function numberText(value: number, numFmt: string | undefined): string {
  const percent = numFmt !== undefined && /%/.test(numFmt.replace(/"[^"]*"|\\./g, ""));
  const shown = Number((percent ? value * 100 : value).toPrecision(15));
  return percent ? `${shown}%` : String(shown);
}

/** exceljs reads dates as UTC instants; the time is added only when there is one. */
export function dateText(date: Date): string {
  const iso = date.toISOString();
  const time = iso.slice(11, 19);
  if (time === "00:00:00") return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${time.endsWith(":00") ? time.slice(0, 5) : time}`;
}

export function columnLetter(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function rangeOf(firstColumn: number, lastColumn: number, row: number): string {
  const first = `${columnLetter(firstColumn)}${row}`;
  return firstColumn === lastColumn ? first : `${first}:${columnLetter(lastColumn)}${row}`;
}

/**
 * A sheet name as Excel writes it in a reference: quoted, with quotes doubled,
 * unless it is letters, digits, "_" and "." not starting with a digit, and could
 * not be read as a cell address (R5, AB12, R1C1).
 */
export function quoteSheetName(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}
