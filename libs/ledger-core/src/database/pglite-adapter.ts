// PGlite adapter: PostgreSQL compiled to WASM, in-process, persisted to a data folder (or in
// memory when no folder is given). PGlite has one connection; its transactions are serialized,
// so concurrency tests belong to real PostgreSQL.
// That one connection is one session: whoever runs a statement while another caller's
// transaction is open runs it inside that transaction. In-process callers and the loopback
// socket (pglite-socket.ts) therefore take turns through one session lock, held for a
// statement or for a whole transaction.
import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Transaction } from './port.ts';
import { streamRows } from './server-cursor.ts';

export interface PgliteOptions {
  /** Folder to persist to; in memory when absent. */
  readonly dataDir?: string;
}

/** Turns of the one PGlite session: `acquire` resolves with the function that ends the turn. */
export class SessionLock {
  #tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => turn);
    await previous;
    return release;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/** The PGlite instance and session lock behind a Database this adapter opened (the socket server needs both). */
const sessions = new WeakMap<Database, { readonly pglite: PGlite; readonly lock: SessionLock }>();

export function pgliteSessionOf(database: Database): { readonly pglite: PGlite; readonly lock: SessionLock } | undefined {
  return sessions.get(database);
}

export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  const identity = (value: string) => value;
  const pglite = await PGlite.create(options.dataDir, {
    parsers: { [types.DATE]: identity, [types.INT8]: identity },
  });
  const lock = new SessionLock();
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
    return lock.run(work).finally(() => inFlight--);
  };
  const outside = asTransaction(pglite);
  const database: Database = {
    kind: 'pglite',
    query: (text, params) => counted(() => outside.query(text, params)),
    runScript: (text) => counted(() => outside.runScript(text)),
    transaction: (work) => counted(() => pglite.transaction((tx) => work(asTransaction(tx)))),
    close: () => pglite.close(),
    connections: () => ({ idle: inFlight === 0 ? 1 : 0, active: Math.min(inFlight, 1), waiting: Math.max(inFlight - 1, 0) }),
  };
  sessions.set(database, { pglite, lock });
  return database;
}
