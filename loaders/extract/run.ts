// The extraction with the project's default inputs (data/sources, data/curation).
import { extractAll, type ExtractResult } from "./extract.ts";
import { DATA_DIR } from "./tables.ts";

export function extractDefault(): Promise<ExtractResult> {
  return extractAll({ sourcesDir: DATA_DIR + "sources", curationDir: DATA_DIR + "curation" });
}
