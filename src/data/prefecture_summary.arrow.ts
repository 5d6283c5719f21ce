// The built prefecture_summary table as an Arrow IPC stream for the pages.
import { tableArrow } from "../../loaders/publish/site/arrow.ts";

process.stdout.write(await tableArrow("prefecture_summary"));
