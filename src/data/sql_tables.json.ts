// The SQL page's table list: columns with SQL types and row counts (loaders/publish/site/sql-tables.ts).
import { sqlTables } from "../../loaders/publish/site/sql-tables.ts";

process.stdout.write(JSON.stringify(await sqlTables()));
