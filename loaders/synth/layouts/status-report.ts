// Synthetic grant_status_report documents, modelled on data/sources/000: a prefecture's table of grant
// programs for one fiscal year. Each numbered row names its body and program (wrapped over lines), a
// description, then one ・KPI bullet per indicator (R5目標：200　R5実績：91) with the explanation after it;
// the platform meeting that reviewed the table closes the document and names the prefecture.
import type { BodyInfo } from "../../extract/bodies.ts";
import { classifySupportTarget } from "../../extract/classify.ts";
import { noteTargets } from "../../extract/note-targets.ts";
import { draft, type Draft } from "../../extract/parsers/types.ts";
import type { SupportTarget } from "../../extract/schema.ts";
import { normalizeLine, squish } from "../../extract/text.ts";
import { canonicalUnit, unitFromName } from "../../extract/units.ts";
import type { Rng } from "../rng.ts";
import { actualFor, nameableBodies, toFullWidth } from "../text.ts";
import type { LayoutContext, LayoutWriter, SynthDoc } from "../types.ts";

/** Rows per document: the row number stays within the three digits the layout has. */
const MAX_PROGRAMS = 500;

/** An indicator family: its base names, the counter its values are written with, and a plausible target range. */
interface Indicator {
  names: readonly string[];
  unit: string;
  lo: number;
  hi: number;
  prefixes?: readonly string[];
  qualifiers?: readonly string[];
}

const EMPLOYED_PREFIXES = ["", "", "本事業による", "本事業を通した", "プログラム参加者中の", "セミナー・相談会への参加後の", "合同企業説明会をきっかけにした", "支援対象者のうち"];
const EMPLOYED_QUALIFIERS = ["", "", "（非正規を含む）", "（正規雇用）", "（正規雇用、非正規雇用）", "（勤務形態問わず）", "（非正規採用を含む）", "（正規雇用、正規雇用を前提とした非正規雇用）"];

const INDICATORS: readonly Indicator[] = [
  { names: ["就職者数", "就業者数", "正社員就職者数", "正規雇用者数", "就職決定者数"], unit: "人", lo: 2, hi: 300, prefixes: EMPLOYED_PREFIXES, qualifiers: EMPLOYED_QUALIFIERS },
  { names: ["正社員及び常勤職員となった者の人数", "職場定着者数", "起業者数", "新規雇用者数", "資格取得者数"], unit: "名", lo: 1, hi: 60 },
  { names: ["セミナー参加者数", "カウンセリング受講者数", "職場実習参加者数", "就労体験参加者数", "訓練受講者数", "プログラム参加者数", "個別相談利用者数", "合同企業説明会参加者数", "職場見学・体験人数", "支援事業につなげた人数"], unit: "人", lo: 10, hi: 800, qualifiers: ["", "", "", "（延べ人数）", "（実人数）"] },
  { names: ["社会参加者数"], unit: "人", lo: 3, hi: 400, qualifiers: ["", "（居場所等への参加者数）", "（本事業により就労体験を実施した者の人数）", "（電子居場所への延べ参加者数）"] },
  { names: ["SNSの友達ユーザー数（時点）", "登録者数", "LINE登録者数"], unit: "人", lo: 500, hi: 30000 },
  { names: ["相談件数", "就労相談件数", "キャリアカウンセリング実施件数", "サービス利用件数", "アウトリーチ件数", "心理カウンセリング実施件数", "こころの健康問題の相談件数"], unit: "件", lo: 30, hi: 5000 },
  { names: ["セミナー開催回数", "連絡調整会議の開催数", "出張相談会の開催数", "情報配信へのエンゲージメント数"], unit: "回", lo: 2, hi: 20000 },
  { names: ["企業開拓数", "参加企業数", "受入企業数", "求人企業数", "応援企業の登録数"], unit: "社", lo: 5, hi: 300 },
  { names: ["居場所を設置する市町村数"], unit: "市町村", lo: 3, hi: 40 },
  { names: ["居場所の設置数", "相談窓口の設置数"], unit: "か所", lo: 1, hi: 30 },
];

