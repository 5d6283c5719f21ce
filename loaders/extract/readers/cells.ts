// Table rows in any layout as cells: tab-separated (and every row read from HTML, sheets, PDF and CSV), pipe tables,
// and columns aligned with spaces.

/** The cells of a line that is a table row, or null when it is running text. */
export function splitCells(line: string): string[] | null {
  if (line.includes("\t")) return line.split("\t").map((c) => c.trim());
  const trimmed = line.trim();
  if (/^\|.*\|$/.test(trimmed) || (trimmed.match(/\|/g)?.length ?? 0) >= 2) {
    const cells = trimmed.replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());
    return cells.every((c) => /^:?-{2,}:?$/.test(c) || c === "") ? [] : cells;
  }
  // Aligned columns: two or more spaces between cells, at least two gaps (one gap is often a wrapped sentence).
  const gaps = trimmed.match(/\S {2,}(?=\S)/g)?.length ?? 0;
  if (gaps >= 2) return trimmed.split(/ {2,}/).map((c) => c.trim());
  return null;
}

/** Whether a cell says a figure is missing (not zero): －, ―, 集計中, blank. */
export function isMissingCell(cell: string): boolean {
  return /^(?:[-－―ー‐—–/／＊*…・]+|集計中|調査中|未集計|未定|未確定|なし|無し|該当なし|対象外|N\/?A|n\/?a|)$/.test(cell.trim());
}

/** Display columns of a character: two for full-width (CJK, full-width forms), one otherwise. */
function width(ch: string): number {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
}

export interface AlignedCell {
  text: string;
  start: number;
  end: number;
}

/** The cells of a space-aligned row with their display columns; null when the row is not aligned by spaces. */
export function alignedCells(line: string): AlignedCell[] | null {
  if (line.includes("\t") || line.includes("|")) return null;
  const cells: AlignedCell[] = [];
  let column = 0;
  let current: AlignedCell | null = null;
  let spaces = 0;
  for (const ch of line) {
    if (ch === " ") {
      spaces++;
      column++;
      continue;
    }
    if (current && spaces >= 2) {
      cells.push(current);
      current = null;
    } else if (current && spaces === 1) current.text += " ";
    spaces = 0;
    current ??= { text: "", start: column, end: column };
    current.text += ch;
    column += width(ch);
    current.end = column;
  }
  if (current) cells.push(current);
  return cells.length >= 3 ? cells : null;
}

/**
 * A space-aligned row's cells placed under the header's columns by where they stand, so that a blank cell keeps its
 * column: each cell goes to the header column it overlaps most (numbers stand right-aligned under their header).
 * The columns' spans run left to right and cover the row, so each cell is weighed against the columns it touches
 * only, found by walking both rows together: a row of thousands of cells costs its length, not its square.
 */
export function placeCells(header: AlignedCell[], row: AlignedCell[]): string[] {
  const out = header.map(() => "");
  const bounds = header.map((h, j) => ({ start: j === 0 ? 0 : Math.min(h.start, header[j - 1]!.end + 1), end: j + 1 < header.length ? header[j + 1]!.start : Infinity }));
  let first = 0;
  let previous = -Infinity;
  for (const cell of row) {
    if (cell.start < previous) first = 0;
    previous = cell.start;
    while (first + 1 < bounds.length && bounds[first]!.end <= cell.start) first++;
    let best = -1;
    let overlap = -Infinity;
    for (let j = first; j < bounds.length && (j === first || bounds[j]!.start < cell.end); j++) {
      const o = Math.min(cell.end, bounds[j]!.end) - Math.max(cell.start, bounds[j]!.start);
      if (o > overlap) [best, overlap] = [j, o];
    }
    if (best >= 0) out[best] = out[best] ? `${out[best]} ${cell.text}` : cell.text;
  }
  return out;
}
