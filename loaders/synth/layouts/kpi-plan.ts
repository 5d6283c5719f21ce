// grant_kpi_plan writer: program sheets as in data/sources/002 — 事業名【実施主体】, 交付金対象事業費, the
// overview, a tab-separated multi-year KPI table (重要業績評価指標 (KPI)⇥令和2年度増加分 (1年目)⇥…⇥累計) and
// the first year's actuals stated in prose under ① 成果があがつたこと (…人数（512人）は目標値を大きく上回った。).
// One document a prefecture and year holds every sheet; parsers/kpi-plan.ts splits it at the titles.
import { BodyError, resolveLocalGov, type BodyInfo } from "../../extract/bodies.ts";
import { classifySupportTarget } from "../../extract/classify.ts";
import type { Period } from "../../extract/fiscal.ts";
import { draft, type Draft } from "../../extract/parsers/types.ts";
import type { SupportTarget } from "../../extract/schema.ts";
import { normalizeLine, squish } from "../../extract/text.ts";
import { canonicalUnit, unitFromName } from "../../extract/units.ts";
import type { Rng } from "../rng.ts";
import { toFullWidth } from "../text.ts";
import type { LayoutContext, LayoutWriter, SynthDoc } from "../types.ts";

type Group = "consultation" | "participation" | "employment" | "regular" | "employer" | "social" | "outreach" | "seeking" | "events";

interface Indicator {
  /** The indicator as a table names it, without the program's qualifier or a unit bracket. */
  name: string;
  unit: "人" | "件" | "社" | "回";
  /** How the results prose names it; each is closer to this name than to any indicator of another group. */
  phrases: readonly string[];
  /** Range of a yearly target. */
  scale: readonly [number, number];
  /** Reads well after a qualifier such as 当該事業（相談のみ含む）において. */
  qualifiable?: boolean;
}

// A sheet takes at most one indicator per group, so that the prose of one never reads as another.
const INDICATORS: Record<Group, readonly Indicator[]> = {
  consultation: [
    { name: "相談件数", unit: "件", phrases: ["相談件数"], scale: [40, 600] },
    { name: "相談窓口（家族による相談含む）人数", unit: "人", phrases: ["窓口相談（家族による相談含む）人数", "相談窓口（家族による相談含む）人数"], scale: [20, 300] },
    { name: "新規相談者数", unit: "人", phrases: ["新規相談者数", "新規の相談者数"], scale: [20, 200] },
    { name: "個別相談実施件数", unit: "件", phrases: ["個別相談の実施件数", "個別相談実施件数"], scale: [30, 400] },
    { name: "キャリアコンサルティング実施件数", unit: "件", phrases: ["キャリアコンサルティングの実施件数"], scale: [20, 300] },
    { name: "SNS相談件数", unit: "件", phrases: ["SNS相談件数", "SNSによる相談件数"], scale: [30, 500] },
  ],
  participation: [
    { name: "セミナー参加者数", unit: "人", phrases: ["セミナー参加者数", "セミナーへの参加者数"], scale: [10, 200] },
    { name: "就職支援セミナー受講者数", unit: "人", phrases: ["就職支援セミナーの受講者数", "就職支援セミナー受講者数"], scale: [10, 150] },
    { name: "職場見学・職場体験参加者数", unit: "人", phrases: ["職場見学及び職場体験の参加者数"], scale: [5, 60] },
    { name: "就労体験参加者数", unit: "人", phrases: ["就労体験参加者数", "就労体験への参加者数"], scale: [5, 60] },
    { name: "職業訓練受講者数", unit: "人", phrases: ["職業訓練の受講者数", "職業訓練受講者数"], scale: [10, 120] },
  ],
  employment: [
    { name: "就職者数", unit: "人", phrases: ["就職者数"], scale: [5, 100] },
    { name: "就職決定者数", unit: "人", phrases: ["就職決定者数", "就職決定者の数"], scale: [5, 100] },
    { name: "就労等進路決定した人数", unit: "人", phrases: ["就職等進路決定した人数", "就労等進路決定した人数"], scale: [3, 60], qualifiable: true },
    { name: "４０歳以上の就職者数", unit: "人", phrases: ["４０歳以上の就職者数"], scale: [3, 50] },
  ],
  regular: [
    { name: "正社員就職者数", unit: "人", phrases: ["正社員就職者数", "正社員としての就職者数"], scale: [3, 60] },
    { name: "正社員として就職した人数", unit: "人", phrases: ["正社員として就職した人数"], scale: [3, 60], qualifiable: true },
    { name: "正規雇用者数", unit: "人", phrases: ["正規雇用者数", "正規雇用者の数"], scale: [3, 60] },
  ],
  employer: [
    { name: "企業開拓数", unit: "社", phrases: ["企業開拓数", "開拓した企業の数"], scale: [5, 80] },
    { name: "協力企業数", unit: "社", phrases: ["協力企業数", "協力企業の数"], scale: [5, 60] },
    { name: "求人開拓件数", unit: "件", phrases: ["求人開拓件数", "求人の開拓件数"], scale: [10, 150] },
  ],
  social: [
    { name: "社会参加に至った人数", unit: "人", phrases: ["社会参加に至った人数"], scale: [3, 40], qualifiable: true },
    { name: "居場所利用者数", unit: "人", phrases: ["居場所の利用者数", "居場所利用者数"], scale: [10, 150] },
    { name: "ひきこもり地域支援センターが実施する集団支援プログラムへの参加者数", unit: "人", phrases: ["集団支援プログラムへの参加者数"], scale: [1, 30] },
  ],
  outreach: [
    { name: "LINEの友達ユーザー数", unit: "人", phrases: ["LINEの友達ユーザー数", "LINE友達ユーザー数"], scale: [15, 400] },
    { name: "アウトリーチ支援件数", unit: "件", phrases: ["アウトリーチによる支援件数", "アウトリーチ支援件数"], scale: [10, 200] },
    { name: "訪問支援件数", unit: "件", phrases: ["訪問支援件数", "訪問支援の件数"], scale: [10, 150] },
    { name: "ポータルサイト登録者数", unit: "人", phrases: ["ポータルサイト登録者数", "ポータルサイトへの登録者数"], scale: [20, 500] },
  ],
  seeking: [
    { name: "求職活動を行った人数", unit: "人", phrases: ["求職活動を行った人数"], scale: [5, 80], qualifiable: true },
    { name: "求職登録者数", unit: "人", phrases: ["求職登録者数", "求職登録者の数"], scale: [10, 150] },
  ],
  events: [
    { name: "セミナー開催回数", unit: "回", phrases: ["セミナーの開催回数", "セミナー開催回数"], scale: [2, 24] },
    { name: "合同企業説明会開催回数", unit: "回", phrases: ["合同企業説明会の開催回数"], scale: [1, 12] },
  ],
};

