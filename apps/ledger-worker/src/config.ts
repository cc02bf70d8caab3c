// The worker's configuration: FLOW_* variables parsed once into a frozen object, every bad value
// reported at once with its variable's name (docs/style.md §11). README.md lists every variable.
import { ledgerRules, retroWindowDaysMax, type LedgerRules } from '@flow/ledger-core';
import {
  configReader, logLevels, readAwsConfig, readDatabaseConfig, readMetricsConfig,
  type AwsConfig, type MetricsConfig, type ConfigReader, type DatabaseConfig, type Environment, type LogLevel,
} from '@flow/service-kit';
import { limits } from '@flow/contracts';
import {
  batchPostingsDefault, batchPostingsMax, batchStripesDefault, batchStripesMax, batchWaitMsDefault, batchWaitMsMax, batchesInFlightDefault,
  batchesInFlightMax, databasePoolSizeDefault, databaseProbeIntervalMsDefault, outboxSweepAgeMinMs, outboxSweepIntervalMsDefault,
  receiveWaitSecondsDefault, receiveWaitSecondsMax, receivesInFlightDefault, receivesInFlightMax,
  visibilityTimeoutSecondsDefault, visibilityTimeoutSecondsMax, visibilityTimeoutSecondsMin,
} from './limits.ts';

export const serviceName = 'flow-ledger-worker';

export interface WorkerConfig {
  readonly database: DatabaseConfig;
  readonly aws: AwsConfig;
  readonly transactionQueueUrl: string;
  readonly callbackTopicArn: string;
  readonly healthPort: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  readonly rules: LedgerRules;
  readonly receivesInFlight: number;
  readonly batchPostings: number;
  /** Account-hash stripes of an engine batch (the engine's `stripes`). */
  readonly batchStripes: number;
  readonly batchWaitMs: number;
  readonly batchesInFlight: number;
  readonly receiveWaitSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  readonly outboxSweepIntervalMs: number;
  readonly outboxSweepAgeMinMs: number;
  readonly databaseProbeIntervalMs: number;
  readonly migrateOnStart: boolean;
  /** DogStatsD when enabled; `/metrics` is always on the health port (FLOW_METRICS_PORT is not read). */
  readonly metrics: Pick<MetricsConfig, 'dogstatsd' | 'cloudWatch'>;
}

export interface WorkerConfigOptions {
  /** True when the caller supplies the database (the embedded stack's PGlite): no URL needed. */
  readonly databaseInjected?: boolean;
  /**
   * True for the Lambda handler: the SQS event source does the receiving, so no queue URL is
   * needed (the CloudFormation function sets none).
   */
  readonly lambda?: boolean;
}

export function readWorkerConfig(environment: Environment, options: WorkerConfigOptions = {}): Readonly<WorkerConfig> {
  const reader = configReader(environment);
  const config: WorkerConfig = {
    database: readDatabaseConfig(reader, {
      poolSize: databasePoolSizeDefault, readPoolSize: 1, urlRequired: options.databaseInjected !== true,
    }),
    aws: readAwsConfig(reader),
    transactionQueueUrl: reader.url('FLOW_TRANSACTION_QUEUE_URL')
      ?? (options.lambda === true ? '' : requiredProblem(reader, 'FLOW_TRANSACTION_QUEUE_URL')),
    callbackTopicArn: reader.optionalText('FLOW_CALLBACK_TOPIC_ARN', true) ?? '',
    healthPort: reader.integer('FLOW_HEALTH_PORT', 8083, { min: 0, max: 65_535 }),
    host: reader.text('FLOW_HOST', '0.0.0.0'),
    logLevel: reader.oneOf('FLOW_LOG_LEVEL', logLevels, 'info'),
    rules: readRules(reader),
    receivesInFlight: reader.integer('FLOW_RECEIVES_IN_FLIGHT', receivesInFlightDefault, { min: 1, max: receivesInFlightMax }),
    batchPostings: reader.integer('FLOW_BATCH_POSTINGS_MAX', batchPostingsDefault, { min: 1, max: batchPostingsMax }),
    batchStripes: reader.integer('FLOW_BATCH_STRIPES', batchStripesDefault, { min: 1, max: batchStripesMax }),
    batchWaitMs: reader.integer('FLOW_BATCH_WAIT_MS', batchWaitMsDefault, { min: 0, max: batchWaitMsMax }),
    batchesInFlight: reader.integer('FLOW_BATCHES_IN_FLIGHT', batchesInFlightDefault, { min: 1, max: batchesInFlightMax }),
    receiveWaitSeconds: reader.integer('FLOW_RECEIVE_WAIT_SECONDS', receiveWaitSecondsDefault, { min: 0, max: receiveWaitSecondsMax }),
    visibilityTimeoutSeconds: reader.integer('FLOW_VISIBILITY_TIMEOUT_SECONDS', visibilityTimeoutSecondsDefault, {
      min: visibilityTimeoutSecondsMin, max: visibilityTimeoutSecondsMax,
    }),
    outboxSweepIntervalMs: reader.integer('FLOW_OUTBOX_SWEEP_INTERVAL_MS', outboxSweepIntervalMsDefault, { min: 100, max: 3_600_000 }),
    outboxSweepAgeMinMs: reader.integer('FLOW_OUTBOX_SWEEP_AGE_MIN_MS', outboxSweepAgeMinMs, { min: 0, max: 3_600_000 }),
    databaseProbeIntervalMs: reader.integer('FLOW_DATABASE_PROBE_INTERVAL_MS', databaseProbeIntervalMsDefault, { min: 50, max: 600_000 }),
    migrateOnStart: reader.boolean('FLOW_MIGRATE_ON_START', false),
    metrics: readWorkerMetricsConfig(reader),
  };
  return reader.finish(serviceName, config);
}

function requiredProblem(reader: ConfigReader, name: string): string {
  reader.problem(`${name} is required`);
  return '';
}

/** Ledger rules from the environment; each bad value is reported under its own variable. */
function readRules(reader: ConfigReader): LedgerRules {
  const retroWindowDays = reader.integer('FLOW_RETRO_WINDOW_DAYS', 7, { min: 0, max: retroWindowDaysMax });
  const businessTimeZone = reader.text('FLOW_BUSINESS_TIME_ZONE', 'America/Sao_Paulo');
  const autoOpenAccounts = reader.boolean('FLOW_AUTO_OPEN_ACCOUNTS', false);
  const postingAmountLimit = reader.text('FLOW_POSTING_AMOUNT_LIMIT', limits.amountMax);
  const checks: readonly [string, Partial<LedgerRules>][] = [
    ['FLOW_BUSINESS_TIME_ZONE', { businessTimeZone }],
    ['FLOW_POSTING_AMOUNT_LIMIT', { postingAmountLimit }],
  ];
  for (const [name, overrides] of checks) {
    try {
      ledgerRules(overrides);
    } catch (error) {
      reader.problem(`${name}: ${(error as Error).message}`);
    }
  }
  try {
    return ledgerRules({ retroWindowDays, businessTimeZone, autoOpenAccounts, postingAmountLimit });
  } catch {
    return ledgerRules({ retroWindowDays });
  }
}

/** The worker's `/metrics` is on its health port: of the metrics settings it reads only where else they go. */
function readWorkerMetricsConfig(reader: ConfigReader): WorkerConfig['metrics'] {
  const { dogstatsd, cloudWatch } = readMetricsConfig(reader);
  return { dogstatsd, cloudWatch };
}
