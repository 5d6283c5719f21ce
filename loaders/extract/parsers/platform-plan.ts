// platform_plan: a prefecture platform's plan (事業実施計画書). KPIs are sentences under
// 「第4 目標・主な取組及びKPI」, per support target, grouped by stage:
//   1 不安定な就労状態にある方 … (3) 取組に係るKPI … 「第一ステージ」
//   ・正社員就職件数について、3年間で12,500件以上を目指す。
import { BodyError, resolvePlatform, type BodyInfo } from "../bodies.ts";
import { classifySupportTarget } from "../classify.ts";
import { findStage, STAGES, stagePeriod, type Period } from "../fiscal.ts";
import type { SourceDoc } from "../source.ts";
import { removeSpaces, squish } from "../text.ts";
import { UNIT_PATTERN } from "../units.ts";
import { emptyResult, type ParseResult, type Parser } from "./types.ts";
import { FIGURE_NUMBER_SOURCE, isProblem, PROSE_SIGN_SOURCE, readValue, targetOp, type Value, type ValueProblem } from "./values.ts";

const QUANTITY = String.raw`(?:${PROSE_SIGN_SOURCE})?${FIGURE_NUMBER_SOURCE}\s*(?:${UNIT_PATTERN})\s*(?:以上)?`;
/** ・X について、N年間でM件以上を目指す。 */
const STAGE_KPI = new RegExp(String.raw`^[\s\-・]*(?<name>.+?)について[、,]?\s*(?<years>\d+)\s*年間で\s*(?<value>${QUANTITY})\s*を目指す`);
/** …により16,500人以上の正規雇用での就業の増加を目指す。 */
const GOAL = new RegExp(String.raw`(?<value>${QUANTITY})の(?<name>[^、。]+?)を目指す`);
const TARGET_HEADING = /^\s*(\d)\s+(\S.*?(?:方|取組))\s*$/;
const SUBSECTION = /^\s*[(（]\s*(\d)\s*[)）]\s*(.+)$/;
const CHAPTER = /^\s*第\s*(\d+)\s+(.+)$/;
const TOC_ENTRY = /\t\s*\d+\s*$/;
const FORMULA = /\\frac|\$/;

export const platformPlanParser: Parser = {
  kind: "platform_plan",
  name: "parsers/platform-plan",
  score(doc) {
    const text = doc.lines.join("\n");
    if (!/事業実施計画/.test(text) || !/プラットフォーム/.test(text)) return 0;
    return (/ステージ/.test(text) ? 3 : 0) + (/取組に係る\s*K\s*P\s*I/.test(text) ? 5 : 0) + (/目指す/.test(text) ? 1 : 0);
  },
  parse: parsePlatformPlan,
};

function platformName(doc: SourceDoc): string | null {
  for (const line of doc.lines.slice(0, 20)) {
    const quoted = /「([^」]*プラットフォーム)」/.exec(line);
    if (quoted) return quoted[1]!;
  }
  return doc.lines.slice(0, 20).find((l) => /プラットフォーム\s*$/.test(l))?.trim() ?? null;
}

/**
 * Period of a goal sentence: 「第二ステージを含めた取組」 spans both stages; otherwise the stage named
 * last before the figure (「第一ステージの成果を踏まえ、第二ステージの2年間で…」 aims at the second).
 */
function goalPeriod(sentence: string): Period | null {
  if (/第\s*(二|2)\s*ステージを含め/.test(sentence)) return { start: STAGES.first.start, end: STAGES.second.end };
  const named = sentence.match(/第\s*\S\s*ステージ/g);
  const stage = named ? findStage(named[named.length - 1]!) : null;
  return stage ? { ...STAGES[stage] } : null;
}

