// Synthetic grant_case_study documents, modelled on data/sources/001: case sheets of grant programs as
// text extracted from PDF pages. A sheet has its title 事業名【実施主体】 and 交付金対象事業費, KPI names with
// their unit in brackets (wrapped over lines, several on a line, a qualifier after a blank line), the
// 令和N年度KPI marker with the 【 】は実績値 legend and "20 【20】 10 【15】" values, a ～ tagline ～ and
// bullets that explain it. As in the PDF text, the title stands above its KPI block on some sheets and
// below it on others, so the sheets are spaced the way the parser pairs titles with blocks: by distance.
import { localGovernmentsOf, type BodyInfo } from "../../extract/bodies.ts";
import { classifySupportTarget } from "../../extract/classify.ts";
import { draft, type Draft } from "../../extract/parsers/types.ts";
import { normalizeLine, removeSpaces } from "../../extract/text.ts";
import { canonicalUnit } from "../../extract/units.ts";
import type { Rng } from "../rng.ts";
import { actualFor, nameableBodies, toFullWidth } from "../text.ts";
import type { LayoutContext, LayoutWriter, SynthDoc } from "../types.ts";

/** Sheets per document; larger sets of programs are split over several documents. */
const MAX_PROGRAMS = 500;

/** An indicator: its name and the unit brackets it may be written with (（名） only where the name counts people). */
interface Indicator {
  name: string;
  brackets: readonly string[];
  lo: number;
  hi: number;
}

const INDICATORS: readonly Indicator[] = [
  { name: "就職支援数", brackets: ["人"], lo: 10, hi: 200 },
  { name: "就職者数", brackets: ["人", "名"], lo: 5, hi: 150 },
  { name: "正社員就職者数", brackets: ["人", "名"], lo: 3, hi: 100 },
  { name: "正規雇用就職者数", brackets: ["人"], lo: 5, hi: 300 },
  { name: "事業参加者数", brackets: ["人", "名"], lo: 20, hi: 800 },
  { name: "セミナー参加者数", brackets: ["人", "名"], lo: 20, hi: 500 },
  { name: "職場体験参加者数", brackets: ["人"], lo: 5, hi: 100 },
  { name: "資格取得者数", brackets: ["人"], lo: 3, hi: 80 },
  { name: "社会参加につながった人数", brackets: ["人"], lo: 2, hi: 60 },
  { name: "就職氷河期世代応援企業リスト等を活用した正規雇用化数", brackets: ["人"], lo: 10, hi: 120 },
  { name: "ひきこもり状態にある就職氷河期世代の方のアウトリーチ型の相談", brackets: ["人", "件"], lo: 10, hi: 100 },
  { name: "地域若者サポートステーションにおける心理カウンセリング実施件数", brackets: ["人", "件"], lo: 20, hi: 120 },
  { name: "取得した資格を有効活用できる人手不足産業（建設業など）への就職者数", brackets: ["件", "人"], lo: 3, hi: 40 },
  { name: "相談件数", brackets: ["件"], lo: 50, hi: 3000 },
  { name: "オンライン相談件数", brackets: ["件"], lo: 50, hi: 2000 },
  { name: "キャリアコンサルティング実施件数", brackets: ["件"], lo: 30, hi: 1000 },
  { name: "求人企業数", brackets: ["社", "企業数"], lo: 10, hi: 300 },
  { name: "就職氷河期世代応援企業リスト数", brackets: ["企業数", "社"], lo: 20, hi: 200 },
  { name: "マッチング支援員による求人開拓企業数", brackets: ["企業数", "社"], lo: 20, hi: 600 },
  { name: "受入企業数", brackets: ["社"], lo: 5, hi: 80 },
  { name: "セミナー開催回数", brackets: ["回"], lo: 3, hi: 40 },
  { name: "出張相談会の開催数", brackets: ["回"], lo: 2, hi: 30 },
];
const QUALIFIERS = ["（非正規雇用含む）", "（正規雇用）", "（延べ）", "（実人数）"];

