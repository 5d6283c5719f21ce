// Types of overview-scale.js for the TypeScript that imports it (loaders/publish/site/overview.ts, tests).
export const DOT_LIMIT: number;
export function logFloor(values: readonly (number | null | undefined)[]): number;
