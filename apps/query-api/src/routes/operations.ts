// `GET /v1/operations` (`flow:admin`): what the console's operations view shows, from what the
// query API can read itself: the outbox backlog and the last batch written. Queue and DLQ depth,
// the last reconciliation and the worker's health live elsewhere (the broker, the worker's health
// port) and are `null` here until the API is given a way to read them.
import { readOutboxStatus } from '@flow/ledger-core';
import { Router } from 'express';
import { QueryParameters } from '../http/query-parameters.ts';
import type { RouteDependencies } from './dependencies.ts';

export function operationsRoutes(dependencies: RouteDependencies): Router {
  const { readDatabase, requireAdmin } = dependencies;
  const router = Router();

  router.get('/v1/operations', requireAdmin, async (request, response) => {
    QueryParameters.of(request, []).finish();
    const outbox = await readOutboxStatus(readDatabase);
    response.json({
      observedAt: new Date().toISOString(),
      outbox,
      queues: null,
      lastReconciliation: null,
      worker: null,
    });
  });

  return router;
}
