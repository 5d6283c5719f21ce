// ASCII numbers as documents write them: 1,500 / ４，７６８ / 3,200件以上. NUMBER_SOURCE is the digit form that
// japanese-numbers.ts builds every other form on (2万, 三十万, ▲91); the layout parsers read values through
// parsers/values.ts, which reads them with japanese-numbers.ts and reports negative and malformed ones.
import { foldWidth } from "./text.ts";

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** Parses a plain number with optional thousands separators; null when the text is not exactly a number. */
export function parseNumber(text: string): number | null {
  const folded = foldWidth(text).replace(/[，、]/g, ",").trim();
  if (!NUMBER.test(folded)) return null;
  const value = Number(folded.replace(/,/g, ""));
  return Number.isFinite(value) ? value : null;
}

/** A regex source matching a number with separators, for parsers that scan running text. */
export const NUMBER_SOURCE = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
