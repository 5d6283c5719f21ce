// Types of status.js for the TypeScript that imports it (tests).
export const ASSESSED: ReadonlySet<string>;
export const SHORT_OF_TARGET: ReadonlySet<string>;
export const IN_PROGRESS: ReadonlySet<string>;
export const OWES_EXPLANATION: ReadonlySet<string>;
export function isInProgress(status: unknown): boolean;
export function judgedRatio(a: { status: unknown; pace?: number | null; achievement?: number | null }): number | null | undefined;
