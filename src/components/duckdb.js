// DuckDB-WASM for the SQL page only, served from this site: Framework copies the files named by import.meta.resolve
// from node_modules into the build (docs/offline-framework.md, point 3). The wasm is ~34 MB, so no report
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

// Run before any table is in: nothing may reach the network. DuckDB-WASM would otherwise fetch an extension from
// extensions.duckdb.org the first time a query needs one (read_parquet, JSON, https:// paths), and a visitor's SQL
// could read any URL. lock_configuration keeps a query from turning these back on.
const OFFLINE_SETTINGS = [
  "SET autoinstall_known_extensions = false",
  "SET autoload_known_extensions = false",
  "SET enable_external_access = false",
  "SET lock_configuration = true",
];

/**
 * Starts DuckDB-WASM, offline. Tables are loaded the first time a query names them, each from the bytes of an Arrow
 * IPC stream (Parquet would need an extension that DuckDB-WASM downloads): at national scale the tables are
 * hundreds of megabytes, and most queries need one or two. `tables` maps a table name to a function giving the
 * stream's bytes (or a promise of them); `dateColumns` maps a table name to the columns that are dates, which the
 * Arrow files carry as ISO text, so that the tables have the Parquet extracts' types; `views` maps a view name to
 * its SELECT and the tables it reads.
 */
export async function openDatabase({tables, dateColumns = {}, views = {}}) {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker, {type: "module"});
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule);
  // DECIMAL literals (1.5) and HUGEINT sums come out of Arrow as doubles rather than raw 128-bit words.
  await db.open({query: {castDecimalToDouble: true}});
  const conn = await db.connect();
  for (const statement of OFFLINE_SETTINGS) await conn.query(statement);
  // One load per table or view, however many queries wait for it.
  const loads = new Map();
  const load = (name) => {
    if (!loads.has(name)) {
      // A load that failed (the connection dropped) is tried again by the next query that needs it.
      const loading = (name in views ? createView(name) : loadTable(name)).catch((error) => {
        loads.delete(name);
        throw error;
      });
      loads.set(name, loading);
    }
    return loads.get(name);
  };
  async function loadTable(name) {
    // The whole stream (schema, batches, end marker) in one call.
    await conn.insertArrowFromIPCStream(new Uint8Array(await tables[name]()), {name});
    for (const column of dateColumns[name] ?? []) {
      await conn.query(`ALTER TABLE ${quoteIdent(name)} ALTER ${quoteIdent(column)} TYPE DATE`);
    }
  }
  async function createView(name) {
    await Promise.all(views[name].tables.map(load));
    await conn.query(`CREATE VIEW ${quoteIdent(name)} AS ${views[name].select}`);
  }
  const names = [...Object.keys(tables), ...Object.keys(views)];
  return {
    /** Runs SQL (one or more statements), after loading the tables and views it names; the last result as {columns, rows}. */
    async query(sql) {
      await Promise.all(namedIn(sql, names).map(load));
      return fromArrow(await conn.query(sql));
    },
  };
}

/** The names a SQL text mentions as whole words, in any case: more than it reads at worst (a name in a comment). */
export function namedIn(sql, names) {
  return names.filter((name) => new RegExp(`(?<![\\w$])${name.replace(/[^\w]/g, "")}(?![\\w$])`, "i").test(sql));
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
