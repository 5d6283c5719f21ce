// Implementing bodies → prefecture, JIS code, local-government code and level,
// from the dated reference tables in data/reference/.
import type { BodyLevel } from "./schema.ts";
import { readDataTable } from "./data-tables.ts";
import { removeSpaces } from "./text.ts";

export interface BodyInfo {
  body: string;
  body_code: string | null;
  body_level: BodyLevel;
  prefecture: string;
  prefecture_code: string;
}

interface LocalGov {
  code: string;
  prefecture_code: string;
  prefecture: string;
  prefecture_ruby: string;
  name: string;
  level: BodyLevel;
}

const LOCAL_GOVS = readDataTable("reference/local_governments.csv") as unknown as LocalGov[];
const PREFECTURES = LOCAL_GOVS.filter((g) => g.level === "prefecture");
const BY_NAME = new Map<string, LocalGov[]>();
for (const gov of LOCAL_GOVS) {
  if (gov.level === "prefecture") continue;
  BY_NAME.set(gov.name, [...(BY_NAME.get(gov.name) ?? []), gov]);
}
const METI_BUREAU = new Map(readDataTable("reference/regional_bureaus.csv").map((r) => [r.prefecture!, r.meti_bureau!]));
const AGENCY_TAGS = readDataTable("reference/agency_tags.csv");

export class BodyError extends Error {}

/**
 * Whether a local government administers its area: the six villages of the Northern Territories (北方領土, codes
 * 01695x–01700x: 色丹村, 泊村, 留夜別村, 留別村, 紗那村, 蘂取村) have codes but no administration, so no program.
 */
export function isAdministered(code: string | null): boolean {
  const head = Number(code?.slice(0, 5));
  return !(head >= 1695 && head <= 1700);
}

/** Every local government of a prefecture as a body, the prefecture first, in code order. */
export function localGovernmentsOf(prefectureCode: string): BodyInfo[] {
  const pref = PREFECTURES.find((p) => p.prefecture_code === prefectureCode);
  if (!pref) throw new BodyError(`unknown prefecture code ${JSON.stringify(prefectureCode)}`);
  return LOCAL_GOVS.filter((g) => g.prefecture_code === prefectureCode).map((g) => fromGov(g, pref));
}

/** 兵庫県 → 兵庫, 東京都 → 東京, 北海道 stays. */
function stem(prefecture: string): string {
  return prefecture === "北海道" ? prefecture : prefecture.replace(/[都府県]$/, "");
}

/** ひょうごけん → ひょうご; the reading platforms use in names (ひろしまプラットフォーム). */
function rubyStem(ruby: string): string {
  return ruby.replace(/(けん|ふ|と)$/, "");
}

export function prefectureByName(name: string): LocalGov | null {
  return PREFECTURES.find((p) => p.name === name) ?? null;
}

/** The prefecture a free text names, by full name, stem (兵庫) or reading (ひろしま); null when none or several. */
export function findPrefectureIn(text: string): LocalGov | null {
  const compact = removeSpaces(text);
  const full = PREFECTURES.filter((p) => compact.includes(p.name));
  if (full.length === 1) return full[0]!;
  const hits = PREFECTURES.filter((p) => compact.includes(stem(p.name)) || compact.includes(rubyStem(p.prefecture_ruby)));
  return hits.length === 1 ? hits[0]! : null;
}

function fromGov(gov: LocalGov, prefecture: LocalGov): BodyInfo {
  return { body: gov.name, body_code: gov.code, body_level: gov.level, prefecture: prefecture.name, prefecture_code: prefecture.prefecture_code };
}

/**
 * Resolves a local government named in a document (神戸市, 兵庫県, 北海道苫小牧市).
 * A name shared by several prefectures (府中市) needs the prefecture hint.
 */
export function resolveLocalGov(name: string, hint?: { prefecture?: string | null }): BodyInfo {
  const compact = removeSpaces(name);
  const pref = prefectureByName(compact);
  if (pref) return fromGov(pref, pref);
  let candidates = BY_NAME.get(compact) ?? [];
  let prefix: LocalGov | undefined;
  if (candidates.length === 0) {
    prefix = PREFECTURES.find((p) => compact.startsWith(p.name) && BY_NAME.has(compact.slice(p.name.length)));
    if (prefix) candidates = (BY_NAME.get(compact.slice(prefix.name.length)) ?? []).filter((g) => g.prefecture === prefix!.name);
  }
  if (candidates.length > 1 && hint?.prefecture) candidates = candidates.filter((g) => g.prefecture === hint.prefecture);
  // 北海道泊村 shares its name with a village of the Northern Territories, which runs no program
  if (candidates.length > 1) candidates = candidates.filter((g) => isAdministered(g.code));
  if (candidates.length === 0) throw new BodyError(`unknown local government ${JSON.stringify(name)}`);
  if (candidates.length > 1) throw new BodyError(`ambiguous local government ${JSON.stringify(name)}: ${candidates.map((g) => g.prefecture).join(", ")}`);
  const gov = candidates[0]!;
  return fromGov(gov, prefectureByName(gov.prefecture)!);
}