const QUALIFIERS = ["当該事業（相談のみ含む）において", "当該事業において", "本事業を通じて"];

interface Theme {
  /** Program names: core of 「（prefix）core事業」. */
  cores: readonly string[];
  /** The line under ② 事業のねらい; it decides the support target when the program name does not. */
  purposes: readonly string[];
  groups: readonly Group[];
  story: string;
}

const THEMES: readonly Theme[] = [
  {
    cores: ["正社員化促進", "正規雇用転換促進", "不安定就労者キャリアアップ支援", "非正規雇用労働者正社員化支援", "就職応援", "マッチング支援"],
    purposes: ["不安定な就労状態にある方の正社員としての就職を支援する。", "非正規雇用で働く就職氷河期世代の方々の安定した就職を実現する。"],
    groups: ["regular", "employment", "participation", "employer", "consultation", "events"],
    story: "正社員に結びついた事例",
  },
  {
    cores: ["就労促進・定着支援", "長期無業者就労支援", "就労準備支援", "サポステ機能強化", "就職支援", "活躍支援"],
    purposes: ["就労を希望しながら様々な事情により長期にわたり就職活動を行うことができない長期無業者の方を中心に、就職氷河期世代の方々の就労促進及び就労定着を支援する。", "長期にわたり無業の状態にある方の就労に向けた準備を支援する。"],
    groups: ["consultation", "seeking", "employment", "participation", "regular", "outreach"],
    story: "就職に結びついた事例",
  },
  {
    cores: ["ひきこもり対策推進", "ひきこもり支援", "社会参加支援", "居場所づくり推進", "寄り添い支援"],
    purposes: ["相談につながっていないひきこもり状態のある者に対して、相談、社会との接点・つながりのハードルを押し下げる。", "社会参加に向けた支援を必要とする方の居場所と活動の場をつくる。"],
    groups: ["outreach", "consultation", "social", "participation", "employment"],
    story: "社会参加に結びついた事例",
  },
];

