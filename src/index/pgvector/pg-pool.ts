import pg from "pg";
import { IndexDatabaseError } from "../../errors.js";

/** Connection settings of the PostgreSQL backend, from config (DATABASE_URL, PG_POOL_MAX, PG_STATEMENT_TIMEOUT_MS, PG_SSL). */
export interface PostgresSettings {
  url: string;
  poolMax: number;
  statementTimeoutMs: number;
  ssl: boolean;
  /** pgvector's `hnsw.ef_search` for this service's queries (HNSW_EF_SEARCH). */
  efSearch: number;
}

/**
 * A connection pool whose every connection gets the statement timeout and the HNSW search settings.
 * `hnsw.iterative_scan` (pgvector >= 0.8) keeps scanning the graph until enough rows pass the
 * metadata filters, so a filtered query still returns k rows.
 */
export function createPool(settings: PostgresSettings, options: { keepIdle?: boolean } = {}): pg.Pool {
  const pool = new pg.Pool({
    // A writer holding a transaction open must never lose its connection to the idle timeout.
    idleTimeoutMillis: options.keepIdle ? 0 : 10_000,
    connectionString: settings.url,
    max: settings.poolMax,
    ssl: settings.ssl ? { rejectUnauthorized: true } : undefined,
    connectionTimeoutMillis: 10_000,
    // A CLI run (ask, eval) ends when its work is done, without an explicit close.
    allowExitOnIdle: true,
    // Awaited before the connection is handed out, so every query runs with these settings.
    onConnect: (client) =>
      client.query(
        `SET statement_timeout = ${Math.trunc(settings.statementTimeoutMs)}; SET hnsw.ef_search = ${Math.trunc(settings.efSearch)}; SET hnsw.iterative_scan = strict_order`,
      ),
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  return pool;
}

const hostOf = (url: string): string => url.replace(/^postgres(?:ql)?:\/\/(?:[^@/]*@)?/, "").replace(/\/.*$/, "");

/** Connects once and makes sure pgvector is installed; the error names the setting to fix. */
export async function checkDatabase(pool: pg.Pool, settings: PostgresSettings): Promise<void> {
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    throw new IndexDatabaseError(
      `Cannot reach the index database at ${hostOf(settings.url)} (DATABASE_URL / PG_CONNECTION_STRING${settings.ssl ? ", PG_SSL=true" : ""}): ${(error as Error).message}. Check the connection string, that the server is up, and PG_SSL.`,
      { cause: error },
    );
  }
  try {
    await pool.query("CREATE EXTENSION IF NOT EXISTS vector");
  } catch (error) {
    throw new IndexDatabaseError(
      `The pgvector extension is missing in the database at ${hostOf(settings.url)} and could not be created (${(error as Error).message}). Run "CREATE EXTENSION vector;" as a privileged user, or enable pgvector in your managed Postgres console (INDEX_BACKEND=pgvector needs it).`,
      { cause: error },
    );
  }
}
