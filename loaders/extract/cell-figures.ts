// Figures in the free-text cells of a platform KPI status table:
//   ○開催数541回 参加者数2,730人 (R6.9月末現在)
//   ・就職決定件数628人 (うち就職氷河期世代270人 (うち正規雇用102人))
// A cell is split into items at ○, ・ and ①…; each figure NUMBER+UNIT is named by
// the text in front of it, and markers after it (as-of, 累計, qualifiers) apply back to it.
import { parseAsOf, parseCumulativeRange, type Period } from "./fiscal.ts";
import { NUMBER_SOURCE } from "./numbers.ts";
import { squish } from "./text.ts";
import { canonicalUnit, UNIT_PATTERN, unitFromName } from "./units.ts";
import { FIGURE_NUMBER_SOURCE, malformedFigures, PROSE_SIGN_SOURCE, readNumeral } from "./parsers/values.ts";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  asOf: string | null;
  /** Set when the figure is a running total over several fiscal years (R1.8~R6.3累計). */
  cumulative: Period | null;
  /** Event date or place in front of the figure; tells repeated labels apart. */
  event: string | null;
  notes: string[];
}

export interface Item {
  /** ○, ・, ①…, ※ (a remark), or "" for text before the first marker. */
  marker: string;
  text: string;
}

const OPEN = "（(【";
const CLOSE = "）)】";
/** What splitItems looks at: item marks and brackets. */
const ITEM_OR_BRACKET = /[○・※\u2460-\u2473（(【）)】]/g;
/** What tokenize looks at. */
const BRACKET = /[（(【）)】]/g;

/** Removes HTML tags (<ul style="…">, </p>) but keeps agency tags such as <広島県>. */
export function stripHtml(text: string): string {
  return squish(text.includes("<") ? text.replace(/<\/?[A-Za-z][^<>]*>/g, " ") : text);
}

/** Splits a cell into items at ○ anywhere, and at ・, ①… or ※ that start a word, outside brackets. */
export function splitItems(text: string): Item[] {
  const items: Item[] = [];
  let depth = 0;
  let marker = "";
  let start = 0;
  const push = (end: number) => {
    const body = text.slice(start, end).trim();
    if (body || marker) items.push({ marker, text: body });
  };
  for (const { 0: ch, index: i } of text.matchAll(ITEM_OR_BRACKET)) {
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const wordStart = i === 0 || /\s/.test(text[i - 1]!);
      if (ch !== "○" && (marker === "※" || !wordStart)) continue;
      push(i);
      marker = ch;
      start = i + 1;
    }
  }
  push(text.length);
  return items;
}

/**
 * NUMBER+UNIT, with a sign (▲3,121件, -3,121件; 1-3件 stays a range) and myriads (3.1万件). findFigures leaves out a figure whose number is malformed (malformedFigures).
 */
const FIGURE = new RegExp(
  String.raw`(?<sign>${PROSE_SIGN_SOURCE})?(?<![\d.,R])(?<num>${FIGURE_NUMBER_SOURCE})\s*(?<unit>${UNIT_PATTERN})(?![\d%％])(?<verb>の?(?:設定|開催|配信|実施)(?=$|[\s（(【、。]))?`,
  "g",
);

/** A figure followed by a particle is part of running prose (月2回のセミナー, 15市町が実施する予定). */
const PROSE_AFTER = /^[がをにのでへとやも]/;
/** …nor is a frequency or a figure after a particle (年3回, 月に1回, 4-1月で9件): the last character before it, spaces aside. */
const PROSE_BEFORE = "年月週日にでをがと";
/** Whether the last character before `index`, spaces aside, is one of PROSE_BEFORE. */
function proseBefore(text: string, index: number): boolean {
  let i = index;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return i > 0 && PROSE_BEFORE.includes(text[i - 1]!);
}
/** Every figure has an ASCII digit: a text without one has none. */
const DIGIT = /\d/;