/** A prefecture's support platform (プラットフォーム) as a body. */
export function resolvePlatform(name: string): BodyInfo {
  const pref = findPrefectureIn(name);
  if (!pref) throw new BodyError(`cannot tell the prefecture of platform ${JSON.stringify(name)}`);
  return { body: removeSpaces(name), body_code: null, body_level: "platform", prefecture: pref.name, prefecture_code: pref.prefecture_code };
}

/**
 * Resolves an agency tag of a platform status table (<労働局>, <経済産業局>, <広島市>)
 * within the platform's prefecture. A joint tag (<広島県・機構>) stays as written, level other.
 */
export function resolveAgencyTag(tag: string, prefectureName: string): BodyInfo {
  const compact = removeSpaces(tag);
  const pref = prefectureByName(prefectureName);
  if (!pref) throw new BodyError(`unknown prefecture ${JSON.stringify(prefectureName)}`);
  const rule = AGENCY_TAGS.find((r) => r.tag === compact);
  if (rule) {
    const body = rule
      .body!.replace("{prefecture_stem}", stem(pref.name))
      .replace("{prefecture}", pref.name)
      .replace("{meti_bureau}", METI_BUREAU.get(pref.name) ?? "経済産業局");
    if (rule.level === "prefecture") return fromGov(pref, pref);
    return { body, body_code: null, body_level: rule.level as BodyLevel, prefecture: pref.name, prefecture_code: pref.prefecture_code };
  }
  try {
    const gov = resolveLocalGov(compact, { prefecture: pref.name });
    if (gov.prefecture === pref.name) return gov;
  } catch {
    // not a local government of the prefecture: a joint tag, or unknown
  }
  if (/[・、]/.test(compact)) return { body: compact, body_code: null, body_level: "other", prefecture: pref.name, prefecture_code: pref.prefecture_code };
  throw new BodyError(`unknown agency tag <${tag}> in ${pref.name}`);
}

/** Every local government's name. */
const GOV_NAMES: ReadonlySet<string> = new Set(LOCAL_GOVS.map((g) => g.name));
/**
 * The lengths of the names (two characters or more) that start with each character code, longest first: a place
 * whose character starts no name is passed over without a lookup.
 */
const NAME_LENGTHS: ReadonlyMap<number, readonly number[]> = (() => {
  const lengths = new Map<number, Set<number>>();
  for (const name of GOV_NAMES) {
    if (name.length < 2) continue;
    const first = name.charCodeAt(0);
    lengths.set(first, (lengths.get(first) ?? new Set()).add(name.length));
  }
  return new Map([...lengths].map(([first, set]) => [first, [...set].sort((a, b) => b - a)]));
})();

/** The names a text holds, left to right, the longest at each place (as a regex alternation longest-first would). */
function* govNamesIn(text: string): Generator<string> {
  for (let i = 0; i < text.length; i++) {
    const lengths = NAME_LENGTHS.get(text.charCodeAt(i));
    if (lengths === undefined) continue;
    for (const length of lengths) {
      if (length > text.length - i) continue;
      const name = text.slice(i, i + length);
      if (!GOV_NAMES.has(name)) continue;
      yield name;
      i += length - 1;
      break;
    }
  }
}

/**
 * The local government a free text names (a heading, a page title, a document's opening): the first municipality
 * named, looked up within the prefecture named before it if any, else the prefecture; null when it names none, or
 * only a name several prefectures share.
 */
export function findBodyIn(text: string): BodyInfo | null {
  const compact = removeSpaces(text);
  let prefecture: string | null = null;
  for (const name of govNamesIn(compact)) {
    if (prefectureByName(name)) {
      prefecture ??= name;
      continue;
    }
    try {
      return resolveLocalGov(name, { prefecture });
    } catch {
      // a name shared by several prefectures with none named: look further
    }
  }
  return prefecture ? resolveLocalGov(prefecture) : null;
}
