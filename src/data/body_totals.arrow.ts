// 都道府県比較's table of bodies: body_summary's rows of all KPIs together, with the columns the page shows.
import { bodyTotalsArrow } from "../../loaders/publish/site/comparisons.ts";

process.stdout.write(await bodyTotalsArrow());