const PREFIXES = ["就職氷河期世代", "就職氷河期世代", "氷河期世代", "", "{body}", "{body}就職氷河期世代"];
const SUBTITLES = ["若者支援の実績を有するNPOのノウハウを有効に活用！", "支援団体との連携によるオンライン相談の実施！", "企業と求職者をつなぐきめ細かなマッチング！", "身近な地域での伴走型支援！", "経済団体と連携した正社員化の推進！", "家族も含めた切れ目のない支援！"];
const SUMMARIES = ["若者支援に実績のあるNPOに業務を委託し、専任職員を配置して、個々の状況に応じたきめ細やかで息の長い支援を行う。", "相談につながっていない方に対して、SNSの匿名性、即時性の特徴を活かした相談を民間支援団体と連携して実施する。", "企業説明会や職場見学を通じて、求職者と地域の企業とのマッチングを図る。"];
const ITEMS = ["サポステの機能拡充", "SNS相談事業", "就職氷河期世代専任の職員による一貫した支援", "広報事業", "企業とのマッチング支援", "職場体験の実施"];
const ITEM_BULLETS = ["キャリアコンサルタント等による専門的な相談", "職業適性検査、面接対応等の就労準備サポート", "職場見学からカントリーワークおよび体験就労を実施", "求職活動への支援、就労後の準備サポート", "Webメディアを活用した支援情報の発信"];
/** Figures of the overview: plans, not KPIs; the parser skips them with a reason. */
function overviewFigure(rng: Rng, wideDigits: boolean): string {
  const n = number(rng.int(2, 30), { wide: wideDigits, comma: false });
  return rng.pick(["相談時間は16:00～21:00で設定する。", `1回あたり定員${n}名で実施する。`, `管内${n}か所の会場で出張相談会を実施する。`, `委託先のNPOに専任職員${n}名を配置する。`]);
}
const BLOCKS = [
  ["【カントリーワーク】", "- ・長期無業者の中でも働くことに不安や悩みを抱いている対象者に理解ある事業所においてハードルの低い働き方を実施することにより、就労準備状態の形成を図る。"],
  ["【体験就労】", "- ・短期の体験就労（農業、清掃、受付業務等）をしてもらい、体験内容によっては手当を支給することで、就労への意識づけの醸成を図る。"],
  ["ひきこもり支援の課題", "- 40歳以上の中高年層は相談につながりにくい", "- 中高年層は家族からの相談割合が低下"],
];
const STAFF = ["相談指導員", "相談指導員（臨時職員）", "就労コーディネーター", "キャリアコンサルタント", "企業開拓員"];
const BACKGROUNDS = ["就職氷河期世代は、就労を希望しながら不安定な就労状態にある者、長期無業者、社会参加に向けた支援を必要としている者など、様々な課題を抱えている。", "中高年層は相談に繋がらない状況にあることから、本人へアプローチするための情報周知や相談体制の整備が必要である。"];
const REASONS = ["ジョブトレーニング現場の新聞記事や広告の反響により", "スタッフが同行して職場見学や就労体験等を積極的に行なった結果", "SNS広告やチラシによる周知の効果もあり", "関係機関との連携を強化したことにより"];
const CAUSES = ["就労体験等を通じて、求職者の就労意欲の向上を図るとともに、精度の高いマッチングを行うことができた", "支援員による伴走支援を継続的に行うことができた", "家族を含めた相談体制を整えることができた"];
const SETBACKS = ["事業の開始が年度後半となったこともあり", "周知が十分に行き届かず", "対象者の掘り起こしに時間を要し"];
const PLAIN_RESULTS = ["民間支援団体と連携した相談を開始し、支援機関に繋がったケースが複数あった。", "Web広告は年代が高いほどクリック率が増加している結果であった。", "参加者からは気軽に相談できたとの声が多く寄せられた。"];
const IMPROVEMENTS = ["引き続き、委託先のノウハウを有効に活用しながら、個々の事情を踏まえたきめ細やかで息の長い支援を行っていく。", "相談行動を起こせないケースについては、SNS相談を継続していく。", "企業への働きかけを強化し、職場体験の受入先を拡大する。"];
const STORIES = ["派遣社員として働き何とか生計を立てていたが、就労体験で働く準備が整い、正職員として就職することができた。（40代・男性）", "長い引きこもり生活であったが、母親に促されて相談に行き、生活リズムを整えることができた。（40代・男性）", "職場見学をきっかけに自信を取り戻し、地元の企業に就職した。（30代・女性）"];

