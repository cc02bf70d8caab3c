// Where a `flow` command works, decided the same way for every command:
//   database  FLOW_DATABASE_URL when set; else the running stack's (stack.json in the data
//             folder: PGlite's loopback socket or the server it was started with); else the
//             data folder's PGlite, opened by this process (the stack is stopped).
//   broker    FLOW_AWS_ENDPOINT when set; else the running stack's fauxqs; else, without
//             FLOW_DATABASE_URL, the data folder's fauxqs started by this process on a free
//             loopback port; else AWS (region from FLOW_AWS_REGION / AWS_REGION).
// Whatever a command opens, it closes (`close()`), so the data folder is free for `npm start`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { connectPostgres, migrate, openPglite, type Database } from '@flow/ledger-core';
import { awsClientConfig, createSnsClient, createSqsClient, type AwsConfig } from '@flow/service-kit';
import { readRunningStack, type RunningStack } from '@flow/service-kit/embedded';
import type { FlowConfig } from './config.ts';

export interface DatabaseTarget {
  readonly database: Database;
  /** What it is, for reports: `pglite:<folder>`, or the URL without its password. */
  readonly describe: string;
  close(): Promise<void>;
}

export interface BrokerTarget {
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
  readonly endpoint: string;
  readonly lakeBucket: string;
  close(): Promise<void>;
}

export function runningStackOf(config: FlowConfig): RunningStack | undefined {
  return readRunningStack(config.dataDir);
}

export async function openDatabaseTarget(config: FlowConfig): Promise<DatabaseTarget> {
  const url = config.databaseUrl || runningStackOf(config)?.databaseUrl;
  if (url) {
    const database = connectPostgres({ connectionString: url, poolSize: 2, applicationName: 'flow-cli' });
    return { database, describe: withoutPassword(url), close: () => database.close() };
  }
  // The stack is stopped: its PGlite, migrated as `npm start` always does (a fresh clone's
  // first command finds an empty folder).
  const folder = join(config.dataDir, 'pglite');
  mkdirSync(folder, { recursive: true });
  const database = await openPglite({ dataDir: folder });
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { database, describe: `pglite:${folder}`, close: () => database.close() };
}

export async function openBrokerTarget(config: FlowConfig): Promise<BrokerTarget> {
  const running = runningStackOf(config);
  if (config.aws.endpoint !== undefined || running !== undefined || config.databaseUrl !== '') {
    const aws: AwsConfig = config.aws.endpoint !== undefined || running === undefined
      ? config.aws
      : { endpoint: running.brokerEndpoint, region: running.region };
    return clientsFor(aws, running?.lakeBucket ?? config.lakeBucket, async () => {});
  }
  // The stack is stopped: its fauxqs, from its data folder, for the length of this command.
  mkdirSync(config.dataDir, { recursive: true });
  // Loaded only here: fauxqs is a development dependency, absent from the production image.
  const { startLocalBroker } = await import('@flow/service-kit/local-broker');
  const broker = await startLocalBroker({ dataDir: join(config.dataDir, 'broker'), port: 0, host: '127.0.0.1' });
  return clientsFor({ endpoint: broker.endpoint, region: broker.region }, config.lakeBucket, () => broker.stop());
}

function clientsFor(aws: AwsConfig, lakeBucket: string, stop: () => Promise<void>): BrokerTarget {
  const sns = createSnsClient(aws);
  const sqs = createSqsClient(aws);
  // Path-style addressing on an emulator endpoint (no bucket subdomains on 127.0.0.1).
  const s3 = new S3Client({ ...awsClientConfig(aws), forcePathStyle: aws.endpoint !== undefined });
  return {
    sns, sqs, s3, endpoint: aws.endpoint ?? `aws:${aws.region}`, lakeBucket,
    async close() {
      sns.destroy();
      sqs.destroy();
      s3.destroy();
      await stop();
    },
  };
}

function withoutPassword(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
