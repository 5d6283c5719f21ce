// Numbers as Japanese prose writes them — 1万6,500人, 2.4万人, 三十万人, 一〇〇人, 令和三年度 — rewritten into
// ASCII digits, so that a pattern written for `16500人` reads every form, and one quantity read from a cell.
//
// When is a kanji numeral a number? Kanji digits also spell words (一般, 三重県, 十分, 二人三脚) and 〇 is also a
// bullet, so a run of numeral characters is rewritten only when its form or its neighbours say it is a quantity:
//   1. Never after 第 (an ordinal: 第一) or 数/何/幾 (a vague count: 数十万), nor at a name in NOT_NUMERALS (四万十).
//   2. A run with an ASCII digit or 万/億/兆 (1万6,500, 三十万, 5千), or of two or more kanji with 〇/十/百/千
//      (百二十, 一〇〇), is a number by its form; it is rewritten unless a kanji or katakana other than a counter
//      follows it (2025万博, 一億総活躍, 九十九里, 八千代).
//   3. Any other run of kanji digits (三, 二三, 七五三) is rewritten
//      a. after an era name when 年 follows (令和三年度, 平成五年),
//      b. when a counter follows (COUNTERS: units.csv and the date, money and ratio units). A single character
//         must also stand apart: no kanji or katakana before it (統一, 唯一, 県内一円) unless a date (年, 月) or a
//         cue word (目標, うち, 約 …) precedes, and after the counter only the end, punctuation, another date
//         part (三月三十一日), a particle (五社が) or a word such as 以上/程度/末 (AFTER_COUNTER) — not another
//         letter (一人ひとり, 一回り, 〇人材) nor another numeral (二人三脚). A lone 〇 takes no particle and
//         is never a year, month or day: 〇市町村との…, 〇年度末までに… are bullets.
//      c. after a cue word when no letter follows (目標三, うち二).
// A run that is not one well-formed number (万一, 〇〇市, 1,23万) is left as written.
//
// Plain ASCII numbers are never touched: `1,500` keeps its comma and `5千円` its 千円 unit (units.csv reads both).
// Rewritten numbers carry no separators: `1万6,500` becomes `16500`. The rewrite is idempotent and linear:
// the line is scanned once, and each run is parsed once, by hand rather than by a backtracking pattern.
import { NUMBER_SOURCE } from "./numbers.ts";
import { normalizeLine, squish } from "./text.ts";
import { canonicalUnit, UNIT_PATTERN } from "./units.ts";

const KANJI_DIGIT = new Map([..."〇一二三四五六七八九"].map((ch, i) => [ch, i]));
const SMALL_UNIT = new Map([["十", 10], ["百", 100], ["千", 1000]]);
/** Powers of ten of the myriad units. */
const LARGE_UNIT = new Map([["万", 4], ["億", 8], ["兆", 12]]);

/** Units of units.csv, unescaped from UNIT_PATTERN so that one list stays the source of truth. */
const CSV_UNITS = UNIT_PATTERN.split(/(?<!\\)\|/).map((unit) => unit.replace(/\\(.)/g, "$1"));

/** Extra units a quantity may carry beyond units.csv: percentages, money and ratios. */
const EXTRA_UNITS = ["%", "％", "円", "倍"];

/** Words after a kanji numeral that make it a count; longest first so 年度 wins over 年. */
const COUNTERS = byLength([
  ...CSV_UNITS, ...EXTRA_UNITS,
  "年度", "年間", "か年", "ヶ年", "年", "か月", "ヵ月", "ヶ月", "ケ月", "カ月", "箇月", "月", "週間", "週", "日間", "日",
  "時間", "歳", "割", "講座", "事業", "世帯", "施設", "機関", "校", "種類", "品目", "か国", "ヶ国",
]);
/** Counters a bullet 〇 runs into (〇年度末までに…, 〇月に開催): a lone 〇 before them is not zero. */
const DATE_COUNTERS = new Set(["年度", "年", "月", "日"]);
/** Words that may follow the counter of a one-character numeral and leave it a count (一人以上, 三月末). */
const AFTER_COUNTER = byLength([
  "以上", "以下", "以内", "未満", "超", "程度", "前後", "余", "強", "弱", "増", "減", "当たり", "当り", "末", "中", "間", "目", "分", "台", "規模", "ずつ", "ぶり",
]);
/** Particles that may follow a counter (五社が参加, 三人の); ひ of 一人ひとり or り of 一回り may not. */
const PARTICLES = new Set([..."がのをはにでとへや"]);
/** Words before a numeral that announce a value (目標三十件, うち一人, 約一割). */
const CUES = byLength(["目標値", "目標", "実績値", "実績", "うち", "計", "約", "概ね", "おおむね", "およそ", "延べ", "年間", "月間", "見込み"]);
const ERAS = ["令和", "平成", "昭和"];
/** Characters before a numeral that make it an ordinal or a vague count, never a value. */
const NOT_BEFORE = new Set(["第", "数", "何", "幾"]);
/** Names that the rules above would read as numbers. */
const NOT_NUMERALS = ["四万十"];

