// The built outcome_vs_output table as an Arrow IPC stream for the pages.
import { tableArrow } from "../../loaders/publish/site/arrow.ts";

process.stdout.write(await tableArrow("outcome_vs_output"));
