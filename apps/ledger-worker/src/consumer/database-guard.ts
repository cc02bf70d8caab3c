// Pauses the consumers while the database is unavailable and resumes them when it answers.
// While paused nothing is received, so receive counts stop growing: a long outage must not push
// good messages to the dead-letter queue. The guard probes with `select 1` every
// `probeIntervalMs`; the first answer resumes (and closes the breaker, which would otherwise
// fail the first batches fast until its reset timeout).
import type { Database } from '@flow/ledger-core';
import { errorFields, type Logger } from '@flow/service-kit';
import { pauseReasonOf } from '../batch/database-failure.ts';

export interface DatabaseGuardOptions {
  readonly database: Database;
  readonly probeIntervalMs: number;
  readonly logger: Logger;
  readonly onPause: () => void;
  readonly onResume: () => void | Promise<void>;
}

export interface DatabaseGuard {
  /** Pauses when `error` says the database is unavailable; other errors are the batch's own. */
  reportFailure(error: unknown): void;
  pause(reason: string): void;
  isPaused(): boolean;
  stop(): void;
}

export function createDatabaseGuard(options: DatabaseGuardOptions): DatabaseGuard {
  const { database, logger } = options;
  let paused = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  function pause(reason: string): void {
    if (paused || stopped) return;
    paused = true;
    logger.warn('consumer_paused', { reason });
    options.onPause();
    scheduleProbe();
  }

  function scheduleProbe(): void {
    if (stopped) return;
    timer = setTimeout(() => void probe(), options.probeIntervalMs);
  }

  async function probe(): Promise<void> {
    try {
      await database.query('select 1');
    } catch (error) {
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
      if (pauseReasonOf(error) !== null) pause(error instanceof Error ? error.message : String(error));
    },
    pause,
    isPaused: () => paused,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