/** Non-KPI figures a results bullet may hold; they name nothing in the table. */
function distractor(rng: Rng): string {
  const n = rng.int(2, 6);
  return rng.pick([`専任の支援員を${n}名配置し、支援体制を強化した。`, `管内${n}か所にサテライト窓口を開設した。`, `新たに${n}団体が支援ネットワークに加わった。`, `関係機関との連携会議を${n}回開催し、情報共有を図った。`]);
}

interface Style {
  wide: boolean;
  comma: boolean;
}

/** 1200 as 1,200 or １，２００ as the style asks. */
function number(n: number, style: Style): string {
  const text = style.comma ? String(n).replace(/\B(?=(\d{3})+$)/g, ",") : String(n);
  return style.wide ? toFullWidth(text) : text;
}

/** 令和2年度 / R2年度 / 平成30年度 for a fiscal year. */
function era(fy: number, short: boolean): string {
  if (fy >= 2019) return short ? `R${fy - 2018}年度` : `令和${fy === 2019 ? "元" : fy - 2018}年度`;
  return short ? `H${fy - 1988}年度` : `平成${fy - 1988}年度`;
}

type Naming = "bare" | "prefixed";

/**
 * How a title can name each body: a municipality bare when its name is unique (苫小牧市), else after its
 * prefecture (東京都府中市). A body that not even that names is left out.
 */
function namings(bodies: readonly BodyInfo[]): Map<BodyInfo, Naming> {
  const namings = new Map<BodyInfo, Naming>();
  const names = (name: string, body: BodyInfo) => {
    try {
      return resolveLocalGov(name).body_code === body.body_code;
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      return false;
    }
  };
  for (const body of bodies) {
    if (body.body_level === "prefecture" || names(body.body, body)) namings.set(body, "bare");
    else if (names(`${body.prefecture}${body.body}`, body)) namings.set(body, "prefixed");
  }
  return namings;
}

/** The bracket of a title: the prefecture, possibly with a partner of a joint program first named after it, or a municipality. */
function bracketOf(body: BodyInfo, naming: Naming, ctx: LayoutContext, partners: readonly BodyInfo[]): string {
  if (body.body_level === "prefecture") return partners.length > 0 && ctx.rng.chance(0.1) ? `${body.body}・${ctx.rng.pick(partners).body}` : body.body;
  return naming === "prefixed" || ctx.rng.chance(0.6) ? `${body.prefecture}${body.body}` : body.body;
}

interface Row {
  indicator: Indicator;
  /** kpi_name as the parser reads it. */
  kpiName: string;
  firstTarget: number | null;
}

interface Sheet {
  body: BodyInfo;
  program: string;
  budget: number | null;
  support: SupportTarget;
  firstYear: number;
  drafts: Draft[];
}

/** A results sentence and the actuals it states. */
interface Sentence {
  text: string;
  /** A label without 。 (相談件数：132件) has its bullet to itself. */
  alone?: boolean;
  actuals: { row: Row; value: number; unit: string }[];
}

export const kpiPlanWriter: LayoutWriter = {
  kind: "grant_kpi_plan",
  scope: "grant",
  write(ctx) {
    const lines: string[] = ["", ""];
    const drafts: Draft[] = [];
    const named = namings(ctx.bodies);
    // Partners of a joint program (【広島県・府中市】): the prefecture named first tells the parser where they are.
    const partners = ctx.bodies.filter((b) => b.body_level !== "prefecture" && named.has(b));
    for (const [body, naming] of named) {
      for (let p = 0; p < ctx.programsPerBody; p++) writeSheet(ctx, body, bracketOf(body, naming, ctx, partners), lines, drafts);
    }
    if (drafts.length === 0) return [];
    const doc: SynthDoc = { lines, drafts };
    if (ctx.rng.chance(0.15)) doc.eol = "\r\n";
    return [doc];
  },
};

/** Appends lines; returns the 1-based number of the last. */
function push(lines: string[], ...more: string[]): number {
  lines.push(...more);
  return lines.length;
}