const PROGRAM_PREFIXES = ["就職氷河期世代", "就職氷河期世代", "就職氷河期世代等", "氷河期世代", "ミドル世代", ""];
const PROGRAM_CORES = ["就労支援", "活躍支援", "リモート型就労支援", "正社員化支援", "就職応援", "キャリアアップ支援", "職場体験", "資格取得支援", "就労サポート", "社会参加支援", "伴走型就職支援", "合同企業説明会", "マッチング支援", "オンライン就労相談", "不本意非正規雇用者正社員化支援", "長期無業者就労準備支援", "ひきこもり者等就労支援"];
const PROGRAM_SUFFIXES = ["事業", "事業", "事業", "プログラム事業", "推進事業", "加速化事業"];
const PROGRAM_NAMES = [
  "SNSとAIを活用したキャリアカウンセリング・キャリアアップサポート事業",
  "ひきこもり状態等にある方の就労支援充実",
  "ひきこもりの居場所及び居場所へのつなぎ資源確保事業",
  "起業家支援事業　就職氷河期世代枠",
  "おためし企業体験事業",
  "ＩＣＴを活用した就労支援事業",
  "就職氷河期世代のこころの健康電話相談事業",
  "氷河期世代の転職・再就職及び市内企業人材確保の同時的推進事業",
  "短時間就労（マイクロワーク）マッチング事業",
  "地域若者サポートステーション機能強化事業",
];

const DESCRIPTION_TARGETS = [
  "就職氷河期世代の求職者・転職希望者を対象に、",
  "就職氷河期世代のうち不本意ながら不安定な仕事に就いている方などを対象に、",
  "長期にわたり無業の状態にある就職氷河期世代の方に対して、",
  "ひきこもり状態にある方やその家族を対象に、",
  "正規雇用を希望する就職氷河期世代の求職者に対して、",
  "就職氷河期世代の方を対象に、",
];
const DESCRIPTION_ACTIONS = [
  "キャリアカウンセリングや就職支援セミナーを実施し、正規雇用に向けた支援を行った。",
  "ＳＮＳを活用したオンライン就労相談を提供し、時間と場所を問わない支援を行った。",
  "職場見学・体験の機会を提供することで、ミスマッチのない転職・再就職の促進を図った。",
  "合同企業説明会を開催し、地域の企業とのマッチングを図った。",
  "資格取得に係る経費の一部を助成し、人手不足分野への就職を支援した。",
  "居場所の設置及びアウトリーチ型の訪問支援を行い、社会参加の第一歩を後押しした。",
  "専任の就労支援員を配置し、就職から職場定着までの伴走型支援を行った。",
  "毎月1回の個別相談窓口の設置及び年間8回の就労支援セミナーの開催によって、継続的な支援を行った。",
  "ビジネスマナーや履歴書作成等の研修と企業とのマッチング等を組み合わせた人材育成プログラムを実施した。",
];
const DESCRIPTION_EXTRAS = [
  "また、就職後の職場定着に向けたフォローアップを実施した。",
  "令和2年10月9日より運用を開始し、引き続き運用を行った。",
  "プラットフォーム構成機関と連携し、事業の周知を図った。",
  "また、事業者の理解促進を目的として、受入れ事業者に対して助成金を支給した。",
  "相談事例については、必要に応じて関係団体との個別ケースの連絡調整会議を開催した。",
];

