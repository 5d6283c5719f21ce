// The extraction report: records per source and the lines not turned into records.
import { extractDefault } from "../../loaders/extract/run.ts";

process.stdout.write(JSON.stringify(extractDefault().report));