export interface FigureMatch {
  index: number;
  end: number;
  value: number;
  unit: string;
  rawUnit: string;
  verb: string;
}

/**
 * Counted figures (NUMBER+UNIT) of a text; percentages and dates are not figures.
 * Figures inside running prose are left out unless `keepProse` (a target sentence: 2年間で3,200件以上).
 */
export function findFigures(text: string, { keepProse = false } = {}): FigureMatch[] {
  const out: FigureMatch[] = [];
  if (!DIGIT.test(text)) return out;
  let malformed: { index: number; end: number }[] | null = null;
  for (const m of text.matchAll(FIGURE)) {
    const end = m.index + m[0].length;
    malformed ??= malformedFigures(text);
    if (malformed.some((b) => m.index < b.end && b.index < end)) continue;
    if (!keepProse && !m.groups!.verb && PROSE_AFTER.test(text.slice(end))) continue;
    if (!keepProse && proseBefore(text, m.index)) continue;
    const value = readNumeral(m.groups!.num!, m.groups!.sign !== undefined);
    if (value === null) continue;
    out.push({ index: m.index, end, value, unit: canonicalUnit(m.groups!.unit!), rawUnit: m.groups!.unit!, verb: m.groups!.verb ?? "" });
  }
  return out;
}

const LOOSE_FIGURE = new RegExp(String.raw`(?<![\d.,R])${NUMBER_SOURCE}\s*(?:${UNIT_PATTERN})(?![\d%％])`, "g");

/** Every NUMBER+UNIT of a text, prose or not: what a report lists as left unread. */
export function looseFigures(text: string): string[] {
  return DIGIT.test(text) ? [...text.matchAll(LOOSE_FIGURE)].map((m) => m[0]) : [];
}

/** An as-of marker: (R6.12月末現在), （R.6.12月までの速報値）, and the bare (R7.1月末). */
export function parseAsOfMarker(text: string): string | null {
  return parseAsOf(text) ?? (/^\s*(?:令和|R)\s*(?:\.\s*)?\d{1,2}\s*\.\s*\d{1,2}\s*月末\s*$/.test(text) ? parseAsOf(`${text.trim()}現在`) : null);
}

type Token = { kind: "text"; text: string } | { kind: "bracket"; open: string; inner: string };

/** Text and top-level brackets （…） (…) 【…】 of a string; an unclosed bracket stays text. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let start = 0;
  for (const { 0: ch, index: i } of text.matchAll(BRACKET)) {
    if (OPEN.includes(ch)) {
      if (depth === 0) {
        if (i > start) tokens.push({ kind: "text", text: text.slice(start, i) });
        start = i;
      }
      depth++;
    } else if (CLOSE.includes(ch) && depth > 0) {
      depth--;
      if (depth === 0) {
        tokens.push({ kind: "bracket", open: text[start]!, inner: text.slice(start + 1, i) });
        start = i + 1;
      }
    }
  }
  if (start < text.length) tokens.push({ kind: "text", text: text.slice(start) });
  return tokens;
}

const DATE = String.raw`(?:令和|R)\s*\d{1,2}\.\d{1,2}\.\d{1,2}(?:・\d{1,2})?`;
const DATE_ONLY = new RegExp(`^\\s*${DATE}\\s*$`);
/** Every event date of a label, to be taken out of it. */
const DATES = new RegExp(DATE, "g");
const PART_OF = /^\s*(?:うち|内\s*[:：])\s*/;
const BLANK = /^[\s、,・。]*$/;

/** Whether a label names a count (…数, …者, 相談者数（延べ人数）) rather than a category. */
export function isCountName(text: string): boolean {
  return /[数者]$/.test(text) || unitFromName(text) !== null;
}

/** A bracket tidy rewrites; a text without one is only squished. */
const BRACKETS = /[()（）]/;

/** Brackets made full-width, spaces around them and at the ends removed. */
function tidy(text: string): string {
  if (!BRACKETS.test(text)) return squish(text);
  return squish(text.replace(/\(/g, "（").replace(/\)/g, "）").replace(/\s*([（）])\s*/g, "$1"));
}

