// The built kpi_assessments table as an Arrow IPC stream for the pages.
import { tableArrow } from "../../loaders/publish/site/arrow.ts";

process.stdout.write(await tableArrow("kpi_assessments"));
