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
  return {
    kind: 'pglite',
    ...asTransaction(pglite),
    transaction: (work) => pglite.transaction((tx) => work(asTransaction(tx))),
    close: () => pglite.close(),
  };
}
