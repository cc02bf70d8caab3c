// The narrow database port of Flow: everything the ledger does goes through `query` and
// `transaction`, with the same SQL on PostgreSQL (pg) and on PGlite. Both adapters return
// `date` as "YYYY-MM-DD", `numeric` and `bigint` as decimal strings, `timestamptz` as Date.

export interface QueryResult<Row> {
  readonly rows: Row[];
}

export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
}

export interface ScriptRunner {
  /** Runs a multi-statement SQL script (a migration) with no parameters. */
  runScript(text: string): Promise<void>;
}

export interface Transaction extends Queryable, ScriptRunner {
  /**
   * The rows of `text` in batches of at most `batchRows`, read through a server-side cursor
   * (DECLARE … FETCH), so memory stays bounded by one batch however many rows match. Only in a
   * transaction, where the cursor lives; stopping the iteration early closes the cursor.
   */
  stream<Row = Record<string, unknown>>(text: string, params?: readonly unknown[], batchRows?: number): AsyncIterable<Row[]>;
}

/** A pool's connections right now, for `flow_database_pool_connections`. */
export interface PoolConnections {
  readonly idle: number;
  readonly active: number;
  /** Queries (or transactions) waiting for a connection. */
  readonly waiting: number;
}

export interface Database extends Queryable, ScriptRunner {
  /** Runs `work` in one database transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Which adapter this is, for logs and benchmark reports. */
  readonly kind: 'postgres' | 'pglite';
  /** The pool's connections by state (PGlite: its one connection); absent on wrappers (tests, benchmarks). */
  connections?(): PoolConnections;
}