const PROGRAM_PREFIXES = ["就職氷河期世代", "就職氷河期世代", "就職氷河期世代等", "氷河期世代", ""];
const PROGRAM_CORES = ["就職応援", "就業支援", "活躍支援", "就労支援", "正社員化支援", "キャリアアップ支援", "職場体験", "資格取得支援", "伴走型就職支援", "マッチング支援", "オンライン就労相談", "社会参加支援", "ひきこもり者等就労支援", "長期無業者就労準備支援"];
const PROGRAM_NAMES = ["ひきこもり状態等にある方の就労支援充実", "就職氷河期世代活躍応援パッケージ", "SNSとAIを活用したキャリアカウンセリング事業", "短時間就労（マイクロワーク）マッチング事業", "地域若者サポートステーション機能強化事業"];

const TAGLINES = [
  "就職氷河期世代のニーズに応じた、切れ目ない一体的な就業支援を実施！",
  "専門チーム派遣等の実施により、適切な支援プログラムへとつなげる！",
  "人手不足業界にチャレンジしやすい支援体制を構築！",
  "県と市町村が連携して、一体的な取組を目指す！",
  "オンラインと対面を組み合わせた切れ目ない支援！",
  "地域の企業と求職者をつなぐマッチング支援！",
  "居場所から就労までの段階的な支援を実現！",
];
const NOTE_BULLETS = [
  "支援対象者にキャリアコンサルティングを実施することにより、早期就職を目指す者や新たに資格を取得し安定的な雇用を目指す者など、それぞれのニーズや能力に応じたきめ細やかな支援が可能であり、正社員化に向けた有効な支援スキームと考えられる。",
  "資格取得支援の実施により、地域の人手不足産業（建設業など）への就職氷河期世代の受入れや理解を促進し、人材確保につなげることができる。",
  "専門的な知見を有する相談員による丁寧なアプローチやカウンセリング、資格取得支援や企業とのマッチングなど、雇用のミスマッチを解消し、早期の正社員就職につなげていく取組は、有効な支援スキームと考えられる。",
  "精神科医師・精神保健福祉士等からなる専門チームで協議し見立てを行った上で、家庭訪問や医療受診への同行ができるようになった。",
  "関係機関との連携により、ひきこもり状態の早期支援・長期化の防止を図る取組は、他の自治体の参考になる。",
  "県と県内市町村が連携して支援対象者をフォローアップすることで、効果的かつ効率的な取組の推進が可能となる。",
  "ＳＮＳを活用した相談窓口の設置により、時間や場所を問わず相談できる環境を整備し、潜在的な支援対象者の掘り起こしにつながった。",
  "企業向けセミナーの実施を通じて、就職氷河期世代の積極採用企業を増加させ、正規雇用を促進した。",
];
/** Text of the sheets' diagrams, read out of the PDF between sheets: no KPI, some figures. */
const DIAGRAM = [
  "① 相談体制の整備",
  "・夜間・日曜に対応可能な就職氷河期世代専用の相談窓口を市内3か所の就業支援施設に設置。",
  "・就職相談カウンセラーを3名増員し、支援対象者の適性やニーズを踏まえた支援を実施。",
  "② 就職氷河期世代と企業とのマッチング支援",
  "(1) キャリアコンサルティング（必須）",
  "(2) 資格等の取得支援（希望者）※給付金支給、受講料無料（検定料を除く）",
  "求職者",
  "地元企業",
  "パッケージコース",
  "玉掛け（3日間）",
  "フォークリフト（4日間）",
  "マッチング支援員3名",
  "積極採用企業",
  "• （株）〇〇〇",
  "正規雇用",
  "合同就職面接会",
  "専用相談窓口",
  "（夜間・日曜含む）",
];
const NOTE_END = "本事業の成果・取組事例として着目したポイント等";

/** Writes a prefecture's case sheets for a year: one sheet per program of each body, in one document. */
export const caseStudyWriter: LayoutWriter = { kind: "grant_case_study", scope: "grant", write: writeCaseStudies };

function writeCaseStudies(ctx: LayoutContext): SynthDoc[] {
  const bodies = nameableBodies(ctx.prefecture.prefecture_code, ctx.bodies);
  const programs = bodies.flatMap((body) => Array.from({ length: ctx.programsPerBody }, () => body));
  const docs: SynthDoc[] = [];
  for (let start = 0; start < programs.length; start += MAX_PROGRAMS) docs.push(writeDocument(ctx, bodies, programs.slice(start, start + MAX_PROGRAMS)));
  return docs;
}

