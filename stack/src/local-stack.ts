// The embedded local stack: the whole of Flow on one machine with no cloud account. PGlite
// (PostgreSQL in WASM) persisted under the data folder replaces RDS; fauxqs (SNS/SQS emulator)
// in-process, persisted under the same folder, replaces AWS messaging with the very topology
// the CloudFormation stacks create. The three apps run in this process, each configured from
// `FLOW_*` variables through its own config parser, exactly as when it runs alone; only the
// database handle is shared, because PGlite has a single connection.
// With FLOW_DATABASE_URL set, the stack uses that PostgreSQL server instead of PGlite. While it
// runs, stack.json in the data folder tells `flow` where everything is (stack-operations.ts).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readIngestConfig, startIngest } from '@flow/ingest';
import { readWorkerConfig, startWorker } from '@flow/ledger-worker';
import { connectPostgres, migrate, openPglite, type Database } from '@flow/ledger-core';
import { readQueryApiConfig, startQueryApi } from '@flow/query-api';
import { reachableHost, type Environment, type LogLevel } from '@flow/service-kit';
import { startLocalBroker, type LocalBroker } from '@flow/service-kit/local-broker';
import { seedDemoCatalog } from './demo-catalog.ts';
import { cursorKeyFileName, readOrCreateSecret } from './local-secret.ts';
import { startStackOperations } from './stack-operations.ts';
import type { StackConfig } from './stack-config.ts';

/** Seconds of each worker long poll under the stack; it bounds how long a stop waits. */
export const localReceiveWaitSeconds = 1;

/** What `npm start` parses (StackConfig), plus what tests and the benchmark pass in directly. */
export interface LocalStackOptions extends Omit<StackConfig, 'databaseUrl' | 'logLevel'> {
  readonly databaseUrl?: string;
  /** Level of the stack's own log lines (the reconcile timer's); the apps read FLOW_LOG_LEVEL. */
  readonly logLevel?: LogLevel;
  /** A database the caller opened (tests, the benchmark) instead of PGlite or `databaseUrl`. */
  readonly database?: Database;
  /** Seconds a received message stays invisible; tests shorten it to see redeliveries sooner. */
  readonly visibilityTimeoutSeconds?: number;
  /** Variables passed on to the apps (retro window, log level, …); defaults to process.env. */
  readonly environment?: Environment;
  /**
   * False: no worker in this process; the caller runs its own against the same broker and
   * database (`npm run bench:e2e --workers N` starts N worker processes). Default true.
   */
  readonly worker?: boolean;
}

/** Loopback with a free port for everything: the end-to-end suites and the benchmark. */
export const freePortsOnLoopback = {
  host: '127.0.0.1',
  ingestPort: 0,
  queryApiPort: 0,
  workerHealthPort: 0,
  ingestMetricsPort: 0,
  queryApiMetricsPort: 0,
  brokerPort: 0,
  pglitePort: 0,
} as const satisfies Partial<LocalStackOptions>;

export interface LocalStack {
  readonly ingestUrl: string;
  readonly queryApiUrl: string;
  /** Null when the stack was started without its worker (`worker: false`). */
  readonly workerHealthUrl: string | null;
  /** `GET /metrics` of each service (the worker's on its health port; null without the worker). */
  readonly metricsUrls: { readonly ingest: string; readonly queryApi: string; readonly worker: string | null };
  readonly broker: LocalBroker;
  readonly database: Database;
  /** What `flow` and `psql` connect to: PGlite's loopback socket, or the PostgreSQL server ('' for an injected one). */
  readonly databaseUrl: string;
  readonly secret: string;
  readonly demoSeeded: boolean;
  /** Stops in dependency order: intake first, then the worker (finishing its batch), then the rest. */
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const secret = readOrCreateSecret(dataDir);
  const ownsDatabase = options.database === undefined;
  const database = options.database ?? (await openDatabase(options, dataDir));
  const stops: (() => Promise<void>)[] = [];
  try {
    await migrate(database);
    const demoSeeded = options.seedDemo ? await seedDemoCatalog(database) : false;
    const broker = await startLocalBroker({
      dataDir: join(dataDir, 'broker'), port: options.brokerPort, host: options.host,
      ...(options.visibilityTimeoutSeconds === undefined ? {} : { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds }),
    });
    stops.push(() => broker.stop());
    const given = options.environment ?? process.env;
    const urls = await startApps(options, { database, broker, secret, dataDir, given }, stops);
    // Operator chores (issue 13): PGlite's socket, the lake bucket, stack.json, the reconcile timer.
    const operations = await startStackOperations({
      dataDir, host: options.host, database, databaseUrl: options.databaseUrl, broker, urls, pglitePort: options.pglitePort ?? 0,
      reconcileIntervalMs: options.reconcileIntervalMs ?? 0, logLevel: options.logLevel ?? 'warn',
    });
    stops.push(() => operations.stop());
    return {
      ...urls,
      databaseUrl: operations.databaseUrl,
      broker,
      database,
      secret,
      demoSeeded,
      async stop() {
        await stopAll(stops);
        if (ownsDatabase) await database.close();
      },
    };
  } catch (error) {
    await stopAll(stops);
    if (ownsDatabase) await database.close();
    throw error;
  }
}

