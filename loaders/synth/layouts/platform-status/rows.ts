// The platform-status agency rows of each section: <tag> ○取組 and the template of its year cells, per support target,
// repeated once per block of programs.
import type { BodyInfo } from "../../../extract/bodies.ts";
import { municipalityCount } from "../platform.ts";
import {
  bulletsCell,
  coursesCell,
  cumulativeCell,
  eventsCell,
  GLACIAL,
  jointCoursesCell,
  saposteProse,
  simpleCell,
  subsidiesCell,
  supportSystemCell,
  titledCell,
  withParts,
} from "./cells.ts";
import { fig, HTML_LIST, tidy, type AgencyRow, type Cell, type Column, type StatusSheet } from "./sheet.ts";

/** The bodies the rows' tags name. */
export interface Bodies {
  labour: BodyInfo;
  meti: BodyInfo;
  jointTraining: BodyInfo;
  jointNetwork: BodyInfo;
  /** Tag that names the prefecture (<広島県>, or <県>). */
  prefTag: string;
  cities: BodyInfo[];
}

/**
 * The rows of section 1 (不安定な就労状態にある方): the labour bureau's job-centre windows, placement and matching,
 * the prefecture's job centre, the municipalities' own rows, training and subsidies.
 */
export function unstableRows(s: StatusSheet, b: Bodies, block: number): AgencyRow[] {
  return [...windowRows(s, b, block), ...placementRows(s), centreRow(s, b), ...matchingRows(s, b), ...cityRows(s, b, block), ...trainingRows(s, b), grantsRow(s)];
}

/** A row whose tag is the one above it: ○program, its year cells from the template. */
function carry(program: string, cell: (col: Column) => Cell, category = ""): AgencyRow {
  return { category, activity: `○${program}`, agency: null, program, cell };
}

