// Types of csv-guard.js for the TypeScript that imports it (loaders/terminal/output.ts, loaders/publish/extracts/csv.ts,
// loaders/publish/write-files.ts, loaders/extract/review-csv.ts, tests).
export const FORMULA_START_CLASS: string;
export function startsFormula(text: string): boolean;
export function spreadsheetSafe(text: string): string;
export function csvQuoted(text: string): string;
export function csvQuote(text: string): string;
