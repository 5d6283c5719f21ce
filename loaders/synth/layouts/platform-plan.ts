// platform_plan writer: a prefecture platform's 事業実施計画書, shaped like data/sources/003 (Saitama).
// The records are the sentences of 「第4 目標・主な取組及びKPI」: per support target a goal
// (「…により16,500人以上の正規雇用での就業の増加を目指す。」) and, under 「(3) 取組に係るKPI」,
// stage targets (「・正社員就職件数について、3年間で12,500件以上を目指す。」). Everything else
// (the title page, the table of contents, the situation, measures and footnotes) is prose that yields no record.
import { STAGES, type Period } from "../../extract/fiscal.ts";
import { draft, type Draft } from "../../extract/parsers/types.ts";
import type { SupportTarget } from "../../extract/schema.ts";
import type { Rng } from "../rng.ts";
import type { LayoutContext, LayoutWriter, SynthDoc } from "../types.ts";
import { eraDate, grouped, localBodiesOf, municipalityCount, planSpanOf, platformOf, type Platform } from "./platform.ts";
import { toFullWidth } from "../text.ts";

interface KpiDef {
  name: string;
  unit: string;
  /** A year's value for a middle-sized prefecture. */
  perYear: number;
}

const UNSTABLE_KPIS: KpiDef[] = [
  { name: "正社員就職件数", unit: "件", perYear: 4000 },
  { name: "企業内の正社員転換件数", unit: "件", perYear: 1300 },
  { name: "職業訓練受講あっせん総数", unit: "件", perYear: 6000 },
  { name: "就職氷河期世代限定・歓迎求人の確保件数", unit: "件", perYear: 2500 },
  { name: "専門窓口における支援対象者の正社員就職者数", unit: "人", perYear: 600 },
  { name: "職場実習・職場体験の参加者数", unit: "人", perYear: 80 },
  { name: "就職氷河期世代を対象とした就職面接会の開催回数", unit: "回", perYear: 20 },
  { name: "就職支援セミナーの参加者数", unit: "人", perYear: 900 },
  { name: "就職氷河期世代の採用に取り組む企業の開拓数", unit: "社", perYear: 150 },
];

const JOBLESS_KPIS: KpiDef[] = [
  { name: "サポステの新規受付（登録）者数", unit: "人", perYear: 660 },
  { name: "サポステの支援による進路決定者数", unit: "人", perYear: 400 },
  { name: "サポステの支援による就職者数", unit: "人", perYear: 300 },
  { name: "福祉機関等への出張相談の実施回数", unit: "回", perYear: 120 },
  { name: "職場体験の受入れ事業所数", unit: "事業所", perYear: 40 },
];

interface Section {
  heading: string;
  support: SupportTarget;
}

const UNSTABLE: Section = { heading: "不安定な就労状態にある方", support: "unstable_employment" };
const JOBLESS: Section = { heading: "就業を希望しながらも長期にわたり無業の状態にある方", support: "long_term_unemployed" };
const CROSS: Section = { heading: "対象横断的な取組", support: "cross_cutting" };

const FIRST: Period = { ...STAGES.first };
const SECOND: Period = { ...STAGES.second };
/** 「第二ステージを含めた取組」: both stages. */
const BOTH: Period = { start: STAGES.first.start, end: STAGES.second.end };

const KATAKANA = [..."アイウエオカキクケコサシスセソ"];
const SUPERSCRIPT = [..."⁰¹²³⁴⁵⁶⁷⁸⁹"];

