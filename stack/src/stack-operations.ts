// What the embedded stack adds for operators (issue 13), apart from the apps: PGlite on a
// loopback socket (so `flow` and `psql` reach the one in-process database), the lake bucket in
// fauxqs's S3, the running-stack file `<data folder>/stack.json` that `flow` reads, and the
// reconciliation timer (FLOW_RECONCILE_INTERVAL_MS, 0 = off) that records a run like `flow
// reconcile` does. Started after the apps listen, stopped before them.
import { ensureBucket } from '@flow/cli';
import { runReconciliation, servesPgliteSocket, startPgliteSocket, type Database, type PgliteSocket } from '@flow/ledger-core';
import { createLogger, errorFields, type Logger, type LogLevel } from '@flow/service-kit';
import { removeRunningStack, writeRunningStack } from '@flow/service-kit/embedded';
import type { LocalBroker } from '@flow/service-kit/local-broker';
import { S3Client } from '@aws-sdk/client-s3';

/** The embedded lake's bucket; `flow archive` writes there under `npm start`. */
export const localLakeBucket = 'flow-lake';

export interface StackOperationsOptions {
  readonly dataDir: string;
  readonly host: string;
  readonly database: Database;
  /** The PostgreSQL URL the stack was started with; PGlite gets a socket instead. */
  readonly databaseUrl: string | undefined;
  readonly broker: LocalBroker;
  readonly urls: { readonly ingestUrl: string; readonly queryApiUrl: string; readonly workerHealthUrl: string | null };
  /** Port of PGlite's socket; 0 picks a free one. */
  readonly pglitePort: number;
  readonly reconcileIntervalMs: number;
  readonly logLevel: LogLevel;
}

export interface StackOperations {
  /** What `flow` and `psql` connect to: the socket's URL, or the server the stack uses ('' when unknown). */
  readonly databaseUrl: string;
  stop(): Promise<void>;
}

export async function startStackOperations(options: StackOperationsOptions): Promise<StackOperations> {
  const logger = createLogger({ service: 'local-stack', level: options.logLevel });
  const s3 = new S3Client({
    endpoint: options.broker.endpoint, region: options.broker.region, forcePathStyle: true,
    credentials: { accessKeyId: 'flow-local', secretAccessKey: 'flow-local' },
  });
  await ensureBucket(s3, localLakeBucket).finally(() => s3.destroy());
  // A database wrapped by a test (faults injected) has no socket: commands get FLOW_DATABASE_URL there.
  const socket: PgliteSocket | undefined = servesPgliteSocket(options.database)
    ? await startPgliteSocket(options.database, { host: options.host, port: options.pglitePort })
    : undefined;
  const databaseUrl = socket?.url ?? options.databaseUrl ?? '';
  writeRunningStack(options.dataDir, {
    databaseUrl, brokerEndpoint: options.broker.endpoint, region: options.broker.region, lakeBucket: localLakeBucket, ...options.urls,
  });
  const stopTimer = options.reconcileIntervalMs > 0 ? reconcileEvery(options.reconcileIntervalMs, options.database, logger) : async () => {};
  return {
    databaseUrl,
    async stop() {
      removeRunningStack(options.dataDir);
      await stopTimer();
      await socket?.stop();
    },
  };
}

/** Runs a recorded reconciliation every `intervalMs` (never two at once); returns the stop, which waits for a run in flight. */
function reconcileEvery(intervalMs: number, database: Database, logger: Logger): () => Promise<void> {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= runReconciliation(database)
      .then((run) => (run.differences === 0 ? logger.info : logger.warn)('reconciliation_finished', { ...run, trigger: 'timer' }))
      .catch((error: unknown) => logger.error('reconciliation_failed', { ...errorFields(error), trigger: 'timer' }))
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
