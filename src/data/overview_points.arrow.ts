// The overview's one dot per KPI: assessments with an achievement, few columns, none above DOT_LIMIT.
import { overviewPoints } from "../../loaders/publish/site/overview.ts";

process.stdout.write(await overviewPoints());