/** One program's sheet with line numbers counted from its own first line. */
interface Sheet {
  lines: string[];
  drafts: Draft[];
  title: number;
  first: number;
  last: number;
}

/** Lines between a sheet's title and its KPI block. */
function ownDistance(s: { title: number; first: number; last: number }): number {
  return s.title < s.first ? s.first - s.title : s.title - s.last;
}

function writeDocument(ctx: LayoutContext, all: readonly BodyInfo[], programs: readonly BodyInfo[]): SynthDoc {
  const { rng, fiscalYear } = ctx;
  const lines: string[] = [];
  const drafts: Draft[] = [];
  if (rng.chance(0.7)) lines.push(...overview(rng, fiscalYear));
  let previous: { title: number; first: number; last: number } | null = null;
  for (const body of programs) {
    const sheet = writeSheet(rng, body, all, ctx.prefecture, fiscalYear);
    // Space the sheet so that its title is nearer its own block than the previous sheet's, and the reverse.
    let base = lines.length;
    if (previous) {
      const gap = Math.max(ownDistance(previous), ownDistance(sheet)) + 1;
      const pad = Math.max(0, gap - (base + sheet.first - previous.title), gap - (base + sheet.title - previous.last));
      for (let i = 0; i < pad; i++) lines.push(i % 2 === 0 || !rng.chance(0.5) ? "" : rng.pick(DIAGRAM));
      base = lines.length;
    }
    lines.push(...sheet.lines);
    for (const d of sheet.drafts) drafts.push({ ...d, line: d.line + base });
    previous = { title: sheet.title + base, first: sheet.first + base, last: sheet.last + base };
  }
  return { lines, drafts, eol: rng.chance(0.2) ? "\r\n" : "\n" };
}

/** The national overview before the first sheet: figures about the grant as a whole. */
function overview(rng: Rng, fiscalYear: number): string[] {
  const era = (year: number) => toFullWidth(String(year - 2018));
  const bodies = rng.int(80, 160);
  return [
    ` （令和${era(fiscalYear)}年度交付決定事業における取組事例）`,
    "",
    "",
    "地域就職氷河期世代支援加速化交付金",
    "",
    " 就職氷河期世代の方々の実態やニーズを踏まえ、地域の関係機関や当事者・支援団体等と連携して、就職氷河期世代の就労や社会",
    "",
    "参加に向けた先進的・積極的な支援を行う地方自治体等の取組を強力に後押しするとともに、優良事例を横展開。",
    "",
    ` 本年４月の令和${era(fiscalYear + 1)}年度事業（第一次）交付決定において${bodies}自治体（47都道府県・20指定都市・${bodies - 67}市区町）の${bodies + rng.int(10, 60)}事業に対して${rng.int(10, 25)}.${rng.int(0, 9)}億円を`,
    "",
    "交付決定。",
    "",
    "事業メニュー（交付金対象例）",
    "",
    "〇伴走型支援の実施",
    "",
    "〇多様な働き方や社会参加の場の創出",
    "",
  ];
}

interface Kpi {
  /** The name with its unit bracket: 就職者数（人）. */
  text: string;
  /** A bracket after the unit one, written on a line of its own: （非正規雇用含む）. */
  qualifier: string | null;
  target: number;
  actual: number | null;
  /** The counter written after the values, when they carry one (20人 【20人】). */
  unit: string | null;
}

/** What a sheet says, chosen before it is written. */
interface SheetPlan {
  body: BodyInfo;
  /** A joint program: its title lists the prefecture and partners. */
  joint: boolean;
  titleBodies: BodyInfo[];
  program: string;
  title: string;
  budget: number | null;
  budgetText: string | null;
  tagline: string | null;
  bullets: string[];
  /** The bullets as the reading joins them: every record's note. */
  note: string | null;
  kpis: Kpi[];
  /** The title stands below the KPI block (as some PDF pages read out), not above it. */
  after: boolean;
}

/**
 * One program's sheet: title, budget, KPI block, tagline and bullets, the title above the block or
 * (as some PDF pages read out) below it; a joint program's title lists the prefecture and partners.
 */
