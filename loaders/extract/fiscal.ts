// Japanese eras and fiscal years (April–March), stage periods and as-of dates.
import { foldWidth } from "./text.ts";

/** First Western year of each era; era year N is `start + N - 1`. */
const ERAS: Record<string, number> = { 令和: 2019, R: 2019, 平成: 1989, H: 1989 };

/**
 * The national programme's stages. 第一ステージ is the three intensive years
 * FY2020–2022, 第二ステージ the two years FY2023–2024 (骨太の方針2022).
 */
export const STAGES = {
  first: { start: 2020, end: 2022 },
  second: { start: 2023, end: 2024 },
} as const;

export interface Period {
  start: number;
  end: number;
}

const ERA_YEAR = String.raw`(?<era>令和|平成|R|H)\s*(?:\.\s*)?(?<year>元|\d{1,2})`;
/** An era year as a regex source without groups, for parsers' patterns: R5, 令和5, Ｈ30, 平成31, 令和元 (findFiscalYear reads it). */
export const ERA_YEAR_SOURCE = String.raw`(?:令和|平成|R|H)\s*(?:\.\s*)?(?:元|\d{1,2})`;
const FISCAL_YEAR = new RegExp(`${ERA_YEAR}\\s*(?:年度|年)?`);

/** Converts an era and its year (`元` = 1) to the Western year. */
export function eraToWestern(era: string, year: string | number): number | null {
  const start = ERAS[era];
  if (start === undefined) return null;
  const n = year === "元" ? 1 : Number(year);
  if (!Number.isInteger(n) || n < 1 || n > 99) return null;
  return start + n - 1;
}

/**
 * Parses one fiscal year as written: `R5`, `Ｒ５`, `令和5年度`, `令和３年度`,
 * `R5年度`, `平成31年度`, `令和元年度`. Returns the Western year the fiscal year starts in.
 */
export function parseFiscalYear(text: string): number | null {
  const folded = foldWidth(text).trim();
  const m = new RegExp(`^${FISCAL_YEAR.source}$`).exec(folded);
  if (!m?.groups) return null;
  return eraToWestern(m.groups.era!, m.groups.year!);
}

/** Finds the first fiscal year mentioned anywhere in a text. */
export function findFiscalYear(text: string): number | null {
  const m = FISCAL_YEAR.exec(foldWidth(text));
  return m?.groups ? eraToWestern(m.groups.era!, m.groups.year!) : null;
}