const MET_REASONS = [
  "ＨＰやＳＮＳ等での広報に加え、関係機関への周知協力依頼等、積極的な広報活動を行ったことにより、",
  "キャリアコンサルタントによる複数回の面談を実施し、きめ細かな伴走支援を行ったことにより、",
  "ハローワーク等の関係機関と連携を密にし、対象者の掘り起こしを行ったことにより、",
  "定期的な求人情報の配信や、初回相談までの導線改善による利便性の向上等により、",
  "LINE広告を中心としたWebマーケティングを強化した結果、",
  "企業との交流会の実施により、採用に積極的な企業とのマッチング機会を創出したことで、",
];
const MET_RESULTS = ["目標値を達成することができた。", "目標を上回る実績となった。", "目標値を大幅に達成することができた。"];
const SHORT_REASONS = [
  "求職者のニーズに合った求人の獲得が不十分であったことなどから、",
  "就労困難者へと層が変わり、伴走支援が長期化したことで、",
  "年度途中からの事業開始となり、周知期間が十分に確保できなかったことから、",
  "人材不足の継続により求職者の選択肢が広がり、本事業の利用が伸び悩んだことから、",
  "参加者の体調面の課題等により、プログラムを途中で中断する方が多かったため、",
];
const SHORT_RESULTS = ["目標達成には至らなかった。", "実績が伸び悩んだ。", "目標を下回る結果となった。"];
const ZERO_NOTES = ["企業体験への参加はあったが、現在の希望には合わないなど体験直後の就業には結びつかなかった。", "支援は継続しているが、年度内の実績には結びつかなかった。", "事業の開始が年度末となったため、実績は計上されなかった。"];
const NOTE_EXTRAS = ["引き続き、関係機関と連携した周知に取り組む。", "次年度は企業開拓を強化し、マッチング機会の拡充を図る。", "昨年度実績（３）を大きく上回った。", "毎月800～1,200の新規登録数を獲得した。"];

/** How one program writes its figures: the real table changes style from row to row. */
interface Style {
  era: (fy: number) => string;
  colon: string;
  nameGap: string;
  statementGap: string;
  fullWidth: boolean;
  comma: boolean;
  units: boolean;
  noteIndent: "none" | "first" | "all";
}

/** Writes a prefecture's status table for a year: one row per program of each body, in one document. */
export const statusReportWriter: LayoutWriter = { kind: "grant_status_report", scope: "grant", write: writeStatusReports };

/** One document per prefecture and year (several when the rows overflow the numbering), the prefecture's rows last. */
function writeStatusReports(ctx: LayoutContext): SynthDoc[] {
  const named = nameableBodies(ctx.prefecture.prefecture_code, ctx.bodies);
  const bodies = [...named.filter((b) => b.body_level !== "prefecture"), ...named.filter((b) => b.body_level === "prefecture")];
  const rows = bodies.flatMap((body) => Array.from({ length: ctx.programsPerBody }, () => body));
  const docs: SynthDoc[] = [];
  for (let start = 0; start < rows.length; start += MAX_PROGRAMS) docs.push(writeDocument(ctx, rows.slice(start, start + MAX_PROGRAMS)));
  return docs;
}

/** Collects a document's lines and the drafts stated on them. */
class Page {
  readonly lines: string[] = [];
  readonly drafts: Draft[] = [];
  /** Appends a line and returns its 1-based number. */
  push(text: string): number {
    return this.lines.push(text);
  }
}

function writeDocument(ctx: LayoutContext, rows: readonly BodyInfo[]): SynthDoc {
  const { rng, fiscalYear } = ctx;
  const page = new Page();
  page.push("");
  if (rng.chance(0.4)) page.push(`${era(rng, fiscalYear)}年度　地域就職氷河期世代支援加速化交付金事業　実施状況`);
  page.push("№ 実施主体 事業名 事業の実施状況");
  page.push("");
  rows.forEach((body, i) => writeProgram(page, rng, i + 1, body, fiscalYear));
  page.push("");
  page.push("");
  page.push(`令和 ${fiscalYear - 2018}年度地域就職氷河期世代支援加速化交付金事業実施状況に対する意見等 `);
  page.push(" ");
  const month = rng.int(5, 9);
  page.push(`[${era(rng, fiscalYear + 1)}年 ${month} 月 ${rng.int(1, 28)} 日 ${ctx.prefecture.body}就職氷河期世代活躍支援プラットフォーム運営会議] `);
  page.push("");
  page.push("意見等 事務局回答 ");
  page.push(rng.pick(["意見なし。  ", "特になし。"]));
  page.push(" ");
  return { lines: page.lines, drafts: page.drafts, eol: rng.chance(0.2) ? "\r\n" : "\n" };
}

