// The general prose reader: a target and an actual stated in a sentence, in any wording.
//   就職者数の目標値6,000人に対し、令和4年度末現在の実績は3,912人
//   企業開拓件数は、目標（25件）を上回る31件      目標の1万2,000人に対して1万1,480人
//   【目標】20人【実績】15人    目標 40件 → 実績 52件    目標値：30人／実績値：22人    R4目標：100 R4実績：80
// A sentence is read as tokens in order — markers (目標, 実績), fiscal years and quantities — and each quantity goes
// to the marker before it; a figure after a target with no marker of its own is the actual when a comparison joins
// them (に対し, を上回る). The KPI is the noun phrase before the first marker; the year and the as-of date come from the
// sentence, else the heading above.
import { findAnyAsOf, findAnyFiscalYear, findFiscalYearRange, type Period } from "../fiscal.ts";
import { classifySupportTarget } from "../classify.ts";
import { parseJapaneseQuantity } from "../japanese-numbers.ts";
import { NUMBER_SOURCE } from "../numbers.ts";
import { emptyResult, type Draft, type ParseResult } from "../parsers/types.ts";
import type { SourceDoc } from "../source.ts";
import { UNIT_PATTERN } from "../units.ts";
import { splitCells } from "./cells.ts";
import { isHeading, once, type Context, type DocContext } from "./context.ts";
import { draftOf, type Figure } from "./statement.ts";

export const PROSE_READER = "readers/prose";

