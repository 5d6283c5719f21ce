// The title of each source document, { file: title }, for the citations of every page (sourceRefLinks in
// src/components/format.js); a document the registry (data/sources/sources.csv) does not name is named by its file.
import { queryRows, withDatabase } from "../../loaders/analyze/db.ts";
import { builtParquet } from "../../loaders/publish/site/arrow.ts";

const { rows } = await withDatabase((c) => queryRows(c, `SELECT source_file, coalesce(title, source_file) AS title FROM ${builtParquet("sources")} ORDER BY source_file`));
process.stdout.write(JSON.stringify(Object.fromEntries(rows.map((r) => [r.source_file, r.title]))));
