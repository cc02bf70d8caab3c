// `GET /v1/operations` (`flow:admin`): what the console's operations view shows, from what the
// query API can read itself: the outbox backlog and the last batch written, and — when it is told
// where (`FLOW_WORKER_HEALTH_URL`) — the worker's readiness, asked with a short timeout. Queue and
// DLQ depth and the last reconciliation live elsewhere (the broker, nothing records the latter yet)
// and are `null` here until the API is given a way to read them.
import { readOutboxStatus } from '@flow/ledger-core';
import { Router } from 'express';
import { QueryParameters } from '../http/query-parameters.ts';
import type { RouteDependencies } from './dependencies.ts';

/** Milliseconds the worker's readiness may take before it counts as unreachable. */
export const workerHealthTimeoutMs = 2_000;

export interface WorkerHealth {
  readonly status: 'ok' | 'unavailable' | 'unreachable';
  /** The worker's own checks, as its `/health/ready` names them; empty when unreachable. */
  readonly checks: Record<string, string>;
}

export function operationsRoutes(dependencies: RouteDependencies, workerHealthUrl?: string): Router {
  const { readDatabase, requireAdmin } = dependencies;
  const router = Router();

  router.get('/v1/operations', requireAdmin, async (request, response) => {
    QueryParameters.of(request, []).finish();
    const [outbox, worker] = await Promise.all([
      readOutboxStatus(readDatabase),
      workerHealthUrl === undefined ? null : askWorker(workerHealthUrl),
    ]);
    response.json({ observedAt: new Date().toISOString(), outbox, queues: null, lastReconciliation: null, worker });
  });

  return router;
}

async function askWorker(baseUrl: string): Promise<WorkerHealth> {
  try {
    const answer = await fetch(new URL('/health/ready', baseUrl), { signal: AbortSignal.timeout(workerHealthTimeoutMs) });
    const body = await answer.json() as { checks?: Record<string, string> };
    return { status: answer.ok ? 'ok' : 'unavailable', checks: body.checks ?? {} };
  } catch {
    return { status: 'unreachable', checks: {} };
  }
}
