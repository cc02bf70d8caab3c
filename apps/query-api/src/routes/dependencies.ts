// What every route group is built from: the databases, the two scope guards and the body parser.
import type { Database } from '@flow/ledger-core';
import type { Logger } from '@flow/service-kit';
import type { RequestHandler } from 'express';
import type { StatementExportConfig } from '../exports/export-format.ts';
import type { ReadDatabases } from '../http/read-your-writes.ts';

export interface RouteDependencies extends ReadDatabases {
  /** The catalog admin reads and writes here, so an admin always sees their own change. */
  readonly primaryDatabase: Database;
  /** Guards for ledger reads (`flow:read` and the token's branches) and for `flow:admin`. */
  readonly requireRead: RequestHandler;
  readonly requireAdmin: RequestHandler;
  /** 415 unless JSON, then parses it; mounted after the scope guard, so anonymous bodies are never parsed. */
  readonly jsonBody: RequestHandler;
  /** For what happens after a response has started (an export failing mid-way). */
  readonly logger: Logger;
  /** IANA zone of the business day (`FLOW_BUSINESS_TIME_ZONE`): when a day closed. */
  readonly businessTimeZone: string;
  /** The bank and agreement fields of the statement exports. */
  readonly statementExport: StatementExportConfig;
}
