// The platform-status year-cell templates: each writes a cell's free text (counts, うち breakdowns, running totals,
// dated events, remarks) together with the figures a correct reading of it gives.
import { grouped, monthEnd, reiwa } from "../platform.ts";
import { fig, HTML_LIST, tidy, type Cell, type Column, type Fig, type StatusSheet } from "./sheet.ts";

/** A labelled count of a cell, near `base` at Hiroshima's size. */
export interface Label {
  name: string;
  unit: string;
  base: number;
}

/** ○A 12件 ○B 3人 / ○A12件 B3人 / ○A12件、B3人. */
export function simpleCell(s: StatusSheet, labels: Label[], col: Column): Cell {
  const style = s.rng.pick(["items", "inline", "comma"] as const);
  const parts = labels.map((l) => {
    const value = s.count(l.base);
    return { text: `${l.name}${s.space()}${s.num(value)}${s.shown(l.unit)}`, fig: fig(l.name, value, l.unit) };
  });
  const text = style === "items" ? parts.map((p) => `○${p.text}`).join(" ") : `○${parts.map((p) => p.text).join(style === "inline" ? " " : "、")}`;
  return s.finish({ text, figs: parts.map((p) => p.fig) }, col);
}

/** A part of a figure (うち…), as a share of it, with parts of its own. */
export interface Part {
  label: string;
  share: number;
  parts?: Part[];
}

/** A figure with its うち breakdown: 就職決定件数628人 (うち就職氷河期世代270人 (うち正規雇用102人)). */
export function withParts(s: StatusSheet, name: string, value: number, unit: string, parts: Part[]): { text: string; figs: Fig[] } {
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

/** うち就職氷河期世代 at a share, with its own うち正規雇用 when `regular` is given. */
export const GLACIAL = (share: number, regular?: number): Part => ({ label: "就職氷河期世代", share, parts: regular ? [{ label: "正規雇用", share: regular }] : undefined });

/** ○限定求人 79人 歓迎求人1,923人 限定求人424人 歓迎求人4,955人 (R1.8~R6.3累計): the year's figures, then the running totals. */
export function cumulativeCell(s: StatusSheet, col: Column): Cell {
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
export function bulletsCell(s: StatusSheet, heading: string, items: { name: string; unit: string; base: number; parts: Part[] }[], col: Column, remark: boolean): Cell {
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
export function titledCell(s: StatusSheet, titles: string[], labels: Label[], col: Column): Cell {
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
export function eventsCell(s: StatusSheet, event: string, col: Column, extra: Label | null): Cell {
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
export function coursesCell(s: StatusSheet, col: Column): Cell {
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
export function jointCoursesCell(s: StatusSheet, col: Column): Cell {
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
export function subsidiesCell(s: StatusSheet, col: Column): Cell {
  const shift = Math.max(0, col.fy - 2023);
  const note = `${35 + shift}~${55 + shift}歳の申請件数`;
  const a = s.count(260);
  const b = s.count(55);
  const figs = [fig("特定求職者雇用開発助成金", a, "件", { notes: [note] }), fig("トライアル雇用助成金", b, "件", { notes: [note] })];
  return s.finish({ text: `○特定求職者雇用開発助成金${s.num(a)}件・トライアル雇用助成金${s.num(b)}件 【${note}】`, figs }, col);
}

/** Prose of a サポステ with one labelled figure run at its end, the サポステ named after it as a note. */
export function saposteProse(s: StatusSheet, stations: string[], kind: "colon" | "outreach" | "total" | "none", col: Column): Cell {
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

/**
 * The municipalities' support system, in HTML residue: platforms set up, new consultations (the one provisional,
 * dated figure), a sentence of measures, and the support projects by kind.
 */
export function supportSystemCell(s: StatusSheet, unit: string, col: Column): Cell {
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
  return { text: `${HTML_LIST} ${text} `, figs: [fig(`PF設置済${unit}数`, pf, unit), consultFig, ...kinds.figs] };
}
