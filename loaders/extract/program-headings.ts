// Program headings of grant sheets: 「事業名【実施主体】」 titles and 交付金対象事業費 budget lines.
import { resolveLocalGov, type BodyInfo } from "./bodies.ts";
import { NUMBER_SOURCE, parseNumber } from "./numbers.ts";
import { removeSpaces } from "./text.ts";

export interface ProgramTitle {
  program: string;
  /** Bodies named in the bracket, as written; a joint program lists several (神奈川県・横浜市). */
  bodyNames: string[];
}

const TITLE = /^\s*(?<program>[^【】]*?)\s*【(?<bodies>[^【】]+)】\s*$/;
const LOCAL_GOV_NAME = /[都道府県市区町村]$/;

/**
 * Reads a title line such as 「就職氷河期世代就職応援事業【北海道苫小牧市】」. The
 * bracket must name local governments only, so 【カントリーワーク】 or a values
 * line 20【20】 is not a title, nor is a bracket with no program name before it.
 */
export function readProgramTitle(line: string): ProgramTitle | null {
  const m = line.includes("【") ? TITLE.exec(line) : null;
  if (!m?.groups) return null;
  const program = removeSpaces(m.groups.program!);
  if (program.length < 2 || /^[\d,.\s]+$/.test(program)) return null;
  const bodyNames = m.groups.bodies!.split(/[・、,]/).map(removeSpaces).filter(Boolean);
  if (bodyNames.length === 0 || !bodyNames.every((b) => LOCAL_GOV_NAME.test(b))) return null;
  return { program, bodyNames };
}

/**
 * Resolves the bodies of a title. Municipalities are looked up within the
 * prefecture the title names, if any (【神奈川県・横浜市】). Throws BodyError.
 */
export function resolveTitleBodies(bodyNames: readonly string[]): BodyInfo[] {
  const prefecture = bodyNames.find((name) => /[都道府県]$/.test(name) && !/[市区町村]/.test(name)) ?? null;
  return bodyNames.map((name) => resolveLocalGov(name, { prefecture }));
}

const BUDGET = new RegExp(String.raw`交付金対象事業費\s*(?:[（(]\s*合計\s*[）)])?\s*[:：]?\s*(?<amount>${NUMBER_SOURCE})\s*千円`);

/** The amount of a 交付金対象事業費 line in 千円 (text may follow on the same line), or null. */
export function readBudget(line: string): number | null {
  const m = line.includes("交付金対象事業費") ? BUDGET.exec(line) : null;
  return m?.groups ? parseNumber(m.groups.amount!) : null;
}
