// A source document as parsers see it: verbatim lines for provenance, normalized lines for matching.
import { decodeText, normalizeLine, splitLines, type Encoding } from "./text.ts";

export interface SourceDoc {
  /** File name under the sources directory. */
  file: string;
  encoding: Encoding;
  /** Lines exactly as decoded (index 0 is line 1). */
  raw: string[];
  /** Lines with widths folded and control characters removed. */
  lines: string[];
}

export function loadSource(file: string, bytes: Uint8Array): SourceDoc {
  const { text, encoding } = decodeText(bytes);
  const raw = splitLines(text);
  if (raw.length > 0 && raw[raw.length - 1] === "") raw.pop();
  return { file, encoding, raw, lines: raw.map(normalizeLine) };
}
