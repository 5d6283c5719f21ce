// Writing helpers the layout writers share: full-width figures, the bodies a document can name, actuals.
import { isAdministered, localGovernmentsOf, type BodyInfo } from "../extract/bodies.ts";
import type { Rng } from "./rng.ts";

/** Digits and commas in full width, as some PDF exports give them (３，２００). */
export function toFullWidth(text: string): string {
  return text.replace(/[0-9,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/**
 * The bodies a document can name by their name alone: a name two administered local governments of the
 * prefecture shared could not be told apart even with the prefecture. (None does today: 北海道's 泊村 shares its
 * name only with a village of the Northern Territories, which the extraction sets aside.)
 */
export function nameableBodies(prefectureCode: string, bodies: readonly BodyInfo[]): BodyInfo[] {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const gov of localGovernmentsOf(prefectureCode).filter((g) => isAdministered(g.body_code))) (seen.has(gov.body) ? shared : seen).add(gov.body);
  return bodies.filter((b) => !shared.has(b.body) && isAdministered(b.body_code));
}

/** An actual against its target: met, exceeded (up to 4×), short, far below half, or zero. */
export function actualFor(rng: Rng, target: number): number {
  const roll = rng.next();
  if (roll < 0.05) return 0;
  if (roll < 0.2) return Math.floor(target * (0.05 + rng.next() * 0.44));
  if (roll < 0.45) return Math.floor(target * (0.5 + rng.next() * 0.49));
  if (roll < 0.55) return target;
  return Math.round(target * (1 + rng.next() * 3));
}
