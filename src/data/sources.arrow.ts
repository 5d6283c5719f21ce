// The built sources table (one row per source document) as an Arrow IPC stream for the pages.
import { tableArrow } from "../../loaders/publish/site/arrow.ts";

process.stdout.write(await tableArrow("sources"));
