// DuckDB-WASM for the SQL page only, served from this site: Framework copies the files named by import.meta.resolve
// from node_modules into the build (shared/docs/offline-framework.md, point 3). The wasm is ~34 MB, so no report
// page imports this module.
import * as duckdb from "@duckdb/duckdb-wasm";

const BUNDLES = {
  mvp: {
    mainModule: import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm"),
    mainWorker: import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js"),
  },
  eh: {
    mainModule: import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"),
    mainWorker: import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js"),
  },
};

// Run after the tables are in: nothing may reach the network. DuckDB-WASM would otherwise fetch an extension from
// extensions.duckdb.org the first time a query needs one (read_parquet, JSON, https:// paths), and a visitor's SQL
// could read any URL. lock_configuration keeps a query from turning these back on.
const OFFLINE_SETTINGS = [
  "SET autoinstall_known_extensions = false",
  "SET autoload_known_extensions = false",
  "SET enable_external_access = false",
  "SET lock_configuration = true",
];

/**
 * Starts DuckDB-WASM and loads each table from the bytes of an Arrow IPC stream (Parquet would need an extension
 * that DuckDB-WASM downloads). `tables` maps a table name to the stream's bytes (or a promise of them); `dateColumns`
 * maps a table name to the columns that are dates, which the Arrow files carry as ISO text, so that the tables have
 * the Parquet extracts' types; `views` maps a view name to its SELECT.
 */
export async function openDatabase({tables, dateColumns = {}, views = {}}) {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker, {type: "module"});
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule);
  // DECIMAL literals (1.5) and HUGEINT sums come out of Arrow as doubles rather than raw 128-bit words.
  await db.open({query: {castDecimalToDouble: true}});
  const conn = await db.connect();
  for (const [name, bytes] of Object.entries(tables)) {
    // The whole stream (schema, batches, end marker) in one call.
    await conn.insertArrowFromIPCStream(new Uint8Array(await bytes), {name});
    for (const column of dateColumns[name] ?? []) {
      await conn.query(`ALTER TABLE ${quoteIdent(name)} ALTER ${quoteIdent(column)} TYPE DATE`);
    }
  }
  for (const [name, select] of Object.entries(views)) await conn.query(`CREATE VIEW ${quoteIdent(name)} AS ${select}`);
  for (const statement of OFFLINE_SETTINGS) await conn.query(statement);
  return {
    /** Runs SQL (one or more statements) and returns the last one's result as {columns, rows}. */
    async query(sql) {
      return fromArrow(await conn.query(sql));
    },
    /** The tables and views with their columns and DuckDB types, in name order. */
    async describe() {
      const {rows} = fromArrow(
        await conn.query(`SELECT table_name, column_name, data_type FROM information_schema.columns
          WHERE table_schema = 'main' ORDER BY table_name, ordinal_position`)
      );
      return rows;
    },
  };
}

export function quoteIdent(name) {
  return `"${String(name).replace(/"/g, '""')}"`;
}

/**
 * An Arrow table as {columns: [{name, type}], rows: [plain objects]}: `type` is "number", "string", "boolean",
 * "date" or "other"; 64-bit integers become numbers (or text beyond 2^53), dates ISO text, lists and structs JSON.
 */
export function fromArrow(table) {
  const fields = table.schema.fields;
  const columns = fields.map((field) => ({name: field.name, type: kindOf(field.type)}));
  const vectors = fields.map((_, i) => table.getChildAt(i));
  const rows = [];
  for (let r = 0; r < table.numRows; ++r) {
    const row = {};
    fields.forEach((field, i) => (row[field.name] = toPlain(vectors[i].get(r), columns[i].type, field.type)));
    rows.push(row);
  }
  return {columns, rows};
}

// Arrow's type ids (Schema.fbs), stable across apache-arrow versions; class names are not, once minified.
const NUMBER_TYPES = new Set([2, 3, 7]); // Int, FloatingPoint, Decimal
const STRING_TYPES = new Set([5, 20]); // Utf8, LargeUtf8
const BOOLEAN_TYPE = 6;
const DATE_TYPE = 8;
const TIMESTAMP_TYPE = 10;

function kindOf(type) {
  if (NUMBER_TYPES.has(type.typeId)) return "number";
  if (STRING_TYPES.has(type.typeId)) return "string";
  if (type.typeId === BOOLEAN_TYPE) return "boolean";
  if (type.typeId === DATE_TYPE || type.typeId === TIMESTAMP_TYPE) return "date";
  return "other";
}

function toPlain(value, kind, type) {
  if (value == null) return null;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (kind === "date") {
    const date = value instanceof Date ? value : new Date(Number(value));
    const iso = date.toISOString();
    return type.typeId === DATE_TYPE ? iso.slice(0, 10) : iso.replace("T", " ").replace(/\.000Z$|Z$/, "");
  }
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Uint8Array) return Array.from(value, (b) => b.toString(16).padStart(2, "0")).join("");
  const json = typeof value.toJSON === "function" ? value.toJSON() : value;
  return JSON.stringify(json, (_, v) => (typeof v === "bigint" ? Number(v) : v));
}
