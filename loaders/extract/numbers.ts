// ASCII numbers as documents write them: 1,500 / ４，７６８ / 3,200件以上. NUMBER_SOURCE is the digit form that
// japanese-numbers.ts builds every other form on (2万, 三十万, ▲91); the layout parsers read values through
// parsers/values.ts, which reads them with japanese-numbers.ts and reports negative and malformed ones.
import { foldWidth } from "./text.ts";
import { canonicalUnit, UNIT_PATTERN } from "./units.ts";

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** Parses a plain number with optional thousands separators; null when the text is not exactly a number. */
export function parseNumber(text: string): number | null {
  const folded = foldWidth(text).replace(/[，、]/g, ",").trim();
  if (!NUMBER.test(folded)) return null;
  const value = Number(folded.replace(/,/g, ""));
  return Number.isFinite(value) ? value : null;
}

export interface Quantity {
  value: number;
  unit: string | null;
  /** `gte` when the value reads 以上 ("at least"), else `eq`. */
  op: "gte" | "eq";
}

const QUANTITY = new RegExp(
  String.raw`^(?<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?<unit>${UNIT_PATTERN})?\s*(?<op>以上)?$`,
);

/**
 * Parses `3,200件以上`, `15名`, `22,497回`, `1,500`; null when the text is not one quantity.
 * @deprecated No parser reads with it: parsers/values.ts readValue reads these and 2万人, ▲91, （5.1万人） too.
 */
export function parseQuantity(text: string): Quantity | null {
  const folded = foldWidth(text).replace(/，/g, ",").trim();
  const m = QUANTITY.exec(folded);
  if (!m?.groups) return null;
  const value = Number(m.groups.num!.replace(/,/g, ""));
  if (!Number.isFinite(value)) return null;
  return {
    value,
    unit: m.groups.unit ? canonicalUnit(m.groups.unit) : null,
    op: m.groups.op ? "gte" : "eq",
  };
}

/** A regex source matching a number with separators, for parsers that scan running text. */
export const NUMBER_SOURCE = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
