// `GET /health/live` answers while the process runs; `GET /health/ready` runs the app's
// readiness checks (database reachable, breaker closed…) each within a timeout, and answers 503
// naming the failing checks, so a load balancer stops sending traffic without killing the task.
// The probe is public, so it says only which check failed; why (host names, user names in
// driver errors) goes to the log.
import { Router } from 'express';
import { errorFields, type Logger } from './logger.ts';

export interface ReadinessCheck {
  readonly name: string;
  /** Resolves when ready; rejects (or throws) with the reason when not. */
  readonly check: () => Promise<void>;
}

export const readinessCheckTimeoutMs = 2_000;

export function healthRoutes(checks: readonly ReadinessCheck[], logger?: Logger): Router {
  const router = Router();
  router.get('/health/live', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_request, response) => {
    const results = await Promise.all(checks.map(async ({ name, check }) => [name, await outcomeOf(name, check, logger)] as const));
    const ready = results.every(([, result]) => result === 'ok');
    response.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks: Object.fromEntries(results) });
  });
  return router;
}

async function outcomeOf(name: string, check: () => Promise<void>, logger: Logger | undefined): Promise<'ok' | 'unavailable'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${readinessCheckTimeoutMs} ms`)), readinessCheckTimeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch (error) {
    logger?.warn('readiness_failed', { check: name, ...errorFields(error) });
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}
