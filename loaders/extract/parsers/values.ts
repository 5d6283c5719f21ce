// A value a layout parser's pattern found, read through japanese-numbers.ts into a count, or into the reason it
// cannot be a target or an actual. A pattern captures the whole numeric lexeme (LEXEME_SOURCE), so that a value is
// never read in part: 1,23,456 is reported, not read as 1.
import { parseJapaneseQuantity, parseNumeral, type QuantityOp } from "../japanese-numbers.ts";
import type { TargetOp } from "../schema.ts";
import { UNIT_PATTERN } from "../units.ts";

/**
 * Digits and whatever could continue them as one number: separators and a decimal point before a digit, a space or
 * 、 before a digit, an exponent, 万/億/兆 and kanji digits (1万6千). 千 before 円 stays with its unit (5千円).
 * An ASCII digit starts it; a well-formed number is matched whole, a malformed one whole too, for readValue to report.
 */
export const LEXEME_SOURCE = String.raw`\d(?:[\d〇一二三四五六七八九十百万億兆]|千(?!円)|[,.、 ](?=\d)|[eE][+-]?(?=\d))*`;
/** The first numeric lexeme of a text. */
const LEXEME = new RegExp(LEXEME_SOURCE);

/**
 * A number in running text before its unit, in every form a count is written with: 1,500, 2万, 3.1万, 1万6千. Wider
 * than a well-formed number, so that a malformed one (1,23,456) is matched whole and readNumeral refuses it.
 */
export const FIGURE_NUMBER_SOURCE = String.raw`\d(?:[\d〇一二三四五六七八九十百万億兆]|千(?!円)|[,.](?=\d))*`;

/** The value of a number FIGURE_NUMBER_SOURCE matched, negated after a sign; null when it is not one number. */
export function readNumeral(num: string, negative = false): number | null {
  const digits = parseNumeral(num);
  const value = digits === null ? NaN : Number(digits);
  if (!Number.isFinite(value) || value > Number.MAX_SAFE_INTEGER) return null;
  return negative && value !== 0 ? -value : value;
}

/** Marks of a negative figure before a number (－ is folded to - with the line). */
export const SIGN_SOURCE = String.raw`[+\-−‐▲△]`;

/**
 * The sign of a figure in running text: ▲ or △, or a minus with no digit or letter before it and the digit right
 * after it, so that 1-3件 stays a range and a bullet "- 30人" stays a bullet.
 */
export const PROSE_SIGN_SOURCE = String.raw`(?:[▲△]\s?|(?<![\dA-Za-z.,])[\-−‐](?=\d))`;

export interface Value {
  value: number;
  unit: string | null;
  op: QuantityOp;
  approx: boolean;
}

/** Why a value is no count: `negative` is a change the document states; `malformed` a number no one writes. */
export type ValueProblem = { kind: "negative" | "malformed"; reason: string };

export type ValueReading = Value | ValueProblem;

export function isProblem(reading: ValueReading): reading is ValueProblem {
  return "reason" in reading;
}

/** A value's op as a record's target_op; null for an upper bound (以下, 未満), which no target_op states. */
export function targetOp(op: QuantityOp): TargetOp | null {
  return op === "lte" || op === "lt" ? null : op;
}

/** The reason a negative figure is no target or actual: the schema holds counts. */
export function negativeReason(value: number): string {
  return `negative figure ${value}: a change, not a count`;
}

const BRACKETED_FIGURE = /^[(（]\s*([^()（）]*\S)\s*[)）]$/;

/**
 * Reads one value as a parser captured it (200, 1,500人, 2万人, 3.1万件以上, （5.1万人）, ▲91, (91)). A negative or
 * malformed figure is a problem with its reason, never a value read in part; null when the text holds no number.
 * A figure in brackets with a unit is that figure (（5.1万人） → 51000); a bare one in brackets is negative, as
 * accounts write it.
 */
export function readValue(text: string): ValueReading | null {
  const trimmed = text.trim();
  const aside = BRACKETED_FIGURE.exec(trimmed);
  const inner = aside && /\D$/.test(aside[1]!) ? aside[1]! : trimmed;
  // The text is one value, so its myriads are a number whatever follows (2万以上: japanese-numbers leaves a 万
  // before a kanji word as written, for 2025万博).
  const q = parseJapaneseQuantity(numeralsAsDigits(inner));
  if (q) return q.value < 0 ? { kind: "negative", reason: negativeReason(q.value) } : q;
  const malformed = malformedReason(inner);
  return malformed ? { kind: "malformed", reason: malformed } : null;
}

/** A lexeme of ASCII digits alone, with separators in threes and a decimal part, short enough to be read exactly. */
const PLAIN_NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** The text with its first numeric lexeme in ASCII digits (1万6千 → 16000) when it is one number; else as written. */
function numeralsAsDigits(text: string): string {
  const m = LEXEME.exec(text);
  if (!m || !/[^\d,.]/.test(m[0])) return text;
  return text.slice(0, m.index) + (parseNumeral(m[0]) ?? m[0]) + text.slice(m.index + m[0].length);
}

/** Why a numeric lexeme is not one well-formed number, or null when it is one (or holds no digit). */
export function malformedReason(text: string): string | null {
  const lexeme = LEXEME.exec(text)?.[0];
  if (!lexeme) return null;
  if (lexeme.length <= 15 && PLAIN_NUMBER.test(lexeme)) return null;
  const written = JSON.stringify(text.trim());
  if (/\d[eE][+-]?\d/.test(lexeme)) return `malformed number ${written}: exponent notation, not a count as written`;
  if (/\d \d/.test(lexeme)) return `malformed number ${written}: a space inside the figure`;
  if (/\d、\d/.test(lexeme)) return `malformed number ${written}: 、 between digits, a list or a separator`;
  const digits = parseNumeral(lexeme);
  if (digits === null) return `malformed number ${written}: not one well-formed number`;
  if (Number(digits) > Number.MAX_SAFE_INTEGER) return `malformed number ${written}: too large to be read exactly`;
  return null;
}

/** Every lexeme starts with an ASCII digit: a text without one has none. */
const DIGIT = /\d/;
/** A number before a unit, written whole however malformed (1,23,456件, 1 500人, 1e30人). */
const LEXEME_FIGURE = new RegExp(String.raw`(?<![\d.,R])${LEXEME_SOURCE}(?=\s*(?:${UNIT_PATTERN})(?![\d%％]))`, "g");

/** Numbers before a unit in running text that are no well-formed number, each with its span and reason. */
export function malformedFigures(text: string): { index: number; end: number; reason: string }[] {
  const out: { index: number; end: number; reason: string }[] = [];
  if (!DIGIT.test(text)) return out;
  for (const m of text.matchAll(LEXEME_FIGURE)) {
    const reason = malformedReason(m[0]);
    if (reason) out.push({ index: m.index, end: m.index + m[0].length, reason });
  }
  return out;
}
