// platform_kpi_status writer: a platform's KPI achievement table, shaped like data/sources/004 (Hiroshima).
// Per support target: the title again, the section heading, a 【目標】 line, the 取組概要 header with one
// column per fiscal year, a 全体KPI row (stage targets and the platform's actuals), then agency rows
// (<労働局>, <広島県>, <経済産業局>, <呉市> …) whose year cells state actuals in free text: うち breakdowns,
// as-of markers (R6.12月末現在), running totals (R1.8~R6.3累計), dated events, remarks (※…), HTML residue.
import type { BodyInfo } from "../../extract/bodies.ts";
import type { Period } from "../../extract/fiscal.ts";
import type { Draft } from "../../extract/parsers/types.ts";
import type { SupportTarget } from "../../extract/schema.ts";
import type { Rng } from "../rng.ts";
import type { LayoutContext, LayoutWriter, SynthDoc } from "../types.ts";
import {
  agencyBodies,
  asOfIn,
  fiscalYearLabel,
  grouped,
  localBodiesOf,
  monthEnd,
  municipalityCount,
  planSpanOf,
  platformOf,
  reiwa,
  type AsOf,
  type Platform,
  type PlanSpan,
} from "./platform.ts";
import { toFullWidth } from "../text.ts";

/** A figure of a year cell and what a correct reading of it gives. */
interface Fig {
  name: string;
  value: number;
  unit: string;
  asOf: string | null;
  /** A running total's own period; the column's year otherwise. */
  period: Period | null;
  notes: string[];
  /** The figure this one is part of (就職件数 of 就職件数（うち正規雇用）): its record is the parent_record_id. */
  parent?: Fig;
  /** The figure restates the 全体KPI row's figure just above under the labour bureau: no record of its own. */
  restated?: boolean;
}

interface Cell {
  text: string;
  figs: Fig[];
}

interface Column {
  fy: number;
  /** The current year is reported part-way, mostly as of this date (rows may state their own). */
  asOf: AsOf | null;
  /** A later year of the plan, not reported yet: the cell stays empty. */
  future: boolean;
}

/** One agency row: 分類 ⇥ <tag> ○取組 ⇥ one cell per year. */
interface AgencyRow {
  category: string;
  activity: string;
  /** The body the row's tag names; null carries the tag of the rows above. */
  agency: BodyInfo | null;
  /** The program its figures are recorded under. */
  program: string;
  cell: (col: Column) => Cell;
}

const HTML_LIST = '<ul style="list-style-type: none">';
const UNIT_SHOWN: Record<string, string[]> = { 人: ["人", "人", "人", "名"] };

