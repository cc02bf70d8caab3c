// `GET /health/live` answers while the process runs; `GET /health/ready` runs the app's
// readiness checks (database reachable, breaker closed…) each within a timeout, and answers 503
// naming the failing checks, so a load balancer stops sending traffic without killing the task.
import { Router } from 'express';

export interface ReadinessCheck {
  readonly name: string;
  /** Resolves when ready; rejects (or throws) with the reason when not. */
  readonly check: () => Promise<void>;
}

export const readinessCheckTimeoutMs = 2_000;

export function healthRoutes(checks: readonly ReadinessCheck[]): Router {
  const router = Router();
  router.get('/health/live', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_request, response) => {
    const results = await Promise.all(checks.map(async ({ name, check }) => [name, await outcomeOf(check)] as const));
    const ready = results.every(([, result]) => result === 'ok');
    response.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks: Object.fromEntries(results) });
  });
  return router;
}

async function outcomeOf(check: () => Promise<void>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${readinessCheckTimeoutMs} ms`)), readinessCheckTimeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}
