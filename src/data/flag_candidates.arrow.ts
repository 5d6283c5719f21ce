// The rows of the flag index with what the review page's table, CSV and handout show.
import { flagCandidatesArrow } from "../../loaders/publish/site/flags.ts";

process.stdout.write(await flagCandidatesArrow());
