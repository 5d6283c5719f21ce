// Types of program-id.js for the TypeScript that imports it (loaders/publish/site/, tests).
/** The columns that name a program. */
interface ProgramKey {
  prefecture_code: unknown;
  body: unknown;
  program: unknown;
}
export function programId(prefectureCode: unknown, body: unknown, program: unknown): string;
export function idOf(row: ProgramKey): string;
export function programHref(row: ProgramKey, base?: string): string;
