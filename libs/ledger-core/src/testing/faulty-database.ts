// Fault injection around a real database for the failure suites (the worker's, the stack's
// "database down"): while a fault is set, every query and transaction fails with an error of
// that code — a SQLSTATE such as 28P01 (a rotated secret) or a socket code such as ECONNREFUSED
// (a database that is gone) — the way pg reports it; cleared, the real database answers again.
// Nothing is mocked: the calls that go through reach PGlite or PostgreSQL. It can also slow
// every transaction down. On PostgreSQL, a cut TCP proxy is the stronger test of a lost server.
import type { Database } from '../database/port.ts';

export interface FaultyDatabase {
  readonly database: Database;
  /** Fail every call with this code from now on; null lets calls through again. */
  failWith(code: string | null): void;
  /** Calls refused so far. */
  refused(): number;
  /** Delay every transaction by this many ms before it starts (a slow batch); 0 for none. */
  slowDown(ms: number): void;
}

const faultMessages: Readonly<Record<string, string>> = {
  '28P01': 'password authentication failed for user "flow"',
  '57P01': 'terminating connection due to administrator command',
  ECONNREFUSED: 'connect ECONNREFUSED (database switched off by the test)',
};

/** Wraps `real`; `close()` is a no-op because the test owns the real database. */
export function faultyDatabase(real: Database): FaultyDatabase {
  let fault: string | null = null;
  let refused = 0;
  let delayMs = 0;
  const check = () => {
    if (fault === null) return;
    refused++;
    throw Object.assign(new Error(faultMessages[fault] ?? `injected fault ${fault}`), { code: fault, severity: 'FATAL' });
  };
  const database: Database = {
    kind: real.kind,
    async query(text, params) {
      check();
      return real.query(text, params);
    },
    async runScript(text) {
      check();
      return real.runScript(text);
    },
    async transaction(work) {
      check();
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return real.transaction(work);
    },
    close: async () => undefined,
  };
  return { database, failWith: (code) => void (fault = code), refused: () => refused, slowDown: (ms) => void (delayMs = ms) };
}
