// What a general reader knows of a statement's surroundings: the body, the program and the fiscal year, taken from
// the headings above it and the document's opening, as a person reading the page would.
import { findBodyIn, type BodyInfo } from "../bodies.ts";
import { findAnyAsOf, findAnyFiscalYear } from "../fiscal.ts";
import { normalizeNumerals } from "../japanese-numbers.ts";
import type { SourceDoc } from "../source.ts";
import { UNIT_PATTERN } from "../units.ts";

/** How far above a statement a heading is looked for. */
const HEADING_REACH = 60;
/** The lines of a document's opening: its title, the body that issues it, its date. */
const OPENING = 12;

/** A line set apart as a heading: short, no sentence end, no figure stated with a marker. */
export function isHeading(line: string): boolean {
  const text = line.trim();
  if (text.length < 2 || text.length > 60 || /。$/.test(text) || text.includes("\t")) return false;
  return !STATED_FIGURE.test(text);
}

/** A marker followed closely by a counted figure: a statement, not a heading (a heading may name a year or a date). */
const STATED_FIGURE = new RegExp(String.raw`(?:目標|実績)[^。]{0,8}?\d[\d,.]*\s*(?:${UNIT_PATTERN}|%)`);

/** Words that make a heading a program's name rather than a chapter's. */
const PROGRAM_WORDS = /事業|プログラム|支援|センター|講座|セミナー|窓口|相談|推進|対策|プロジェクト|塾|訓練/;
/** Marks and numbering in front of a heading: ■ 1. (1) ① 第1 【 】. */
const HEADING_MARKS = /^(?:[■□◆◇●○〇◎・▼▽▶►※＊*#\s]|第?\d+[.．、)）\s]|[（(]\d+[）)]|[\u2460-\u2473])+/;

export function headingText(line: string): string {
  return line.trim().replace(HEADING_MARKS, "").replace(/^【([^】]*)】$/, "$1").trim();
}

/** A heading that names a program (１ はままつ就職氷河期世代就労サポート事業（…）), as its name; else null. */
function programOf(heading: string): string | null {
  const name = headingText(heading).replace(/[（(][^（()）]*[）)]$/, "");
  return PROGRAM_WORDS.test(name) && !/^[^\p{L}]*$/u.test(name) ? name : null;
}

export interface Context {
  body: BodyInfo | null;
  program: string;
  fiscalYear: number | null;
  /** An as-of date a heading above gives (（R4実績は令和5年1月末時点）); it dates the actuals of its period only. */
  asOf: string | null;
  /** The heading lines this context was read from: they are accounted for as context, not as statements. */
  headings: number[];
}

/**
 * Reads the context of a document's lines; lines are 1-based. Each line is normalized, tested as a heading and read
 * for each kind of context the first time a reader asks, since the readers ask of a few open lines only.
 */
export function createContext(doc: SourceDoc) {
  const lines: (string | undefined)[] = [];
  /** The normalized line with numerals as digits. */
  const text = (line: number): string => (line >= 1 && line <= doc.lines.length ? (lines[line - 1] ??= normalizeNumerals(doc.lines[line - 1]!)) : "");
  const opening = once(() => {
    let title = doc.file;
    for (let line = 1; line <= doc.lines.length; line++) {
      if (text(line).trim().length > 0) {
        title = text(line).trim();
        break;
      }
    }
    const start = Array.from({ length: Math.min(OPENING, doc.lines.length) }, (_, i) => text(i + 1)).join(" ");
    return { title, body: findBodyIn(start) ?? findBodyIn(doc.file), year: findAnyFiscalYear(start) };
  });

  /** The nearest heading above `line` (within reach) that `pick` accepts, and its line. */
  // Each heading is read once per kind of context, however many statements below ask for it.
  const headings: (boolean | undefined)[] = [];
  const memo = new Map<(heading: string) => unknown, Map<number, unknown>>();
  const above = <T>(line: number, pick: (heading: string) => T | null): [T, number] | null => {
    let seen = memo.get(pick) as Map<number, T | null> | undefined;
    if (!seen) memo.set(pick, (seen = new Map()));
    for (let i = line - 1; i >= 1 && i >= line - HEADING_REACH; i--) {
      if (!(headings[i - 1] ??= isHeading(text(i)))) continue;
      let found = seen.get(i);
      if (found === undefined) seen.set(i, (found = pick(text(i))));
      if (found !== null) return [found, i];
    }
    return null;
  };

  return {
    text,
    at(line: number): Context {
      const program = above(line, programOf);
      const body = above(line, findBodyIn);
      const year = above(line, findAnyFiscalYear);
      const asOf = above(line, findAnyAsOf);
      const found = [program, body, year, asOf].filter((f) => f !== null);
      return {
        body: body?.[0] ?? opening().body,
        program: program?.[0] ?? headingText(opening().title),
        fiscalYear: year?.[0] ?? opening().year,
        asOf: asOf?.[0] ?? null,
        headings: found.map((f) => f[1]),
      };
    },
  };
}

/** A function that computes its value the first time it is called only. */
export function once<T>(compute: () => T): () => T {
  let value: { v: T } | null = null;
  return () => (value ??= { v: compute() }).v;
}

export type DocContext = ReturnType<typeof createContext>;
