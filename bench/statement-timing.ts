// Where an engine batch spends its time, seen from the client: a Database wrapper that times
// every statement the engine sends (named after its sql/ module), the wait for a connection plus
// BEGIN, the COMMIT (the WAL flush), the JavaScript between statements inside the transaction and
// the engine's work before it (hashing, partitions). Costs two clock reads per statement.
import { performance } from 'node:perf_hooks';
import type { Database, Queryable, Transaction } from '@flow/ledger-core';

/** The engine's statements, recognised by a fragment of their SQL, in the order a batch runs them. */
const statementNames: readonly (readonly [string, string])[] = [
  ['ensure_transaction_partitions', 'ensure-partitions'],
  ['from flow.event', 'find-events'],
  ['from flow.branch', 'find-branches'],
  ['from flow.account as registered', 'find-accounts'],
  ['insert into flow.posting', 'insert-postings'],
  ['from flow.posting', 'find-posting-outcomes'],
  ['pg_advisory_xact_lock', 'lock-accounts'],
  ['insert into flow.account', 'open-accounts'],
  ['insert into flow.transaction', 'insert-transactions'],
  ['insert into flow.balance', 'upsert-balances'],
  ['insert into flow.outbox', 'insert-outbox'],
  ['insert into bench.transaction', 'insert-limit-rows'],
];

export function statementName(sql: string): string {
  for (const [fragment, name] of statementNames) if (sql.includes(fragment)) return name;
  return sql.replace(/\s+/g, ' ').trim().slice(0, 40);
}

/** Phases of a batch that are not one statement. */
export const phaseNames = {
  /** Not measured directly: batch latency minus everything below. */
  beforeTransaction: '(JavaScript before BEGIN: hashing, window)',
  connectAndBegin: '(pool connection + BEGIN)',
  javascriptInTransaction: '(JavaScript between statements)',
  commit: '(COMMIT: WAL flush)',
} as const;

export interface TimeShare {
  readonly name: string;
  /** Times it ran, over all measured batches. */
  readonly count: number;
  /** Mean milliseconds per batch (not per execution). */
  readonly meanMsPerBatch: number;
}

export class StatementClock {
  readonly #totals = new Map<string, { count: number; ms: number }>();
  #batches = 0;
  #recording = false;

  /** Only what happens between start() and stop() is counted (warm-up is not). */
  start(): void {
    this.#recording = true;
  }

  stop(): void {
    this.#recording = false;
  }

  countBatch(): void {
    if (this.#recording) this.#batches += 1;
  }

  add(name: string, ms: number): void {
    if (!this.#recording) return;
    const total = this.#totals.get(name) ?? { count: 0, ms: 0 };
    total.count += 1;
    total.ms += ms;
    this.#totals.set(name, total);
  }

  /** Statements in engine order, then the phases; empty before any measured batch. */
  shares(): TimeShare[] {
    if (this.#batches === 0) return [];
    const order = [...statementNames.map(([, name]) => name), ...Object.values(phaseNames)];
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    return [...this.#totals.entries()]
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([name, { count, ms }]) => ({ name, count, meanMsPerBatch: ms / this.#batches }));
  }
}

async function timed<T>(clock: StatementClock, name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    clock.add(name, performance.now() - started);
  }
}

function timedQueryable(target: Queryable, clock: StatementClock): Queryable['query'] {
  return (text, params) => timed(clock, statementName(text), () => target.query(text, params));
}

/** `database` with every statement and transaction phase reported to `clock`. */
export function timedDatabase(database: Database, clock: StatementClock): Database {
  return {
    kind: database.kind,
    query: timedQueryable(database, clock),
    runScript: (text) => database.runScript(text),
    close: () => database.close(),
    async transaction(work) {
      const called = performance.now();
      let workEnded = 0;
      const result = await database.transaction(async (tx: Transaction) => {
        const workStarted = performance.now();
        clock.add(phaseNames.connectAndBegin, workStarted - called);
        const statements = { ms: 0 };
        const timedTx: Transaction = {
          runScript: (text) => tx.runScript(text),
          stream: (text, params, batchRows) => tx.stream(text, params, batchRows),
          query: async (text, params) => {
            const started = performance.now();
            try {
              return await tx.query(text, params);
            } finally {
              const ms = performance.now() - started;
              statements.ms += ms;
              clock.add(statementName(text), ms);
            }
          },
        };
        try {
          return await work(timedTx);
        } finally {
          workEnded = performance.now();
          clock.add(phaseNames.javascriptInTransaction, workEnded - workStarted - statements.ms);
        }
      });
      clock.add(phaseNames.commit, performance.now() - workEnded);
      return result;
    },
  };
}
