// The `flow` command's configuration: the same FLOW_* variables as the services, parsed once.
// Which database, broker and lake a command works on is decided in targets.ts from these and
// from the running-stack file of the data folder.
import { configReader, readAwsConfig, readDatabaseConfig, type AwsConfig, type Environment } from '@flow/service-kit';

export interface FlowConfig {
  /** The embedded stack's data folder (PGlite, fauxqs, secret, stack.json). */
  readonly dataDir: string;
  /** The schema owner's URL (FLOW_DATABASE_URL with the MIGRATION credentials); '' for the embedded database. */
  readonly databaseUrl: string;
  readonly aws: AwsConfig;
  /** The lake's bucket and key prefix (archives). */
  readonly lakeBucket: string;
  readonly lakePrefix: string;
  readonly retroWindowDays: number;
  readonly businessTimeZone: string;
  /** Queue URLs when the deployment names them; otherwise looked up by name on the endpoint. */
  readonly transactionQueueUrl: string | undefined;
  readonly deadLetterQueueUrl: string | undefined;
}

/** The bucket of the embedded stack's lake (fauxqs's S3). */
export const embeddedLakeBucket = 'flow-lake';

export function readFlowConfig(environment: Environment): Readonly<FlowConfig> {
  const reader = configReader(environment);
  const database = readDatabaseConfig(reader, { poolSize: 2, readPoolSize: 1, urlRequired: false });
  const config: FlowConfig = {
    dataDir: reader.text('FLOW_DATA_DIR', './.flow'),
    databaseUrl: database.migrationUrl,
    aws: readAwsConfig(reader),
    lakeBucket: reader.text('FLOW_LAKE_BUCKET', embeddedLakeBucket),
    lakePrefix: reader.text('FLOW_LAKE_PREFIX', 'ledger'),
    retroWindowDays: reader.integer('FLOW_RETRO_WINDOW_DAYS', 7, { min: 0, max: 31 }),
    businessTimeZone: reader.text('FLOW_BUSINESS_TIME_ZONE', 'America/Sao_Paulo'),
    transactionQueueUrl: reader.url('FLOW_TRANSACTION_QUEUE_URL'),
    deadLetterQueueUrl: reader.url('FLOW_DEAD_LETTER_QUEUE_URL'),
  };
  return reader.finish('flow', config);
}
