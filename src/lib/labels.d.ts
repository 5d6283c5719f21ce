// Types of labels.js for the TypeScript that imports it (loaders/publish/extracts/excel.ts, tests).
type Labels = Readonly<Record<string, string>>;
export const STATUS_LABELS: Labels;
export const KIND_LABELS: Labels;
export const TOPIC_LABELS: Labels;
export const SUPPORT_TARGET_LABELS: Labels;
export const BODY_LEVEL_LABELS: Labels;
export const COVERAGE_LABELS: Labels;
export const DOCUMENT_KIND_LABELS: Labels;
export const DIRECTION_LABELS: Labels;
export const TARGET_OP_LABELS: Labels;
export const TARGET_OP_NAMES: Labels;
export const AS_OF_BASIS_LABELS: Labels;
export const AGGREGATION_LABELS: Labels;
export const PATTERN_LABELS: Labels;
export const WRITTEN_ON_BASIS_LABELS: Labels;
export const BOOLEAN_LABELS: Readonly<{ true: string; false: string }>;
export const VALUE_LABELS: Readonly<Record<string, Labels>>;
export const RATIO_COLUMNS: readonly string[];