function byLength(words: string[]): string[] {
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

const WORD_CHAR = /[\p{Script=Han}\p{Script=Katakana}\u30fc]/u;
const LETTER = /\p{L}/u;
const KANJI_NUMERAL = /[〇一二三四五六七八九十百千万億兆]/;

/**
 * Positional kanji digits grouped by 、 as thousands (一、二〇〇 → 1200, 一二、三四五 → 12345): each group after the
 * first has exactly three digits, so an enumeration (一、二、三) is no number.
 */
const GROUPED_KANJI = /(?<![第〇一二三四五六七八九])[一二三四五六七八九][〇一二三四五六七八九]{0,2}(?:、[〇一二三四五六七八九]{3})+(?![〇一二三四五六七八九])/g;

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

/** The character codes a run of numerals is made of: ASCII digits, separators, kanji digits and units. */
const RUN_CODES = new Set([..."0123456789,.", ...KANJI_DIGIT.keys(), ...SMALL_UNIT.keys(), ...LARGE_UNIT.keys()].map((ch) => ch.charCodeAt(0)));

/** Whether the character at `index` may stand in a run of numerals (read by code, so that no string is made). */
function isRunChar(line: string, index: number): boolean {
  return RUN_CODES.has(line.charCodeAt(index));
}

function isNumeralChar(ch: string | undefined): boolean {
  return ch !== undefined && (isDigit(ch) || KANJI_DIGIT.has(ch) || SMALL_UNIT.has(ch) || LARGE_UNIT.has(ch));
}

/** The whole code point ending just before `index`, so that a surrogate pair is tested as one character. */
function charBefore(line: string, index: number): string | undefined {
  if (index <= 0) return undefined;
  const low = line.charCodeAt(index - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return String.fromCodePoint(line.codePointAt(start)!);
}

function charAt(line: string, index: number): string | undefined {
  return index < line.length ? String.fromCodePoint(line.codePointAt(index)!) : undefined;
}

function wordAt(line: string, index: number, words: readonly string[]): string | null {
  return words.find((word) => line.startsWith(word, index)) ?? null;
}

/** Whether the text before `index`, past up to two spaces or colons, ends with one of `words`. */
function endsWithWord(line: string, index: number, words: readonly string[]): boolean {
  let end = index;
  while (end > 0 && index - end < 2 && /[\s:：]/.test(line[end - 1]!)) end--;
  const before = line.slice(Math.max(0, end - 4), end);
  return words.some((word) => before.endsWith(word));
}

// ---- parsing one run of numeral characters --------------------------------------------------------------------

type Token =
  | { kind: "ascii"; text: string }
  | { kind: "kanji"; text: string }
  | { kind: "small"; value: number }
  | { kind: "large"; exp: number };

/** A group below a myriad unit: its digits as written or computed, and whether they carry a decimal point. */
interface Group {
  digits: string;
  decimal: boolean;
}

const ASCII_NUMBER = new RegExp(`^${NUMBER_SOURCE}$`);

/** Splits a run into ASCII numbers, kanji digit strings and units; null when an ASCII number is malformed (1,23). */
function tokenize(run: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < run.length) {
    const ch = run[i]!;
    const small = SMALL_UNIT.get(ch);
    const exp = LARGE_UNIT.get(ch);
    let end = i + 1;
    if (small !== undefined) tokens.push({ kind: "small", value: small });
    else if (exp !== undefined) tokens.push({ kind: "large", exp });
    else if (KANJI_DIGIT.has(ch)) {
      while (end < run.length && KANJI_DIGIT.has(run[end]!)) end++;
      tokens.push({ kind: "kanji", text: run.slice(i, end) });
    } else {
      while (end < run.length && /[\d,.]/.test(run[end]!)) end++;
      const text = run.slice(i, end);
      if (!ASCII_NUMBER.test(text)) return null;
      tokens.push({ kind: "ascii", text });
    }
    i = end;
  }
  return tokens;
}

/** The digit 1–9 a token gives as the multiplier of 千/百/十: one kanji digit, or one ASCII digit before 千 (5千). */
function coefficient(token: Token | undefined, next: Token | undefined): number | null {
  if (next?.kind !== "small") return null;
  if (token?.kind === "kanji" && token.text.length === 1 && token.text !== "〇") return KANJI_DIGIT.get(token.text)!;
  if (token?.kind === "ascii" && /^[1-9]$/.test(token.text) && next.value === 1000) return Number(token.text);
  return null;
}

/** Reads 二千五百, 百二十, 十一, 5千: units 千/百/十 in falling order, each with an optional digit, then a last digit. */
function multiplicativeGroup(tokens: Token[], start: number): { group: Group; next: number } | null {
  let value = 0;
  let limit = 10000;
  let i = start;
  for (;;) {
    const coef = coefficient(tokens[i], tokens[i + 1]);
    const unit = tokens[coef === null ? i : i + 1];
    if (unit?.kind !== "small" || unit.value >= limit) break;
    value += (coef ?? 1) * unit.value;
    limit = unit.value;
    i += coef === null ? 1 : 2;
  }
  if (i === start) return null;
  const last = tokens[i];
  if (last?.kind === "kanji" && last.text.length === 1 && last.text !== "〇") {
    value += KANJI_DIGIT.get(last.text)!;
    i++;
  }
  return { group: { digits: String(value), decimal: false }, next: i };
}

function parseGroup(tokens: Token[], start: number): { group: Group; next: number } | null {
  const multiplied = multiplicativeGroup(tokens, start);
  if (multiplied) return multiplied;
  const token = tokens[start];
  if (token?.kind === "ascii") return { group: { digits: token.text.replace(/,/g, ""), decimal: token.text.includes(".") }, next: start + 1 };
  // 〇〇 is a placeholder (〇〇市), not zero; a positional number never starts with 〇 but 〇 alone is 0.
  if (token?.kind === "kanji" && !(token.text.length > 1 && token.text[0] === "〇")) {
    return { group: { digits: [...token.text].map((ch) => KANJI_DIGIT.get(ch)).join(""), decimal: false }, next: start + 1 };
  }
  return null;
}

/** Moves the decimal point of `digits` right by `places` (2.4, 4 → 24000), exactly, without floating point. */
function shiftDecimal(digits: string, places: number): string {
  const [whole, fraction = ""] = digits.split(".") as [string, string?];
  const moved = fraction.slice(0, places).padEnd(places, "0");
  const rest = fraction.slice(places).replace(/0+$/, "");
  return stripZeros(whole + moved) + (rest ? `.${rest}` : "");
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, "");
}

