// The extraction with the project's default inputs, for the site's data loaders.
import { extractAll, type ExtractResult } from "./extract.ts";
import { DATA_DIR } from "./tables.ts";

export function extractDefault(): ExtractResult {
  return extractAll({ sourcesDir: DATA_DIR + "sources", curationDir: DATA_DIR + "curation" });
}