/** One program sheet, from its title to 本事業の意義; its records go to drafts. */
function writeSheet(ctx: LayoutContext, body: BodyInfo, bracket: string, lines: string[], drafts: Draft[]): void {
  const { rng, fiscalYear } = ctx;
  const theme = rng.pick(THEMES);
  const program = `${rng.pick(PREFIXES).replace("{body}", body.body)}${rng.pick(theme.cores)}事業`;
  const purpose = rng.pick(theme.purposes);
  const fromName = classifySupportTarget(program);
  const wideDigits = rng.chance(0.15);
  const budget = rng.chance(0.9) ? rng.int(800, 60000) : null;
  const sheet: Sheet = { body, program, budget, support: fromName !== "unspecified" ? fromName : classifySupportTarget(purpose), firstYear: fiscalYear, drafts };

  push(lines, `${program}${rng.pick(["", "", "", " ", "　"])}【${bracket}】`, "", `～ ${rng.pick(SUBTITLES)}～`, "");
  if (budget !== null) {
    const amount = number(budget, { wide: wideDigits, comma: rng.chance(0.85) });
    push(lines, rng.pick([`交付金対象事業費 ${amount}千円`, `交付金対象事業費　${amount}千円`, `交付金対象事業費：${amount}千円`, `交付金対象事業費（合計） ${amount}千円`]), "");
  }
  push(lines, `- ${rng.pick(SUMMARIES)}`, "", "事業概要", "");
  rng.sample(ITEMS, rng.int(1, 3)).forEach((item, i) => {
    push(lines, `${"①②③"[i]}${item}`, "");
    if (i === 0 && rng.chance(0.6)) {
      push(lines, "- 相談から就労までの支援を一貫して行う専任の職員を新たに配置");
      for (const role of rng.sample(STAFF, rng.int(1, 3))) push(lines, `・${role} ${number(rng.int(1, 3), { wide: wideDigits, comma: false })}名`);
    } else {
      for (const bullet of rng.sample(ITEM_BULLETS, rng.int(1, 3))) push(lines, `○ ${bullet}`);
    }
    push(lines, "");
  });
  if (rng.chance(0.4)) push(lines, overviewFigure(rng, wideDigits), "");
  if (rng.chance(0.3)) push(lines, ...rng.pick(BLOCKS), "");

  const rows = writeTable(ctx, sheet, theme, wideDigits, lines);

  push(lines, rng.pick(["事業実施に至った経緯", "事業実施に至った背景・経緯"]), "", "①事業開始の背景", "", rng.pick(BACKGROUNDS), "", "②事業のねらい", "", purpose, "");
  push(lines, fiscalYear >= 2020 && fiscalYear <= 2022 ? "事業成果・コロナ禍での影響等" : "事業成果・課題等", "", rng.pick(["① 成果があがつたこと", "①成果があがったこと"]), "");
  writeResults(ctx, sheet, rows, wideDigits, lines);
  push(lines, "", `② 実施結果を踏まえた、${wideDigits ? "２" : "2"}年目に向けた改善点`, "", `- ・ ${rng.pick(IMPROVEMENTS)}`, "");
  if (fiscalYear >= 2020 && fiscalYear <= 2022) push(lines, "③ コロナ禍が就職氷河期世代に与える影響等", "", "- ・ コロナ禍に伴う企業の採用減により、求職者の就職活動に困難が生じている。", "");
  push(lines, theme.story, "", ...rng.sample(STORIES, rng.int(1, 2)).map((s, i) => `${i === 0 ? "- " : ""}・ ${s}`), "");
  push(lines, "本事業の意義・横展開の可能性", "", "- ・ 他の自治体も参考とすることが有益である。", "", "");
}