/** Whitespace-separated words, a bracket staying with the word before it. */
function words(text: string): string[] {
  const out: string[] = [];
  for (const w of text.split(/\s+/).filter(Boolean)) {
    if (w.startsWith("（") && out.length > 0) out[out.length - 1] += w;
    else out.push(w);
  }
  return out;
}

interface Label {
  label: string;
  /** A first word set apart from the label (人材開発支援助成金 申請30件). */
  title: string | null;
  /** The word before a colon (参加者数：セミナー64人). */
  prefix: string | null;
  events: string[];
  /** The text crossed a sentence end: a title is not taken from prose. */
  prose: boolean;
  /** 延 in front of the number: a count of visits, not of people. */
  cumulativeCount: boolean;
}

/** A label less its leading marks, a year, trailing particles; a lone 全/約/延/計 is none (延 marks a count of visits). */
function cleanLabel(text: string): { label: string; cumulativeCount: boolean } {
  let s = tidy(text).replace(/^[、,・:：\s]+/, "").replace(/^(?:令和|R)\s*\d{1,2}\s*年度\s*/, "");
  s = s.replace(/[:：、,\s]+$/, "").replace(/[はもが]$/, "");
  // A lone 全/約/延 in front of the number (全4回, 延99人) is not a label.
  const cumulativeCount = /^延べ?$/.test(s);
  if (/^(?:延べ?|全|約|計)$/.test(s)) s = "";
  return { label: tidy(s), cumulativeCount };
}

/** Reads the text in front of a figure into the parts its name is made of. */
function readLabel(chunk: string): Label {
  const sentences = chunk.split("。");
  const events: string[] = [];
  let s = sentences[sentences.length - 1]!.replace(DATES, (d) => {
    events.push(d.replace(/\s+/g, ""));
    return " ";
  });
  s = squish(s).replace(/^[、,・\s]+/, "");
  for (let m = /^（([^（）]*)）\s*/.exec(s); m; m = /^（([^（）]*)）\s*/.exec(s)) {
    events.push(m[1]!);
    s = s.slice(m[0].length);
  }
  const colon = Math.max(s.lastIndexOf(":"), s.lastIndexOf("："));
  let prefix: string | null = null;
  let rest: string[];
  let labelText: string;
  if (colon >= 0) {
    rest = words(s.slice(0, colon));
    prefix = rest.pop() ?? null;
    labelText = s.slice(colon + 1);
  } else {
    rest = words(s);
    labelText = rest.pop() ?? "";
  }
  const { label, cumulativeCount } = cleanLabel(labelText);
  return { label, title: rest[0] ? tidy(rest[0]) : null, prefix: prefix ? tidy(prefix) : null, events, prose: sentences.length > 1, cumulativeCount };
}

export interface CellOptions {
  /** Name for a figure with no words in front of it (○ 411人 under the row 「○新規登録者数」). */
  fallbackName: string;
}

/** Reads every figure of a cell. Names are unique within the cell (repeats are qualified by event, unit or order). */
export function readCell(text: string, options: CellOptions): Figure[] {
  let cell = text.trim();
  // An as-of at the very end of a cell dates every figure of the cell that has no date of its own.
  let cellAsOf: string | null = null;
  const last = cell.endsWith("）") || cell.endsWith(")") ? /[（(]([^（）()]*)[）)]$/.exec(cell) : null;
  if (last && parseAsOfMarker(last[1]!)) {
    cellAsOf = parseAsOfMarker(last[1]!);
    cell = cell.slice(0, last.index);
  }
  const figures: Figure[] = [];
  let heading: string | null = null;
  let lastItemFigures: Figure[] = [];
  for (const item of splitItems(cell)) {
    if (item.marker === "※") {
      for (const f of lastItemFigures) f.notes.push(`※${item.text}`);
      continue;
    }
    if (/再掲/.test(item.text)) continue; // restates a figure reported on another line
    const read = readItem(item.text, item.marker === "○" || item.marker === "" ? null : heading, options);
    if (item.marker === "○" || item.marker === "") heading = read.length === 0 ? tidy(item.text) : null;
    figures.push(...read);
    lastItemFigures = read;
  }
  for (const f of figures) if (!f.asOf && !f.cumulative) f.asOf = cellAsOf;
  return qualifyRepeats(figures);
}

