// The worker's health endpoint (no business routes): live while the process runs; ready when
// the database answers `select 1` and the consumers are receiving (not paused, not stopping).
// `GET /metrics` too: the health port is the worker's management port (never public).
import express, { type Express } from 'express';
import { assertSchemaCurrent, type Database } from '@flow/ledger-core';
import { errorHandler, healthRoutes, metricsRoutes, notFound, securityHeaders, type Logger, type Metrics } from '@flow/service-kit';

export interface HealthDependencies {
  readonly database: Database;
  /** True while the consumers receive. */
  readonly receiving: () => boolean;
  /** Where failed readiness checks are logged (the probe itself shows no reasons). */
  readonly logger: Logger;
  /** Served as `GET /metrics` (Prometheus text). */
  readonly metrics?: Metrics;
}

export function createHealthApp(dependencies: HealthDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.use(healthRoutes([
    { name: 'database', check: async () => void (await dependencies.database.query('select 1')) },
    { name: 'schema', check: () => assertSchemaCurrent(dependencies.database) },
    {
      name: 'consumers',
      check: async () => {
        if (!dependencies.receiving()) throw new Error('not receiving (paused or stopping)');
      },
    },
  ], dependencies.logger));
  if (dependencies.metrics !== undefined) app.use(metricsRoutes(dependencies.metrics));
  // Anything else is a JSON 404, like the HTTP apps, never Express's HTML page.
  app.use(notFound);
  app.use(errorHandler(dependencies.logger));
  return app;
}
