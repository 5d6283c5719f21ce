// The platform-status sections: per support target its 【目標】 line, its 全体KPI targets and its agency rows, and how
// a section is written — the heading, the year header, the 全体KPI row and the agency rows — with its records.
import type { BodyInfo } from "../../../extract/bodies.ts";
import { draft, type Draft } from "../../../extract/parsers/types.ts";
import type { SupportTarget } from "../../../extract/schema.ts";
import { fiscalYearLabel, grouped, municipalityCount, type PlanSpan } from "../platform.ts";
import { blocksOf, crossRows, joblessRows, socialRows, unstableRows, type Bodies } from "./rows.ts";
import { HTML_LIST, type AgencyRow, type Cell, type Column, type Fig, type StatusSheet } from "./sheet.ts";

/** A 全体KPI target and how each year's actual of it is worded. */
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

/** A support target's section of the table. */
export interface Section {
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

/** Section 3's targets: a count of municipalities that have a consultation window, or run the work-readiness project. */
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

/** The sections of the table: each support target with its goal, its 全体KPI targets and its agency rows. */
export function sectionsOf(s: StatusSheet, b: Bodies, span: PlanSpan, blocks: number): Section[] {
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

/** Writes a section: its heading, goal and year header, its 全体KPI row, its agency rows and a blank line. */
export function writeSection(s: StatusSheet, section: Section, cols: Column[], span: PlanSpan, headerStyle: "kanji" | "short" | "wide"): void {
  const { lines } = s;
  lines.push(`${section.number} ${section.heading}`, "");
  const pad = "\t".repeat(cols.length + 1);
  if (section.goal) lines.push(section.goal.firstCell ? `${section.goal.text}${pad}` : `\t${section.goal.text}${"\t".repeat(cols.length)}`);
  lines.push(["", "取組概要", ...cols.map((c) => fiscalYearLabel(c.fy, headerStyle))].join("\t"));
  if (section.targets.length > 0) writeOverallRow(s, section, cols, span);
  writeAgencyRows(s, section, cols);
  lines.push("");
}

/** The items of a 全体KPI cell, ○ each, inside the list residue of an HTML section. */
function overallItems(section: Section, items: string[]): string {
  return section.html ? `${HTML_LIST} ${items.map((i) => `○${i}`).join(" ")} ` : items.map((i) => `○${i}`).join(" ");
}

/** The 全体KPI row: the stage targets, recorded over the stage, then each reported year's actuals. */
function writeOverallRow(s: StatusSheet, section: Section, cols: Column[], span: PlanSpan): void {
  const { rng, lines, drafts } = s;
  const base = { body: s.platform.body, program: section.heading, support_target: section.support };
  const cells = [rng.pick(["全体KPI", "全体KPI", "全体K P I"]), overallItems(section, section.targets.map((t) => t.text))];
  const line = lines.length + 1;
  for (const t of section.targets) {
    // Stage targets run over the stage; without a stage, over the plan's years, which are all columns.
    drafts.push(draft({ ...base, line, kpi_name: t.name, unit: t.unit, period: span.period, target: t.value, target_op: t.gte ? "gte" : "eq" }));
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
      drafts.push(draft({ ...base, line, kpi_name: t.name, unit: t.unit, period: { start: col.fy, end: col.fy }, actual: a.value, actual_as_of: at?.iso ?? null }));
    }
    // An action without a figure beside the counted ones (as the real table has): no record.
    if (section.html && rng.chance(0.4)) items.splice(1, 0, `全${municipalityCount(s.prefecture).unit}の窓口を周知するため、チラシを作成・配布`);
    cells.push(overallItems(section, items));
  }
  lines.push(cells.join("\t"));
}

/** The agency rows: each row's year cells, its figures recorded under the agency of the last tag above. */
function writeAgencyRows(s: StatusSheet, section: Section, cols: Column[]): void {
  let agency: BodyInfo | null = null;
  for (const row of section.rows) {
    if (row.agency) agency = row.agency;
    const line = s.lines.length + 1;
    const cells = [row.category, row.activity];
    for (const col of cols) {
      if (col.future) {
        cells.push("");
        continue;
      }
      const cell = row.cell(col);
      cells.push(cell.text);
      recordCell(s, section, row, agency!, line, col, cell);
    }
    s.lines.push(cells.join("\t"));
  }
}

/**
 * The records of a year cell, each an actual of the column's year (or of its running total's period), a part linked
 * to its whole; a figure restating the row above is no record but a duplicate line.
 */
function recordCell(s: StatusSheet, section: Section, row: AgencyRow, agency: BodyInfo, line: number, col: Column, cell: Cell): void {
  const drafted = new Map<Fig, Draft>();
  for (const f of cell.figs) {
    if (f.restated) {
      s.restated.add(line);
      continue;
    }
    const d = draft({
      line,
      body: agency,
      program: row.program,
      support_target: section.support,
      kpi_name: f.name,
      unit: f.unit,
      period: f.period ?? { start: col.fy, end: col.fy },
      actual: f.value,
      actual_as_of: f.asOf,
      note: f.notes.length > 0 ? f.notes.join("; ") : null,
    });
    s.drafts.push(d);
    drafted.set(f, d);
    if (f.parent) s.parents.set(d, drafted.get(f.parent)!);
  }
}