function writeSheet(rng: Rng, body: BodyInfo, all: readonly BodyInfo[], prefecture: BodyInfo, fiscalYear: number): Sheet {
  const plan = planSheet(rng, body, all, prefecture);
  const lines: string[] = [];
  let title = writeHead(rng, lines, plan);
  const first = lines.length + 1;
  const drafts = writeKpiBlock(rng, lines, plan, fiscalYear);
  const last = lines.length;
  lines.push("");
  if (plan.after) title = writeTitleBelow(rng, lines, plan);
  else if (plan.tagline) lines.push(plan.tagline);
  writeBullets(rng, lines, plan.bullets);
  return { lines, drafts, title, first, last };
}

/** Chooses what a sheet says: the program and its title, budget, tagline, bullets and KPIs, and where the title stands. */
function planSheet(rng: Rng, body: BodyInfo, all: readonly BodyInfo[], prefecture: BodyInfo): SheetPlan {
  const partners = all.filter((b) => b !== body && b.body_level !== "prefecture");
  const joint = partners.length > 0 && rng.chance(0.12);
  const titleBodies = joint ? [prefecture, ...(body.body_level === "prefecture" ? [] : [body]), ...rng.sample(partners, rng.int(1, 3))] : [body];
  const program = joint ? rng.pick(["就職氷河期世代活躍応援パッケージ", "就職氷河期世代合同就職支援事業", "広域連携就労支援事業"]) : programName(rng, body);
  const title = `${rng.chance(0.3) ? " " : ""}${program}【${joint ? titleBodies.map((b) => b.body).join("・") : bracketName(rng, body, prefecture)}】`;
  const budget = rng.chance(0.85) ? rng.int(1000, 200000) : null;
  const budgetText = budget === null ? null : `交付金対象事業費${joint ? "（合計）" : ""}${rng.pick([" ", " ", "：", "　"])}${formatNumber(budget, rng.chance(0.1))}千円`;
  const tagline = rng.chance(0.92) ? `${rng.pick(["～", "〜"])} ${rng.pick(TAGLINES)} ${rng.pick(["～", "〜"])}` : null;
  const bullets = tagline ? rng.sample(NOTE_BULLETS, rng.int(1, 3)) : [];
  const note = bullets.length > 0 ? bullets.map((b) => normalizeLine(b)).join("") : null;
  const kpis = chooseKpis(rng);
  const after = rng.chance(0.35);
  return { body, joint, titleBodies, program, title, budget, budgetText, tagline, bullets, note, kpis, after };
}

/** The lines above the KPI block: 事業概要, the title and budget, unless the title stands below. Returns the title's line (0: none yet). */
function writeHead(rng: Rng, lines: string[], plan: SheetPlan): number {
  if (plan.after) {
    lines.push("");
    return 0;
  }
  if (rng.chance(0.5)) lines.push("事業概要");
  const titleLine = lines.push(plan.title);
  if (plan.budgetText) lines.push(plan.budgetText);
  lines.push("");
  if (rng.chance(0.7)) lines.push("事業概要", "");
  return titleLine;
}

/** The KPI block: the names, then the values; returns the records, one per KPI. */
function writeKpiBlock(rng: Rng, lines: string[], plan: SheetPlan, fiscalYear: number): Draft[] {
  const { body, kpis } = plan;
  // A joint program's block names the body its KPIs are of before the marker; without it they are the first body's.
  const prefix = plan.joint && (body !== plan.titleBodies[0] || rng.chance(0.6)) ? body.body : null;
  const tail = !prefix && kpis.length > 1 && !kpis.at(-1)!.qualifier && rng.chance(0.06) ? kpis.at(-1)!.text : null;
  lines.push(...writeNames(rng, tail ? kpis.slice(0, -1) : kpis));
  if (lines.at(-1) !== "") lines.push("");
  const valueLines = writeValues(rng, lines, kpis, fiscalYear, prefix ?? tail);
  const programRead = removeSpaces(normalizeLine(plan.program));
  const supportTarget = classifySupportTarget(programRead);
  return kpis.map((kpi, i) =>
    draft({
      line: valueLines[i]!,
      body,
      program: programRead,
      budget_thousand_yen: plan.budget,
      support_target: supportTarget,
      kpi_name: removeSpaces(normalizeLine(kpi.text + (kpi.qualifier ?? ""))),
      unit: kpi.unit === null ? null : canonicalUnit(kpi.unit),
      period: { start: fiscalYear, end: fiscalYear },
      target: kpi.target,
      target_op: "eq",
      actual: kpi.actual,
      note: plan.note,
    }),
  );
}