/** Joins groups written above 万, 億, 兆 into one digit string; null when a lower group does not fit in four digits. */
function composeDigits(parts: { group: Group; exp: number }[]): string | null {
  const [first, ...rest] = parts;
  if (!first) return null;
  if (first.group.decimal) return rest.length === 0 ? shiftDecimal(first.group.digits, first.exp) : null;
  const lower = new Map<number, string>();
  for (const part of rest) {
    const digits = stripZeros(part.group.digits);
    if (part.group.decimal || digits.length > 4) return null;
    lower.set(part.exp, digits);
  }
  let text = first.group.digits;
  for (let exp = first.exp - 4; exp >= 0; exp -= 4) text += (lower.get(exp) ?? "0").padStart(4, "0");
  return stripZeros(text);
}

/** The ASCII digits a run of numeral characters writes, or null when it is not one well-formed number. */
export function parseNumeral(run: string): string | null {
  const tokens = tokenize(run);
  if (!tokens) return null;
  const parts: { group: Group; exp: number }[] = [];
  let lastExp = Infinity;
  let i = 0;
  while (i < tokens.length) {
    const parsed = parseGroup(tokens, i);
    if (!parsed) return null;
    const unit = tokens[parsed.next];
    if (unit === undefined) {
      parts.push({ group: parsed.group, exp: 0 });
      break;
    }
    if (unit.kind !== "large" || unit.exp >= lastExp) return null;
    parts.push({ group: parsed.group, exp: unit.exp });
    lastExp = unit.exp;
    i = parsed.next + 1;
  }
  return composeDigits(parts);
}