function era(rng: Rng, year: number): string {
  return `令和${rng.chance(0.5) ? toFullWidth(String(year - 2018)) : String(year - 2018)}`;
}

function pickStyle(rng: Rng): Style {
  const eraStyle = rng.pick(["R", "R", "R", "Ｒ", "R年度", "令和年度"] as const);
  const fullEra = rng.chance(0.2);
  return {
    era: (fy) => {
      const n = fy - 2018;
      const digits = n === 1 && rng.chance(0.5) ? "元" : fullEra ? toFullWidth(String(n)) : String(n);
      return eraStyle === "令和年度" ? `令和${digits}年度` : eraStyle === "R年度" ? `R${digits}年度` : `${eraStyle}${digits}`;
    },
    colon: rng.chance(0.85) ? "：" : ":",
    nameGap: rng.pick(["　", "　", "　", " ", "", "：", "　　"]),
    statementGap: rng.pick(["　", "　", "　", " ", "、", " 　", "　 "]),
    fullWidth: rng.chance(0.1),
    comma: rng.chance(0.85),
    units: rng.chance(0.5),
    noteIndent: rng.pick(["none", "none", "first", "all"] as const),
  };
}

function writeProgram(page: Page, rng: Rng, n: number, body: BodyInfo, fiscalYear: number): void {
  const style = pickStyle(rng);
  const name = programName(rng, body);
  const program = squish(normalizeLine(name));
  const parts = wrap(name, rng.int(9, 13));
  const number = `${rng.chance(0.1) ? " " : ""}${n} ${body.body}`;
  if (parts.length > 1 && rng.chance(0.1)) page.push(`${number} ${parts.shift()!}`);
  else page.push(number);
  for (const part of parts) page.push(part);
  page.push("");
  if (rng.chance(0.85)) for (const line of wrap(description(rng), rng.int(60, 75))) page.push(line);
  const families = rng.sample(INDICATORS, rng.int(1, 4));
  const ref = { body, program, supportTarget: classifySupportTarget(program), fiscalYear };
  // The bullets since the last note: a note goes to those of them it names, or to all (note-targets.ts).
  const run: Kpi[] = [];
  for (const family of families) writeKpi(page, rng, style, ref, family, run);
  if (rng.chance(0.9)) page.push("");
}

function programName(rng: Rng, body: BodyInfo): string {
  const roll = rng.next();
  if (roll < 0.3) return rng.pick(PROGRAM_NAMES);
  if (roll < 0.4) return `${body.body}${rng.pick(["ひきこもり者等就労支援事業", "就職氷河期世代就労支援事業", "就労サポート事業"])}`;
  return `${rng.pick(PROGRAM_PREFIXES)}${rng.pick(PROGRAM_CORES)}${rng.pick(PROGRAM_SUFFIXES)}`;
}

function description(rng: Rng): string {
  let text = rng.pick(DESCRIPTION_TARGETS) + rng.pick(DESCRIPTION_ACTIONS);
  if (rng.chance(0.4)) text += rng.pick(DESCRIPTION_EXTRAS);
  return text;
}

interface ProgramRef {
  body: BodyInfo;
  program: string;
  supportTarget: SupportTarget;
  fiscalYear: number;
}

/** A bullet written: its indicator and the drafts it states. */
interface Kpi {
  name: string;
  drafts: Draft[];
}

/**
 * The bullet of one indicator, its note, and the drafts they state. A bullet without a note joins the run of bullets
 * the next note follows; the note goes to the ones it names, or to all of them when it names none.
 */