export function parsePlatformPlan(doc: SourceDoc): ParseResult {
  const result = emptyResult();
  const name = platformName(doc);
  let body: BodyInfo;
  try {
    if (!name) throw new BodyError("no platform name (「…プラットフォーム」) in the first lines");
    body = resolvePlatform(name);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    result.errors.push({ line: 1, reason: error.message });
    return result;
  }
  // Each chapter's title as first written (the table of contents, else the heading), read once:
  // looking it up per line made the parse quadratic in the document's length.
  const chapterTitles = new Map<number, { index: number; text: string }>();
  doc.lines.forEach((l, j) => {
    const m = CHAPTER.exec(l);
    if (m && !chapterTitles.has(Number(m[1]))) chapterTitles.set(Number(m[1]), { index: j, text: l });
  });
  let chapter = 0;
  let heading: string | null = null;
  let subsection: string | null = null;
  let stage: keyof typeof STAGES | null = null;

  doc.lines.forEach((line, i) => {
    const lineNo = i + 1;
    const account = (reason: string) => result.accounted.set(lineNo, reason);
    const report = (problem: ValueProblem) => (problem.kind === "negative" ? result.skipped : result.errors).push({ line: lineNo, reason: problem.reason });
    if (line.trim() === "") return;
    if (TOC_ENTRY.test(line)) return account("table of contents");
    const ch = CHAPTER.exec(line);
    if (ch) {
      chapter = Number(ch[1]);
      heading = null;
      subsection = null;
      stage = null;
      return account("chapter heading");
    }
    const title = chapterTitles.get(chapter);
    const inKpiChapter = title !== undefined && title.index <= i && /目標/.test(title.text);
    const th = TARGET_HEADING.exec(line);
    if (th) {
      heading = th[2]!;
      subsection = null;
      stage = null;
      return account("support-target heading");
    }
    const sub = SUBSECTION.exec(line);
    if (sub && sub[2]!.length < 30) {
      subsection = removeSpaces(sub[2]!);
      stage = null;
      return account("subsection heading");
    }
    const named = findStage(line);
    if (named && /^\s*「?第.ステージ」?\s*$/.test(line)) {
      stage = named;
      return account("stage heading");
    }
    if (FORMULA.test(line)) return account("formula explaining how the stage targets were set");

    const isKpiSection = inKpiChapter && heading !== null && subsection !== null && /取組に係るKPI/.test(subsection);
    const isGoalSection = inKpiChapter && heading !== null && subsection === "目標";
    const program = heading ?? "";

    if (isKpiSection) {
      const m = STAGE_KPI.exec(line);
      if (!m?.groups) {
        if (/[・]/.test(line) && /目指す/.test(line)) result.skipped.push({ line: lineNo, reason: "KPI stated without a number (nothing to record)" });
        else account("text in the KPI section");
        return;
      }
      const years = Number(m.groups.years);
      const period = stagePeriod(years, { stage });
      const value = readValue(m.groups.value!);
      if (value && isProblem(value)) return report(value);
      if (!period || !value) {
        result.errors.push({ line: lineNo, reason: period ? `cannot read ${m.groups.value}` : `「${years}年間で」 does not fit ${stage ? `the ${stage} stage` : "any stage heading above it"}` });
        return;
      }
      result.drafts.push({
        line: lineNo, body, program, budget_thousand_yen: null,
        support_target: classifySupportTarget(program),
        kpi_name: squish(m.groups.name!), unit: value.unit, period,
        target: value.value, target_op: targetOp(value.op), actual: null, actual_as_of: null, note: null,
      });
      return;
    }
    if (isGoalSection) {
      const m = GOAL.exec(line);
      const read = m?.groups ? readValue(m.groups.value!) : null;
      if (read && isProblem(read)) return report(read);
      const value: Value | null = read;
      const sentence = m ? line.slice(0, m.index + m[0].length) : line;
      const period = goalPeriod(sentence.split("。").pop() ?? sentence);
      if (m?.groups && value && period) {
        result.drafts.push({
          line: lineNo, body, program, budget_thousand_yen: null,
          support_target: classifySupportTarget(program),
          kpi_name: squish(m.groups.name!), unit: value.unit, period,
          target: value.value, target_op: targetOp(value.op), actual: null, actual_as_of: null, note: null,
        });
      } else if (new RegExp(QUANTITY).test(line) && /目指す/.test(line)) {
        result.skipped.push({ line: lineNo, reason: "goal sentence whose figure or period cannot be read" });
      } else account("goal stated without a number");
      return;
    }
    if (/実績/.test(line) && /\d/.test(line)) {
      result.skipped.push({ line: lineNo, reason: "figure quoted in the plan's narrative (situation or footnote), not a KPI of the plan" });
      return;
    }
    account(inKpiChapter ? "description of measures" : "narrative outside the KPI chapter (situation, footnotes)");
  });
  return result;
}
