// Text normalization shared by every parser: encodings, widths, line splitting.
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

export type Encoding = "utf-8" | "utf-8-bom" | "shift_jis" | "utf-16le" | "utf-16be";

/** Guesses the encoding of a Japanese government text file from its bytes. */
export function detectEncoding(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8-bom";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return isUtf8(bytes) || mostlyUtf8(bytes) ? "utf-8" : "shift_jis";
}

/** Valid multi-byte UTF-8 characters needed per invalid byte for a file to be read as UTF-8 damaged in places. */
const UTF8_EVIDENCE = 8;

/**
 * Whether bytes that are not valid UTF-8 are UTF-8 text with a few bad bytes (a character cut at the end, one
 * corrupted sequence), rather than Shift_JIS: Japanese in UTF-8 is mostly valid three-byte sequences, which
 * Shift_JIS text forms only by chance, between many bytes that are invalid as UTF-8.
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    // The second byte's range excludes overlong forms and surrogates (E0 A0–BF, ED 80–9F, F0 90–BF, F4 80–8F).
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    let ok = length > 0 && i + length <= bytes.length && bytes[i + 1]! >= low && bytes[i + 1]! <= high;
    for (let k = 2; ok && k < length; k++) ok = bytes[i + k]! >= 0x80 && bytes[i + k]! <= 0xbf;
    if (ok) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return invalid > 0 && valid >= UTF8_EVIDENCE * invalid;
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
const FOLDED = /[０-９Ａ-Ｚａ-ｚ，．：％＋－]/g;
const NEEDS_FOLDING = /[０-９Ａ-Ｚａ-ｚ，．：％＋－\u3000\uff61-\uff9f]/;

/**
 * Folds full-width digits, letters and number punctuation (，．：％＋－) and the
 * ideographic space to ASCII, and half-width katakana to full-width. Brackets
 * such as （） and 【】 stay as written; circled numbers and superscript
 * footnote marks are kept: they are not values.
 */
export function foldWidth(text: string): string {
  if (!NEEDS_FOLDING.test(text)) return text;
  return text
    .replace(/\u3000/g, " ")
    .replace(FOLDED, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(HALF_WIDTH_KANA, (kana) => kana.normalize("NFKC"));
}

/** Splits text into lines, accepting CRLF, CR and LF (normalizeLine drops the control characters). */
export function splitLines(text: string): string[] {
  return text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n");
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\ufeff]/g;
/** What normalizeLine changes: a character to fold or a control character; most lines of a document have none. */
// eslint-disable-next-line no-control-regex
const NEEDS_NORMALIZING = /[０-９Ａ-Ｚａ-ｚ，．：％＋－\u3000\uff61-\uff9f\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\ufeff]/;

/** The form of a source line every parser matches against: width-folded, control characters removed. */
export function normalizeLine(line: string): string {
  return NEEDS_NORMALIZING.test(line) ? foldWidth(line).replace(CONTROL, "") : line;
}

/** Removes all whitespace, as the spec asks for body names. */
export function removeSpaces(text: string): string {
  return text.replace(/\s+/g, "");
}

/** Whitespace that squish rewrites: any but a space, or a space before more whitespace. */
const UNSQUISHED = /[^\S ]| \s/;

/** Collapses runs of whitespace and trims; a text whose spaces are single already is only trimmed. */
export function squish(text: string): string {
  return UNSQUISHED.test(text) ? text.replace(/\s+/g, " ").trim() : text.trim();
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
  const x = comparable(a);
  const y = comparable(b);
  const total = Math.max(0, x.length - 1) + Math.max(0, y.length - 1);
  if (total === 0) return 0;
  // The bigrams of x left to pair; each bigram of y takes one, so that a bigram counts min(in x, in y) times.
  const left = new Map<string, number>();
  for (let i = 0; i + 1 < x.length; i++) {
    const gram = x.slice(i, i + 2);
    left.set(gram, (left.get(gram) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i + 1 < y.length; i++) {
    const gram = y.slice(i, i + 2);
    const count = left.get(gram);
    if (!count) continue;
    left.set(gram, count - 1);
    shared++;
  }
  return (2 * shared) / total;
}