function writeKpi(page: Page, rng: Rng, style: Style, ref: ProgramRef, family: Indicator, run: Kpi[]): void {
  const name = `${rng.pick(family.prefixes ?? [""])}${rng.pick(family.names)}${rng.pick(family.qualifiers ?? [""])}`;
  const kpiName = squish(normalizeLine(name));
  // A name that implies no unit (エンゲージメント数, 市町村数) is stated with the unit on its values.
  const units = style.units || unitFromName(kpiName) === null;
  const fy = ref.fiscalYear;
  const { statements, figures } = statementsOf(rng, style, family, units, fy);
  const current = figures.find((f) => f.fy === fy)!;
  const bullet = rng.pick(["・", "・", "・", "・ ", "･"]);
  const values = `${style.nameGap}${statements.join(style.statementGap)}`;
  const wrapAt = name.length >= 16 && rng.chance(0.2) ? breakPoint(name, rng.int(8, name.length - 4)) : -1;
  if (wrapAt > 0) page.push(`${bullet}${name.slice(0, wrapAt)}`);
  const line = page.push(wrapAt > 0 ? `${name.slice(wrapAt)}${values}` : `${bullet}${name}${values}`);
  const drafts = figures.map(({ fy: year, target: t, actual: a }) =>
    draft({
      line,
      body: ref.body,
      program: ref.program,
      support_target: ref.supportTarget,
      kpi_name: kpiName,
      unit: t?.unit ?? a?.unit ?? null,
      period: { start: year, end: year },
      target: t?.value ?? null,
      target_op: t ? t.op : null,
      actual: a?.value ?? null,
    }),
  );
  page.drafts.push(...drafts);
  run.push({ name: kpiName, drafts });
  if (!rng.chance(0.75)) return;
  let text = noteText(rng, current.target?.value ?? null, current.actual?.value ?? null);
  const targets = noteTargets(squish(normalizeLine(text)), run.map((k) => k.name)).map((i) => run[i]!);
  // Earlier actuals of the indicator, listed at the end of its note: （R1:3、R2:12、R3:20、R4:23) or (R1:3,R2:12);
  // only in a note that speaks of this indicator alone (in a note on several, which one they are is not said).
  const alone = targets.length === 1 && targets[0]!.drafts === drafts;
  const series = alone && figures.length === 1 && fy > 2019 && rng.chance(0.12) ? seriesOf(rng, fy, current.actual?.value ?? current.target?.value ?? 0) : null;
  const lines = wrap(text, rng.int(60, 75));
  if (series) {
    lines[lines.length - 1] += series.text;
    text += series.text;
  }
  let noteLine = 0;
  lines.forEach((part, i) => {
    const indent = style.noteIndent === "all" || (style.noteIndent === "first" && i === 0) ? rng.pick(["　", "  "]) : "";
    noteLine = page.push(indent + part);
  });
  const note = squish(normalizeLine(text));
  for (const k of targets) for (const d of k.drafts) d.note = note;
  run.length = 0;
  for (const [year, value] of series?.values ?? []) {
    if (year === fy) continue;
    page.drafts.push({ ...drafts[0]!, line: noteLine, period: { start: year, end: year }, target: null, target_op: null, actual: value, note: null });
  }
}

interface YearFigures {
  fy: number;
  target: Figure | null;
  actual: Figure | null;
}

/**
 * The statements of one bullet: the year's target and actual (the actual may still be 集計中, the
 * target missing), sometimes the year before's actual first or the next year's target last.
 */