type Scope = { kind: "top" } | { kind: "part"; parent: Figure } | { kind: "inner"; outerName: string };

/**
 * Reads the figures of one item. A figure is named by the words in front of it (under the heading of its ○ item when
 * that names a count); brackets after a run of figures date it, make it a running total or qualify it, and a bracket
 * with figures of its own holds their parts (うち…) or figures named by the words before the bracket.
 */
function readItem(text: string, heading: string | null, options: CellOptions): Figure[] {
  const reader = new ItemReader(heading, options);
  reader.walk(tokenize(text), { kind: "top" }, null);
  return reader.figures;
}

/** What reading one item keeps from figure to figure. */
class ItemReader {
  readonly figures: Figure[] = [];
  /** The run of figures that a marker after them (as-of, 累計, a qualifier) applies to. */
  private group: Figure[] = [];
  /** A marker ended the run: the next figure starts a new one. */
  private runClosed = false;
  /** The event (a date or place) in front of the figures, which tells repeated names apart. */
  private event: string | null = null;
  /** The item's title (人材開発支援助成金 申請30件); undefined until the item's first figure. */
  private title: string | null | undefined;
  /** A count name before a colon, naming the figures that follow it (参加者数：セミナー64人 相談会12人). */
  private colonPrefix: string | null = null;

  constructor(
    /** The text of the ○ item above, when it had no figure of its own. */
    private readonly heading: string | null,
    private readonly options: CellOptions,
  ) {}

  /** Reads a run of tokens at one depth: `parent` is the figure a うち bracket inside them is part of. */
  walk(tokens: Token[], scope: Scope, parent: Figure | null): void {
    let chunk = "";
    let last = parent;
    for (const token of tokens) {
      if (token.kind === "text") ({ chunk, last } = this.readText(token.text, chunk, scope, last));
      else chunk = this.readBracket(token, chunk, scope, last);
    }
  }

  /** The figures of a text token, each named by the words in front of it; returns the words left after the last. */
  private readText(text: string, chunk: string, scope: Scope, last: Figure | null): { chunk: string; last: Figure | null } {
    let pos = 0;
    for (const m of findFigures(text)) {
      chunk += text.slice(pos, m.index);
      pos = m.end;
      const name = this.nameFor(chunk, scope, m);
      chunk = "";
      if (!name) continue;
      last = { name, value: m.value, unit: m.unit, asOf: null, cumulative: null, event: this.event, notes: [] };
      this.add(last);
    }
    return { chunk: chunk + text.slice(pos), last };
  }

  /**
   * A bracket: a cumulative range or an as-of date for the run before it, an event date, figures of its own, or a
   * qualifier of the figures just read; any other bracket is part of the words in front of the next figure.
   * Returns those words.
   */
  private readBracket(token: Extract<Token, { kind: "bracket" }>, chunk: string, scope: Scope, last: Figure | null): string {
    const inner = token.inner;
    const range = parseCumulativeRange(inner);
    const asOf = range ? null : parseAsOfMarker(inner);
    if (range) {
      for (const f of this.group.filter((f) => !f.cumulative)) Object.assign(f, { cumulative: range.period, asOf: range.asOf, name: `${f.name}（累計）` });
      this.runClosed = true;
    } else if (asOf) {
      for (const f of this.group) if (!f.asOf && !f.cumulative) f.asOf = asOf;
      this.runClosed = true;
    } else if (DATE_ONLY.test(inner)) {
      this.event = inner.replace(/\s+/g, "");
      this.runClosed = true;
    } else if (findFigures(inner).length > 0 && token.open !== "【") {
      if (PART_OF.test(inner) && last) this.walk(tokenize(inner.replace(PART_OF, "")), { kind: "part", parent: last }, last);
      else {
        this.walk(tokenize(inner), { kind: "inner", outerName: scope.kind === "top" ? this.topName(chunk) : this.nameFor(chunk, scope, null) }, last);
        return "";
      }
    } else if (last && BLANK.test(chunk)) {
      // A qualifier after figures: (広島サポステ) for the run at top level, (非正規) for the one figure inside a うち bracket.
      for (const f of scope.kind === "top" ? this.group : [last]) f.notes.push(squish(inner));
      this.runClosed = true;
    } else return chunk + `（${inner.replace(/。/g, " ")}）`;
    return chunk;
  }