const TOKEN = new RegExp(
  [
    String.raw`(?<target>目標値?|計画値|数値目標|KPI)`,
    String.raw`(?<actual>実績値?|(?<!その)結果(?!として))`,
    String.raw`(?<year>(?:令和|平成|R|H)\s*(?:\.\s*)?(?:元|\d{1,2})\s*年度|(?:R|H)\s*\d{1,2}(?![\d.年月])|(?:19|20)\d{2}\s*年度)`,
    // A quantity's leading spaces are matched from the first of them only ((?<!\s)), so that a long run of spaces is
    // not tried again from each of its characters.
    String.raw`(?<quantity>(?:約|概ね|おおむね|およそ|ほぼ|(?<!\s))\s*[▲△]?(?<![\d.,、])${NUMBER_SOURCE}\s*(?:${UNIT_PATTERN}|%|％)(?:\s*(?:以上|を超える|超|程度|前後|以下|未満))?)`,
  ].join("|"),
  "g",
);
const RANGE_AFTER = /^\s*(?:[～~〜]|から)\s*\d/;
const DIFFERENCE_AFTER = /^\s*(?:の)?(?:不足|超過|増加|減少|の増|の減|上回|下回|多い|少ない|足りな)/;
/** What a sentence says of a figure given before its target: it went beyond or fell short of it. */
const BEYOND = /^[^。]{0,6}(?:を上回|を下回|に達|に届|を超え)/;
/** What joins a target to an actual that has no marker of its own. */
const COMPARISON = /に対し|に対して|を上回|を下回|に達|を達成|のところ|→|⇒|➡|から|[／/]/;
/** A line that stops mid-sentence (after a particle, a comma or a marker) goes on in the next line. */
const UNFINISHED = /(?:[、,（(]|に対し|に対して|の|は|が|を|で|と|目標値?|実績値?)\s*$/;
/** A year followed by these is an as-of date or a period's end, not a new statement's year. */
const AS_OF_AFTER = /^\s*(?:末|度末|\.?\d{1,2}\s*月|[年.]\s*\d{1,2}\s*月)/;

/**
 * Whether the text before `end` closes with a figure and a range mark (200～, 200 から), as /\d\s*(?:[～~〜]|から)\s*$/
 * would say, read backwards so that each quantity of a long sentence costs its own length only.
 */
function rangeBefore(text: string, end: number): boolean {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  if (i > 0 && "～~〜".includes(text[i - 1]!)) i--;
  else if (i > 1 && text.startsWith("から", i - 2)) i -= 2;
  else return false;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return i > 0 && text[i - 1]! >= "0" && text[i - 1]! <= "9";
}

interface Token {
  kind: "target" | "actual" | "year" | "quantity";
  index: number;
  end: number;
  text: string;
}

/** The markers, fiscal years and quantities of a sentence, in order. */
function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  for (const m of sentence.matchAll(TOKEN)) {
    const kind = (["target", "actual", "year", "quantity"] as const).find((k) => m.groups![k] !== undefined)!;
    tokens.push({ kind, index: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return tokens;
}

interface Found {
  /** A marker stood before a range (200～250件) or a difference (十五人不足): the statement is listed, not read. */
  ranged: boolean;
  kpiText: string;
  betweenText: string;
  fiscalYear: number | null;
  figures: Figure[];
}

/** The statement being read: where it starts, the marker waiting for its figure, and a figure given before any marker. */
interface Current extends Found {
  start: number;
  marker: "target" | "actual" | null;
  markers: number;
  /** The end of the last marker or figure read. */
  lastEnd: number;
  firstMarker: number;
  before: { figure: Figure; index: number } | null;
}

/** The statements of one sentence: each a target and/or an actual, with the text that names it. */
export function readSentence(sentence: string): Found[] {
  const reader = new SentenceReader(sentence);
  for (const token of tokenize(sentence)) {
    if (token.kind === "year") reader.readYear(token);
    else if (token.kind === "target" || token.kind === "actual") reader.readMarker(token, token.kind);
    else reader.readQuantity(token);
  }
  reader.close(sentence.length);
  return reader.found;
}

/** Reads the tokens of a sentence in order, closing a statement where the next one begins. */
class SentenceReader {
  readonly found: Found[] = [];
  private current: Current;

  constructor(private readonly sentence: string) {
    this.current = SentenceReader.fresh(0, null);
  }

  /** A statement that starts at `start`, in the fiscal year the one before it stated. */
  private static fresh(start: number, fiscalYear: number | null): Current {
    return { kpiText: "", betweenText: "", fiscalYear, figures: [], ranged: false, start, marker: null, markers: 0, lastEnd: start, firstMarker: -1, before: null };
  }

  /** Whether the statement being read has a figure in this role. */
  private has(role: "target" | "actual"): boolean {
    return this.current.figures.some((f) => f.role === role);
  }

  /** Ends the statement being read at `at`: kept when it has a marker and a figure (or a range), named by the text before its first marker. */
  close(at: number): void {
    const current = this.current;
    let nameEnd = current.firstMarker;
    // 「参加者数は約150人となり、目標（120人）を上回った」: the figure before the target is the actual it is compared with.
    if (current.before && current.figures.every((f) => f.role === "target") && current.figures.length === 1 && BEYOND.test(this.sentence.slice(current.lastEnd, at))) {
      current.figures.push({ ...current.before.figure, role: "actual" });
      nameEnd = current.before.index;
    }
    if (current.markers > 0 && (current.figures.length > 0 || current.ranged)) {
      current.kpiText = this.sentence.slice(current.start, nameEnd);
      this.found.push(current);
    }
    this.current = SentenceReader.fresh(at, current.fiscalYear);
  }

  /** A fiscal year: an as-of date's year dates the statement when it has none; another year starts a new statement. */
  readYear(token: Token): void {
    if (AS_OF_AFTER.test(this.sentence.slice(token.end))) {
      this.current.fiscalYear ??= findAnyFiscalYear(token.text);
      return;
    }
    const year = findAnyFiscalYear(token.text);
    if (this.has("actual") || (this.has("target") && this.current.fiscalYear !== null && year !== this.current.fiscalYear)) this.close(token.index);
    this.current.fiscalYear = year;
  }

  /** 目標 or 実績: a marker the statement has a figure for already starts a new one, as does a target after an actual. */
  readMarker(token: Token, kind: "target" | "actual"): void {
    if (this.has(kind) || (kind === "target" && this.has("actual"))) this.close(token.index);
    const current = this.current;
    if (current.firstMarker < 0) current.firstMarker = token.index;
    current.marker = kind;
    current.markers++;
    current.lastEnd = token.end;
  }

  /**
   * A quantity: the figure of the marker before it, or the actual when a comparison joins it to the target; a
   * figure before any marker is kept in case the sentence compares it with the target after it.
   */
  readQuantity(token: Token): void {
    const { sentence, current } = this;
    const quantity = parseJapaneseQuantity(token.text.replace(/％/g, "%"));
    if (!quantity) return;
    // 200～250件: a range is not one figure, and no figure is invented from it.
    // 十五人不足した, 15人上回った: a difference from the target, not a figure of the KPI.
    if (rangeBefore(sentence, token.index) || RANGE_AFTER.test(sentence.slice(token.end)) || DIFFERENCE_AFTER.test(sentence.slice(token.end))) {
      if (current.marker) current.ranged = true;
      return;
    }
    let role: "target" | "actual" | null = null;
    if (current.marker && !this.has(current.marker)) role = current.marker;
    else if (this.has("target") && !this.has("actual") && COMPARISON.test(sentence.slice(current.lastEnd, token.index))) {
      role = "actual";
      current.betweenText = sentence.slice(current.lastEnd, token.index);
    }
    if (role === null) {
      if (current.markers === 0 && !current.before) current.before = { figure: { role: "actual", quantity, locator: null }, index: token.index };
      return;
    }
    current.figures.push({ role, quantity, locator: null });
    current.marker = null;
    current.lastEnd = token.end;
  }
}

/** Particles and phrases that link a KPI's name to its marker (…の目標値, …は、目標), and marks. */
const TRAILING_WORDS = ["における", "に係る", "に関する", "について", "による", "での", "の", "は", "が", "で", "も", "を", "として"];
const TRAILING_MARK = /[、,:：\s（(【\[「『→]/;
const TRAILING_LONGEST = Math.max(...TRAILING_WORDS.map((w) => w.length));

/**
 * The text less the particles and marks it ends with, as .replace(/(?:における|…|[、,…])+$/, "") would give, read
 * from the end: a regular expression tries that tail from every character of a long run of marks again.
 */
function trimTrailing(text: string): string {
  // ends[i]: text.slice(i) is made of trailing words and marks alone. A run of them reaches no further left than
  // TRAILING_LONGEST characters that are not the start of one.
  const ends: boolean[] = [];
  ends[text.length] = true;
  let start = text.length;
  for (let i = text.length - 1, misses = 0; i >= 0 && misses < TRAILING_LONGEST; i--) {
    ends[i] = (TRAILING_MARK.test(text[i]!) && ends[i + 1] === true) || TRAILING_WORDS.some((w) => text.startsWith(w, i) && ends[i + w.length] === true);
    if (ends[i]) [start, misses] = [i, 0];
    else misses++;
  }
  return text.slice(0, start);
}
const LEADING = /^(?:また|なお|さらに|一方|このうち|その結果|本事業|当事業|本年度|今年度|[、,。\s）)】\]」』・●○〇■□◆◇-])+/;
/** Numbering in front of an item: 一　, （二）, 第三, 1., (4), ①. */
const NUMBERING = /^\s*(?:第?[一二三四五六七八九十]+[\s、.．)）]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．)）、]\s*|[\u2460-\u2473])\s*/;