/** A figure name as the reading tidies it: brackets full-width, no spaces around them, single spaces. */
function tidy(text: string): string {
  return text
    .replace(/\(/g, "（")
    .replace(/\)/g, "）")
    .replace(/\s*([（）])\s*/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

function fig(name: string, value: number, unit: string, extra: Partial<Fig> = {}): Fig {
  return { name, value, unit, asOf: null, period: null, notes: [], ...extra };
}

/** The document being written and its house style. */
class StatusSheet {
  readonly lines: string[] = [];
  readonly drafts: Draft[] = [];
  /** Each figure that is part of another, with the draft of that other. */
  readonly parents = new Map<Draft, Draft>();
  /** Lines whose figures restate the row above under another body: the extraction reports them as duplicates. */
  readonly restated = new Set<number>();
  /** The platform's headline actual per year (全体KPI of section 1), which the labour bureau's row restates. */
  readonly headline = new Map<number, { value: number; asOf: AsOf | null }>();

  constructor(
    readonly rng: Rng,
    readonly platform: Platform,
    readonly prefecture: BodyInfo,
    /** Full-width digits in the year cells. */
    readonly wide: boolean,
    /** How much bigger or smaller than Hiroshima the prefecture's figures run. */
    readonly scale: number,
  ) {}

  num(n: number): string {
    return this.wide ? toFullWidth(grouped(n)) : grouped(n);
  }

  /** A count near `base` (at Hiroshima's size), sometimes 0. */
  count(base: number, zero = 0.03): number {
    if (this.rng.chance(zero)) return 0;
    return Math.max(1, Math.round(base * this.scale * (0.4 + this.rng.next() * 1.2)));
  }

  /** A unit as written: 人 is sometimes 名. */
  shown(unit: string): string {
    return this.rng.pick(UNIT_SHOWN[unit] ?? [unit]);
  }

  space(): string {
    return this.rng.pick(["", " ", " "]);
  }

  bracket(inner: string): string {
    return this.rng.chance(0.7) ? `(${inner})` : `（${inner}）`;
  }

  /** The as-of date a cell of a part-way column states: the table's usual one, or a row's own. */
  asOf(col: Column): AsOf | null {
    if (!col.asOf) return null;
    return this.rng.chance(0.7) ? col.asOf : asOfIn(col.fy, this.rng);
  }

  /** Dates the cell's undated figures with an as-of marker at the end of the cell. */
  finish(cell: Cell, col: Column): Cell {
    const asOf = cell.figs.length > 0 ? this.asOf(col) : null;
    if (!asOf) return cell;
    for (const f of cell.figs) if (!f.asOf && !f.period) f.asOf = asOf.iso;
    return { text: `${cell.text}${this.rng.pick([" ", ""])}${this.bracket(asOf.text)}`, figs: cell.figs };
  }

  /** An event date within a fiscal year: R5.10.21. */
  eventDate(fy: number, used: Set<string>): string {
    for (;;) {
      const month = this.rng.int(4, 15);
      const year = month > 12 ? fy + 1 : fy;
      const text = `R${reiwa(year)}.${month > 12 ? month - 12 : month}.${this.rng.int(1, 28)}`;
      if (!used.has(text)) {
        used.add(text);
        return text;
      }
    }
  }
}

// ---- Year-cell templates ------------------------------------------------------------------------

interface Label {
  name: string;
  unit: string;
  base: number;
}

/** ○A 12件 ○B 3人 / ○A12件 B3人 / ○A12件、B3人. */
function simpleCell(s: StatusSheet, labels: Label[], col: Column): Cell {
  const style = s.rng.pick(["items", "inline", "comma"] as const);
  const parts = labels.map((l) => {
    const value = s.count(l.base);
    return { text: `${l.name}${s.space()}${s.num(value)}${s.shown(l.unit)}`, fig: fig(l.name, value, l.unit) };
  });
  const text = style === "items" ? parts.map((p) => `○${p.text}`).join(" ") : `○${parts.map((p) => p.text).join(style === "inline" ? " " : "、")}`;
  return s.finish({ text, figs: parts.map((p) => p.fig) }, col);
}

interface Part {
  label: string;
  share: number;
  parts?: Part[];
}

/** A figure with its うち breakdown: 就職決定件数628人 (うち就職氷河期世代270人 (うち正規雇用102人)). */
function withParts(s: StatusSheet, name: string, value: number, unit: string, parts: Part[]): { text: string; figs: Fig[] } {
  const figs = [fig(name, value, unit)];
  const breakdown = (parentName: string, parentValue: number, list: Part[]): string => {
    const pieces = list.map((p) => {
      const v = Math.floor(parentValue * p.share);
      const childName = `${parentName}（うち${p.label}）`;
      const child = fig(childName, v, unit, { parent: figs.find((f) => f.name === parentName) });
      figs.push(child);
      const nested = p.parts ? ` ${s.bracket(`うち${breakdown(childName, v, p.parts)}`)}` : "";
      return `${p.label}${s.rng.pick(["", " "])}${s.num(v)}${s.shown(unit)}${nested}`;
    });
    return pieces.join("、");
  };
  const text = `${name}${s.space()}${s.num(value)}${s.shown(unit)}${parts.length ? ` ${s.bracket(`うち${breakdown(name, value, parts)}`)}` : ""}`;
  return { text, figs };
}

const GLACIAL = (share: number, regular?: number): Part => ({ label: "就職氷河期世代", share, parts: regular ? [{ label: "正規雇用", share: regular }] : undefined });

/** ○限定求人 79人 歓迎求人1,923人 限定求人424人 歓迎求人4,955人 (R1.8~R6.3累計): the year's figures, then the running totals. */
function cumulativeCell(s: StatusSheet, col: Column): Cell {
  const labels = ["限定求人", "歓迎求人"];
  const start = s.rng.pick(["R1.8", "R1.8", "R2.4"]);
  const startFy = start === "R2.4" ? 2020 : 2019;
  const yearFigs = labels.map((l, i) => fig(l, s.count(i === 0 ? 60 : 2000), "人"));
  const at = s.asOf(col);
  const endIso = at ? at.iso : monthEnd(col.fy + 1, 3);
  const [endYear, endMonth] = endIso.split("-").map(Number) as [number, number];
  const years = col.fy - startFy + 1;
  const totals = labels.map((l, i) => fig(`${l}（累計）`, yearFigs[i]!.value * years + s.count(i === 0 ? 40 : 500), "人", { period: { start: startFy, end: col.fy }, asOf: endIso }));
  const first = yearFigs.map((f) => `${f.name}${s.space()}${s.num(f.value)}人`).join(" ");
  const asOf = at ? ` ${s.bracket(at.text)}` : "";
  if (at) for (const f of yearFigs) f.asOf = at.iso;
  const second = totals.map((f, i) => `${labels[i]}${s.space()}${s.num(f.value)}人`).join(" ");
  const range = `${start}${s.rng.pick(["~", "～"])}R${reiwa(endYear)}.${endMonth}累計`;
  return { text: `○${first}${asOf} ${second} ${s.bracket(range)}`, figs: [...yearFigs, ...totals] };
}

/** ○「X」におけるマッチング支援 ・新規求職登録件数1,035人 (うち…) ・就職決定件数628人 (うち…) ※R5年度…を含む. */
function bulletsCell(s: StatusSheet, heading: string, items: { name: string; unit: string; base: number; parts: Part[] }[], col: Column, remark: boolean): Cell {
  const figs: Fig[] = [];
  const texts: string[] = [];
  let last: Fig[] = [];
  for (const item of items) {
    const read = withParts(s, item.name, s.count(item.base), item.unit, item.parts);
    texts.push(`・${read.text}`);
    figs.push(...read.figs);
    last = read.figs;
  }
  let text = `○${heading} ${texts.join(" ")}`;
  if (remark && last.length > 0) {
    const main = last[0]!;
    const note = `※R${reiwa(col.fy)}年度${main.name}${grouped(main.value)}${main.unit}にはR${reiwa(col.fy - 1)}年度からの継続分を含む`;
    text += ` ${note}`;
    for (const f of last) f.notes.push(note);
  }
  return s.finish({ text, figs }, col);
}

/** ○H数 ・A事業 1市 ・B事業 5市町: a count split by kind, each named after the heading. */
function countHeadingParts(s: StatusSheet, heading: string, subs: string[], unit: string, base: number): Cell {
  const figs = subs.map((sub) => fig(`${heading}（${sub}）`, s.count(base, 0), unit));
  return { text: `○${heading} ${figs.map((f, i) => `・${subs[i]} ${s.num(f.value)}${unit}`).join(" ")}`, figs };
}

/** ○人材開発支援助成金 申請30件 計画12件: the first word names every figure of the item. */
function titledCell(s: StatusSheet, titles: string[], labels: Label[], col: Column): Cell {
  const figs: Fig[] = [];
  const items = titles.map((title) => {
    const parts = labels.map((l) => {
      const value = s.count(l.base);
      figs.push(fig(tidy(`${title} ${l.name}`), value, l.unit));
      return `${l.name}${s.num(value)}${l.unit}`;
    });
    return `○${title} ${parts.join(" ")}`;
  });
  return s.finish({ text: items.join(" "), figs }, col);
}

/** ○オンライン企業説明会 (R5.10.21) 参加企業数12社 参加者数9人 (R5.11.18) …: repeated labels told apart by the event date. */
function eventsCell(s: StatusSheet, event: string, col: Column, extra: Label | null): Cell {
  const used = new Set<string>();
  const n = s.rng.int(1, 3);
  const dates = Array.from({ length: n }, () => s.eventDate(col.fy, used)).sort();
  const figs: Fig[] = [];
  const runs = dates.map((date) => {
    const companies = s.count(10, 0);
    const people = s.count(15);
    const q = n > 1 ? `（${date}）` : "";
    figs.push(fig(`${event} 参加企業数${q}`, companies, "社"), fig(`${event} 参加者数${q}`, people, "人"));
    return `${s.bracket(date)} 参加企業数${s.num(companies)}社 参加者数${s.num(people)}${s.shown("人")}`;
  });
  let text = `○${event} ${runs.join(" ")}`;
  if (extra) {
    const value = s.count(extra.base);
    figs.push(fig("個別支援（随時対応）事業者数", value, "社"));
    text += ` ○個別支援 ${s.bracket("随時対応")} 事業者数${s.rng.pick(["", " : "])}${s.num(value)}社`;
  }
  return s.finish({ text, figs }, col);
}

/** ○求職者支援訓練短期短時間8コースの設定 (医療事務、介護): the verb joins the name, the bracket is a note. */
function coursesCell(s: StatusSheet, col: Column): Cell {
  const courses = [
    { name: s.rng.pick(["求職者支援訓練短期短時間", "求職者支援訓練短時間"]), note: s.rng.sample(["医療事務", "介護", "Excel", "フォークリフト等", "簿記"], 2).join("、") },
    { name: "eラーニング", note: s.rng.pick(["Webデザイン", "プログラミング", "Webデザイン、動画編集"]) },
  ];
  const figs: Fig[] = [];
  const text = courses
    .map((c) => {
      const value = s.count(5, 0);
      figs.push(fig(`${c.name}コースの設定`, value, "コース", { notes: [c.note] }));
      return `○${c.name}${s.num(value)}コースの設定 ${s.bracket(c.note)}`;
    })
    .join(" ");
  return s.finish({ text, figs }, col);
}

/** ○県：施設内開講コース6件 委託先開講コース62件 (広島県内) ○機構：施設内訓練コース30件 (うち企業実習付き4件) 設定. */
function jointCoursesCell(s: StatusSheet, col: Column): Cell {
  const pref = s.prefecture.body;
  const own = pref.slice(-1);
  const a = s.count(7, 0);
  const b = s.count(55);
  const c = s.count(28, 0);
  const d = Math.floor(c * s.rng.next() * 0.3);
  const where = `${pref}内`;
  const figs = [
    fig(`${own}:施設内開講コース`, a, "件", { notes: [where] }),
    fig("委託先開講コース", b, "件", { notes: [where] }),
    fig("機構:施設内訓練コース", c, "件"),
  ];
  figs.push(fig("機構:施設内訓練コース（うち企業実習付き）", d, "件", { parent: figs[2] }));
  const text = `○${own}：施設内開講コース${s.num(a)}件 委託先開講コース${s.num(b)}件 ${s.bracket(where)} ○機構：施設内訓練コース${s.num(c)}件 ${s.bracket(`うち企業実習付き${s.num(d)}件`)} 設定`;
  return s.finish({ text, figs }, col);
}

/** ○特定求職者雇用開発助成金295件・トライアル雇用助成金73件 【35~55歳の申請件数】. */
function subsidiesCell(s: StatusSheet, col: Column): Cell {
  const shift = Math.max(0, col.fy - 2023);
  const note = `${35 + shift}~${55 + shift}歳の申請件数`;
  const a = s.count(260);
  const b = s.count(55);
  const figs = [fig("特定求職者雇用開発助成金", a, "件", { notes: [note] }), fig("トライアル雇用助成金", b, "件", { notes: [note] })];
  return s.finish({ text: `○特定求職者雇用開発助成金${s.num(a)}件・トライアル雇用助成金${s.num(b)}件 【${note}】`, figs }, col);
}

/** Prose of a サポステ with one labelled figure run at its end, the サポステ named after it as a note. */
function saposteProse(s: StatusSheet, stations: string[], kind: "colon" | "outreach" | "total" | "none", col: Column): Cell {
  const figs: Fig[] = [];
  const [first, ...others] = stations;
  const station = `${first}サポステ`;
  let lead: string;
  switch (kind) {
    case "colon": {
      const [a, b] = [s.count(60), s.count(50)];
      figs.push(fig("参加者数（セミナー）", a, "人", { notes: [station] }), fig("参加者数（座談会）", b, "人", { notes: [station] }));
      lead = `・参加者を就職氷河期世代に限定し月2回のセミナーと座談会を実施。座談会では毎月テーマを変えて想いや考えを共有。参加者数：セミナー${s.num(a)}人、座談会${s.num(b)}人（${station}）`;
      break;
    }
    case "outreach": {
      const [a, b] = [s.count(3, 0.1), s.count(5, 0.1)];
      figs.push(fig("アウトリーチ相談", a, "件", { notes: [station] }), fig("ハローワークの就職氷河期世代窓口への誘導", b, "件", { notes: [station] }));
      lead = `・ひきこもり支援センター、くらしサポートセンター等の福祉機関と連携し周知を行い、必要に応じて、ケース会議を実施。アウトリーチ相談${s.num(a)}件、ハローワークの就職氷河期世代窓口への誘導${s.num(b)}件（${station}）`;
      break;
    }
    case "total": {
      const a = s.count(80);
      figs.push(fig("セミナー及び座談会の参加者数", a, "人", { notes: [station] }));
      lead = `・月、金曜日は19時まで開館時間を延ばし、土曜日も開館することで在職中の卒業生が利用しやすい体制を整えている。セミナー及び座談会の参加者数：${s.num(a)}人（${station}）`;
      break;
    }
    case "none":
      lead = `・インテーク面談を重視し、家庭環境や背景を丁寧に聞き取り、個々人の問題点を把握していく。（${station}）`;
  }
  const rest = others.map((o) =>
    s.rng.pick([
      `・利用対象者に安心感がある年齢の相談員を配置し、本人の人生経験にも基づき自尊心を肯定しながらの伴走型の支援を実施。（${o}サポステ）`,
      `・個別面談を主軸に、課題に応じてセミナーやボランティア活動も活用し、チームによる支援を実施。（${o}サポステ）`,
      `・毎月第2土曜日をステップアップの日と定め、卒業生を対象に面談を実施。年3回ご家族向けの座談会を開催。（${o}サポステ）`,
    ]),
  );
  return s.finish({ text: [lead, ...rest].join(" "), figs }, col);
}

// ---- The document ----------------------------------------------------------------------------

interface Target {
  /** The item as the 全体KPI cell writes it, without ○. */
  text: string;
  name: string;
  value: number;
  unit: string;
  gte: boolean;
  /** A year's actual as the year cells word it. */
  actual: (s: StatusSheet, col: Column) => { text: string; value: number };
}

interface Section {
  number: number;
  heading: string;
  support: SupportTarget;
  goal: { text: string; firstCell: boolean } | null;
  targets: Target[];
  html: boolean;
  rows: AgencyRow[];
}

/** A stage target restated each year: 正社員就職件数2年間で3,200件以上 → ○正社員就職件数 3,121件. */
function stageTarget(s: StatusSheet, name: string, unit: string, perYear: number, years: number): Target {
  const value = Math.max(10, Math.round((perYear * s.scale * years) / 10) * 10);
  return {
    text: `${name}${s.space()}${years}年間で${s.num(value)}${unit}以上`,
    name,
    value,
    unit,
    gte: true,
    actual: (sheet, col) => {
      // Some years meet the pace, some fall short, a few far below half or nothing at all.
      const pace = sheet.rng.pick([1.1, 1.0, 0.9, 0.8, 0.6, 0.35, 0]);
      const part = col.asOf ? 0.7 : 1;
      const v = Math.round((value / years) * pace * part * (0.9 + sheet.rng.next() * 0.2));
      return { text: `${name}${sheet.space()}${sheet.num(v)}${unit}`, value: v };
    },
  };
}

function municipalTargets(s: StatusSheet): Target[] {
  const { count, unit } = municipalityCount(s.prefecture);
  const all = `全${unit}（${count}${unit}）`;
  const window: Target = {
    text: `ひきこもり相談窓口を${all}で明確化`,
    name: `ひきこもり相談窓口を全${unit}で明確化`,
    value: count,
    unit,
    gte: false,
    actual: (sheet) => {
      const done = sheet.rng.chance(0.6) ? count : sheet.rng.int(Math.ceil(count / 2), count);
      return done === count ? { text: `ひきこもり相談窓口を${all}で明確化済`, value: count } : { text: `ひきこもり相談窓口を明確化した${unit} ${done}${unit}`, value: done };
    },
  };
  const prep: Target = {
    text: `就労準備支援事業（生活困窮者自立支援制度）を${all}で実施`,
    name: `就労準備支援事業（生活困窮者自立支援制度）を全${unit}で実施`,
    value: count,
    unit,
    gte: false,
    actual: (sheet) => {
      const done = sheet.rng.int(Math.floor(count / 3), count);
      return { text: `就労準備支援事業実施${unit} ${sheet.num(done)}${unit}`, value: done };
    },
  };
  return s.rng.chance(0.8) ? [window, prep] : [prep];
}

interface Bodies {
  labour: BodyInfo;
  meti: BodyInfo;
  jointTraining: BodyInfo;
  jointNetwork: BodyInfo;
  /** Tag that names the prefecture (<広島県>, or <県>). */
  prefTag: string;
  cities: BodyInfo[];
}

function unstableRows(s: StatusSheet, b: Bodies, block: number): AgencyRow[] {
  const { rng } = s;
  const pref = s.prefecture;
  const hw = (city: BodyInfo) => `ハローワーク${city.body.replace(/[市町村区]$/, "")}`;
  const windows = rng.sample(b.cities, Math.min(b.cities.length, rng.int(1, 2)));
  const own = pref.body.slice(-1);
  const rows: AgencyRow[] = windows.map((city, i) => {
    const program = `就職氷河期世代支援窓口を設置し、チーム支援を実施 ${hw(city)} (令和2年${rng.int(1, 4)}月1日設置)`;
    // The labour bureau's first row restates the 全体KPI row's figure just above it, every year (as in the real table).
    const restate = i === 0 && block === 0 && rng.chance(0.7);
    return {
      category: i === 0 ? "マッチング・相談による支援" : "",
      activity: `${i === 0 ? "<労働局> " : ""}○${program}`,
      agency: i === 0 ? b.labour : null,
      program,
      cell: (col) => {
        const same = restate ? s.headline.get(col.fy) : undefined;
        if (same === undefined) return simpleCell(s, [{ name: "正社員就職件数", unit: "件", base: 2500 / windows.length }], col);
        const text = `○正社員就職件数${s.space()}${s.num(same.value)}件${same.asOf ? ` ${s.bracket(same.asOf.text)}` : ""}`;
        // A row of zeros restates nothing the extraction can tell from a coincidence: its figures stay its own.
        const zeros = [...s.headline.values()].every((h) => h.value === 0);
        return { text, figs: [fig("正社員就職件数", same.value, "件", { asOf: same.asOf?.iso ?? null, restated: !zeros })] };
      },
    };
  });
  const carry = (program: string, cell: (col: Column) => Cell, category = ""): AgencyRow => ({ category, activity: `○${program}`, agency: null, program, cell });
  rows.push(
    carry("氷河期世代を対象とした限定求人・歓迎求人の開拓・確保", (col) => cumulativeCell(s, col)),
    carry("各ハローワークにおけるセミナー・ミニ面接会の開催", (col) =>
      simpleCell(s, [{ name: "開催数", unit: "回", base: 500 }, { name: "参加者数", unit: "人", base: 2800 }], col),
    ),
    carry("民間委託による企業説明会や就職面接会の実施、幅広い周知広報の実施による気運の醸成", (col) => eventsCell(s, rng.pick(["オンライン企業説明会", "合同企業説明会", "就職面接会"]), col, null)),
    carry("就労体験を通じた業種・職種の理解の推進のための職場実習・体験の実施", (col) =>
      simpleCell(s, [{ name: "受入可能事業所数", unit: "社", base: 30 }, { name: "参加者数", unit: "人", base: 20 }, ...(col.asOf ? [{ name: "正社員採用", unit: "人", base: 2 }] : [])], col),
    ),
  );
  const centre = rng.pick([`${s.platform.reading}しごと館`, `${s.platform.stem}しごとセンター`, `ジョブカフェ${s.platform.reading}`]);
  rows.push({
    category: "",
    activity: `${b.prefTag} ○${centre}における就職支援等`,
    agency: pref,
    program: `${centre}における就職支援等`,
    cell: (col) => {
      const consult = s.count(700);
      const jobs = withParts(s, "就職件数", s.count(30), "件", [{ label: "正規雇用", share: 0.3 + rng.next() * 0.4 }]);
      // The うち figure is counted in people while the row counts cases (as in the real table).
      const text = `○相談件数${s.num(consult)}件、${jobs.text.replace(/(正規雇用\s*[\d,０-９，]+)件/, "$1人")}`;
      jobs.figs[1]!.unit = "人";
      return s.finish({ text, figs: [fig("相談件数", consult, "件"), ...jobs.figs] }, col);
    },
  });
  rows.push(
    carry("就職氷河期世代へのマッチング機会の提供", (col) =>
      bulletsCell(
        s,
        `「${rng.pick(["働きたい人全力応援ステーション", "しごとプラザ", "就職支援センター"])}」におけるマッチング支援`,
        [
          { name: "新規求職登録件数", unit: "人", base: 1000, parts: [GLACIAL(0.35 + rng.next() * 0.1)] },
          { name: "就職決定件数", unit: "人", base: 600, parts: [GLACIAL(0.4, 0.3 + rng.next() * 0.2)] },
        ],
        col,
        rng.chance(0.7),
      ),
    ),
  );
  rows.push({
    category: "",
    activity: "<経済産業局> ○民間事業者に委託して実施する中小企業と就職氷河期世代の者とのマッチング支援",
    agency: b.meti,
    program: "民間事業者に委託して実施する中小企業と就職氷河期世代の者とのマッチング支援",
    cell: (col) => eventsCell(s, rng.pick(["合同企業説明会", "オンライン合同企業説明会"]), col, { name: "事業者数", unit: "社", base: 15 }),
  });
  const cityCount = rng.int(1, 2);
  for (let i = 0; i < cityCount; i++) rows.push(cityRow(s, b.cities[(block + i) % b.cities.length]!, i));
  rows.push(
    {
      category: "職業能力開発等に向けた支援",
      activity: "<労働局> ○求職中の非正規雇用労働者の方が働きながら受講しやすい夜間・土日やeラーニング等の訓練の提供",
      agency: b.labour,
      program: "求職中の非正規雇用労働者の方が働きながら受講しやすい夜間・土日やeラーニング等の訓練の提供",
      cell: (col) => coursesCell(s, col),
    },
    {
      category: "",
      activity: `<${b.jointTraining.body}> ○${own}立高等技術専門校及び${s.platform.stem}職業能力開発促進センターにおいて職業訓練を実施`,
      agency: b.jointTraining,
      program: `${own}立高等技術専門校及び${s.platform.stem}職業能力開発促進センターにおいて職業訓練を実施`,
      cell: (col) => jointCoursesCell(s, col),
    },
    {
      category: "職場定着・企業向けの取組",
      activity: "<労働局> ○特定求職者雇用開発助成金・トライアル雇用助成金の積極的な活用",
      agency: b.labour,
      program: "特定求職者雇用開発助成金・トライアル雇用助成金の積極的な活用",
      cell: (col) => subsidiesCell(s, col),
    },
  );
  const grants = "企業内での実習 (OJT) と座学 (OFF-JT) による訓練機会の提供を行うことで非正規から正規社員の転換を促進する「人材開発支援助成金」の活用";
  rows.push({
    category: "",
    activity: `○${grants} ○非正規雇用労働者の企業内キャリアアップを促進するため、正社員化、処遇改善の取組を実施した事業主に対する「キャリアアップ助成金 (正社員化コース)」の活用`,
    agency: null,
    program: grants,
    cell: (col) =>
      titledCell(s, rng.chance(0.5) ? ["人材開発支援助成金"] : ["人材開発支援助成金", "キャリアアップ助成金 (正社員化コース)"], [{ name: "申請", unit: "件", base: 30 }, { name: "計画", unit: "件", base: 15 }], col),
  });
  return rows;
}

/** A municipality's own row: a job-centre's record with its うち breakdown, or a seminar. */
function cityRow(s: StatusSheet, city: BodyInfo, i: number): AgencyRow {
  const { rng } = s;
  const short = city.body.replace(/[市町村区]$/, "");
  const kind = rng.int(0, 2);
  if (kind === 0) {
    const place = rng.pick([`${short}しごと相談カフェ`, `${short}しごとサポートセンター`, `${short}就労支援センター`]);
    return {
      category: "",
      activity: `<${city.body}> ○就職氷河期世代等のマッチングの促進`,
      agency: city,
      program: "就職氷河期世代等のマッチングの促進",
      cell: (col) =>
        bulletsCell(
          s,
          `「${place}」の実績`,
          [
            { name: "求職登録者数", unit: "人", base: 500 / (1 + i), parts: [GLACIAL(0.4 + rng.next() * 0.2)] },
            { name: "就職決定者数", unit: "人", base: 280 / (1 + i), parts: [GLACIAL(0.45, 0.5 + rng.next() * 0.4)] },
          ],
          col,
          false,
        ),
    };
  }
  if (kind === 1) {
    const place = `${short}しごと相談館`;
    return {
      category: "",
      activity: `<${city.body}> ○「${place}」における就職氷河期世代等の就職支援等`,
      agency: city,
      program: `「${place}」における就職氷河期世代等の就職支援等`,
      cell: (col) => {
        const visits = withParts(s, "相談者数 (延べ人数)", s.count(120), "人", [{ label: "就職氷河期世代", share: 0.5 + rng.next() * 0.3 }]);
        const hires = withParts(s, "就職者数", s.count(9), "人", [{ label: "就職氷河期世代", share: 0.6, parts: [{ label: "正規", share: 0.4 }, { label: "非正規", share: 0.6 }] }]);
        for (const f of visits.figs) f.name = tidy(f.name);
        const text = `○就職氷河期世代等支援事業「${place}」 ・${visits.text} ・${hires.text}`;
        return s.finish({ text, figs: [...visits.figs, ...hires.figs] }, col);
      },
    };
  }
  const event = rng.pick(["就職氷河期世代向けセミナー", "合同就職面接会", "職場見学会"]);
  return {
    category: "",
    activity: `<${city.body}> ○${event}の開催`,
    agency: city,
    program: `${event}の開催`,
    cell: (col) => simpleCell(s, [{ name: "開催数", unit: "回", base: 4 }, { name: "参加者数", unit: "人", base: 40 }], col),
  };
}

function joblessRows(s: StatusSheet, b: Bodies): AgencyRow[] {
  const { rng } = s;
  const heading = "地域若者サポートステーション（以下「サポステ」という。）の取組強化";
  const stations = [s.platform.stem, ...b.cities.slice(0, 2).map((c) => c.body.replace(/[市町村区]$/, ""))];
  const rows: AgencyRow[] = [
    // An agency row with empty year cells: its 取組 becomes the program of the count rows below it.
    { category: "—", activity: `<労働局> ${heading}`, agency: b.labour, program: heading, cell: () => ({ text: "", figs: [] }) },
  ];
  const counts = rng.chance(0.5) ? ["新規登録者数", "就職者数"] : ["新規登録者数"];
  counts.forEach((name, i) =>
    rows.push({
      category: i === 0 ? "相談・各種プログラム等による支援" : "",
      activity: `○${name}`,
      agency: null,
      program: heading,
      cell: (col) => {
        const value = s.count(name === "新規登録者数" ? 400 : 150);
        return s.finish({ text: `○${rng.pick(["", " "])}${s.num(value)}人`, figs: [fig(name, value, "人")] }, col);
      },
    }),
  );
  const prose = (category: string, program: string, kind: "colon" | "outreach" | "total" | "none"): AgencyRow => ({
    category,
    activity: `○${program}`,
    agency: null,
    program,
    cell: (col) => saposteProse(s, rng.sample(stations, Math.min(stations.length, rng.int(1, 3))), rng.chance(0.8) ? kind : "none", col),
  });
  rows.push(
    prose("", "支援対象年齢が49歳までに拡大されたことを踏まえた相談体制の整備", "none"),
    prose("", "働く意欲向上等に向けたプログラムの提供", "colon"),
    prose("関係機関へのアウトリーチ", "福祉機関等への出張相談の実施", "outreach"),
    prose("職場定着・ステップアップ支援", "中・長期的なキャリア形成のための資格取得等技術向上支援に向けた個別相談や懇談会等の実施", "total"),
  );
  if (rng.chance(0.4)) rows.push(prose("その他", "支援対象者等の家族を対象にした支援", rng.pick(["colon", "total"] as const)));
  return rows;
}

function socialRows(s: StatusSheet, b: Bodies, block: number): AgencyRow[] {
  const { rng } = s;
  const { unit } = municipalityCount(s.prefecture);
  const html = (text: string) => `${HTML_LIST} ${text} `;
  const rows: AgencyRow[] = [
    {
      category: "支援対象者の把握・相談支援の充実",
      activity: `<p>${b.prefTag}</p> ${html("○支援対象者の把握・分析方法の検討")}`,
      agency: s.prefecture,
      program: "支援対象者の把握・分析方法の検討",
      cell: () => ({ text: html(`○${unit.slice(0, 2)}が行う実態調査への支援実施`), figs: [] }),
    },
    {
      category: "",
      activity: html(`○${unit}における支援体制の充実 居場所づくり、相談体制、アウトリーチ機能を備えた生活困窮者自立相談支援事業等の充実`),
      agency: null,
      program: `${unit}における支援体制の充実 居場所づくり、相談体制、アウトリーチ機能を備えた生活困窮者自立相談支援事業等の充実`,
      cell: (col) => {
        const pf = s.count(15, 0);
        const consult = s.count(180);
        const kinds = countHeadingParts(s, `ひきこもり支援推進事業を実施する${unit}数`, ["ひきこもり地域支援センター事業", "ひきこもり支援ステーション事業", "ひきこもりサポート事業"], unit, 3);
        const consultFig = fig("自立相談支援機関による、「ひきこもり・不登校」に関する新規相談件数", consult, "件");
        // Only the count of new consultations is provisional (速報値); the other figures carry no date.
        let consultText = `○自立相談支援機関による、「ひきこもり・不登校」に関する新規相談件数 ${s.num(consult)}件`;
        const at = s.asOf(col);
        if (at) {
          consultFig.asOf = at.iso;
          consultText += s.bracket(at.text);
        }
        const text = `○PF設置済${unit}数 ${s.num(pf)}${unit}。 ${consultText} ○各ひきこもり相談支援センター（連絡協議会等）と連携し、${unit}でのひきこもり支援の充実・強化に向けた働きかけを行う。 ${kinds.text}`;
        return { text: html(text), figs: [fig(`PF設置済${unit}数`, pf, unit), consultFig, ...kinds.figs] };
      },
    },
    {
      category: "",
      activity: html("○支援者の資質向上のための研修の実施"),
      agency: null,
      program: "支援者の資質向上のための研修の実施",
      cell: (col) => titledCell(s, ["自立相談支援機関の従事者研修を開催"], [{ name: "参加者数", unit: "人", base: 100 }, { name: "開催回数", unit: "回", base: 4 }], col),
    },
    {
      category: "地域ネットワークの形成・活用",
      activity: `<p><${b.jointNetwork.body}></p> ${html(`○${unit}の取組の好事例等の情報収集や情報提供`)}`,
      agency: b.jointNetwork,
      program: `${unit}の取組の好事例等の情報収集や情報提供`,
      cell: () => ({
        text: html(`○これまで、${unit}PFの活動状況や取組の好事例等の情報を収集、自立相談支援機関の従事者研修等を通じた情報提供の拡充等により、${unit}担当者の理解を促し、${unit}PFの設置を進めてきた。`),
        figs: [],
      }),
    },
  ];
  if (rng.chance(0.5)) {
    const city = b.cities[(block + 2) % b.cities.length]!;
    rows.push({
      category: "",
      activity: `<${city.body}> ○ひきこもり状態にある方の居場所づくり`,
      agency: city,
      program: "ひきこもり状態にある方の居場所づくり",
      cell: (col) => simpleCell(s, [{ name: "居場所の利用者数", unit: "人", base: 30 }, { name: "家族相談件数", unit: "件", base: 20 }], col),
    });
  }
  return rows;
}

function crossRows(s: StatusSheet, b: Bodies): AgencyRow[] {
  return [
    {
      category: "周知・広報",
      activity: "<労働局> ○就職氷河期世代支援に係る各種事業の周知及び機運の醸成",
      agency: b.labour,
      program: "就職氷河期世代支援に係る各種事業の周知及び機運の醸成",
      cell: (col) => simpleCell(s, [{ name: "特設サイトアクセス件数", unit: "件", base: 12000 }, { name: "SNS配信数", unit: "回", base: 24 }], col),
    },
    {
      category: "",
      activity: `${b.prefTag} ○就職氷河期世代活躍支援フォーラムの開催`,
      agency: s.prefecture,
      program: "就職氷河期世代活躍支援フォーラムの開催",
      cell: (col) => simpleCell(s, [{ name: "参加者数", unit: "人", base: 120 }], col),
    },
  ];
}

/** The sections of the table: each support target with its goal, its 全体KPI targets and its agency rows. */
/**
 * A section's agency rows, once per block of programs: programsPerBody blocks, the programs of each
 * further block named after a region (…の開催（呉地域）); a municipality's own rows keep their names.
 * Each block opens with a tagged row.
 */
function blocksOf(b: Bodies, blocks: number, build: (block: number) => AgencyRow[]): AgencyRow[] {
  const rows: AgencyRow[] = [];
  for (let k = 0; k < blocks; k++) {
    const region = k === 0 ? "" : `（${b.cities[(k - 1) % b.cities.length]!.body.replace(/[市町村区]$/, "")}地域）`;
    for (const row of build(k)) {
      const local = row.agency?.body_level === "municipality" || row.agency?.body_level === "designated_city";
      if (!region || local) {
        rows.push(row);
        continue;
      }
      // The program is written in the activity cell (after the tag and ○), except on rows named by a count
      // (○新規登録者数), whose program is the heading row's.
      const at = row.activity.indexOf(row.program);
      const end = at + row.program.length;
      const activity = at < 0 ? row.activity : row.activity.slice(0, end) + region + row.activity.slice(end);
      rows.push({ ...row, activity, program: row.program + region });
    }
  }
  return rows;
}

function sectionsOf(s: StatusSheet, b: Bodies, span: PlanSpan, blocks: number): Section[] {
  const { rng } = s;
  const years = span.period.end - span.period.start + 1;
  const within = `${years}年間で`;
  const unstableTargets = [stageTarget(s, "正社員就職件数", "件", 1600, years)];
  if (rng.chance(0.4)) unstableTargets.push(stageTarget(s, rng.pick(["職業訓練受講あっせん件数", "企業内の正社員転換件数"]), "件", 500, years));
  const joblessTargets = [stageTarget(s, rng.pick(["就職件数", "サポステ利用者の就職件数"]), "件", 200, years)];
  const first = unstableTargets[0]!;
  const job = joblessTargets[0]!;
  const sections: Section[] = [
    {
      number: 1,
      heading: "不安定な就労状態にある方",
      support: "unstable_employment",
      goal: { text: `【目標】正規雇用者について、${within}${grouped(first.value)}件以上を目指す。`, firstCell: true },
      targets: unstableTargets,
      html: false,
      rows: blocksOf(b, blocks, (k) => unstableRows(s, b, k)),
    },
    {
      number: 2,
      heading: "長期にわたり無業の状態にある方",
      support: "long_term_unemployed",
      goal: { text: `【目標】求職活動に踏み出すための支援を行い、${within}就職件数${grouped(job.value)}件以上（サポステ利用者）を目指す。`, firstCell: false },
      targets: joblessTargets,
      html: false,
      rows: blocksOf(b, blocks, () => joblessRows(s, b)),
    },
    {
      number: 3,
      heading: "社会参加に向けた支援を必要とする方",
      support: "social_participation",
      goal: {
        text: `【目標】 ひきこもり状態の人や家族などの状況に合わせた相談支援体制を整備するとともに、就労準備支援事業（生活困窮者自立支援制度）を全${municipalityCount(s.prefecture).unit}で実施する。`,
        firstCell: false,
      },
      targets: municipalTargets(s),
      html: true,
      rows: blocksOf(b, blocks, (k) => socialRows(s, b, k)),
    },
  ];
  if (rng.chance(0.35)) sections.push({ number: 4, heading: "対象横断的な取組", support: "cross_cutting", goal: null, targets: [], html: false, rows: crossRows(s, b) });
  return sections;
}

function writeSection(s: StatusSheet, section: Section, cols: Column[], span: PlanSpan, headerStyle: "kanji" | "short" | "wide"): void {
  const { rng, platform } = s;
  const { lines, drafts, parents } = s;
  const base = { body: platform.body, program: section.heading, budget_thousand_yen: null, support_target: section.support, note: null };
  lines.push(`${section.number} ${section.heading}`, "");
  const pad = "\t".repeat(cols.length + 1);
  if (section.goal) lines.push(section.goal.firstCell ? `${section.goal.text}${pad}` : `\t${section.goal.text}${"\t".repeat(cols.length)}`);
  lines.push(["", "取組概要", ...cols.map((c) => fiscalYearLabel(c.fy, headerStyle))].join("\t"));

  if (section.targets.length > 0) {
    const wrap = (items: string[]) => (section.html ? `${HTML_LIST} ${items.map((i) => `○${i}`).join(" ")} ` : items.map((i) => `○${i}`).join(" "));
    const cells = [rng.pick(["全体KPI", "全体KPI", "全体K P I"]), wrap(section.targets.map((t) => t.text))];
    const line = lines.length + 1;
    for (const t of section.targets) {
      // Stage targets run over the stage; without a stage, over the plan's years, which are all columns.
      drafts.push({ ...base, line, kpi_name: t.name, unit: t.unit, period: span.period, target: t.value, target_op: t.gte ? "gte" : "eq", actual: null, actual_as_of: null });
    }
    for (const col of cols) {
      if (col.future) {
        cells.push("");
        continue;
      }
      const items: string[] = [];
      for (const t of section.targets) {
        const a = t.actual(s, col);
        const at = s.asOf(col);
        if (section.number === 1 && t === section.targets[0]) s.headline.set(col.fy, { value: a.value, asOf: at });
        items.push(`${a.text}${at ? ` ${s.bracket(at.text)}` : ""}`);
        drafts.push({ ...base, line, kpi_name: t.name, unit: t.unit, period: { start: col.fy, end: col.fy }, target: null, target_op: null, actual: a.value, actual_as_of: at?.iso ?? null });
      }
      // An action without a figure beside the counted ones (as the real table has): no record.
      if (section.html && rng.chance(0.4)) items.splice(1, 0, `全${municipalityCount(s.prefecture).unit}の窓口を周知するため、チラシを作成・配布`);
      cells.push(wrap(items));
    }
    lines.push(cells.join("\t"));
  }

  let agency: BodyInfo | null = null;
  for (const row of section.rows) {
    if (row.agency) agency = row.agency;
    const line = lines.length + 1;
    const cells = [row.category, row.activity];
    for (const col of cols) {
      if (col.future) {
        cells.push("");
        continue;
      }
      const cell = row.cell(col);
      cells.push(cell.text);
      const drafted = new Map<Fig, Draft>();
      for (const f of cell.figs) {
        if (f.restated) {
          s.restated.add(line);
          continue;
        }
        const draft: Draft = {
          line,
          body: agency!,
          program: row.program,
          budget_thousand_yen: null,
          support_target: section.support,
          kpi_name: f.name,
          unit: f.unit,
          period: f.period ?? { start: col.fy, end: col.fy },
          target: null,
          target_op: null,
          actual: f.value,
          actual_as_of: f.asOf,
          note: f.notes.length > 0 ? f.notes.join("; ") : null,
        };
        drafts.push(draft);
        drafted.set(f, draft);
        if (f.parent) parents.set(draft, drafted.get(f.parent)!);
      }
    }
    lines.push(cells.join("\t"));
  }
  lines.push("");
}

/**
 * One table per prefecture and year, as it stands late in that fiscal year: the columns run from the
 * start of the stage (or plan) to the current year, which is reported as of a month-end. FY2020–2022
 * report on the first stage (3-year targets), FY2023–2024 on the second (2-year targets). Later years
 * have two-year plans without a stage name (FY2025–2026, …): the title names no stage and the table shows
 * both years of the plan, the later one still empty in the plan's first year. Before FY2020 there is none.
 * programsPerBody repeats each section's agency rows, one block of programs per region.
 */
function writeStatus(ctx: LayoutContext): SynthDoc[] {
  const span = planSpanOf(ctx.fiscalYear);
  if (!span) return [];
  const { rng } = ctx;
  const platform = platformOf(ctx.prefecture);
  const s = new StatusSheet(rng, platform, ctx.prefecture, rng.chance(0.1), rng.int(3, 30) / 10);
  const blocks = Math.max(1, ctx.programsPerBody);
  const lastColumn = span.stage === null || rng.chance(0.25) ? span.period.end : ctx.fiscalYear;
  const cols: Column[] = [];
  for (let fy = span.period.start; fy <= lastColumn; fy++) cols.push({ fy, asOf: fy === ctx.fiscalYear ? asOfIn(fy, rng) : null, future: fy > ctx.fiscalYear });

  const own = ctx.prefecture.body;
  const bodies = agencyBodies(ctx.prefecture, platform.stem);
  const locals = localBodiesOf(ctx.prefecture);
  const cities = rng.sample(locals, Math.min(locals.length, 6 + blocks));
  const b: Bodies = {
    labour: bodies.labourBureau,
    meti: bodies.metiBureau,
    jointTraining: bodies.joint(`${own}・機構`),
    jointNetwork: bodies.joint(`${own}・労働局`),
    prefTag: own.endsWith("県") && rng.chance(0.3) ? "<県>" : `<${own}>`,
    cities: rng.chance(0.5) ? cities : [...cities].reverse(),
  };
  const stageName = span.stage === null ? null : rng.pick(span.stage === "first" ? ["第一", "第１", "第1"] : ["第二", "第２", "第2"]);
  const kpi = () => rng.pick(["KPI", "KPI", "K P I "]);
  const title = () =>
    stageName
      ? `「${platform.name}事業実施計画」における${kpi()}達成状況（${stageName}ステージ）`
      : `「${platform.name}事業実施計画」における${kpi()}達成状況（令和${reiwa(span.period.start)}年度～令和${reiwa(span.period.end)}年度）`;
  const headerStyle = rng.pick(["kanji", "kanji", "short", "wide"] as const);

  s.lines.push("", "");
  sectionsOf(s, b, span, blocks).forEach((section, i) => {
    if (i === 0 || rng.chance(0.7)) s.lines.push(title(), "");
    writeSection(s, section, cols, span, headerStyle);
  });
  if (rng.chance(0.3)) s.lines.push("※ 数値は速報値を含み、今後変動する可能性がある。");
  return [{ lines: s.lines, drafts: s.drafts, parents: s.parents, restated: [...s.restated], eol: rng.chance(0.2) ? "\r\n" : "\n" }];
}

export const platformStatusWriter: LayoutWriter = { kind: "platform_kpi_status", scope: "platform", write: writeStatus };
