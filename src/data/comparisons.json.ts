// What comparing like with like needs (loaders/publish/site/comparisons.ts): the ranking rule, the prefectures' documents by
// coverage, and the flagged assessments without a reason.
import { comparisons } from "../../loaders/publish/site/comparisons.ts";

process.stdout.write(JSON.stringify(await comparisons()));
