// The container's composition root: wires the database, the engine behind its breaker, the
// batch assembler, the queue consumers, the outbox relay and the health endpoint, and stops
// them in the order that keeps the invariants: stop receiving → finish the batches in flight
// (commit, then delete) → flush the relay → close the pool.
import type { Posting } from '@flow/contracts';
import { createLedgerEngine, migrate, type BatchResult, type Database, type LedgerEngine, type PostingOutcome } from '@flow/ledger-core';
import {
  boundPort, closeServer, createBreaker, createLogger, createMetrics, createSnsClient, createSqsClient,
  listen, poolPasswords, runFromEnvironment, watchBreaker, type Breaker, type Environment, type Logger, type Metrics, type PoolPassword,
} from '@flow/service-kit';
import { createBatchApplier } from './batch/batch-applier.ts';
import { createBatchAssembler } from './batch/batch-assembler.ts';
import { pauseReasonOf } from './consumer/database-failure.ts';
import { readWorkerConfig, serviceName, type WorkerConfig } from './config.ts';
import { createDatabaseGuard } from './consumer/database-guard.ts';
import { connectWorkerDatabase, migrateOnOwnConnection } from './database/worker-database.ts';
import { createQueueConsumers, type StopOptions } from './consumer/queue-consumers.ts';
import { createHealthApp } from './health/health-app.ts';
import { batchTimeoutMs, databaseBreakerResetMs } from './limits.ts';
import { createOutboxRelay, publishOutboxRows } from './relay/outbox-relay.ts';
import { addWorkerSamplers } from './metrics/worker-samplers.ts';

export interface WorkerOverrides {
  /** A database the caller owns (the embedded stack's PGlite): used as is, not closed by stop. */
  readonly database?: Database;
  readonly logger?: Logger;
  /**
   * Called once when the database rejects the worker's credentials (the secret rotated). The
   * worker is paused by then. The container's entry stops it and exits 1 so ECS restarts the
   * task with the new secret; by default nothing more happens (the embedded stack, tests).
   */
  readonly onFatal?: (reason: 'credentials_rejected') => void;
}

export interface RunningWorker {
  readonly healthPort: number;
  /**
   * True when the worker neither receives nor applies anything: it is paused or stopping, and the
   * last long poll of every consumer has ended along with its messages' batches. Tests wait for
   * it rather than for a guessed time.
   */
  quiescent(): boolean;
  /** Idempotent; the long polls in flight are aborted unless `polls: 'finish'` (queue-consumers.ts). */
  stop(options?: StopOptions): Promise<void>;
}

/**
 * The worker's own pool. With FLOW_DATABASE_SECRET_ARN it reads its password from the secret at
 * run time, so a rotation is picked up by the next connection instead of stopping the task.
 */
function connectOwnDatabase(config: Readonly<WorkerConfig>): Database {
  const password: PoolPassword | undefined = poolPasswords(config.database).primary;
  return connectWorkerDatabase({ url: config.database.url, poolSize: config.database.poolSize, ...(password === undefined ? {} : { password }) });
}

