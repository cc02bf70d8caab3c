// PGlite adapter: PostgreSQL compiled to WASM, in-process, persisted to a data folder (or in
// memory when no folder is given). PGlite has one connection; its transactions are serialized,
// so concurrency tests belong to real PostgreSQL.
import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Transaction } from './port.ts';
import { streamRows } from './server-cursor.ts';

export interface PgliteOptions {
  /** Folder to persist to; in memory when absent. */
  readonly dataDir?: string;
}

export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  const identity = (value: string) => value;
  const pglite = await PGlite.create(options.dataDir, {
    parsers: { [types.DATE]: identity, [types.INT8]: identity },
  });
  const asTransaction = (target: Pick<PGlite, 'query' | 'exec'>): Transaction => {
    const transaction: Transaction = {
      async query<Row>(text: string, params?: readonly unknown[]) {
        const result = await target.query<Row>(text, params as unknown[] | undefined);
        return { rows: result.rows };
      },
      async runScript(text: string) {
        await target.exec(text);
      },
      stream: (text, params, batchRows) => streamRows(transaction, text, params, batchRows),
    };
    return transaction;
  };
  // PGlite runs one statement (or transaction) at a time: the rest wait, as for a pool of one.
  let inFlight = 0;
  const counted = <T>(work: () => Promise<T>): Promise<T> => {
    inFlight++;
    return work().finally(() => inFlight--);
  };
  const connection = asTransaction(pglite);
  return {
    kind: 'pglite',
    query: (text, params) => counted(() => connection.query(text, params)),
    runScript: (text) => counted(() => connection.runScript(text)),
    transaction: (work) => counted(() => pglite.transaction((tx) => work(asTransaction(tx)))),
    close: () => pglite.close(),
    connections: () => ({ idle: inFlight === 0 ? 1 : 0, active: Math.min(inFlight, 1), waiting: Math.max(inFlight - 1, 0) }),
  };
}