function statementsOf(rng: Rng, style: Style, family: Indicator, units: boolean, fy: number): { statements: string[]; figures: YearFigures[] } {
  const value = (n: number, atLeast = false) => figure(style, units, family.unit, n, atLeast);
  const target = rng.int(family.lo, family.hi);
  const actual = actualFor(rng, target);
  const statements: string[] = [];
  const figures: YearFigures[] = [];
  if (fy > 2019 && rng.chance(0.1)) {
    const prior = value(actualFor(rng, target));
    statements.push(`${style.era(fy - 1)}実績${style.colon}${prior.text}`);
    figures.push({ fy: fy - 1, target: null, actual: prior });
  }
  const current: YearFigures = { fy, target: rng.chance(0.96) ? value(target, rng.chance(0.05)) : null, actual: null };
  current.actual = current.target && rng.chance(0.05) ? null : value(actual);
  if (current.target) statements.push(`${style.era(fy)}目標${style.colon}${current.target.text}`);
  statements.push(`${style.era(fy)}実績${style.colon}${current.actual?.text ?? "集計中"}`);
  figures.push(current);
  if (fy < 2035 && rng.chance(0.08)) {
    const next = value(Math.max(target, actual) + rng.int(0, 20));
    statements.push(`${style.era(fy + 1)}目標${style.colon}${next.text}`);
    figures.push({ fy: fy + 1, target: next, actual: null });
  }
  return { statements, figures };
}

interface Figure {
  text: string;
  value: number;
  unit: string | null;
  op: "gte" | "eq";
}

function figure(style: Style, units: boolean, unit: string, value: number, atLeast: boolean): Figure {
  const written = units ? unit : null;
  const text = `${formatNumber(value, style)}${written ?? ""}${atLeast ? "以上" : ""}`;
  return { text, value, unit: written === null ? null : canonicalUnit(written), op: atLeast ? "gte" : "eq" };
}

function formatNumber(value: number, style: Style): string {
  const plain = style.comma ? String(value).replace(/\B(?=(\d{3})+$)/g, ",") : String(value);
  return style.fullWidth ? toFullWidth(plain) : plain;
}

function noteText(rng: Rng, target: number | null, actual: number | null): string {
  let text: string;
  if (actual === null) text = "実績は現在集計中であり、年度末に確定する見込み。";
  else if (actual === 0) text = rng.pick(ZERO_NOTES);
  else if (target === null || actual >= target) text = rng.pick(MET_REASONS) + rng.pick(MET_RESULTS);
  else text = rng.pick(SHORT_REASONS) + rng.pick(SHORT_RESULTS);
  if (rng.chance(0.3)) text += rng.pick(NOTE_EXTRAS);
  return text;
}

/** Actuals of earlier years, rising to about the current one; sometimes the current year too, as the table repeats it. */
function seriesOf(rng: Rng, fy: number, current: number): { text: string; values: [number, number][] } {
  const first = Math.max(2019, fy - rng.int(1, 4));
  const last = rng.chance(0.2) ? fy : fy - 1;
  const values: [number, number][] = [];
  for (let year = first; year <= last; year++) values.push([year, Math.round((current * (year - first + 1)) / (fy - first + 1))]);
  const items = values.map(([year, v]) => `R${year === 2019 && rng.chance(0.3) ? "元" : year - 2018}:${v}`);
  return { text: `（${items.join(rng.pick(["、", "、", ","]))}${rng.pick([")", "）"])}`, values };
}

/** Whether a wrapped line may end between text[i - 1] and text[i]: not inside a word or number, not at a space, not before a bullet mark nor before punctuation that may not open a line. */
function canBreak(text: string, i: number): boolean {
  const a = text[i - 1]!;
  const b = text[i]!;
  if (/\s/.test(a) || /\s/.test(b) || /[・･•、。）)」]/.test(b)) return false;
  const word = /[A-Za-z0-9,.Ａ-Ｚａ-ｚ０-９，．]/;
  return !(word.test(a) && word.test(b));
}

/** The nearest position at or before `at` where a line may break; -1 when there is none. */
function breakPoint(text: string, at: number): number {
  for (let i = Math.min(at, text.length - 1); i > 0; i--) if (canBreak(text, i)) return i;
  return -1;
}

/** Wraps text as a PDF export does: fixed width, without breaking words or numbers. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const at = breakPoint(rest, width);
    if (at <= 0) break;
    lines.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  lines.push(rest);
  return lines;
}