function superscript(n: number): string {
  return [...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join("");
}

/** A round figure near `value`: tens below a thousand, hundreds above. */
function roundNice(value: number): number {
  const step = value < 1000 ? 10 : 100;
  return Math.max(step, Math.round(value / step) * step);
}

/** The document as it is written: lines, records, and the house style of this one document. */
class PlanSheet {
  readonly lines: string[] = [];
  readonly drafts: Draft[] = [];
  private footnote = 0;

  constructor(
    readonly rng: Rng,
    readonly platform: Platform,
    /** Full-width digits in the KPI sentences, as some exports give them. */
    readonly wide: boolean,
  ) {}

  /** Adds lines, each followed by a blank line as the PDF export leaves them; returns the first line's number. */
  para(...lines: string[]): number {
    const first = this.lines.length + 1;
    for (const line of lines) this.lines.push(line, "");
    return first;
  }

  nextFootnote(): string {
    this.footnote += 1;
    return superscript(this.footnote);
  }

  digits(text: string): string {
    return this.wide ? toFullWidth(text) : text;
  }

  record(line: number, section: Section, kpiName: string, unit: string, period: Period, target: number, gte: boolean): void {
    this.drafts.push(draft({
      line,
      body: this.platform.body,
      program: section.heading,
      support_target: section.support,
      kpi_name: kpiName,
      unit: unit === "名" ? "人" : unit,
      period,
      target,
      target_op: gte ? "gte" : "eq",
    }));
  }
}

/** One stage's targets of a KPI section: the first stage's, or the second's derived from it. */
interface StageTarget {
  def: KpiDef;
  first: number;
  second: number;
}

function stageTargets(rng: Rng, defs: KpiDef[], count: number, scale: number): StageTarget[] {
  return rng.sample(defs, count).map((def) => {
    const first = roundNice(def.perYear * 3 * scale);
    // 第二ステージのKPI = (第一ステージのKPI + 未達成件数) ÷ 3年 × 2年
    const shortfall = rng.chance(0.2) ? 0 : Math.round(first * rng.next() * 0.4);
    return { def, first, second: Math.max(1, Math.round(((first + shortfall) * 2) / 3)) };
  });
}

/** ・X について、N年間でM件以上を目指す。 and the unit as written (名 for some counts of people). */
function kpiSentence(sheet: PlanSheet, name: string, years: number, value: number, unit: string, gte: boolean): { text: string; unit: string } {
  const { rng } = sheet;
  const bullet = rng.pick(["・", "・", "・ ", "- ・", "- ・ "]);
  const comma = rng.pick(["、", "、", "、", "，", ""]);
  const shown = unit === "人" && rng.chance(0.15) ? "名" : unit;
  const text = `${bullet}${name}について${comma}${sheet.digits(String(years))}年間で${sheet.digits(grouped(value))}${shown}${gte ? "以上" : ""}を目指す。`;
  return { text, unit: shown };
}

/** 「第一ステージ」 with its three-year targets, then (second-stage plans) 「第二ステージ」 with its two-year ones. */
function writeStageBlocks(sheet: PlanSheet, section: Section, targets: StageTarget[], withSecond: boolean): void {
  const { rng } = sheet;
  const stageHeading = (n: "一" | "二") => rng.pick([`「第${n}ステージ」`, `「第${n}ステージ」`, `第${n}ステージ`, `「第${n === "一" ? "１" : "２"}ステージ」`]);
  const write = (years: number, pick: (t: StageTarget) => number, period: Period) => {
    for (const t of targets) {
      const gte = !rng.chance(0.1);
      const value = pick(t);
      const sentence = kpiSentence(sheet, t.def.name, years, value, t.def.unit, gte);
      const line = sheet.lines.length + 1;
      sheet.lines.push(sentence.text);
      sheet.record(line, section, t.def.name, sentence.unit, period, value, gte);
    }
    sheet.lines.push("");
  };
  sheet.para(stageHeading("一"));
  write(3, (t) => t.first, FIRST);
  if (!withSecond) return;
  sheet.para(stageHeading("二"));
  if (rng.chance(0.6)) {
    sheet.para(
      rng.chance(0.5)
        ? "※ $\\frac{\\text{（第一ステージの KPI+第一ステージにおける KPI に対する未達成件数）}}{3 \\text{ 年（第一ステージ）} \\times 2 \\text{ 年（第二ステージ）}} = \\text{第二ステージの KPI}$"
        : "※ 第二ステージのKPIは、第一ステージのKPIに未達成分を加えた件数を3年で除し、2年を乗じて設定",
    );
  }
  write(2, (t) => t.second, SECOND);
}

interface PlanFacts {
  pref: string;
  /** The day the plan was adopted (策定), which also starts its period. */
  adopted: string;
  second: boolean;
  /** 不安定な就労状態にある方 in the prefecture (就業構造基本統計調査). */
  unstable: number;
  share: number;
  goal: number;
  centre: string;
  hellowork: string[];
  cities: string[];
}

function titlePage(sheet: PlanSheet, facts: PlanFacts, fiscalYear: number): void {
  const { rng, platform } = sheet;
  sheet.lines.push("", "");
  if (rng.chance(0.3)) sheet.para(`「${platform.name}」事業実施計画書`);
  else sheet.lines.push(`「${platform.name}」`, "事業実施計画書", "");
  sheet.para(platform.name);
  sheet.para(`${facts.adopted}（策定）`);
  const lastRevision = Math.min(fiscalYear, 2024);
  for (let year = 2021; year <= lastRevision; year++) {
    // The second-stage plan is a revision made in 2023 (after 骨太の方針2022 named the stages).
    if (year === 2023 && facts.second) sheet.para(`${eraDate(2023, rng.int(3, 7), rng.int(1, 28))}（改定）`);
    else if (rng.chance(0.5)) sheet.para(`${eraDate(year, rng.int(4, 9), rng.int(1, 28))}（改定）`);
  }
}

function tableOfContents(sheet: PlanSheet, sections: Section[]): void {
  const { rng } = sheet;
  const kpi = rng.pick(["KPI", " KPI", "K P I"]);
  let page = 1;
  const entry = (text: string, step = 0) => {
    page += step;
    sheet.lines.push(`${text}\t${page}`);
  };
  entry("第1 趣旨");
  entry("第2 実施期間");
  entry("第3 現状と課題", 1);
  sections.slice(0, 3).forEach((s, i) => entry(`${i + 1} ${s.heading}`, i === 0 ? 0 : 1));
  entry(`第4 目標・主な取組及び${kpi}`, 1);
  sections.forEach((s, i) => {
    entry(`${i + 1} ${s.heading}`, i === 0 ? 0 : 1);
    entry("(1) 目標");
    entry("(2) 主な取組等");
    if (s !== CROSS) entry(`(3) 取組に係る${kpi}`, rng.int(1, 3));
  });
  entry("第5 地域就職氷河期世代支援加速化交付金事業", 1);
  entry("第6 地域レベルのプラットフォームとの連携");
  entry("第7 推進体制・進捗管理方法");
  entry("第8 その他");
  sheet.lines.push("");
}

function purpose(sheet: PlanSheet, facts: PlanFacts): void {
  const { short, name } = sheet.platform;
  const note = sheet.nextFootnote();
  sheet.para(
    "第1 趣旨",
    `バブル崩壊後の雇用環境が厳しい時期に就職活動を行った世代である、いわゆる就職氷河期世代（概ね平成5年から平成16年に学校卒業期を迎えた世代${note}を指す。）には、希望する就職ができず、現在も不安定な就労状態にある方、就職を希望しながら長期にわたり無業の状態にある方、社会参加に向けた支援を必要とする方など、様々な課題に直面している方々がいる。`,
    "こうした課題については、我が国の将来に関わる喫緊の課題として社会全体で受け止め、支援していく取組が必要であることから、令和元年6月21日に閣議決定された「経済財政運営と改革の基本方針2019」（以下、「骨太の方針2019」という。）において、就職氷河期世代の活躍の場を広げるための3年間の集中的な取組として「就職氷河期世代支援プログラム」が盛り込まれたところである。",
  );
  if (facts.second) {
    sheet.para(
      "さらに、「経済財政運営と改革の基本方針2022」（令和4年6月7日閣議決定。以下、「骨太の方針2022」という。）において、令和4年度までの3年間の集中取組期間を「第一ステージ」と捉え、令和5年度からの2年間の「第二ステージ」と位置付け、これまでの施策の効果も検証の上、効果的・効率的な支援を実施し、成果を積み上げる旨の方針が定められたところである。",
    );
  }
  sheet.para(
    `${facts.pref}においては、行動計画の基本的な考え方を踏まえ、県内の就職氷河期世代の活躍支援策をとりまとめ、進捗管理等を統括することを目的として、県内の関係機関（経済団体、労働団体、支援団体、市町村、行政）を構成員とする「${name}」（以下「${short}」という。）を令和2年${sheet.rng.int(4, 6)}月${sheet.rng.int(1, 28)}日に設置した。`,
    facts.second
      ? `${short}では、令和4年度までの3年間の集中取組期間を「第一ステージ」、令和5年度からの2年間の「第二ステージ」と位置付けて「事業実施計画」を策定し、就職氷河期世代の方々の活躍の機会が広がるよう、県内の機運を醸成し、各界が一体となって効果的かつ継続的な取組を推進していくこととする。`
      : `${short}では、令和4年度までの3年間の集中取組期間（以下「第一ステージ」という。）における「事業実施計画」を策定し、就職氷河期世代の方々の活躍の機会が広がるよう、県内の機運を醸成し、各界が一体となって効果的かつ継続的な取組を推進していくこととする。`,
  );
}

function period(sheet: PlanSheet, facts: PlanFacts): void {
  sheet.para("第2 実施期間");
  // The sentence runs over a page break, with the page's footnote in between (as in the real plan).
  const start = facts.adopted;
  const [head, tail] = facts.second
    ? [`事業実施計画の期間は、「第一ステージ」については${start}から令`, "和5年3月31日までとし、「第二ステージ」については令和5年4月1日から令和7年3月31日までとする。"]
    : [`事業実施計画の期間は、${start}から令`, "和5年3月31日までとする。"];
  sheet.para(head, "¹ 2020年4月1日時点において大卒で概ね38歳～49歳、高卒で概ね34歳～45歳に相当", tail);
}

function situation(sheet: PlanSheet, facts: PlanFacts, sections: Section[]): void {
  const { rng } = sheet;
  const note = sheet.nextFootnote();
  const national = 3.1;
  const rate = (rng.int(18, 42) / 10).toFixed(1);
  sheet.para(
    "第3 現状と課題",
    "就職氷河期世代支援プログラムによると、就職氷河期世代には、就業状態等に応じ、①不安定な就労状態にある方、②就業を希望しながらも長期にわたり無業の状態にある方、③社会参加に向けた支援を必要とする方等があり、就職や社会参加に向けて抱える課題は極めて個別的で多様であるとされている。",
    "以下、支援対象像ごとに現状と課題を整理する。",
    `1 ${sections[0]!.heading}`,
    `${facts.pref}における「不安定な就労状態にある方」（35歳～44歳）は${grouped(facts.unstable)}人（人口比${rate}%）とされており、全国平均（人口比${national}%）より${Number(rate) < national ? "低い" : "高い"}状況にある${note}。`,
    `これまで、ハローワーク及び、ハローワークと${facts.pref}の就労支援施設である${facts.centre}等による、相談支援や公的職業訓練の提供等により、不安定な就労状態にある方も含めた県内の求職者の方の就職支援を推進してきたところである。`,
    `${note} 出典：厚生労働省 都道府県別・就職氷河期活躍支援プログラム 対象者数推計表（資料出所：総務省「就業構造基本統計調査（平成29年）」）`,
    `2 ${sections[1]!.heading}`,
    `${facts.pref}における「長期にわたり無業の状態にある方」(35歳～44歳)は${grouped(roundNice(facts.unstable * (0.4 + rng.next() * 0.4)))}人とされている${note}。`,
  );
  const registered = rng.int(150, 1500);
  // A past figure quoted in the narrative: the parser leaves it (skipped), it is no KPI of the plan.
  sheet.para(
    `一方で、県内のサポステの新規登録者数は令和元年度実績で${grouped(registered)}件${sheet.nextFootnote()}となっており、必ずしも就業を希望している長期無業の方すべてに支援が行き届くまでには至っておらず、潜在的な支援対象者の掘り起こしが課題となっている。`,
    `3 ${sections[2]!.heading}`,
    `国が実施した調査結果から推計すると、本県の15歳から64歳のひきこもりの方は、約${rng.int(1, 9)}万人に上る。`,
    "社会参加に向けての課題として、支援が必要なすべての方に支援を届ける体制の",
    "強化が求められている。",
  );
}

/** The goal of 「1 不安定な就労状態にある方」: the national 30万人 scaled to the prefecture, for the stage(s) of the plan. */
function unstableGoal(sheet: PlanSheet, facts: PlanFacts, section: Section): void {
  const { rng } = sheet;
  const n1 = sheet.nextFootnote();
  const n2 = sheet.nextFootnote();
  const nouns = ["正規雇用での就業の増加", "正規雇用での就業の増加", "正規雇用者の増加", "正規雇用での就業者の増加"];
  const noun = rng.pick(nouns);
  const amount = sheet.digits(grouped(facts.goal));
  let sentence: string;
  let periodOf: Period;
  let goal = facts.goal;
  if (!facts.second) {
    sentence = `これを目安として、${facts.pref}においても、就職氷河期世代で不安定な就労状態にある方等の支援を強化し、第一ステージの3年間で${amount}人以上の${noun}を目指す。`;
    periodOf = FIRST;
  } else if (rng.chance(0.7)) {
    sentence = `これを目安として、${facts.pref}においても、就職氷河期世代で不安定な就労状態にある方等の支援を強化し、第二ステージを含めた取組により${amount}人以上の${noun}を目指す。`;
    periodOf = BOTH;
  } else {
    goal = roundNice((facts.goal * 2) / 3);
    sentence = `これを目安として、${facts.pref}においても、第一ステージの成果を踏まえ、第二ステージの2年間で${sheet.digits(grouped(goal))}人以上の${noun}を目指す。`;
    periodOf = SECOND;
  }
  const line = sheet.para(
    `国の就職氷河期世代支援プログラム等${n1}においては、${facts.second ? "第二ステージを含めた取組" : "3年間の集中取組期間（第一ステージ）"}で就職氷河期世代の正規雇用者を30万人増やすことを目指すとされている。この30万人という目標を${facts.pref}支援対象者規模に置き換えると約${grouped(facts.goal)}人となる${n2}。${sentence}`,
  );
  sheet.record(line, section, noun, "人", periodOf, goal, true);
  sheet.para(
    `${n1} 骨太の方針2019${facts.second ? "及び骨太の方針2022" : ""}（抄）支援対象としては、正規雇用を希望しながら不本意に非正規雇用で働く者（少なくとも50万人）、就業を希望しながら、様々な事情により求職活動をしていない長期無業者など、100万人程度と見込む。`,
    `${n2} 出典：厚生労働省 都道府県別・就職氷河期活躍支援プログラム 対象者数推計表`,
    `「不安定な就労状態にある方」${facts.pref}${grouped(facts.unstable)}人／全国541,700人×100≒${facts.share.toFixed(1)}%`,
    `30万人（国の目標）×${facts.share.toFixed(1)}%＝${grouped(facts.goal)}人（${facts.pref}の3年間の目標）`,
  );
}

const MEASURES: Record<string, ((f: PlanFacts) => string)[]> = {
  "相談・セミナー": [
    (f) => `ハローワーク${f.hellowork.join("、ハローワーク")}に就職氷河期世代専門窓口を設置し、支援対象者に対して、ハローワーク内の関係部門が連携した伴走型のチーム支援により、職業生活設計に係わる相談、キャリアコンサルティング、職業訓練のあっせん、応募書類の作成支援、面接指導、就職支援セミナー等を実施する。【労働局】`,
    (f) => `${f.centre}において、就職相談、セミナー等による就職支援を実施する。【県、労働局】`,
    (f) => `${f.centre}内に就職氷河期コーナーを設置し、正社員になるために必要な各種セミナー（業界研究、自己肯定感向上、応募書類の書き方など）を実施する。【県】`,
    () => "民間事業者のノウハウを活用し、不本意非正規雇用労働者等を対象として、就職準備プログラムから、職業紹介、就職後の職場定着支援までを総合的に行う事業を実施する。【労働局】",
    (f) => `${f.cities[0]}において、就職氷河期世代を対象とした資格取得対策講座を実施する。【${f.cities[0]}】`,
  ],
  "職業能力開発等に向けた支援": [
    () => "地域の求人・求職ニーズを踏まえて公共職業訓練に就職氷河期世代に対する入校優先枠を設定し、就職に必要な職業能力の習得を支援する。【労働局、県、高齢・障害・求職者雇用支援機構】",
    () => "求職者支援訓練について、訓練時間を短縮（現行3月以上を2月以上とする）したコースを設定、実施する。【労働局、高齢・障害・求職者雇用支援機構】",
    () => "安定就労につながる資格等の習得を支援するため、訓練と職場体験等を組み合わせた「出口一体型訓練」の活用を図る。【労働局】",
  ],
  "マッチング及び職場定着支援": [
    () => "就職氷河期世代限定求人の確保、支援対象者の状況や希望条件等を踏まえた職業紹介、就職面接会、職場定着支援等を実施する。【労働局】",
    (f) => `${f.pref}職員の採用について、就職氷河期世代を対象とした試験を実施する。【県】`,
    () => "支援対象者に対するマッチングイベント（企業説明会、就職面接会、職場見学会・体験会、セミナー等）を開催する。【労働局、県、市町村、経済団体、経済産業局】",
  ],
  "地域の企業向け支援": [
    () => "就職氷河期世代の不本意非正規雇用労働者等の正規雇用促進を図るため、特定求職者雇用開発助成金（就職氷河期安定雇用実現コース）や、トライアル雇用助成金等の周知及び活用促進に連携して取り組む。【労働局・県・市町村・経済団体】",
    () => "正規雇用労働者への転換を図るため、キャリアアップ助成金や、人材開発支援助成金等の周知及び活用促進に連携して取り組む。【労働局・県・市町村・経済団体、労働団体】",
  ],
  "関係機関へのアウトリーチ": [
    () => "サポステの支援対象者の把握、掘り起こし、働きかけのため、自立相談支援機関や福祉事務所等の福祉機関等へのアウトリーチ型支援（出張支援）を実施する。【労働局、県、市町村】",
  ],
  "職場定着・ステップアップ支援": [
    () => "働く上での悩み・課題の解決や中長期的なキャリア形成に資する資格取得等に向けて、就職した支援対象者への個別の相談支援、セミナー等を実施する。【労働局、県】",
  ],
  "相談支援等": [
    (f) => `当事者及びご家族にとって身近な地域での相談・支援の充実を図るため、${f.pref}ひきこもり地域支援センターの体制強化に努める。【県】`,
    () => "県が所管する自立相談支援機関にアウトリーチ支援員を配置し、早期に支援につなぎ、集中的な支援を行うことで自立支援を強化する。【県】",
  ],
  "地域でのネットワーク形成": [
    (f) => `地域単位のネットワーク会議の設置に努めるとともに、この会議を地域プラットフォームとして位置づけ、${f.pref}との連携を図る。【県、市町村】`,
  ],
};

function measures(sheet: PlanSheet, facts: PlanFacts, groups: string[]): void {
  const { rng } = sheet;
  sheet.para("(2) 主な取組等");
  for (const group of groups) {
    sheet.para(`【${group}】`);
    const items = MEASURES[group]!;
    const shown = rng.sample(items, rng.int(1, items.length));
    shown.forEach((item, i) => sheet.para(`${rng.chance(0.3) ? "- " : ""}${KATAKANA[i]} ${item(facts)}`));
  }
}

function kpiHeading(sheet: PlanSheet): string {
  return sheet.rng.pick(["(3) 取組に係るKPI", "(3) 取組に係る KPI", "（3）取組に係る K P I", "（３） 取組に係るKPI", "(3) 取組に係るＫＰＩ"]);
}

function kpiChapter(sheet: PlanSheet, facts: PlanFacts, sections: Section[], ctx: LayoutContext, scale: number): void {
  const { rng } = sheet;
  const extra = Math.max(0, ctx.programsPerBody - 1);
  sheet.para(`第4 目標・主な取組及びKPI${sheet.nextFootnote()}`, `第3で整理した現状と課題を踏まえ、${sheet.platform.short}として今後、以下の通り目標を掲げ、取組を推進していく。`);

  // 1 不安定な就労状態にある方
  const [unstable, jobless, social] = sections as [Section, Section, Section];
  sheet.para(`1 ${unstable.heading}`, "(1) 目標");
  unstableGoal(sheet, facts, unstable);
  measures(sheet, facts, ["相談・セミナー", "職業能力開発等に向けた支援", "マッチング及び職場定着支援", "地域の企業向け支援"]);
  sheet.para(kpiHeading(sheet));
  writeStageBlocks(sheet, unstable, stageTargets(rng, UNSTABLE_KPIS, Math.min(UNSTABLE_KPIS.length, rng.int(2, 4) + extra), scale), facts.second);

  // 2 就業を希望しながらも長期にわたり無業の状態にある方
  sheet.para(`2 ${jobless.heading}`, "(1) 目標");
  const goalText =
    "就業を希望しながら、様々な事情により求職活動をしていない長期無業の状態にある方については、働くことや社会参加を促す中で本人に合った支援を行う必要があることから、支援対象者やそのご家族の希望を踏まえ、サポステを中心に関係機関と連携して求職活動へ踏み出すための支援を行い、";
  if (rng.chance(0.35)) {
    const value = roundNice(300 * 3 * scale);
    const [when, periodOf] = facts.second && rng.chance(0.6) ? (["第二ステージを含めた取組により", BOTH] as const) : (["第一ステージの3年間で", FIRST] as const);
    const line = sheet.para(`${goalText}${when}${sheet.digits(grouped(value))}人以上の就労その他の職業的自立を目指す。`);
    sheet.record(line, jobless, "就労その他の職業的自立", "人", periodOf, value, true);
  } else sheet.para(`${goalText}就労その他の職業的自立につなげることを目指す。`);
  measures(sheet, facts, ["相談・セミナー", "関係機関へのアウトリーチ", "職場定着・ステップアップ支援"]);
  const note = sheet.nextFootnote();
  sheet.para(`${kpiHeading(sheet)}${note}`, `${note} サポステにおける新規受付(登録)者数、進路決定者数(就職等決定者に、進学や職業訓練開始等が加わる)を実績として把握する。`);
  writeStageBlocks(sheet, jobless, stageTargets(rng, JOBLESS_KPIS, Math.min(JOBLESS_KPIS.length, rng.int(2, 3) + extra), scale), facts.second);

  // 3 社会参加に向けたより丁寧な支援を必要とする方
  sheet.para(
    `3 ${social.heading}`,
    "(1) 目標",
    "当事者及びご家族のニーズや状態に応じ、支援が必要な方に確実に支援が届くよう、身近なところで相談し、支援を受けられる体制を整備するとともに、地域における様々な関係機関のネットワークを構築することを目指す。",
  );
  measures(sheet, facts, ["相談支援等", "地域でのネットワーク形成"]);
  sheet.para(kpiHeading(sheet));
  const whole = facts.second ? "第二ステージを含めた取組により" : "第一ステージの取組により";
  if (rng.chance(0.5)) {
    // A target without a figure: the parser leaves it (skipped), nothing to record.
    sheet.para(`・ 地域単位でのネットワーク会議（地域レベルのプラットフォーム）を、${whole}県内全域に設置することを目指す。`);
  } else {
    const { count, unit } = municipalityCount(ctx.prefecture);
    const name = rng.pick([`就労準備支援事業を実施する${unit}数`, `ひきこもり相談窓口を明確化した${unit}数`]);
    const first = Math.max(1, Math.round(count * (0.4 + rng.next() * 0.4)));
    writeStageBlocks(sheet, social, [{ def: { name, unit, perYear: 0 }, first, second: count }], facts.second);
  }

  // 4 対象横断的な取組: goal and measures only
  sheet.para(
    `4 ${CROSS.heading}`,
    "(1) 目標",
    "第4の1から3に記載した支援対象者像ごとの各種取組等を着実に実施していくことと併せて、支援が必要な方等に取組を知ってもらい広く活用してもらうこと、取組の実施状況を検証して必要な向上を図っていくことを目指す。",
    "(2) 主な取組等",
    `ア 第4の1から3に記載した各種の取組等の周知や就職氷河期世代の方の活躍促進に向けた機運醸成を図るため、重点周知、啓発の取組を行う。【${sheet.platform.short}全構成員】`,
    "イ 第4の1から3に記載した各種の取組の成果等を把握・分析できるよう、必要なデータや支援事例等の収集・整理に努める。【労働局、県】",
  );
}

function closingChapters(sheet: PlanSheet): void {
  const { short } = sheet.platform;
  sheet.para(
    "第5 地域就職氷河期世代支援加速化交付金事業",
    `県または市町村が活用する内閣府地域就職氷河期世代支援加速化交付金事業の事業概要、KPI、実施状況等については別紙のとおりとし、各事業の円滑な実施について${short}においても必要な協力を行う。`,
    "第6 地域レベルのプラットフォームとの連携",
    `${short}は、地域レベルのプラットフォームからの支援要請に対して適切に対応するとともに、好事例等の就職氷河期世代支援に関する情報についてはこれを共有し、双方緊密な連携を図ることとする。`,
    "第7 推進体制・進捗管理方法",
    `事業実施計画の効果的な推進を図るため、${short}事務局において各種取組等の進捗状況の把握及び管理を行い、${short}設置要領に規定する会議において報告する。`,
    "なお、その進捗状況等を踏まえ、必要に応じて計画内容を見直すこともあり得る。",
    "第8 その他",
    `事業実施計画の実施に当たり、課題、疑義等が生じた場合は、${short}内の関係機関で協議を行うとともに、国に対しても情報共有を行うこととする。`,
  );
}

/**
 * One plan per prefecture and year: the plan in force that year. FY2020–2022 have the first-stage plan
 * (three-year targets under 「第一ステージ」), FY2023 on the plan as revised for the second stage, which
 * keeps the first stage's targets and adds the two-year ones. No plan of a later stage exists, so years
 * after FY2024 carry the second-stage plan as last revised; years before FY2020 (no platform yet) have none.
 */
function writePlan(ctx: LayoutContext): SynthDoc[] {
  const span = planSpanOf(ctx.fiscalYear);
  if (!span) return [];
  const { rng } = ctx;
  const platform = platformOf(ctx.prefecture);
  const sheet = new PlanSheet(rng, platform, rng.chance(0.25));
  const scale = rng.int(2, 40) / 10;
  const unstable = rng.int(30, 600) * 100;
  const share = Math.round((unstable / 541700) * 1000) / 10;
  const cities = localBodiesOf(ctx.prefecture).map((b) => b.body);
  const facts: PlanFacts = {
    pref: ctx.prefecture.body,
    adopted: eraDate(2020, rng.int(7, 12), rng.int(1, 28)),
    second: span.stage !== "first",
    unstable,
    share,
    goal: Math.round((300000 * share) / 100),
    centre: rng.pick([`${platform.stem}しごとセンター`, `ジョブカフェ${platform.reading}`, `${ctx.prefecture.body}民しごとプラザ`]),
    hellowork: rng.sample(cities, Math.min(cities.length, rng.int(1, 3))).map((c) => c.replace(/[市町村区]$/, "")),
    cities: rng.sample(cities, Math.min(cities.length, 2)),
  };
  const sections: Section[] = [UNSTABLE, JOBLESS, { heading: rng.pick(["社会参加に向けたより丁寧な支援を必要とする方", "社会参加に向けた支援を必要とする方"]), support: "social_participation" }, CROSS];

  titlePage(sheet, facts, ctx.fiscalYear);
  if (rng.chance(0.85)) tableOfContents(sheet, sections);
  purpose(sheet, facts);
  period(sheet, facts);
  situation(sheet, facts, sections);
  kpiChapter(sheet, facts, sections, ctx, scale);
  closingChapters(sheet);
  return [{ lines: sheet.lines, drafts: sheet.drafts, eol: rng.chance(0.2) ? "\r\n" : "\n" }];
}

export const platformPlanWriter: LayoutWriter = { kind: "platform_plan", scope: "platform", write: writePlan };
