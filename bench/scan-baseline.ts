// The extraction's baseline: the least a reader of the corpus must do. Reads every source file, decodes it as the
// extractor decodes text (decodeText), NFKC-folds every line and tests five KPI-like regular expressions on it, in
// one thread. bench/run.ts divides the extraction time by this one, measured in the same run.
//   tsx bench/scan-baseline.ts SOURCES_DIR   (prints the figures as JSON)
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeText } from "../loaders/extract/text.ts";

/** Five patterns a KPI statement is found by: a marker, a counted figure, a percentage, a fiscal year, a period. */
const PATTERNS = [
  /目標|実績|KPI/,
  /\d[\d,]*(?:\.\d+)?\s*(?:人|件|社|回|名|か所|箇所|団体|千円)/,
  /\d+(?:\.\d+)?\s*%/,
  /(?:令和|平成)\s*(?:元|\d{1,2})\s*年度?/,
  /(?:19|20)\d{2}\s*年度?\s*[~〜～-]/,
];

export interface ScanFigures {
  seconds: number;
  files: number;
  bytes: number;
  lines: number;
  /** Lines at least one pattern matched: counted so that the work cannot be skipped. */
  matched_lines: number;
}

/** Scans every file of a sources directory (hidden files skipped, as the extractor skips them) and times it. */
export function scanBaseline(sourcesDir: string): ScanFigures {
  const started = performance.now();
  const figures = { files: 0, bytes: 0, lines: 0, matched_lines: 0 };
  for (const name of readdirSync(sourcesDir).sort()) {
    if (name.startsWith(".")) continue;
    const bytes = readFileSync(join(sourcesDir, name));
    figures.files++;
    figures.bytes += bytes.length;
    for (const line of decodeText(bytes).text.split(/\r\n|\r|\n/)) {
      const folded = line.normalize("NFKC");
      figures.lines++;
      let matched = false;
      for (const pattern of PATTERNS) if (pattern.test(folded)) matched = true;
      if (matched) figures.matched_lines++;
    }
  }
  return { seconds: (performance.now() - started) / 1000, ...figures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [sourcesDir] = process.argv.slice(2);
  if (!sourcesDir) throw new Error("usage: tsx bench/scan-baseline.ts SOURCES_DIR");
  process.stdout.write(JSON.stringify(scanBaseline(sourcesDir)) + "\n");
}