/** The KPI table: a row per indicator, a target per fiscal year, then the cumulative target over the plan. */
function writeTable(ctx: LayoutContext, sheet: Sheet, theme: Theme, wideDigits: boolean, lines: string[]): Row[] {
  const { rng } = ctx;
  const years = Math.min(rng.pick([2, 3, 3, 3, 4, 5]), 2035 - sheet.firstYear + 1);
  const cumulative = years > 1 && rng.chance(0.85);
  const style = rng.int(0, 3);
  const qualifier = rng.chance(0.3) ? rng.pick(QUALIFIERS) : "";
  const head = ["重要業績評価指標 (KPI)", "重要業績評価指標(KPI)", "重要業績評価指標（ＫＰＩ）", "KPI"][style]!;
  const cells = Array.from({ length: years }, (_, y) => {
    const fy = sheet.firstYear + y;
    const label = style === 0 ? `${era(fy, false)}増加分 (${y + 1}年目)` : style === 1 ? `${era(fy, false)}増加分(${y + 1}年目)` : style === 2 ? era(fy, false) : era(fy, true);
    return wideDigits ? toFullWidth(label) : label;
  });
  if (cumulative) cells.push(style < 2 ? "計画期間中の増加分の累計" : rng.pick(["累計", "合計"]));
  push(lines, "", [head, ...cells].join("\t"));

  const rows: Row[] = [];
  for (const group of rng.sample(theme.groups, rng.int(1, 4))) {
    const indicator = rng.pick(INDICATORS[group]);
    let name = (indicator.qualifiable ? qualifier : "") + indicator.name;
    if (unitFromName(name) !== indicator.unit || rng.chance(0.4)) name += rng.pick([`(${indicator.unit})`, `（${indicator.unit}）`]);
    const row: Row = { indicator, kpiName: squish(normalizeLine(name)), firstTarget: null };
    // Some tables write the unit in every cell of a row (15人); then the record takes it from the value.
    const unit = rng.chance(0.1) ? (indicator.unit === "人" && rng.chance(0.3) ? "名" : indicator.unit) : null;
    const line = lines.length + 1;
    const values: string[] = [];
    let sum = 0;
    let atLeast = false;
    for (let y = 0; y < years; y++) {
      // A KPI may start in a later year, or pause one: its cell reads "-".
      if ((sum > 0 || y < years - 1) && rng.chance(0.06)) {
        values.push(rng.pick(["-", "－"]));
        continue;
      }
      const target = rng.int(indicator.scale[0], indicator.scale[1]);
      const gte = rng.chance(0.08);
      if (y === 0) row.firstTarget = target;
      sum += target;
      atLeast ||= gte;
      values.push(targetCell(sheet, row, line, { start: sheet.firstYear + y, end: sheet.firstYear + y }, { target, gte, unit }, rng, wideDigits));
    }
    if (cumulative) values.push(targetCell(sheet, row, line, { start: sheet.firstYear, end: sheet.firstYear + years - 1 }, { target: sum, gte: atLeast, unit }, rng, wideDigits));
    push(lines, [name, ...values].join("\t"));
    rows.push(row);
  }
  push(lines, "");
  return rows;
}

/** A target cell (30 / ３０ / 1,200 / 20以上 / 15人) and its record. */
function targetCell(sheet: Sheet, row: Row, line: number, period: Period, cell: { target: number; gte: boolean; unit: string | null }, rng: Rng, wideDigits: boolean): string {
  const { target, gte, unit } = cell;
  sheet.drafts.push(sheetDraft(sheet, { line, kpi_name: row.kpiName, period, unit: unit && canonicalUnit(unit), target, target_op: gte ? "gte" : "eq" }));
  return `${number(target, { wide: wideDigits, comma: rng.chance(0.8) })}${unit ?? ""}${gte ? "以上" : ""}`;
}

/** A record of the sheet, as the parser drafts it: the sheet's body, program, budget and support target. */
function sheetDraft(sheet: Sheet, fields: Pick<Draft, "line" | "kpi_name" | "period"> & Partial<Draft>): Draft {
  return draft({ body: sheet.body, program: sheet.program, budget_thousand_yen: sheet.budget, support_target: sheet.support, ...fields });
}

/** An actual for the first year: met, short, far below half or nothing at all. */
function actualOf(rng: Rng, row: Row): number {
  const [lo, hi] = row.indicator.scale;
  const base = row.firstTarget ?? rng.int(lo, hi);
  const r = rng.next();
  if (r < 0.07) return 0;
  if (r < 0.2) return Math.floor(base * (0.05 + 0.4 * rng.next()));
  if (r < 0.45) return Math.floor(base * (0.5 + 0.45 * rng.next()));
  if (r < 0.78) return Math.round(base * (1 + 0.45 * rng.next()));
  return Math.round(base * (1.5 + 4 * rng.next()));
}

