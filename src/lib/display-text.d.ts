// Types of display-text.js for the TypeScript that imports it (loaders/publish/site/source-pages.ts, loaders/publish/site/program-pages.ts, tests).
export function displayText(text: string): string;
export function displayText<T>(text: T): T;
