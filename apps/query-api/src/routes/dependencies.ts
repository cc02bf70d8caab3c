// What every route group is built from: the databases and the two scope guards.
import type { Database } from '@flow/ledger-core';
import type { RequestHandler } from 'express';

export interface RouteDependencies {
  /** Reads of the ledger: a read replica, or the primary when there is none. */
  readonly readDatabase: Database;
  /** The catalog admin reads and writes here, so an admin always sees their own change. */
  readonly primaryDatabase: Database;
  /** Guards for `flow:read` and `flow:admin`. */
  readonly requireRead: RequestHandler;
  readonly requireAdmin: RequestHandler;
}
