// Pauses the consumers while the database cannot serve the worker and resumes them when it
// answers. While paused nothing is received, so receive counts stop growing: a long outage must
// not push good messages to the dead-letter queue. The guard probes with `select 1` every
// `probeIntervalMs`; the first answer resumes (and closes the breaker, which would otherwise
// fail the first batches fast until its reset timeout).
// Resuming backs off: when the first batch after a resume fails again (a database that answers
// `select 1` but not yet a batch, e.g. mid-failover), the next resume waits twice as long as the
// last (from one probe interval up to `resumeDelayMsMax`); a committed batch resets the wait. That
// stops a flapping database from turning into a receive-fail-pause loop that burns receives.
// Rejected credentials (28P01/28000) pause the same way and call `onFatal` once: the container
// then stops gracefully and exits non-zero so ECS starts a task with the fresh secret. With
// FLOW_DATABASE_SECRET_ARN a rotation never gets here: the pool re-reads the secret after a
// rejected login and logs in again (pg-adapter.ts); only a secret the server refuses too, or a
// password given without a secret, still does. Probing goes on
// meanwhile, so a worker whose `onFatal` does not exit (the embedded stack, tests) resumes if the
// credentials are accepted again.
import type { Database } from '@flow/ledger-core';
import { errorFields, type Logger } from '@flow/service-kit';
import { pauseReasonOf, type PauseReason } from './database-failure.ts';
import { resumeDelayMsMax } from '../limits.ts';

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
  /** A batch committed: the next resume after an outage need not wait. */
  reportSuccess(): void;
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
  /** Wait between a successful probe and the resume; 0 until a resume is followed by a failure. */
  let resumeDelayMs = 0;
  /** Resumed, and no batch committed since. */
  let resumedUnproven = false;

  function pause(reason: string, failure: PauseReason = 'unavailable'): void {
    if (failure === 'credentials_rejected') reportFatal();
    if (paused || stopped) return;
    paused = true;
    if (resumedUnproven) resumeDelayMs = Math.min(Math.max(options.probeIntervalMs, resumeDelayMs * 2), resumeDelayMsMax);
    resumedUnproven = false;
    logger.warn('consumer_paused', { reason, failure, resumeDelayMs });
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
    if (resumeDelayMs > 0) await new Promise<void>((resolve) => (timer = setTimeout(resolve, resumeDelayMs)));
    if (stopped) return;
    paused = false;
    resumedUnproven = true;
    logger.info('consumer_resumed', { resumeDelayMs });
    await options.onResume();
  }

  return {
    reportFailure(error) {
      const failure = pauseReasonOf(error);
      if (failure !== null) pause(error instanceof Error ? error.message : String(error), failure);
    },
    reportSuccess() {
      resumedUnproven = false;
      resumeDelayMs = 0;
    },
    pause,
    isPaused: () => paused,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