  /** Adds a figure to the item and to the run; a closed run, or a name already in it, starts a new run. */
  private add(figure: Figure): void {
    if (this.runClosed || this.group.some((f) => f.name === figure.name)) this.group = [];
    this.runClosed = false;
    this.group.push(figure);
    this.figures.push(figure);
  }

  /** The name of a figure from the words in front of it, by where it stands: top level, part of another, or inside a bracket. */
  private nameFor(chunk: string, scope: Scope, m: FigureMatch | null): string {
    let name: string;
    if (scope.kind === "part") {
      const { label } = cleanLabel(chunk.replace(PART_OF, ""));
      name = `${scope.parent.name}（うち${label}）`;
    } else if (scope.kind === "inner") {
      const { label, cumulativeCount } = cleanLabel(chunk);
      name = label ? label : scope.outerName ? scope.outerName + (cumulativeCount ? "（延べ）" : "") : "";
    } else name = this.topName(chunk) || (this.figures.length === 0 ? this.options.fallbackName : "");
    if (name && m?.verb) name += (m.unit === "回" ? "" : m.rawUnit) + m.verb;
    return tidy(name);
  }

  /** The name of a top-level figure: its label, with the colon prefix, heading and title in force; sets the event. */
  private topName(chunk: string): string {
    const l = readLabel(chunk);
    if (l.events.length > 0) this.event = l.events.join(" ");
    if (l.prose) this.colonPrefix = null;
    let name: string;
    if (l.prefix !== null) {
      name = !l.label ? l.prefix : isCountName(l.prefix) && !isCountName(l.label) ? `${l.prefix}（${l.label}）` : `${l.prefix}:${l.label}`;
      this.colonPrefix = isCountName(l.prefix) ? l.prefix : null;
    } else name = this.colonPrefix && l.label && !isCountName(l.label) ? `${this.colonPrefix}（${l.label}）` : l.label;
    if (this.heading && isCountName(this.heading) && name && !isCountName(name)) name = `${this.heading}（${name}）`;
    if (this.title === undefined) this.title = l.prose ? null : l.title;
    if (this.title && name) name = `${this.title} ${name}`;
    return l.cumulativeCount && name ? `${name}（延べ）` : name;
  }
}

/** Qualifies names that repeat within a cell: by the event in front, then the unit, then the order. */
function qualifyRepeats(figures: Figure[]): Figure[] {
  if (new Set(figures.map((f) => f.name)).size === figures.length) return figures;
  const qualifiers: ((f: Figure, i: number) => string | null)[] = [(f) => f.event, (f) => f.unit, (_f, i) => String(i + 1)];
  for (const qualify of qualifiers) {
    const byName = new Map<string, Figure[]>();
    for (const f of figures) {
      const same = byName.get(f.name);
      if (same) same.push(f);
      else byName.set(f.name, [f]);
    }
    for (const same of byName.values()) {
      if (same.length < 2) continue;
      const tags = same.map((f, i) => qualify(f, i));
      if (new Set(tags).size < 2) continue;
      same.forEach((f, i) => {
        if (tags[i]) f.name = `${f.name}（${tags[i]}）`;
      });
    }
  }
  return figures;
}
