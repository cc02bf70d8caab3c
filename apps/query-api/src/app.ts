// The query API as an Express app, built from its dependencies and never listening itself
// (docs/style.md §2): start.ts listens, tests drive it with supertest. Ledger reads go to the read
// database (a replica, or the primary when there is none); the catalog admin uses the primary.
import { buildOpenApiDocument } from '@flow/contracts';
import { assertSchemaCurrent, type Database } from '@flow/ledger-core';
import {
  byAddress,
  bySubject,
  chain,
  createRateLimiter,
  errorHandler,
  healthRoutes,
  notFound,
  openApiRoutes,
  requestContext,
  requireJsonAccept,
  requireJsonContent,
  rateLimit,
  rateLimitPerMinuteDefault,
  requireScope,
  securityHeaders,
  type Authenticator,
  type Logger,
  type RateLimitConfig,
} from '@flow/service-kit';
import express, { type Express, type RequestHandler } from 'express';
import { requireLedgerRead } from './http/branch-access.ts';
import { CursorSeal, cursorSealing } from './http/cursor-seal.ts';
import { translateErrors } from './http/errors.ts';
import { catalogBodyBytesMax } from './limits.ts';
import { accountRoutes } from './routes/accounts.ts';
import { branchRoutes } from './routes/branches.ts';
import { balanceRoutes } from './routes/balances.ts';
import type { RouteDependencies } from './routes/dependencies.ts';
import { eventRoutes } from './routes/events.ts';
import { reportRoutes } from './routes/reports.ts';
import { statementRoutes } from './routes/statement.ts';
import { transactionRoutes } from './routes/transactions.ts';

export interface QueryApiDependencies {
  /** Where ledger reads go: a read replica, or the primary itself. */
  readonly readDatabase: Database;
  /** Where the catalog admin reads and writes. */
  readonly primaryDatabase: Database;
  readonly authenticator: Authenticator;
  readonly logger: Logger;
  /** Requests per minute per client address and per token subject; the default when absent. */
  readonly rateLimit?: RateLimitConfig;
  /** Signs and checks page cursors; absent, a random key for this process. */
  readonly cursorKeys?: readonly string[];
}

export function createQueryApiApp(dependencies: QueryApiDependencies): Express {
  const { readDatabase, primaryDatabase, authenticator, logger } = dependencies;
  const rateLimits = dependencies.rateLimit ?? { requestsPerMinute: rateLimitPerMinuteDefault };
  const limiter = createRateLimiter(rateLimits);
  const bySubjectLimit = rateLimit(rateLimits, limiter, bySubject, logger);
  const app = express();
  app.disable('x-powered-by');
  // Repeated parameters arrive as arrays and are refused; no nested objects from `a[b]=c`.
  app.set('query parser', 'simple');
  app.use(requestContext(logger));
  app.use(securityHeaders);
  app.use(healthRoutes([
    { name: 'readDatabase', check: async () => void (await readDatabase.query('select 1')) },
    // Ready only on the schema this code expects: an unmigrated database would answer 500s.
    { name: 'schema', check: () => assertSchemaCurrent(readDatabase) },
  ], logger));
  app.use(openApiRoutes(() => buildOpenApiDocument('query-api'), 'Flow query API'));
  const keys = dependencies.cursorKeys ?? [];
  app.use(cursorSealing(keys.length > 0 ? new CursorSeal(keys) : CursorSeal.generated()));

  // Counted by client address before the token is checked, by subject after it.
  app.use('/v1', requireJsonAccept);
  app.use('/v1', rateLimit(rateLimits, limiter, byAddress, logger));
  const routes: RouteDependencies = {
    readDatabase,
    primaryDatabase,
    requireRead: chain(requireLedgerRead(authenticator, logger), bySubjectLimit),
    requireAdmin: chain(requireScope(authenticator, 'flow:admin', logger), bySubjectLimit),
    jsonBody: jsonBodyParser(),
  };
  app.use(transactionRoutes(routes));
  app.use(statementRoutes(routes));
  app.use(balanceRoutes(routes));
  app.use(reportRoutes(routes));
  app.use(eventRoutes(routes));
  app.use(branchRoutes(routes));
  app.use(accountRoutes(routes));

  app.use(notFound);
  app.use(translateErrors(logger));
  app.use(errorHandler(logger));
  return app;
}

/** 415 unless the body is JSON, then parsed within the catalog's body limit. */
function jsonBodyParser(): RequestHandler {
  return chain(requireJsonContent, express.json({ limit: catalogBodyBytesMax }));
}
