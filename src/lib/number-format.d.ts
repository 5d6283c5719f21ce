// Types of number-format.js for the TypeScript that imports it (loaders/publish/site/source-pages.ts, tests).
export function formatNumber(value: number | null | undefined, unit?: string): string;
export function formatPercent(ratio: number | null | undefined, digits?: number): string;