/** The prose of one actual, in the ways the real sheets state it. */
function actualSentence(rng: Rng, row: Row, wideDigits: boolean): Sentence {
  const value = actualOf(rng, row);
  const unit = row.indicator.unit === "人" && rng.chance(0.15) ? "名" : row.indicator.unit;
  const figure = `${number(value, { wide: wideDigits, comma: rng.chance(0.8) })}${unit}`;
  const clause = rng.pick(row.indicator.phrases);
  const target = row.firstTarget;
  const ratio = target === null ? null : value / target;
  const actuals = [{ row, value, unit }];
  if (rng.chance(0.12)) {
    const label = `${clause}${rng.pick(["：", ":", "： "])}${figure}`;
    if (target === null) return { text: label, actuals, alone: true };
    const aside = rng.chance(0.5) ? `目標：${number(target, { wide: wideDigits, comma: true })}${unit}` : value >= target ? "目標達成" : "目標未達";
    return { text: `${label}（${aside}）`, actuals, alone: true };
  }
  if (value === 0) return { text: `${rng.pick(SETBACKS)}、${clause}は${figure}であった。`, actuals };
  const verdict = ratio === null ? "順調に推移した" : ratio >= 1.5 ? "目標値を大きく上回った" : ratio > 1 ? "目標値を上回った" : ratio === 1 ? "目標値を達成した" : ratio >= 0.5 ? "目標値を下回った" : "目標値を大きく下回った";
  const forms = [
    `${rng.pick(ratio === null || ratio >= 1 ? REASONS : SETBACKS)}、${clause}（${figure}）は${verdict}。`,
    `${clause}は${figure}となり、${ratio === null ? "一定の成果が得られた" : ratio >= 1 ? "目標を達成した" : "目標には届かなかった"}。`,
  ];
  if (ratio === null || ratio >= 1) forms.push(`${rng.pick(CAUSES)}ため、${clause}は${figure}に達した。`);
  if (ratio !== null && ratio < 1) forms.push(`${rng.pick(SETBACKS)}、${clause}は${figure}にとどまった。`);
  if (target !== null && value !== target) {
    forms.push(`${clause}は${figure}となり、目標（${number(target, { wide: wideDigits, comma: true })}${unit}）を${value > target ? "上回った" : "下回った"}。`);
  }
  return { text: rng.pick(forms), actuals };
}

/** Two actuals in one sentence: 「相談件数は120件、就職者数は15人となった。」 */
function pairSentence(rng: Rng, a: Sentence, b: Sentence, wideDigits: boolean): Sentence {
  const part = (s: Sentence) => {
    const { row, value, unit } = s.actuals[0]!;
    return `${rng.pick(row.indicator.phrases)}は${number(value, { wide: wideDigits, comma: true })}${unit}`;
  };
  return { text: `${part(a)}、${part(b)}となった。`, actuals: [...a.actuals, ...b.actuals] };
}

/** The bullets under ① 成果があがつたこと: actuals, figures that are no KPI, and plain remarks. */
function writeResults(ctx: LayoutContext, sheet: Sheet, rows: readonly Row[], wideDigits: boolean, lines: string[]): void {
  const { rng } = ctx;
  const sentences = rows.filter(() => rng.chance(0.65)).map((row) => actualSentence(rng, row, wideDigits));
  if (sentences.length >= 2 && rng.chance(0.2)) sentences.splice(0, 2, pairSentence(rng, sentences[0]!, sentences[1]!, wideDigits));
  if (rng.chance(0.3)) sentences.splice(rng.int(0, sentences.length), 0, { text: distractor(rng), actuals: [] });
  if (sentences.length === 0 || rng.chance(0.3)) sentences.splice(rng.int(0, sentences.length), 0, { text: rng.pick(PLAIN_RESULTS), actuals: [] });
  const bullet = rng.pick(["・ ", "- ", "○ "]);
  for (let k = 0, first = true; k < sentences.length; k++, first = false) {
    // A bullet may hold two sentences, or go on to the next line without a bullet, as the real sheets do.
    const group = [sentences[k]!];
    while (k + 1 < sentences.length && !group[0]!.alone && !sentences[k + 1]!.alone && rng.chance(0.15)) group.push(sentences[++k]!);
    const lead = first ? (bullet === "・ " ? "- ・ " : bullet) : group.length === 1 && rng.chance(0.1) ? "" : bullet;
    const line = push(lines, `${lead}${group.map((s) => s.text).join("")}`);
    for (const s of group) {
      const note = squish(normalizeLine(s.text));
      for (const { row, value, unit } of s.actuals) {
        sheet.drafts.push(sheetDraft(sheet, { line, kpi_name: row.kpiName, period: { start: sheet.firstYear, end: sheet.firstYear }, unit: canonicalUnit(unit), actual: value, note }));
      }
    }
  }
}
