// Types of source-slug.js for the TypeScript that imports it (loaders/publish/site/source-pages.ts, tests).
export function sourceSlug(file: unknown): string;
