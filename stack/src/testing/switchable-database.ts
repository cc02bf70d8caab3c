// Fault injection for the "database down" suite: a real database (PGlite or PostgreSQL) behind
// a switch. While switched off, every call fails the way a lost connection does (ECONNREFUSED),
// so the worker's breaker, pause and probe run their real code; switched back on, calls reach
// the same database with everything it had. On PGlite only: it is in-process, with no
// connection to cut; on PostgreSQL the suite cuts a real TCP proxy instead (tcp-proxy.ts).
import type { Database, Transaction } from '@flow/ledger-core';

export interface SwitchableDatabase extends Database {
  down(): void;
  up(): void;
}

function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED (database switched off by the test)'), { code: 'ECONNREFUSED' });
}

export function switchable(database: Database): SwitchableDatabase {
  let available = true;
  const check = () => {
    if (!available) throw connectionRefused();
  };
  return {
    kind: database.kind,
    async query(text, params) {
      check();
      return database.query(text, params);
    },
    async runScript(text) {
      check();
      return database.runScript(text);
    },
    async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
      check();
      return database.transaction(work);
    },
    close: () => database.close(),
    down: () => void (available = false),
    up: () => void (available = true),
  } as SwitchableDatabase;
}