/** One or two job centres' 就職氷河期世代支援窓口 under the labour bureau's tag; the first may restate the 全体KPI figure. */
function windowRows(s: StatusSheet, b: Bodies, block: number): AgencyRow[] {
  const { rng } = s;
  const hw = (city: BodyInfo) => `ハローワーク${city.body.replace(/[市町村区]$/, "")}`;
  const windows = rng.sample(b.cities, Math.min(b.cities.length, rng.int(1, 2)));
  return windows.map((city, i) => {
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
}

/** Restricted and welcoming job offers (running totals), seminars, company fairs and work experience, under the same tag. */
function placementRows(s: StatusSheet): AgencyRow[] {
  const { rng } = s;
  return [
    carry("氷河期世代を対象とした限定求人・歓迎求人の開拓・確保", (col) => cumulativeCell(s, col)),
    carry("各ハローワークにおけるセミナー・ミニ面接会の開催", (col) =>
      simpleCell(s, [{ name: "開催数", unit: "回", base: 500 }, { name: "参加者数", unit: "人", base: 2800 }], col),
    ),
    carry("民間委託による企業説明会や就職面接会の実施、幅広い周知広報の実施による気運の醸成", (col) => eventsCell(s, rng.pick(["オンライン企業説明会", "合同企業説明会", "就職面接会"]), col, null)),
    carry("就労体験を通じた業種・職種の理解の推進のための職場実習・体験の実施", (col) =>
      simpleCell(s, [{ name: "受入可能事業所数", unit: "社", base: 30 }, { name: "参加者数", unit: "人", base: 20 }, ...(col.asOf ? [{ name: "正社員採用", unit: "人", base: 2 }] : [])], col),
    ),
  ];
}

/** The prefecture's job centre: consultations and placements, the うち figure counted in people. */
function centreRow(s: StatusSheet, b: Bodies): AgencyRow {
  const { rng } = s;
  const centre = rng.pick([`${s.platform.reading}しごと館`, `${s.platform.stem}しごとセンター`, `ジョブカフェ${s.platform.reading}`]);
  return {
    category: "",
    activity: `${b.prefTag} ○${centre}における就職支援等`,
    agency: s.prefecture,
    program: `${centre}における就職支援等`,
    cell: (col) => {
      const consult = s.count(700);
      const jobs = withParts(s, "就職件数", s.count(30), "件", [{ label: "正規雇用", share: 0.3 + rng.next() * 0.4 }]);
      // The うち figure is counted in people while the row counts cases (as in the real table).
      const text = `○相談件数${s.num(consult)}件、${jobs.text.replace(/(正規雇用\s*[\d,０-９，]+)件/, "$1人")}`;
      jobs.figs[1]!.unit = "人";
      return s.finish({ text, figs: [fig("相談件数", consult, "件"), ...jobs.figs] }, col);
    },
  };
}

/** Matching: the prefecture's station (registrations and placements with うち breakdowns), the METI bureau's fairs. */
function matchingRows(s: StatusSheet, b: Bodies): AgencyRow[] {
  const { rng } = s;
  return [
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
    {
      category: "",
      activity: "<経済産業局> ○民間事業者に委託して実施する中小企業と就職氷河期世代の者とのマッチング支援",
      agency: b.meti,
      program: "民間事業者に委託して実施する中小企業と就職氷河期世代の者とのマッチング支援",
      cell: (col) => eventsCell(s, rng.pick(["合同企業説明会", "オンライン合同企業説明会"]), col, { name: "事業者数", unit: "社", base: 15 }),
    },
  ];
}

/** One or two municipalities' own rows, a different pair for each block. */
function cityRows(s: StatusSheet, b: Bodies, block: number): AgencyRow[] {
  const rows: AgencyRow[] = [];
  const cityCount = s.rng.int(1, 2);
  for (let i = 0; i < cityCount; i++) rows.push(cityRow(s, b.cities[(block + i) % b.cities.length]!, i));
  return rows;
}

/** Training (evening and e-learning courses, the prefecture's and the agency's courses) and the hiring subsidies. */
function trainingRows(s: StatusSheet, b: Bodies): AgencyRow[] {
  const own = s.prefecture.body.slice(-1);
  return [
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
  ];
}

/** Two subsidies in one activity cell, the first its program; each item of its year cells titled by a subsidy. */
function grantsRow(s: StatusSheet): AgencyRow {
  const { rng } = s;
  const grants = "企業内での実習 (OJT) と座学 (OFF-JT) による訓練機会の提供を行うことで非正規から正規社員の転換を促進する「人材開発支援助成金」の活用";
  return {
    category: "",
    activity: `○${grants} ○非正規雇用労働者の企業内キャリアアップを促進するため、正社員化、処遇改善の取組を実施した事業主に対する「キャリアアップ助成金 (正社員化コース)」の活用`,
    agency: null,
    program: grants,
    cell: (col) =>
      titledCell(s, rng.chance(0.5) ? ["人材開発支援助成金"] : ["人材開発支援助成金", "キャリアアップ助成金 (正社員化コース)"], [{ name: "申請", unit: "件", base: 30 }, { name: "計画", unit: "件", base: 15 }], col),
  };
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

/** The rows of section 2 (長期にわたり無業の状態にある方): the サポステ heading row, its count rows and prose rows. */
export function joblessRows(s: StatusSheet, b: Bodies): AgencyRow[] {
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

/** The rows of section 3 (社会参加に向けた支援を必要とする方), in HTML residue; a municipality's own row at times. */
export function socialRows(s: StatusSheet, b: Bodies, block: number): AgencyRow[] {
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
      cell: (col) => supportSystemCell(s, unit, col),
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

/** The rows of section 4 (対象横断的な取組): publicity and a forum. */
export function crossRows(s: StatusSheet, b: Bodies): AgencyRow[] {
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

/**
 * A section's agency rows, once per block of programs: programsPerBody blocks, the programs of each
 * further block named after a region (…の開催（呉地域）); a municipality's own rows keep their names.
 * Each block opens with a tagged row.
 */
export function blocksOf(b: Bodies, blocks: number, build: (block: number) => AgencyRow[]): AgencyRow[] {
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