/** The title below the KPI block, after a diagram's residue: 事業概要, the title, the budget and tagline. Returns the title's line. */
function writeTitleBelow(rng: Rng, lines: string[], plan: SheetPlan): number {
  const { budgetText, tagline } = plan;
  for (let i = rng.int(0, 3); i > 0; i--) lines.push(rng.pick(DIAGRAM));
  if (lines.at(-1) !== "") lines.push("");
  lines.push("事業概要", "");
  const titleLine = lines.push(plan.title);
  if (budgetText && tagline && rng.chance(0.5)) lines.push(plan.joint && rng.chance(0.5) ? `${tagline} ${budgetText}` : `${budgetText}${tagline}`);
  else {
    if (budgetText) lines.push(budgetText);
    if (tagline) lines.push(tagline);
  }
  return titleLine;
}

/** The bullets under the tagline, wrapped, then the note's end and a diagram's residue. */
function writeBullets(rng: Rng, lines: string[], bullets: string[]): void {
  for (const bullet of bullets) {
    lines.push("");
    const mark = bullet === bullets[0] && rng.chance(0.1) ? "" : rng.pick(["・", "・", "・", "〇"]);
    wrap(bullet, rng.int(55, 66)).forEach((part, i) => lines.push(i === 0 ? mark + part : part));
  }
  lines.push("");
  lines.push(NOTE_END);
  for (let i = rng.int(1, 4); i > 0; i--) lines.push(rng.chance(0.3) ? "" : rng.pick(DIAGRAM));
}

/** A body as a one-body title writes it: the prefecture before a municipality's name when another prefecture has one of that name. */
function bracketName(rng: Rng, body: BodyInfo, prefecture: BodyInfo): string {
  if (body.body_level === "prefecture") return body.body;
  return isSharedName(body.body) || rng.chance(0.4) ? `${prefecture.body}${body.body}` : body.body;
}

let sharedNames: Set<string> | null = null;

/** Whether local governments of several prefectures have this name (府中市, 伊達市). */
function isSharedName(name: string): boolean {
  if (!sharedNames) {
    const prefectureOf = new Map<string, string>();
    sharedNames = new Set();
    for (let code = 1; code <= 47; code++) {
      for (const gov of localGovernmentsOf(String(code).padStart(2, "0"))) {
        const other = prefectureOf.get(gov.body);
        if (other && other !== gov.prefecture) sharedNames.add(gov.body);
        prefectureOf.set(gov.body, gov.prefecture);
      }
    }
  }
  return sharedNames.has(name);
}

function programName(rng: Rng, body: BodyInfo): string {
  const roll = rng.next();
  if (roll < 0.2) return rng.pick(PROGRAM_NAMES);
  if (roll < 0.3) return `${body.body}就職氷河期世代就労支援事業`;
  return `${rng.pick(PROGRAM_PREFIXES)}${rng.pick(PROGRAM_CORES)}事業`;
}

function chooseKpis(rng: Rng): Kpi[] {
  return rng.sample(INDICATORS, rng.int(1, 4)).map((indicator) => {
    const bracket = rng.pick(indicator.brackets);
    const text = `${indicator.name}${rng.chance(0.15) ? `(${bracket})` : `（${bracket}）`}`;
    const qualifier = bracket === "人" && rng.chance(0.12) ? rng.pick(QUALIFIERS) : null;
    const target = rng.int(indicator.lo, indicator.hi);
    const unit = rng.chance(0.06) ? (bracket === "企業数" ? "社" : bracket) : null;
    return { text, qualifier, target, actual: rng.chance(0.08) ? null : actualFor(rng, target), unit };
  });
}

/**
 * KPI names above the marker: one a line, wrapped when long, or all on one line; a unit bracket
 * or a qualifier on a line of its own, the qualifier perhaps after a blank line. A name that does
 * not end with its unit bracket is closed by a blank line, as the parser reads a name up to its
 * bracket or a blank. The parser looks for names at most 16 lines above the marker.
 */