// ---- deciding whether a run is a quantity ---------------------------------------------------------------------

/** Rule 2: a number by its form stands before a counter or anything but a kanji or katakana word. */
function formIsQuantity(line: string, end: number): boolean {
  const next = charAt(line, end);
  return wordAt(line, end, COUNTERS) !== null || next === undefined || !WORD_CHAR.test(next);
}

/** Rule 3b: what follows the counter of a one-character numeral must end the count. */
function counterEndsCount(line: string, run: string, counter: string, after: number): boolean {
  if (run === "〇" && DATE_COUNTERS.has(counter)) return false;
  const next = charAt(line, after);
  if (next === undefined) return true;
  if (isNumeralChar(next)) return counter === "年" || counter === "月";
  if (wordAt(line, after, AFTER_COUNTER) !== null || !LETTER.test(next)) return true;
  // A particle ends the count (五社が参加), but not after a lone 〇, which is likelier a bullet (〇市町村との連携).
  return run !== "〇" && PARTICLES.has(next);
}

/** Rule 3: a run of kanji digits alone, read only where its neighbours make it a quantity. */
function contextIsQuantity(line: string, start: number, end: number): boolean {
  if (endsWithWord(line, start, ERAS) && line.startsWith("年", end)) return true;
  const cue = endsWithWord(line, start, CUES);
  const counter = wordAt(line, end, COUNTERS);
  if (counter === null) {
    const next = charAt(line, end);
    return cue && (next === undefined || !LETTER.test(next));
  }
  if (end - start > 1) return true;
  const before = charBefore(line, start);
  const apart = before === undefined || !WORD_CHAR.test(before) || before === "年" || before === "月";
  return (apart || cue) && counterEndsCount(line, line.slice(start, end), counter, end + counter.length);
}

/**
 * units.csv reads 5千円 and 5 千円 as 5 in thousands of yen: the 千 belongs to the unit, and rewriting it to
 * 5000円 would change the unit (or, after a space, read 1000円 as a second number).
 */
function isThousandYenUnit(line: string, start: number, end: number): boolean {
  if (line[end] !== "円") return false;
  const run = line.slice(start, end);
  return /^\d千$/.test(run) || (run === "千" && /\d\s?$/.test(line.slice(Math.max(0, start - 2), start)));
}

/** The digits that replace line[start, end), or null to leave the run as written. */
function rewriteRun(line: string, start: number, end: number): string | null {
  const run = line.slice(start, end);
  if (!KANJI_NUMERAL.test(run)) return null;
  if (isThousandYenUnit(line, start, end)) return null;
  if (NOT_BEFORE.has(charBefore(line, start) ?? "") || wordAt(line, start, NOT_NUMERALS)) return null;
  const digits = parseNumeral(run);
  if (digits === null) return null;
  const byForm = /[\d万億兆]/.test(run) || (run.length > 1 && /[〇十百千]/.test(run));
  return (byForm ? formIsQuantity(line, end) : contextIsQuantity(line, start, end)) ? digits : null;
}

/** Narrows a run to its number: no leading or trailing separator, and no bullet 〇 before ASCII digits (〇1,500件). */
function trimRun(line: string, start: number, end: number): [number, number] {
  while (start < end && (line[start] === "," || line[start] === ".")) start++;
  while (end > start && (line[end - 1] === "," || line[end - 1] === ".")) end--;
  if (line[start] === "〇" && isDigit(line[start + 1]) && start + 1 < end) start++;
  return [start, end];
}

/**
 * Rewrites the numbers of a width-folded line into ASCII digits: 1万6,500人 → 16500人, 三十万 → 300000,
 * 二〇二三年度 → 2023年度, 令和三年度 → 令和3年度; words and bullets (一般, 三重県, 〇伴走型支援) stay. See the
 * rules at the top of this file. Idempotent, and linear in the length of the line.
 */
export function normalizeNumerals(line: string): string {
  if (!KANJI_NUMERAL.test(line)) return line;
  line = line.replace(GROUPED_KANJI, (m) => [...m].filter((ch) => ch !== "、").map((ch) => String(KANJI_DIGIT.get(ch))).join(""));
  let out = "";
  let copied = 0;
  let i = 0;
  while (i < line.length) {
    if (!isRunChar(line, i)) {
      i++;
      continue;
    }
    let runEnd = i + 1;
    while (runEnd < line.length && isRunChar(line, runEnd)) runEnd++;
    const [start, end] = trimRun(line, i, runEnd);
    const digits = start < end ? rewriteRun(line, start, end) : null;
    if (digits !== null) {
      out += line.slice(copied, start) + digits;
      copied = end;
    }
    i = runEnd;
  }
  return copied === 0 ? line : out + line.slice(copied);
}