/** The indicator a sentence names before its marker: its last noun phrase, less years, as-of dates and particles. */
export function kpiNameOf(text: string): string {
  let s = text
    .replace(/(?:令和|平成|R|H)\s*(?:\.\s*)?(?:元|\d{1,2})\s*(?:年度|年)(?:\s*\d{1,2}\s*月)?\s*(?:末|時点|現在)*|(?:19|20)\d{2}\s*年度?|(?<![A-Za-z])[RH]\s*\d{1,2}(?!\d)/g, "")
    .replace(/[（(][^（()）]*[）)]\s*$/, "");
  s = trimTrailing(s);
  // The last clause: after the last 、 or 。 (a name has none).
  s = s.split(/[、。,]/).at(-1) ?? "";
  s = trimTrailing(s.replace(LEADING, "").replace(NUMBERING, "").replace(LEADING, ""));
  // A counted noun at the end of a phrase (本事業による就職者数 → 就職者数).
  const parts = s.split(/における|による|に係る|に関する|での/);
  const last = parts.at(-1)!.trim();
  if (parts.length > 1 && /(?:数|者|件|率|人員|回数|社数)$/.test(last) && last.length >= 2) return last;
  return s.trim();
}

/** Reads the prose statements among the open lines of a document. */
export function readProse(doc: SourceDoc, open: ReadonlySet<number>, context: DocContext): ParseResult {
  const result = emptyResult();
  for (let line = 1; line <= doc.lines.length; line++) {
    if (!open.has(line)) continue;
    const text = context.text(line);
    if (!/目標|実績|KPI|結果|計画値/.test(text) || splitCells(text)?.length) continue;
    const { sentence, joined } = sentenceFrom(doc, open, context, line);
    // The headings above are read only for a sentence that states something.
    const here = once(() => context.at(line));
    const { drafts, problems } = readStatements(sentence, line, here, context);
    if (drafts.length > 0) {
      result.drafts.push(...drafts);
      for (const j of joined) result.accounted.set(j, "continues the sentence above");
      for (const h of here().headings) result.accounted.set(h, "heading: the context of a statement below");
      for (const p of problems) result.skipped.push({ line, reason: p });
    } else if (problems.length > 0) result.errors.push({ line, reason: problems.join("; ") });
  }
  return result;
}

