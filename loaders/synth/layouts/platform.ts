// Pieces shared by the two platform layouts (platform_plan, platform_kpi_status): the platform's
// name, the stage a fiscal year belongs to, era dates and as-of markers, number styles, local bodies.
import { isAdministered, localGovernmentsOf, type BodyInfo } from "../../extract/bodies.ts";
import { STAGES, type Period } from "../../extract/fiscal.ts";
import { FY_MAX } from "../../extract/schema.ts";
import { readDataTable } from "../../extract/data-tables.ts";
import { nameableBodies, toFullWidth } from "../text.ts";
import type { Rng } from "../rng.ts";

const PREFECTURE_RUBY = new Map(
  readDataTable("reference/local_governments.csv")
    .filter((r) => r.level === "prefecture")
    .map((r) => [r.prefecture_code!, r.prefecture_ruby!]),
);
const METI_BUREAU = new Map(readDataTable("reference/regional_bureaus.csv").map((r) => [r.prefecture!, r.meti_bureau!]));

export interface Platform {
  /** The platform's name as its documents write it (埼玉就職氷河期世代活躍支援プラットフォーム). */
  name: string;
  /** How the documents refer to it in running text (埼玉PF). */
  short: string;
  body: BodyInfo;
  /** 埼玉 for 埼玉県, 東京 for 東京都, 北海道 stays. */
  stem: string;
  /** The reading platforms use in names (ひろしま). */
  reading: string;
}

/**
 * The prefecture's platform. Real platforms name themselves after the prefecture in one of a few ways
 * (埼玉…, …ひろしまプラットフォーム, あいち…, 大阪府…); the way is fixed per prefecture so that every
 * document of one prefecture names the same platform.
 */
export function platformOf(prefecture: BodyInfo): Platform {
  const stem = prefecture.body === "北海道" ? "北海道" : prefecture.body.replace(/[都府県]$/, "");
  const reading = (PREFECTURE_RUBY.get(prefecture.prefecture_code) ?? "").replace(/(けん|ふ|と)$/, "");
  const core = "就職氷河期世代活躍支援";
  const variants: [string, string][] = [
    [`${stem}${core}プラットフォーム`, `${stem}PF`],
    [`${core}${reading}プラットフォーム`, `${reading}PF`],
    [`${reading}${core}プラットフォーム`, `${reading}PF`],
    [`${prefecture.body}${core}プラットフォーム`, "本PF"],
  ];
  const [name, short] = variants[Number(prefecture.prefecture_code) % variants.length]!;
  const body: BodyInfo = { body: name, body_code: null, body_level: "platform", prefecture: prefecture.prefecture, prefecture_code: prefecture.prefecture_code };
  return { name, short, body, stem, reading };
}

/** The years a document of a fiscal year reports on: a stage of the national programme, or the two-year plan after them. */
export interface PlanSpan {
  stage: keyof typeof STAGES | null;
  period: Period;
}

/**
 * The stage a fiscal year falls in. The platforms were set up in 2020, so earlier years have none.
 * After the second stage (FY2024) the platforms kept two-year plans (FY2025–2026, FY2027–2028, …)
 * that no longer carry a stage name. A plan must end by the last fiscal year records may have (FY_MAX),
 * so FY_MAX itself reports on the plan of its previous and its own year.
 */
export function planSpanOf(fiscalYear: number): PlanSpan | null {
  if (fiscalYear < STAGES.first.start) return null;
  for (const stage of ["first", "second"] as const) {
    if (fiscalYear <= STAGES[stage].end) return { stage, period: { ...STAGES[stage] } };
  }
  const start = Math.min(STAGES.second.end + 1 + 2 * Math.floor((fiscalYear - STAGES.second.end - 1) / 2), FY_MAX - 1);
  return { stage: null, period: { start, end: start + 1 } };
}

/** 令和 era year of a calendar year (2020 → "2"; 2019 → "元"). */
export function reiwa(year: number): string {
  return year === 2019 ? "元" : String(year - 2018);
}

/** 令和2年10月29日. */
export function eraDate(year: number, month: number, day: number): string {
  return `令和${reiwa(year)}年${month}月${day}日`;
}

/** 令和5年度 / R5年度 / 令和５年度: a fiscal-year column heading. */
export function fiscalYearLabel(fy: number, style: "kanji" | "short" | "wide"): string {
  if (style === "short") return `R${reiwa(fy)}年度`;
  return style === "wide" ? `令和${toFullWidth(reiwa(fy))}年度` : `令和${reiwa(fy)}年度`;
}

const ISO = (year: number, month: number) => {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
};

export interface AsOf {
  /** The text inside the brackets: R6.12月末現在. */
  text: string;
  iso: string;
}

/** A month-end as-of date within a fiscal year, written as the status tables write it. */
export function asOfIn(fy: number, rng: Rng): AsOf {
  const [year, month] = rng.pick([[fy, 9], [fy, 12], [fy, 12], [fy + 1, 1], [fy + 1, 1]] as const);
  const era = reiwa(year);
  const text = rng.chance(0.8) ? `R${era}.${month}月末現在` : rng.pick([`R${era}.${month}月末`, `R.${era}.${month}月までの速報値`, `令和${era}年${month}月末現在`]);
  return { text, iso: ISO(year, month) };
}

/** The end of a month as an ISO date. */
export function monthEnd(year: number, month: number): string {
  return ISO(year, month);
}

/** 3,200 (thousands grouped). */
export function grouped(n: number): string {
  return n.toLocaleString("en-US");
}

/** The prefecture's municipalities a document can name by themselves: unique in the prefecture, administered. */
export function localBodiesOf(prefecture: BodyInfo): BodyInfo[] {
  const municipalities = localGovernmentsOf(prefecture.prefecture_code).filter((b) => b.body_level !== "prefecture");
  return nameableBodies(prefecture.prefecture_code, municipalities);
}

/** How many municipalities the prefecture has, and the word its documents count them with (市町村, or 市町 where there are no villages). */
export function municipalityCount(prefecture: BodyInfo): { count: number; unit: "市町村" | "市町" } {
  const bodies = localGovernmentsOf(prefecture.prefecture_code).filter(
    (b) => b.body_level !== "prefecture" && !b.body.endsWith("区") && isAdministered(b.body_code),
  );
  return { count: bodies.length, unit: bodies.some((b) => b.body.endsWith("村")) ? "市町村" : "市町" };
}

/** National and joint bodies that report in a platform's status table, as their tags resolve. */
export function agencyBodies(prefecture: BodyInfo, stem: string) {
  const at = (body: string, level: BodyInfo["body_level"]): BodyInfo => ({ body, body_code: null, body_level: level, prefecture: prefecture.prefecture, prefecture_code: prefecture.prefecture_code });
  return {
    labourBureau: at(`${stem}労働局`, "national_agency"),
    metiBureau: at(METI_BUREAU.get(prefecture.prefecture) ?? "経済産業局", "national_agency"),
    jeed: at("高齢・障害・求職者雇用支援機構", "other"),
    joint: (tag: string) => at(tag, "other"),
  };
}
