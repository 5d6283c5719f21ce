// What the general readers share: a statement's figures made into a draft, with the checks every statement passes.
import { BodyError, resolveLocalGov, type BodyInfo } from "../bodies.ts";
import type { Period } from "../fiscal.ts";
import type { parseJapaneseQuantity } from "../japanese-numbers.ts";
import { draft, type Draft } from "../parsers/types.ts";
import { negativeReason } from "../parsers/values.ts";
import type { SupportTarget } from "../schema.ts";
import { squish } from "../text.ts";

export type Quantity = NonNullable<ReturnType<typeof parseJapaneseQuantity>>;

/** A target or an actual as a statement gives it, with the cell it stands in when it stands in a table. */
export interface Figure {
  role: "target" | "actual";
  quantity: Quantity;
  locator: string | null;
}

export interface Statement {
  line: number;
  body: BodyInfo;
  program: string;
  support: SupportTarget;
  kpi: string;
  /** The unit a table's 単位 column gives; else the figures'. */
  unit: string | null;
  period: Period;
  figures: Figure[];
  asOf: string | null;
  note: string | null;
}

/** The body a row names, looked up within the context's prefecture; else the context's body. */
export function bodyOf(named: string, fallback: BodyInfo | null): BodyInfo | null {
  if (!named.trim()) return fallback;
  try {
    return resolveLocalGov(named, { prefecture: fallback?.prefecture ?? null });
  } catch (error) {
    if (error instanceof BodyError) return null;
    throw error;
  }
}

/** A statement as a draft, or what keeps it from being one. */
export function draftOf(s: Statement): Draft | string {
  const target = s.figures.find((f) => f.role === "target")?.quantity ?? null;
  const actual = s.figures.find((f) => f.role === "actual")?.quantity ?? null;
  for (const q of [target, actual]) if (q && q.value < 0) return negativeReason(q.value);
  const units = [...new Set([target?.unit, actual?.unit].filter((u): u is string => !!u))];
  if (units.length > 1 && !s.unit) return `target and actual in different units (${units.join(", ")})`;
  // A name wrapped in its cell (正社員<br>就職者数) joins without a space between Japanese characters.
  const kpi = squish(s.kpi).replace(/(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])/g, "");
  if (!kpi) return "no indicator name";
  const bound = target && (target.op === "lte" || target.op === "lt") ? `目標は${target.op === "lte" ? "以下" : "未満"}` : null;
  return draft({
    line: s.line,
    body: s.body,
    program: s.program,
    support_target: s.support,
    kpi_name: kpi,
    unit: s.unit ?? units[0] ?? null,
    period: s.period,
    target: target?.value ?? null,
    target_op: target ? (target.op === "gte" || target.op === "gt" ? target.op : "eq") : null,
    actual: actual?.value ?? null,
    actual_as_of: actual ? asOfWithin(s.asOf, s.period) : null,
    note: [s.note, bound].filter(Boolean).join(" ") || null,
    locator: s.figures.find((f) => f.role === "actual")?.locator ?? s.figures[0]?.locator ?? null,
    target_approximate: target?.approx ?? false,
    actual_approximate: actual?.approx ?? false,
  });
}

/** An as-of date that cuts the period short; a date at or after its end (令和4年度末現在) is a whole period. */
export function asOfWithin(asOf: string | null, period: Period): string | null {
  if (!asOf) return null;
  return asOf >= `${period.start}-04-01` && asOf < `${period.end + 1}-03-31` ? asOf : null;
}