function writeNames(rng: Rng, kpis: readonly Kpi[]): string[] {
  if (kpis.length === 0) return [];
  if (kpis.length > 1 && kpis.every((k) => !k.qualifier && k.text.length < 20) && rng.chance(0.25)) return [kpis.map((k) => k.text).join(rng.pick([" ", "  ", "　"]))];
  const lines: string[] = [];
  const spaced = rng.chance(0.5);
  for (const kpi of kpis) {
    if (spaced && lines.length > 0 && lines.at(-1) !== "") lines.push("");
    const bracket = kpi.text.search(/[（(][^（(]*$/);
    if (rng.chance(0.1)) lines.push(kpi.text.slice(0, bracket), kpi.text.slice(bracket));
    else {
      // Wrapped before the unit bracket, which stays whole at the end of the last line.
      const width = rng.int(14, 22);
      const parts = kpi.text.length > width + 2 ? wrap(kpi.text.slice(0, bracket), width) : [kpi.text.slice(0, bracket)];
      parts[parts.length - 1] += kpi.text.slice(bracket);
      lines.push(...parts);
    }
    if (kpi.qualifier) {
      if (rng.chance(0.5)) lines.push("");
      lines.push(kpi.qualifier, "");
    }
  }
  if (lines.length <= 15) return lines;
  return kpis.flatMap((k) => (k.qualifier ? [k.text, k.qualifier, ""] : [k.text]));
}

/** The marker, the legend and the values in one of the PDF's arrangements; returns the line of each value. */
function writeValues(rng: Rng, lines: string[], kpis: readonly Kpi[], fiscalYear: number, prefix: string | null): number[] {
  const full = rng.chance(0.15);
  const marker = `${prefix ? `${prefix} ` : ""}令和${rng.chance(0.7) ? toFullWidth(String(fiscalYear - 2018)) : fiscalYear - 2018}年度${rng.chance(0.1) ? "ＫＰＩ" : "KPI"}`;
  const legend = rng.pick(["【 】は実績値", "【 】は実績値", "【　】は実績値", "【】は実績値"]);
  const gap = rng.pick([" ", " ", "  ", "　"]);
  const pairs = kpis.map((k) => {
    const unit = k.unit ?? "";
    return `${formatNumber(k.target, full)}${unit}${rng.pick([" ", " ", ""])}【${k.actual === null ? rng.pick([" ", "", "　"]) : formatNumber(k.actual, full) + unit}】`;
  });
  const style = rng.pick(["stacked", "stacked", "inline", "inline", "split", "two-lines"] as const);
  const out: number[] = [];
  const pushPairs = (items: string[]) => {
    const line = lines.push(items.join(gap));
    for (let i = 0; i < items.length; i++) out.push(line);
  };
  if (style === "inline") {
    pushPairs([`${marker} ${legend} ${pairs[0]}`, ...pairs.slice(1)]);
    return out;
  }
  if (style === "split") lines.push(`${marker} ${legend}`);
  else lines.push(marker, legend);
  if (rng.chance(0.6)) lines.push("");
  if (style === "two-lines" && pairs.length > 1) {
    const cut = rng.int(1, pairs.length - 1);
    pushPairs(pairs.slice(0, cut));
    pushPairs(pairs.slice(cut));
  } else pushPairs(pairs);
  return out;
}

function formatNumber(value: number, fullWidth: boolean): string {
  const text = String(value).replace(/\B(?=(\d{3})+$)/g, ",");
  return fullWidth ? toFullWidth(text) : text;
}

/** Whether a wrapped line may end between text[i - 1] and text[i]: not inside a word or number, not at a space, not before a bullet mark or an opening bracket, nor before punctuation that may not open a line. */
function canBreak(text: string, i: number): boolean {
  const a = text[i - 1]!;
  const b = text[i]!;
  if (/\s/.test(a) || /\s/.test(b) || /[・･〇○●◯•\-（(、。）)」]/.test(b)) return false;
  const word = /[A-Za-z0-9,.Ａ-Ｚａ-ｚ０-９，．]/;
  return !(word.test(a) && word.test(b));
}

/** Wraps text as a PDF export does: fixed width, without breaking words or numbers. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let at = Math.min(width, rest.length - 1);
    while (at > 0 && !canBreak(rest, at)) at--;
    if (at <= 0) break;
    lines.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  lines.push(rest);
  return lines;
}
