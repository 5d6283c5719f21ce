// Types of display-text.js for the TypeScript that imports it (loaders/site/sources.ts, loaders/site/programs.ts, tests).
export function displayText(text: string): string;
export function displayText<T>(text: T): T;