export async function startWorker(config: Readonly<WorkerConfig>, overrides: WorkerOverrides = {}): Promise<RunningWorker> {
  const logger = overrides.logger ?? createLogger({ service: serviceName, level: config.logLevel });
  if (config.migrateOnStart) {
    const applied = overrides.database === undefined ? await migrateOnOwnConnection(config.database.migrationUrl) : await migrate(overrides.database);
    logger.info('migrations_applied', { applied });
  }
  // The worker's own pool carries the statement timeout (worker-database.ts). An injected database
  // is the caller's: the embedded stack's PGlite has no statement_timeout to set (see README).
  const database = overrides.database ?? connectOwnDatabase(config);
  const sqs = createSqsClient(config.aws);
  const sns = createSnsClient(config.aws);
  const metrics = createMetrics({ service: 'ledger-worker', logger, dogstatsd: config.metrics.dogstatsd, cloudWatch: config.metrics.cloudWatch });
  const queueGauges = addWorkerSamplers(metrics, { sqs, queueUrl: config.transactionQueueUrl, database });
  const relay = createOutboxRelay({ database, sns, callbackTopicArn: config.callbackTopicArn, logger, sweepIntervalMs: config.outboxSweepIntervalMs,
    sweepAgeMinMs: config.outboxSweepAgeMinMs, metrics,
  });
  const breaker = databaseBreaker(createLedgerEngine({ database, rules: config.rules, stripes: config.batchStripes }), config.batchStripes, logger, metrics);
  const applyBatch = async (postings: readonly Posting[], refused: readonly PostingOutcome[]): Promise<BatchResult> => {
    try {
      const result = await breaker.fire(postings, refused);
      guard.reportSuccess();
      return result;
    } catch (error) {
      guard.reportFailure(error);
      throw error;
    }
  };
  const apply = createBatchApplier({
    applyBatch, batchPostings: config.batchPostings, logger, metrics,
    onCommitted: (result) => void publishOutboxRows(relay, result),
  });
  const assembler = createBatchAssembler({
    apply, batchPostings: config.batchPostings, batchWaitMs: config.batchWaitMs, batchesInFlight: config.batchesInFlight,
  });
  const consumers = createQueueConsumers({
    sqs, queueUrl: config.transactionQueueUrl, count: config.receivesInFlight, receiveWaitSeconds: config.receiveWaitSeconds,
    visibilityTimeoutSeconds: config.visibilityTimeoutSeconds, assembler, logger, onReceived: queueGauges.received,
  });
  const guard = createDatabaseGuard({
    database, probeIntervalMs: config.databaseProbeIntervalMs, logger,
    onFatal: overrides.onFatal ?? (() => undefined),
    onPause: () => consumers.pause(),
    onResume: async () => {
      breaker.close();
      await consumers.resume();
    },
  });
  breaker.on('open', () => guard.pause('database breaker opened'));

  const healthApp = createHealthApp({ database, receiving: () => !guard.isPaused() && consumers.running(), logger, metrics });
  const server = await listen(healthApp, config.healthPort, config.host);
  consumers.start();
  relay.start();
  logger.info('service_started', { healthPort: boundPort(server), database: database.kind, receivesInFlight: config.receivesInFlight });

  let stopping: Promise<void> | undefined;
  const stop = (options?: StopOptions) => (stopping ??= (async () => {
    guard.stop();
    await consumers.stop(options);
    await relay.stop();
    breaker.shutdown();
    await closeServer(server);
    await metrics.close();
    sqs.destroy();
    sns.destroy();
    if (overrides.database === undefined) await database.close();
  })());
  const quiescent = () => !consumers.running() && consumers.idle();
  return { healthPort: boundPort(server), quiescent, stop };
}

/** The engine behind the database breaker, shown as `flow_breaker_open{breaker="database"}`. */
function databaseBreaker(
  engine: LedgerEngine, stripes: number, logger: Logger, metrics: Metrics,
): Breaker<[readonly Posting[], readonly PostingOutcome[]], BatchResult> {
  // A batch in S stripes is S database transactions one after the other: the wait scales with them.
  const breaker = createBreaker((postings: readonly Posting[], refused: readonly PostingOutcome[]) => engine.applyBatch(postings, refused), {
    name: 'database', timeoutMs: batchTimeoutMs * stripes, resetTimeoutMs: databaseBreakerResetMs,
    isHealthyError: (error) => pauseReasonOf(error) === null,
  }, logger);
  watchBreaker(breaker, 'database', metrics);
  return breaker;
}

/**
 * The container entry: parse the environment, start, stop on SIGTERM/SIGINT. Rejected database
 * credentials stop the worker gracefully (batches in flight finish or fail; nothing uncommitted
 * is deleted) and exit 1, so ECS starts a task that reads the rotated secret.
 */
export function runWorkerFromEnvironment(environment: Environment): Promise<RunningWorker> {
  return runFromEnvironment({
    service: serviceName,
    environment,
    readConfig: readWorkerConfig,
    start: (config, logger, exitAfterStop) =>
      startWorker(config, { logger, onFatal: (reason) => exitAfterStop(`database_${reason}`) }),
  });
}
