// platform_kpi_status writer: a platform's KPI achievement table, shaped like data/sources/004 (Hiroshima).
// Per support target: the title again, the section heading, a 【目標】 line, the 取組概要 header with one
// column per fiscal year, a 全体KPI row (stage targets and the platform's actuals), then agency rows
// (<労働局>, <広島県>, <経済産業局>, <呉市> …) whose year cells state actuals in free text: うち breakdowns,
// as-of markers (R6.12月末現在), running totals (R1.8~R6.3累計), dated events, remarks (※…), HTML residue.
// The sheet and its house style are in platform-status/sheet.ts, the year-cell templates in cells.ts, the agency
// rows in rows.ts, and the sections (targets, rows, how a section is written) in sections.ts.
import type { LayoutContext, LayoutWriter, SynthDoc } from "../types.ts";
import { agencyBodies, asOfIn, localBodiesOf, planSpanOf, platformOf, reiwa } from "./platform.ts";
import type { Bodies } from "./platform-status/rows.ts";
import { sectionsOf, writeSection } from "./platform-status/sections.ts";
import { StatusSheet, type Column } from "./platform-status/sheet.ts";

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