/** The fiscal year (April–March) a calendar date falls in. */
export function fiscalYearOfDate(isoDate: string): number {
  const [year, month] = isoDate.split("-").map(Number) as [number, number];
  return month >= 4 ? year : year - 1;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const AS_OF = new RegExp(
  String.raw`(?<era>令和|平成|R|H)\s*(?:\.\s*)?(?<year>元|\d{1,2})\s*[.年]\s*(?<month>\d{1,2})\s*月?\s*(?:(?<day>\d{1,2})\s*日|末)?\s*(?:現在|まで|末現在|時点)`,
);

/**
 * Parses an as-of date for a partial actual: `(R6.12月末現在)` → 2024-12-31,
 * `(R7.1月末現在)` → 2025-01-31, `R.6.12月までの速報値` → 2024-12-31.
 * Returns an ISO date or null. The calendar year follows the era year (R7.1 is January 2025).
 */
export function parseAsOf(text: string): string | null {
  const m = AS_OF.exec(foldWidth(text));
  if (!m?.groups) return null;
  const year = eraToWestern(m.groups.era!, m.groups.year!);
  const month = Number(m.groups.month);
  if (year === null || month < 1 || month > 12) return null;
  const day = m.groups.day ? Number(m.groups.day) : lastDayOfMonth(year, month);
  if (day < 1 || day > lastDayOfMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const KANJI_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };

/** Which stage a text names (`第一ステージ`, `第2ステージ`), or null. */
export function findStage(text: string): keyof typeof STAGES | null {
  const m = /第\s*([一二三四五\d])\s*ステージ/.exec(foldWidth(text));
  if (!m) return null;
  const n = KANJI_DIGITS[m[1]!] ?? Number(m[1]);
  return n === 1 ? "first" : n === 2 ? "second" : null;
}

/**
 * The period of a stage target such as 「2年間で」 or 「3年間で」. With a stage
 * named, the stage's fiscal years are used and the length must agree; with a
 * known start year the period runs from it. Returns null when neither is known
 * or the length contradicts the stage.
 */
export function stagePeriod(years: number, context: { stage?: keyof typeof STAGES | null; start?: number | null }): Period | null {
  if (context.stage) {
    const stage = STAGES[context.stage];
    return stage.end - stage.start + 1 === years ? { ...stage } : null;
  }
  if (context.start != null) return { start: context.start, end: context.start + years - 1 };
  return null;
}

/** Finds 「N年間で」 in a text and returns N; null when there is none or N is too long to be exact. */
export function findYearsSpan(text: string): number | null {
  const m = /(\d+)\s*年間/.exec(foldWidth(text));
  const years = m ? Number(m[1]) : null;
  return years !== null && Number.isSafeInteger(years) ? years : null;
}

/**
 * Parses a cumulative range such as `(R1.8~R6.12累計)`: fiscal years from the
 * start month's year to the end month's year, and the end as an as-of date.
 */
export function parseCumulativeRange(text: string): { period: Period; asOf: string } | null {
  const m = new RegExp(
    String.raw`(?<e1>令和|平成|R|H)\s*(?:\.\s*)?(?<y1>元|\d{1,2})\s*\.\s*(?<m1>\d{1,2})\s*[~～〜\-ー]\s*(?<e2>令和|平成|R|H)\s*(?:\.\s*)?(?<y2>元|\d{1,2})\s*\.\s*(?<m2>\d{1,2})\s*月?\s*累計`,
  ).exec(foldWidth(text));
  if (!m?.groups) return null;
  const y1 = eraToWestern(m.groups.e1!, m.groups.y1!);
  const y2 = eraToWestern(m.groups.e2!, m.groups.y2!);
  const m1 = Number(m.groups.m1);
  const m2 = Number(m.groups.m2);
  if (y1 === null || y2 === null || m1 < 1 || m1 > 12 || m2 < 1 || m2 > 12) return null;
  const asOf = `${y2}-${String(m2).padStart(2, "0")}-${String(lastDayOfMonth(y2, m2)).padStart(2, "0")}`;
  const startDate = `${y1}-${String(m1).padStart(2, "0")}-01`;
  return { period: { start: fiscalYearOfDate(startDate), end: fiscalYearOfDate(asOf) }, asOf };
}

const ANY_FISCAL_YEAR = new RegExp(`${ERA_YEAR}\\s*(?:年度|年)?|(?<western>(?:19|20)\\d{2})\\s*年度`);

/** Finds the first fiscal year a text names, as an era year (令和5年度, R5) or a Western one (2023年度). */
export function findAnyFiscalYear(text: string): number | null {
  const m = ANY_FISCAL_YEAR.exec(foldWidth(text));
  if (!m?.groups) return null;
  return m.groups.western ? Number(m.groups.western) : eraToWestern(m.groups.era!, m.groups.year!);
}

const WESTERN_AS_OF = /(?<year>(?:19|20)\d{2})\s*[年./]\s*(?<month>\d{1,2})\s*月?\s*(?:(?<day>\d{1,2})\s*日|末)?\s*(?:現在|時点|末現在)/;

/** An as-of date in era (R6.12月末現在) or Western form (2024年12月末時点); null when the text has none. */
export function findAnyAsOf(text: string): string | null {
  const era = parseAsOf(text);
  if (era) return era;
  const m = WESTERN_AS_OF.exec(foldWidth(text));
  if (!m?.groups) return null;
  const year = Number(m.groups.year);
  const month = Number(m.groups.month);
  if (month < 1 || month > 12) return null;
  const day = m.groups.day ? Number(m.groups.day) : lastDayOfMonth(year, month);
  if (day < 1 || day > lastDayOfMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const YEAR_RANGE = /(?<era>令和|平成|R|H)\s*(?:\.\s*)?(?<from>元|\d{1,2})\s*(?:年度)?\s*[~～〜\-－―]\s*(?:(?:令和|平成|R|H)\s*(?:\.\s*)?)?(?<to>\d{1,2})\s*年度|(?<wfrom>(?:19|20)\d{2})\s*(?:年度)?\s*[~～〜\-－―]\s*(?<wto>(?:19|20)\d{2})\s*年度/;

/** A span of fiscal years a text names (令和4～6年度, R4-R6年度, 2022～2024年度); null when none, or reversed. */
export function findFiscalYearRange(text: string): Period | null {
  const m = YEAR_RANGE.exec(foldWidth(text));
  if (!m?.groups) return null;
  const start = m.groups.wfrom ? Number(m.groups.wfrom) : eraToWestern(m.groups.era!, m.groups.from!);
  const end = m.groups.wto ? Number(m.groups.wto) : eraToWestern(m.groups.era!, m.groups.to!);
  return start !== null && end !== null && start <= end ? { start, end } : null;
}

/** A bare Western year as a 年度 column or an analyst's table writes it (2022); null for anything else. */
export function parseWesternYear(text: string): number | null {
  const t = text.trim();
  return /^(?:19|20)\d{2}$/.test(t) ? Number(t) : null;
}

/** A calendar date a text states, as findDates reads it. */
export interface DateMention {
  /**
   * ISO date: the day stated; for a month alone (R7.1月, 2024年7月) its last day; for a fiscal year's end
   * (令和5年度末) March 31 of the next calendar year.
   */
  date: string;
  /** day: a year, month and day; month: a year and month only; fiscal_year_end: 年度末. */
  precision: "day" | "month" | "fiscal_year_end";
  /** Where the date stands in foldWidth(text): index of its first character and of the one after its last. */
  index: number;
  end: number;
}

// A year, a month and perhaps a day, in era (R7.2.12, 令和6年7月16日, R6.12月, R.6.12) or Western form (2024年7月16日,
// 2024/7/16, 2024.7); or a fiscal year's end (令和5年度末, 2023年度末). A fiscal year alone (令和5年度) is no date.
const DATE_MENTION = new RegExp(
  [
    String.raw`(?<![A-Za-z])(?<era>令和|平成|R|H)\s*(?:\.\s*)?(?<year>元|\d{1,2})\s*(?:年\s*|\.\s*)(?<month>\d{1,2})(?!\d)(?:\s*月(?:\s*(?<day>\d{1,2})\s*日)?|\s*\.\s*(?<dotDay>\d{1,2})(?![\d.]))?`,
    String.raw`(?<![\d.,])(?<wyear>(?:19|20)\d{2})\s*(?:年\s*|[./]\s*)(?<wmonth>\d{1,2})(?!\d)(?:\s*月(?:\s*(?<wday>\d{1,2})\s*日)?|\s*[./]\s*(?<wdotDay>\d{1,2})(?![\d.]))?`,
    String.raw`(?<![A-Za-z])(?<fera>令和|平成|R|H)\s*(?:\.\s*)?(?<fyear>元|\d{1,2})\s*年度\s*末`,
    String.raw`(?<![\d.,])(?<fwyear>(?:19|20)\d{2})\s*年度\s*末`,
  ].join("|"),
  "g",
);

/** What every DATE_MENTION holds, an era's first character or a Western year: a line without one is not searched. */
const DATE_HINT = /[令平RH]|(?:19|20)\d{2}/;

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Every calendar date a text states, in order: R7.2.12, (R6.12月末現在), 令和6年7月16日, 2024年7月16日, 2024/7/16,
 * 令和5年度末. Era years are read by eraToWestern (令和元年 = 2019; the calendar year follows the era year, so R7.1 is
 * January 2025). Full-width digits are folded; kanji numerals are not (normalizeNumerals first). Impossible dates
 * (R6.2.30, month 13) are left out. Whether a date is past, planned or a name's is the caller's to judge.
 */
export function findDates(text: string): DateMention[] {
  const folded = foldWidth(text);
  const found: DateMention[] = [];
  if (!DATE_HINT.test(folded)) return found;
  for (const m of folded.matchAll(DATE_MENTION)) {
    const g = m.groups!;
    const at = { index: m.index, end: m.index + m[0].length };
    if (g.fera || g.fwyear) {
      const fy = g.fwyear ? Number(g.fwyear) : eraToWestern(g.fera!, g.fyear!);
      if (fy !== null) found.push({ date: isoDate(fy + 1, 3, 31), precision: "fiscal_year_end", ...at });
      continue;
    }
    const year = g.wyear ? Number(g.wyear) : eraToWestern(g.era!, g.year!);
    const month = Number(g.wmonth ?? g.month);
    const dayText = g.day ?? g.dotDay ?? g.wday ?? g.wdotDay;
    if (year === null || month < 1 || month > 12) continue;
    const last = lastDayOfMonth(year, month);
    if (dayText === undefined) {
      found.push({ date: isoDate(year, month, last), precision: "month", ...at });
      continue;
    }
    const day = Number(dayText);
    if (day >= 1 && day <= last) found.push({ date: isoDate(year, month, day), precision: "day", ...at });
  }
  return found;
}
