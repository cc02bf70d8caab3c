// `GET /v1/operations` (`flow:admin`): what the console's operations view shows, from the same
// sources the metrics use: the outbox backlog and the last batch written, the last recorded
// reconciliation run (`flow.reconciliation_run`), and — when it is told where the worker is
// (`FLOW_WORKER_HEALTH_URL`) — the worker's readiness and its queue gauges (messages and oldest
// age of the transaction queue and its dead-letter queue, read from the worker's `/metrics`), each
// asked with a short timeout. What cannot be read is `null`.
import { queryApiParameters, type schemas, type Static } from '@flow/contracts';
import { latestReconciliationRun, readOutboxStatus } from '@flow/ledger-core';
import { Router } from 'express';
import { QueryParameters } from '../http/query-parameters.ts';
import type { RouteDependencies } from './dependencies.ts';

/** Milliseconds the worker's readiness may take before it counts as unreachable. */
export const workerHealthTimeoutMs = 2_000;

/** The worker's readiness: its own checks, as its `/health/ready` names them; empty when unreachable. */
export type WorkerHealth = Static<typeof schemas.WorkerHealth>;

/** A queue's gauges as the worker last sampled them. */
export type QueueFigures = Static<typeof schemas.QueueFigures>;

export function operationsRoutes(dependencies: RouteDependencies, workerHealthUrl?: string): Router {
  const { readDatabase, requireAdmin } = dependencies;
  const router = Router();

  router.get('/v1/operations', requireAdmin, async (request, response) => {
    QueryParameters.of(request, queryApiParameters.getOperations.query).finish();
    const [outbox, run, worker, queues] = await Promise.all([
      readOutboxStatus(readDatabase),
      latestReconciliationRun(readDatabase),
      workerHealthUrl === undefined ? null : askWorker(workerHealthUrl),
      workerHealthUrl === undefined ? null : readQueueGauges(workerHealthUrl),
    ]);
    const lastReconciliation = run === null ? null : {
      finishedAt: run.finishedAt.toISOString(), status: run.status, accountsChecked: run.accountsChecked, differences: run.differences,
    };
    const { unsent, oldestUnsentAt, lastBatchAt } = outbox;
    const body: Static<typeof schemas.Operations> = {
      observedAt: new Date().toISOString(), outbox: { unsent, oldestUnsentAt, lastBatchAt }, queues, lastReconciliation, worker,
    };
    response.json(body);
  });

  return router;
}

const queueSample = /^(flow_queue_messages|flow_queue_oldest_message_age_seconds)\{queue="([^"]+)"\} (\S+)$/;

/** The queue gauges of the worker's `/metrics` (Prometheus text); null when it has none or does not answer. */
async function readQueueGauges(baseUrl: string): Promise<Record<string, QueueFigures> | null> {
  try {
    const answer = await fetch(new URL('/metrics', baseUrl), { signal: AbortSignal.timeout(workerHealthTimeoutMs) });
    if (!answer.ok) return null;
    const queues: Record<string, QueueFigures> = {};
    for (const line of (await answer.text()).split('\n')) {
      const sample = queueSample.exec(line);
      if (sample === null) continue;
      const [, name, queue, value] = sample as unknown as [string, string, string, string];
      const figures = (queues[queue] ??= { messages: 0, oldestAgeSeconds: null });
      if (name === 'flow_queue_messages') figures.messages = Number(value);
      else figures.oldestAgeSeconds = Number(value);
    }
    return Object.keys(queues).length === 0 ? null : queues;
  } catch {
    return null;
  }
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