/** The text from a line on: a sentence cut by the page's width goes on in the (at most two) open lines below it. */
function sentenceFrom(doc: SourceDoc, open: ReadonlySet<number>, context: DocContext, line: number): { sentence: string; joined: number[] } {
  let sentence = context.text(line).trim();
  const joined: number[] = [];
  for (let next = line + 1; next <= doc.lines.length && next <= line + 2 && open.has(next) && UNFINISHED.test(sentence); next++) {
    const more = context.text(next).trim();
    if (!more || splitCells(more)?.length) break;
    sentence += more;
    joined.push(next);
  }
  return { sentence, joined };
}

/**
 * The drafts of the statements of a line's text, sentence by sentence, and what kept the others from being drafts. A
 * statement without a name of its own is the indicator's named before it, else the label line above.
 */
function readStatements(text: string, line: number, here: () => Context, context: DocContext): { drafts: Draft[]; problems: string[] } {
  const drafts: Draft[] = [];
  const problems: string[] = [];
  let named = "";
  for (const part of text.split(/(?<=。)/)) {
    // What the whole sentence says, read once however many statements it holds.
    const sentence: SentenceFacts = { year: once(() => findAnyFiscalYear(part)), range: once(() => findFiscalYearRange(part)), asOf: once(() => findAnyAsOf(part)) };
    for (const found of readSentence(part)) {
      const kpi = kpiNameOf(found.kpiText) || kpiNameOf(found.betweenText.replace(COMPARISON, "")) || named || previousLabel(context, line);
      named = kpi;
      const draft = statementDraft(found, kpi, line, here, sentence);
      if (typeof draft === "string") problems.push(draft);
      else drafts.push(draft);
    }
  }
  return { drafts, problems };
}

/** What a sentence says for all its statements, each read the first time it is asked for. */
interface SentenceFacts {
  year: () => number | null;
  range: () => Period | null;
  asOf: () => string | null;
}

/** A statement found in a sentence as a draft, or what keeps it from being one: the name, a single figure, the year, the body. */
function statementDraft(found: Found, kpi: string, line: number, place: () => Context, sentence: SentenceFacts): Draft | string {
  const fiscalYear = found.fiscalYear ?? sentence.year() ?? place().fiscalYear;
  if (!kpi) return "a target or actual with no indicator name before it";
  if (found.ranged) return `${kpi}: a range or a difference, not one figure`;
  if (fiscalYear === null) return `${kpi}: no fiscal year in the sentence or a heading above`;
  const here = place();
  if (!here.body) return `${kpi}: no implementing body in a heading or the document's opening`;
  const period = findFiscalYearRange(found.kpiText) ?? sentence.range() ?? { start: fiscalYear, end: fiscalYear };
  const draft = draftOf({ line, body: here.body, program: here.program, support: classifySupportTarget(here.program), kpi, unit: null, period, figures: found.figures, asOf: sentence.asOf() ?? here.asOf, note: null });
  return typeof draft === "string" ? `${kpi}: ${draft}` : draft;
}

/** A short label line just above a marker pair (・セミナー参加者数 / 【目標】20人【実績】15人). */
function previousLabel(context: DocContext, line: number): string {
  const above = context.text(line - 1).trim();
  return above && isHeading(above) && !/\d/.test(above) ? above.replace(/^[・●○〇■□◆◇\-\s]+/, "").replace(/[:：]$/, "") : "";
}
