// The embedded stack's own variables (ports of the three apps and the broker, the data folder,
// PostgreSQL instead of PGlite). Every other FLOW_* variable passes through to the apps, which
// parse it as they do when they run alone.
import { configReader, logLevels, type Environment, type LogLevel } from '@flow/service-kit';

const portBounds = { min: 0, max: 65_535 };

export interface StackConfig {
  /** Folder for PGlite, fauxqs and the secret; created when missing. */
  readonly dataDir: string;
  readonly host: string;
  readonly ingestPort: number;
  readonly queryApiPort: number;
  readonly workerHealthPort: number;
  /** Management ports of `/metrics` (the worker serves it on its health port), loopback only. */
  readonly ingestMetricsPort: number;
  readonly queryApiMetricsPort: number;
  readonly brokerPort: number;
  /** A PostgreSQL server to use instead of PGlite. */
  readonly databaseUrl: string | undefined;
  /** On an empty catalog, register the demo event and account the banner's curl posts to. */
  readonly seedDemo: boolean;
  readonly logLevel: LogLevel;
  /** Loopback port of PGlite's socket (flow, psql); 0 picks a free one. Unused on PostgreSQL. */
  readonly pglitePort?: number;
  /** Period of the recorded reconciliation run; 0 turns the timer off. */
  readonly reconcileIntervalMs?: number;
}

export function readStackConfig(environment: Environment): Readonly<StackConfig> {
  const reader = configReader(environment);
  const config: StackConfig = {
    dataDir: reader.text('FLOW_DATA_DIR', './.flow'),
    // Loopback by default: the embedded secret and the demo data are for this machine only.
    host: reader.text('FLOW_HOST', '127.0.0.1'),
    ingestPort: reader.integer('FLOW_INGEST_PORT', 8081, portBounds),
    queryApiPort: reader.integer('FLOW_QUERY_API_PORT', 8082, portBounds),
    workerHealthPort: reader.integer('FLOW_WORKER_HEALTH_PORT', 8083, portBounds),
    ingestMetricsPort: reader.integer('FLOW_INGEST_METRICS_PORT', 8091, portBounds),
    queryApiMetricsPort: reader.integer('FLOW_QUERY_API_METRICS_PORT', 8092, portBounds),
    brokerPort: reader.integer('FLOW_BROKER_PORT', 4566, portBounds),
    databaseUrl: reader.url('FLOW_DATABASE_URL'),
    seedDemo: reader.boolean('FLOW_SEED_DEMO', true),
    // Quieter than the apps' default so the banner stays readable; FLOW_LOG_LEVEL=info shows all.
    logLevel: reader.oneOf('FLOW_LOG_LEVEL', logLevels, 'warn'),
    pglitePort: reader.integer('FLOW_PGLITE_PORT', 5433, portBounds),
    reconcileIntervalMs: reader.integer('FLOW_RECONCILE_INTERVAL_MS', 0, { min: 0, max: 7 * 24 * 3600 * 1000 }),
  };
  return reader.finish('local stack', config);
}
