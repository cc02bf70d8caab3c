// The query API as an Express app, built from its dependencies and never listening itself
// (docs/style.md §2): start.ts listens, tests drive it with supertest. Ledger reads go to the read
// database (a replica, or the primary when there is none); the catalog admin uses the primary.
import { buildOpenApiDocument } from '@flow/contracts';
import { assertSchemaCurrent, readReplicaLagSeconds, type Database } from '@flow/ledger-core';
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
  type Metrics,
  type RateLimitConfig,
  type ReadinessCheck,
} from '@flow/service-kit';
import express, { type Express, type RequestHandler } from 'express';
import { requireLedgerRead } from './http/branch-access.ts';
import { CursorSeal, cursorSealing } from './http/cursor-seal.ts';
import { translateErrors } from './http/errors.ts';
import type { StatementExportConfig } from './exports/export-format.ts';
import { statementExportDefaults, type ConsoleOidcConfig } from './config.ts';
import { catalogBodyBytesMax, replicaLagSecondsMaxDefault } from './limits.ts';
import { accountRoutes } from './routes/accounts.ts';
import { branchRoutes } from './routes/branches.ts';
import { consoleRoutes } from './routes/console.ts';
import { balanceRoutes } from './routes/balances.ts';
import type { RouteDependencies } from './routes/dependencies.ts';
import { eventRoutes } from './routes/events.ts';
import { operationsRoutes } from './routes/operations.ts';
import { outcomeStreamRoutes } from './routes/outcome-stream.ts';
import { reportRoutes } from './routes/reports.ts';
import { statementRoutePattern, statementRoutes } from './routes/statement.ts';
import { transactionRoutes } from './routes/transactions.ts';

export interface QueryApiDependencies {
  /** Where ledger reads go: a read replica, or the primary itself. */
  readonly readDatabase: Database;
  /** Where the catalog admin reads and writes. */
  readonly primaryDatabase: Database;
  /**
   * The primary as the reader's login, when reads go to a replica: where a read the replica does
   * not have yet falls back (read-your-writes), and then readiness bounds the replica's lag.
   */
  readonly primaryReadDatabase?: Database;
  /** Readiness fails while the replica lags more than this; the default when absent. */
  readonly replicaLagSecondsMax?: number;
  readonly authenticator: Authenticator;
  readonly logger: Logger;
  /** Requests per minute per client address and per token subject; the default when absent. */
  readonly rateLimit?: RateLimitConfig;
  /** Signs and checks page cursors; absent, a random key for this process. */
  readonly cursorKeys?: readonly string[];
  /** Counts and times requests; absent in tests that do not look. */
  readonly metrics?: Metrics;
  /** The business time zone (the console's dates, when a day closed); America/Sao_Paulo when absent. */
  readonly businessTimeZone?: string;
  /** The worker's health port (`http://host:port`), which `GET /v1/operations` asks for readiness. */
  readonly workerHealthUrl?: string | undefined;
  /** The console's OIDC sign-in; absent, the console takes pasted tokens only. */
  readonly consoleOidc?: ConsoleOidcConfig | undefined;
  /** Bank and agreement fields of the statement exports; the defaults when absent. */
  readonly statementExport?: StatementExportConfig;
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
  app.use(requestContext(logger, dependencies.metrics));
  app.use(securityHeaders);
  app.use(healthRoutes(readinessChecks(dependencies), logger));
  app.use(openApiRoutes(() => buildOpenApiDocument('query-api'), 'Flow query API'));
  const businessTimeZone = dependencies.businessTimeZone ?? 'America/Sao_Paulo';
  app.use(consoleRoutes({ businessTimeZone, oidc: dependencies.consoleOidc }));
  const keys = dependencies.cursorKeys ?? [];
  app.use(cursorSealing(keys.length > 0 ? new CursorSeal(keys) : CursorSeal.generated()));

  // Counted by client address before the token is checked, by subject after it.
  // The statement also answers CSV, OFX and CNAB 240: it negotiates Accept itself.
  app.use('/v1', (request, response, next) => {
    if (request.method === 'GET' && statementRoutePattern.test(request.path)) next();
    else requireJsonAccept(request, response, next);
  });
  app.use('/v1', rateLimit(rateLimits, limiter, byAddress, logger));
  const routes: RouteDependencies = {
    readDatabase,
    primaryDatabase,
    ...(dependencies.primaryReadDatabase === undefined ? {} : { primaryReadDatabase: dependencies.primaryReadDatabase }),
    requireRead: chain(requireLedgerRead(authenticator, logger), bySubjectLimit),
    requireAdmin: chain(requireScope(authenticator, 'flow:admin', logger), bySubjectLimit),
    jsonBody: jsonBodyParser(),
    statementExport: dependencies.statementExport ?? statementExportDefaults,
    businessTimeZone,
    logger,
  };
  app.use(transactionRoutes(routes));
  app.use(statementRoutes(routes));
  app.use(balanceRoutes(routes));
  app.use(reportRoutes(routes));
  app.use(eventRoutes(routes));
  app.use(branchRoutes(routes));
  app.use(accountRoutes(routes));
  app.use(outcomeStreamRoutes(routes));
  app.use(operationsRoutes(routes, dependencies.workerHealthUrl));

  app.use(notFound);
  app.use(translateErrors(logger));
  app.use(errorHandler(logger));
  return app;
}

function readinessChecks(dependencies: QueryApiDependencies): ReadinessCheck[] {
  const { readDatabase, primaryReadDatabase } = dependencies;
  const checks: ReadinessCheck[] = [
    { name: 'readDatabase', check: async () => void (await readDatabase.query('select 1')) },
    // Ready only on the schema this code expects: an unmigrated database would answer 500s.
    { name: 'schema', check: () => assertSchemaCurrent(readDatabase) },
  ];
  if (primaryReadDatabase === undefined) return checks;
  const lagSecondsMax = dependencies.replicaLagSecondsMax ?? replicaLagSecondsMaxDefault;
  // Past the bound, statements and reports are too stale: the load balancer takes this task out.
  checks.push({
    name: 'replicaLag',
    check: async () => {
      const lagSeconds = await readReplicaLagSeconds(readDatabase);
      if (lagSeconds > lagSecondsMax) throw new Error(`the read replica lags ${lagSeconds.toFixed(1)} s, over ${lagSecondsMax} s`);
    },
  });
  return checks;
}

/** 415 unless the body is JSON, then parsed within the catalog's body limit. */
function jsonBodyParser(): RequestHandler {
  return chain(requireJsonContent, express.json({ limit: catalogBodyBytesMax }));
}
