// What awaits an analyst's review (loaders/site/review.ts): records the general readers made, and lines no reader read.
import { reviewList } from "../../loaders/site/review.ts";

process.stdout.write(JSON.stringify(await reviewList()));
