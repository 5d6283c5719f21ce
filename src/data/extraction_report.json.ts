// The extraction report of the build: records per source and the lines not turned into records.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { siteOutDir } from "../../loaders/publish/site/arrow.ts";

process.stdout.write(readFileSync(join(siteOutDir(), "extraction_report.json")));