// ---- one quantity -----------------------------------------------------------------------------------------------

export type QuantityOp = "eq" | "gte" | "gt" | "lte" | "lt";

export interface JapaneseQuantity {
  value: number;
  unit: string | null;
  op: QuantityOp;
  /** Written as an estimate: 約, 概ね, およそ before the number or 程度, 前後 after it. */
  approx: boolean;
}

const APPROX_PREFIX = "約|概ね|おおむね|およそ";
const SUFFIXES: Record<string, { op: QuantityOp; approx: boolean }> = {
  以上: { op: "gte", approx: false },
  超: { op: "gt", approx: false },
  超え: { op: "gt", approx: false },
  を超える: { op: "gt", approx: false },
  以下: { op: "lte", approx: false },
  以内: { op: "lte", approx: false },
  未満: { op: "lt", approx: false },
  程度: { op: "eq", approx: true },
  前後: { op: "eq", approx: true },
};
const SUFFIX_PATTERN = byLength(Object.keys(SUFFIXES)).join("|");
const QUANTITY_UNIT_PATTERN = [UNIT_PATTERN, ...EXTRA_UNITS].join("|");
/** Marks of a negative figure: ▲ and △ as accounts write them, and the minus signs. */
const NEGATIVE = String.raw`\-−‐▲△`;

/**
 * A regex source (no capture groups, so it embeds anywhere) matching one quantity in running text after
 * normalizeNumerals: an optional 約/概ね/およそ, an optional sign, a number, an optional unit and 以上/未満/程度….
 * A match never starts or ends inside a number (so `1,2345` gives none), which also keeps a scan linear.
 */
export const QUANTITY_SOURCE = String.raw`(?:(?:${APPROX_PREFIX}) ?)?(?:[+${NEGATIVE}] ?)?(?<![\d.,])${NUMBER_SOURCE}(?![\d]|[.,]\d)(?: ?(?:${QUANTITY_UNIT_PATTERN}))?(?: ?(?:${SUFFIX_PATTERN}))?`;

const QUANTITY = new RegExp(
  String.raw`^(?<approx>${APPROX_PREFIX})? ?(?<sign>[+${NEGATIVE}])? ?(?<num>${NUMBER_SOURCE}) ?(?<unit>${QUANTITY_UNIT_PATTERN})? ?(?<suffix>${SUFFIX_PATTERN})?$`,
);
/** A bare number in brackets, as accounts write a negative figure: (91), （1,500）. */
const BRACKETED = new RegExp(String.raw`^[(（] ?(${NUMBER_SOURCE}) ?[)）]$`);

/** A count exact as a double, so that a read value is the written one. */
function toValue(digits: string, negative: boolean): number | null {
  const value = Number(digits.replace(/,/g, ""));
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return null;
  return negative && value !== 0 ? -value : value;
}

/**
 * Reads one quantity as a cell or phrase writes it: 約1万6,500人, 三十万人, 3,200件以上, 100人を超える, 〇件,
 * ▲91, (91). Null for a dash, 集計中, 未定, an empty cell or anything that is not exactly one quantity: a missing
 * value is never zero. A bracketed figure is negative only when bare — （51,000人） is an aside, so null.
 */
export function parseJapaneseQuantity(text: string): JapaneseQuantity | null {
  const line = squish(normalizeNumerals(normalizeLine(text)));
  const bracketed = BRACKETED.exec(line);
  if (bracketed) {
    const value = toValue(bracketed[1]!, true);
    return value === null ? null : { value, unit: null, op: "eq", approx: false };
  }
  const m = QUANTITY.exec(line);
  if (!m?.groups) return null;
  const value = toValue(m.groups.num!, m.groups.sign !== undefined && m.groups.sign !== "+");
  if (value === null) return null;
  const suffix = m.groups.suffix ? SUFFIXES[m.groups.suffix]! : { op: "eq" as const, approx: false };
  return {
    value,
    unit: m.groups.unit ? canonicalUnit(m.groups.unit === "％" ? "%" : m.groups.unit) : null,
    op: suffix.op,
    approx: m.groups.approx !== undefined || suffix.approx,
  };
}
