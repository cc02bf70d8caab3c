// Pauses the consumers while the database cannot serve the worker and resumes them when it
// answers. While paused nothing is received, so receive counts stop growing: a long outage must
// not push good messages to the dead-letter queue. The guard probes with `select 1` every
// `probeIntervalMs`; the first answer resumes (and closes the breaker, which would otherwise
// fail the first batches fast until its reset timeout).
// Rejected credentials (28P01/28000: the RDS secret rotated, and ECS injects the password only
// at task start) pause the same way and call `onFatal` once: the container then stops
// gracefully and exits non-zero so ECS starts a task with the fresh secret. Probing goes on
// meanwhile, so a worker whose `onFatal` does not exit (the embedded stack, tests) resumes if the
// credentials are accepted again.
import type { Database } from '@flow/ledger-core';
import { errorFields, type Logger } from '@flow/service-kit';
import { pauseReasonOf, type PauseReason } from '../batch/database-failure.ts';

export interface DatabaseGuardOptions {
  readonly database: Database;
  readonly probeIntervalMs: number;
  readonly logger: Logger;
  readonly onPause: () => void;
  readonly onResume: () => void | Promise<void>;
  /** Called once, the first time the database rejects the worker's credentials. */
  readonly onFatal: (reason: 'credentials_rejected') => void;
}

export interface DatabaseGuard {
  /** Pauses when `error` says the database cannot serve the worker; other errors are the batch's own. */
  reportFailure(error: unknown): void;
  pause(reason: string, failure?: PauseReason): void;
  isPaused(): boolean;
  stop(): void;
}

export function createDatabaseGuard(options: DatabaseGuardOptions): DatabaseGuard {
  const { database, logger } = options;
  let paused = false;
  let stopped = false;
  let fatalReported = false;
  let timer: NodeJS.Timeout | undefined;

  function pause(reason: string, failure: PauseReason = 'unavailable'): void {
    if (failure === 'credentials_rejected') reportFatal();
    if (paused || stopped) return;
    paused = true;
    logger.warn('consumer_paused', { reason, failure });
    options.onPause();
    scheduleProbe();
  }

  function reportFatal(): void {
    if (fatalReported || stopped) return;
    fatalReported = true;
    logger.error('consumer_paused', { failure: 'credentials_rejected', fatal: true, action: 'restart to read the rotated database secret' });
    options.onFatal('credentials_rejected');
  }

  function scheduleProbe(): void {
    if (stopped) return;
    timer = setTimeout(() => void probe(), options.probeIntervalMs);
  }

  async function probe(): Promise<void> {
    try {
      await database.query('select 1');
    } catch (error) {
      if (pauseReasonOf(error) === 'credentials_rejected') reportFatal();
      logger.debug('consumer_paused', { probe: 'failed', ...errorFields(error) });
      scheduleProbe();
      return;
    }
    if (stopped) return;
    paused = false;
    logger.info('consumer_resumed', {});
    await options.onResume();
  }

  return {
    reportFailure(error) {
      const failure = pauseReasonOf(error);
      if (failure !== null) pause(error instanceof Error ? error.message : String(error), failure);
    },
    pause,
    isPaused: () => paused,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
