// Text normalization shared by every parser: encodings, widths, line splitting.
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

export type Encoding = "utf-8" | "utf-8-bom" | "shift_jis" | "utf-16le" | "utf-16be";

/** Guesses the encoding of a Japanese government text file from its bytes. */
export function detectEncoding(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8-bom";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return isUtf8(bytes) ? "utf-8" : "shift_jis";
}

/** Decodes bytes with the detected encoding (Shift_JIS read as CP932, as Windows writes it). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const encoding = detectEncoding(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  switch (encoding) {
    case "utf-8-bom":
      text = buffer.subarray(3).toString("utf8");
      break;
    case "utf-16le":
      text = iconv.decode(buffer.subarray(2), "utf-16le");
      break;
    case "utf-16be":
      text = iconv.decode(buffer.subarray(2), "utf-16be");
      break;
    case "shift_jis":
      text = iconv.decode(buffer, "cp932");
      break;
    default:
      text = buffer.toString("utf8");
  }
  return { text, encoding };
}

const HALF_WIDTH_KANA = /[\uff61-\uff9f]+/g;

/** Full-width characters folded to ASCII: digits, letters and the marks numbers are written with. */
const FOLDED = /[０-９Ａ-Ｚａ-ｚ，．：％＋－]/;
const NEEDS_FOLDING = /[０-９Ａ-Ｚａ-ｚ，．：％＋－\u3000\uff61-\uff9f]/;

/**
 * Folds full-width digits, letters and number punctuation (，．：％＋－) and the
 * ideographic space to ASCII, and half-width katakana to full-width. Brackets
 * such as （） and 【】 stay as written; circled numbers and superscript
 * footnote marks are kept: they are not values.
 */
export function foldWidth(text: string): string {
  if (!NEEDS_FOLDING.test(text)) return text;
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (FOLDED.test(ch)) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += " ";
    else out += ch;
  }
  return out.replace(HALF_WIDTH_KANA, (kana) => kana.normalize("NFKC"));
}

/** Splits text into lines, accepting CRLF, CR and LF (normalizeLine drops the control characters). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The form of a source line every parser matches against: width-folded, control characters removed. */
export function normalizeLine(line: string): string {
  // eslint-disable-next-line no-control-regex
  return foldWidth(line).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\ufeff]/g, "");
}

/** Removes all whitespace, as the spec asks for body names. */
export function removeSpaces(text: string): string {
  return text.replace(/\s+/g, "");
}

/** Collapses runs of whitespace and trims. */
export function squish(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Joins lines that a PDF wrapped mid-sentence. Japanese text takes no space
 * at a wrap; a space is kept only between two ASCII word characters.
 */
export function joinWrapped(parts: readonly string[]): string {
  let out = "";
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    if (out && /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(part)) out += " ";
    out += part;
  }
  return out;
}

/** A KPI name or clause reduced for comparison: ASCII brackets, no spaces, no trailing unit bracket. */
function comparable(text: string): string {
  return text
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .replace(/\s+/g, "")
    .replace(/\([^()]{1,4}\)$/, "");
}

/** Dice coefficient of the character-bigram multisets of two texts, 0–1. */
export function diceSimilarity(a: string, b: string): number {
  const grams = (text: string) => {
    const counts = new Map<string, number>();
    for (let i = 0; i + 1 < text.length; i++) counts.set(text.slice(i, i + 2), (counts.get(text.slice(i, i + 2)) ?? 0) + 1);
    return counts;
  };
  const x = grams(comparable(a));
  const y = grams(comparable(b));
  const total = [...x.values(), ...y.values()].reduce((n, c) => n + c, 0);
  if (total === 0) return 0;
  let shared = 0;
  for (const [gram, count] of x) shared += Math.min(count, y.get(gram) ?? 0);
  return (2 * shared) / total;
}
