// The platform-status synthetic sheet: the document being written with its house style (digits, units, brackets,
// as-of dates), and what a year cell holds: its text and the figures a correct reading finds in it.
import type { BodyInfo } from "../../../extract/bodies.ts";
import type { Period } from "../../../extract/fiscal.ts";
import type { Draft } from "../../../extract/parsers/types.ts";
import type { Rng } from "../../rng.ts";
import { toFullWidth } from "../../text.ts";
import { asOfIn, grouped, reiwa, type AsOf, type Platform } from "../platform.ts";

/** A figure of a year cell and what a correct reading of it gives. */
export interface Fig {
  name: string;
  value: number;
  unit: string;
  asOf: string | null;
  /** A running total's own period; the column's year otherwise. */
  period: Period | null;
  notes: string[];
  /** The figure this one is part of (就職件数 of 就職件数（うち正規雇用）): its record is the parent_record_id. */
  parent?: Fig;
  /** The figure restates the 全体KPI row's figure just above under the labour bureau: no record of its own. */
  restated?: boolean;
}

/** A year cell's text and its figures. */
export interface Cell {
  text: string;
  figs: Fig[];
}

/** A fiscal-year column of the table. */
export interface Column {
  fy: number;
  /** The current year is reported part-way, mostly as of this date (rows may state their own). */
  asOf: AsOf | null;
  /** A later year of the plan, not reported yet: the cell stays empty. */
  future: boolean;
}

/** One agency row: 分類 ⇥ <tag> ○取組 ⇥ one cell per year. */
export interface AgencyRow {
  category: string;
  activity: string;
  /** The body the row's tag names; null carries the tag of the rows above. */
  agency: BodyInfo | null;
  /** The program its figures are recorded under. */
  program: string;
  cell: (col: Column) => Cell;
}

/** The list residue an HTML export leaves in a cell. */
export const HTML_LIST = '<ul style="list-style-type: none">';
const UNIT_SHOWN: Record<string, string[]> = { 人: ["人", "人", "人", "名"] };

/** A figure name as the reading tidies it: brackets full-width, no spaces around them, single spaces. */
export function tidy(text: string): string {
  return text
    .replace(/\(/g, "（")
    .replace(/\)/g, "）")
    .replace(/\s*([（）])\s*/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** A figure, undated and without notes unless `extra` says otherwise. */
export function fig(name: string, value: number, unit: string, extra: Partial<Fig> = {}): Fig {
  return { name, value, unit, asOf: null, period: null, notes: [], ...extra };
}

/** The document being written and its house style. */
export class StatusSheet {
  readonly lines: string[] = [];
  readonly drafts: Draft[] = [];
  /** Each figure that is part of another, with the draft of that other. */
  readonly parents = new Map<Draft, Draft>();
  /** Lines whose figures restate the row above under another body: the extraction reports them as duplicates. */
  readonly restated = new Set<number>();
  /** The platform's headline actual per year (全体KPI of section 1), which the labour bureau's row restates. */
  readonly headline = new Map<number, { value: number; asOf: AsOf | null }>();

  constructor(
    readonly rng: Rng,
    readonly platform: Platform,
    readonly prefecture: BodyInfo,
    /** Full-width digits in the year cells. */
    readonly wide: boolean,
    /** How much bigger or smaller than Hiroshima the prefecture's figures run. */
    readonly scale: number,
  ) {}

  /** A number with thousands separators, in full-width digits when the sheet writes them. */
  num(n: number): string {
    return this.wide ? toFullWidth(grouped(n)) : grouped(n);
  }

  /** A count near `base` (at Hiroshima's size), sometimes 0. */
  count(base: number, zero = 0.03): number {
    if (this.rng.chance(zero)) return 0;
    return Math.max(1, Math.round(base * this.scale * (0.4 + this.rng.next() * 1.2)));
  }

  /** A unit as written: 人 is sometimes 名. */
  shown(unit: string): string {
    return this.rng.pick(UNIT_SHOWN[unit] ?? [unit]);
  }

  /** The space between a label and its number: none, or one. */
  space(): string {
    return this.rng.pick(["", " ", " "]);
  }

  /** A bracket, half-width or full-width. */
  bracket(inner: string): string {
    return this.rng.chance(0.7) ? `(${inner})` : `（${inner}）`;
  }

  /** The as-of date a cell of a part-way column states: the table's usual one, or a row's own. */
  asOf(col: Column): AsOf | null {
    if (!col.asOf) return null;
    return this.rng.chance(0.7) ? col.asOf : asOfIn(col.fy, this.rng);
  }

  /** Dates the cell's undated figures with an as-of marker at the end of the cell. */
  finish(cell: Cell, col: Column): Cell {
    const asOf = cell.figs.length > 0 ? this.asOf(col) : null;
    if (!asOf) return cell;
    for (const f of cell.figs) if (!f.asOf && !f.period) f.asOf = asOf.iso;
    return { text: `${cell.text}${this.rng.pick([" ", ""])}${this.bracket(asOf.text)}`, figs: cell.figs };
  }

  /** An event date within a fiscal year: R5.10.21. */
  eventDate(fy: number, used: Set<string>): string {
    for (;;) {
      const month = this.rng.int(4, 15);
      const year = month > 12 ? fy + 1 : fy;
      const text = `R${reiwa(year)}.${month > 12 ? month - 12 : month}.${this.rng.int(1, 28)}`;
      if (!used.has(text)) {
        used.add(text);
        return text;
      }
    }
  }
}
