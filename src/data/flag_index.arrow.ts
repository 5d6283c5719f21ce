// The flag index of the review page 要確認の事業: one-byte codes per assessment its threshold slider can flag.
import { flagIndexArrow } from "../../loaders/publish/site/flags.ts";

process.stdout.write(await flagIndexArrow());
