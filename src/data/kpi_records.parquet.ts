// Every KPI record as zstd Parquet, for download.
import { extractDefault } from "../../loaders/extract/run.ts";
import { parquetBytes } from "../../loaders/io/write.ts";

const { records } = extractDefault();
process.stdout.write(await parquetBytes(records));
