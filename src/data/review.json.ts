// What awaits an analyst's review (loaders/publish/site/review-queue.ts): records the general readers made, and lines no reader read.
import { reviewList } from "../../loaders/publish/site/review-queue.ts";

process.stdout.write(JSON.stringify(await reviewList()));
