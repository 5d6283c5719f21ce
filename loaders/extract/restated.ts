// One statement restated under another body: a platform's status table gives its overall figure on one row and
// repeats it on the next under the body that produced it,
//   全体KPI                     ○正社員就職件数 3,121件   ○正社員就職件数 2,163件 (R6.12月末現在)
//   マッチング・相談 <労働局>    ○正社員就職件数 3,121件   ○正社員就職件数 2,163件 (R6.12月末現在)
// Read as it stands, that is two series of one figure. Within one document, a record with the same indicator
// (its name folded), period, actual, as-of date and unit as a record of another body on a neighbouring row (within
// NEIGHBOURHOOD lines, before or after), and the same target or a target only one of them gives, is the same
// statement restated: the first is kept — or the one with a target, when only one has it — and the other dropped
// and reported.
// A row restates another only when every figure it states for its body is one of the other row's: two towns' rows
// that each held 3 seminars but drew 31 and 10 participants state two facts, not one twice. A row of zeros restates
// nothing (zero is the commonest coincidence). A figure repeated on a distant line, another figure, and the same
// body's records are not this rule's (the same body's repeated statements are counted once by extract.ts).
import type { KpiRecord } from "./schema.ts";

/** How far apart (in document lines) a restated row stands from the row it restates. */
export const NEIGHBOURHOOD = 2;

/** A record with the document line it stands on. */
export interface Placed {
  record: KpiRecord;
  line: number;
}

export interface Restated {
  dropped: Placed;
  kept: Placed;
}

/** An indicator's name as restatements are compared: widths folded, spaces removed, letters in one case. */
export function sameNameKey(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/** What two records must share to state the same thing: everything but the body, the line and the target. */
function key(r: KpiRecord): string {
  return JSON.stringify([sameNameKey(r.kpi_name), r.period_start_fy, r.period_end_fy, r.actual, r.actual_as_of, r.unit]);
}

/** The same statement: the same key, and the same target or one given by one of the two only. */
function restates(a: Placed, b: Placed, keys: ReadonlyMap<Placed, string>): boolean {
  const [x, y] = [a.record, b.record];
  // With the same actual, a record with no target has an actual, so the two share a figure.
  return keys.get(a) === keys.get(b) && (x.target === null || y.target === null || (x.target === y.target && x.target_op === y.target_op));
}

/** One body's records on one line. */
interface Row {
  line: number;
  body: string;
  records: Placed[];
}

/** For each record of `row`, the record of `other` it restates; null when one of them restates none. */
function matchRow(row: Row, other: Row, keys: ReadonlyMap<Placed, string>): Map<Placed, Placed> | null {
  const matches = new Map<Placed, Placed>();
  for (const p of row.records) {
    const k = other.records.find((q) => restates(p, q, keys));
    if (!k) return null;
    matches.set(p, k);
  }
  return matches;
}

/**
 * The records of one document less those that restate a neighbouring record of another body, in the order given;
 * with each dropped record and the one kept in its place. Records an analyst typed up (table:…) are taken as they are.
 */
export function dropRestated(placed: readonly Placed[]): { kept: Placed[]; restated: Restated[] } {
  const rows = new Map<string, Row>();
  for (const p of placed) {
    if (p.record.extraction.startsWith("table:")) continue;
    // NUL joins: no line holds one (normalizeLine removes control characters).
    const id = `${p.line}\0${p.record.body}`;
    const row = rows.get(id) ?? { line: p.line, body: p.record.body, records: [] };
    row.records.push(p);
    rows.set(id, row);
  }
  const ordered = [...rows.values()].sort((a, b) => a.line - b.line);
  /** Each record's key, worked out once: a record is compared with every record of the rows near it. */
  const keys = new Map<Placed, string>();
  for (const row of ordered) for (const p of row.records) keys.set(p, key(p.record));
  const keeperOf = new Map<Placed, Placed>();
  const keeper = (p: Placed): Placed => {
    for (let k = keeperOf.get(p); k !== undefined; k = keeperOf.get(p)) p = k;
    return p;
  };
  for (const [i, row] of ordered.entries()) {
    if (row.records.every((p) => (p.record.target ?? 0) === 0 && (p.record.actual ?? 0) === 0)) continue;
    // The rows within reach, before and after, of other bodies; the nearest first, the earlier of two as near.
    const near: Row[] = [];
    for (let j = i - 1; j >= 0 && ordered[j]!.line >= row.line - NEIGHBOURHOOD; j--) near.push(ordered[j]!);
    for (let j = i + 1; j < ordered.length && ordered[j]!.line <= row.line + NEIGHBOURHOOD; j++) near.push(ordered[j]!);
    near.sort((a, b) => Math.abs(a.line - row.line) - Math.abs(b.line - row.line) || a.line - b.line);
    for (const other of near) {
      if (other.body === row.body) continue;
      const matches = matchRow(row, other, keys);
      if (!matches) continue;
      // Two rows that restate each other whole: the later is the restatement.
      if (other.line > row.line && matchRow(other, row, keys)) continue;
      for (const [p, k] of matches) {
        if (keeperOf.has(p)) continue;
        const kept = keeper(k);
        if (kept === p) continue;
        // The one with a target, when only one has it, is kept (what restated the other restates it).
        if (p.record.target !== null && kept.record.target === null) keeperOf.set(kept, p);
        else keeperOf.set(p, kept);
      }
      break;
    }
  }
  return {
    kept: placed.filter((p) => !keeperOf.has(p)),
    restated: [...keeperOf].map(([d]) => ({ dropped: d, kept: keeper(d) })).sort((a, b) => a.dropped.line - b.dropped.line),
  };
}