type AppUrls = Pick<LocalStack, 'ingestUrl' | 'queryApiUrl' | 'workerHealthUrl' | 'metricsUrls'>;

interface AppInputs {
  readonly database: Database;
  readonly broker: LocalBroker;
  readonly secret: string;
  readonly dataDir: string;
  readonly given: Environment;
}

/** The three apps, each configured from FLOW_* variables as when it runs alone; their stops are pushed in start order. */
async function startApps(
  options: LocalStackOptions, { database, broker, secret, dataDir, given }: AppInputs, stops: (() => Promise<void>)[],
): Promise<AppUrls> {
  const shared: Environment = {
    ...given,
    // Short long polls (the AWS default is 20 s): a poll a stop aborts hides little for long.
    FLOW_RECEIVE_WAIT_SECONDS: given.FLOW_RECEIVE_WAIT_SECONDS ?? String(localReceiveWaitSeconds),
    FLOW_HOST: options.host,
    FLOW_AWS_ENDPOINT: broker.endpoint,
    FLOW_AWS_REGION: broker.region,
    FLOW_JWT_SECRET: secret,
    FLOW_JWKS_URL: undefined,
    // The management ports answer on loopback only, whatever FLOW_HOST says.
    FLOW_METRICS_HOST: '127.0.0.1',
  };
  const worker = options.worker === false ? null : await startWorker(readWorkerConfig({
    ...shared, FLOW_HEALTH_PORT: String(options.workerHealthPort),
    FLOW_TRANSACTION_QUEUE_URL: broker.transactionQueueUrl, FLOW_CALLBACK_TOPIC_ARN: broker.callbackTopicArn,
  }, { databaseInjected: true }), { database });
  if (worker !== null) stops.push(() => worker.stop());
  const workerUrl = worker === null ? null : `http://${reachableHost(options.host)}:${worker.healthPort}`;
  const queryApi = await startQueryApi(readQueryApiConfig({
    ...shared, FLOW_PORT: String(options.queryApiPort), FLOW_METRICS_PORT: String(options.queryApiMetricsPort),
    FLOW_WORKER_HEALTH_URL: workerUrl ?? undefined,
    FLOW_CURSOR_KEYS: given.FLOW_CURSOR_KEYS ?? readOrCreateSecret(dataDir, cursorKeyFileName),
  }, { databaseInjected: true }), { database });
  stops.push(() => queryApi.stop());
  const ingest = await startIngest(
    // A single posting's 202 names its status on this query API (Location), unless the caller set another.
    readIngestConfig({ FLOW_QUERY_API_PUBLIC_URL: queryApi.url, ...shared,
      FLOW_PORT: String(options.ingestPort), FLOW_METRICS_PORT: String(options.ingestMetricsPort), FLOW_REQUEST_TOPIC_ARN: broker.requestTopicArn }),
  );
  stops.push(() => ingest.stop());
  return {
    ingestUrl: ingest.url,
    queryApiUrl: queryApi.url,
    workerHealthUrl: workerUrl,
    metricsUrls: { ingest: ingest.metricsUrl!, queryApi: queryApi.metricsUrl!, worker: workerUrl === null ? null : `${workerUrl}/metrics` },
  };
}

async function openDatabase(options: LocalStackOptions, dataDir: string): Promise<Database> {
  if (options.databaseUrl !== undefined) {
    return connectPostgres({ connectionString: options.databaseUrl, poolSize: 10, applicationName: 'flow-local-stack' });
  }
  return openPglite({ dataDir: join(dataDir, 'pglite') });
}

/** Newest first: ingest stops taking requests before the worker drains and the broker goes. */
async function stopAll(stops: readonly (() => Promise<void>)[]): Promise<void> {
  for (const stop of [...stops].reverse()) await stop();
}
