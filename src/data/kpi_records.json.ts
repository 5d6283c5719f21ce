// Every KPI record as JSON, for the pages.
import { extractDefault } from "../../loaders/extract/run.ts";

process.stdout.write(JSON.stringify(extractDefault().records));
