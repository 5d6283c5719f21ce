/** A document read from a non-text format, as lines in reading order. Table rows are their cells joined by "\t". */
export interface ReadLines {
  /** The text of each line; a table row's cells joined by "\t", each cell's own whitespace (newlines, tabs) collapsed to one space and trimmed. */
  lines: string[];
  /** Per line: the line of the file it stands on (HTML: the file line where the element's text starts; a sheet: the row number; CSV: the file line where the record starts; PDF: the line's running number). */
  fileLines: number[];
  /** Per line: where it stands, for a person: "p.3 l.12" (PDF), "実施状況!A12:F12" (a sheet's row), "表2 行3" (an HTML table row: table 2, row 3), null where the file line says it all. */
  locators: (string | null)[];
  /** Per line that is a table row: each cell's own locator ("実施状況!C12"; for HTML "表2 行3 列4"); null for other lines. */
  cellLocators: (string[] | null)[];
  /** Problems met while reading, with the file line; the lines read are still returned. */
  errors?: { line: number; reason: string }[];
}
