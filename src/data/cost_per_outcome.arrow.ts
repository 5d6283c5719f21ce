// The built cost_per_outcome table as an Arrow IPC stream for the pages.
import { tableArrow } from "../../loaders/publish/site/arrow.ts";

process.stdout.write(await tableArrow("cost_per_outcome"));
