// The Lambda entry (the image's handler): the SQS event source receives, this applies, with the
// container's decode and apply code (consumer/decode-message.ts, batch/batch-applier.ts); then
// the batch's outbox rows are published before returning and a bounded sweep publishes rows
// earlier invocations left unsent. Records that are malformed or whose batch failed come back in
// `batchItemFailures`; the event source deletes the rest. Records that failed because the
// database could not serve them first get a visibility that grows with their receive count
// (redelivery-backoff.ts, beside this file), so an outage of hours does not push them to the
// DLQ. Cold start builds the dependencies once: config from the environment, database
// credentials from Secrets Manager when FLOW_DATABASE_SECRET_ARN is set and no FLOW_DATABASE_USER
// is (service-kit's database-secrets.ts). When the database rejects those credentials (the secret
// rotated), the instance drops its pool and credentials after the invocation, so the next one
// reads the secret again.
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { connectPostgres, createLedgerEngine, type Database, type LedgerRules } from '@flow/ledger-core';
import {
  createLogger, createMetrics, createSnsClient, createSqsClient, databaseSecretCredentials, errorFields, poolPasswords, poolSampler,
  type Environment, type Logger, type Metrics,
} from '@flow/service-kit';
import { createBatchApplier, type EntryResult } from '../batch/batch-applier.ts';
import { pauseReasonOf } from '../consumer/database-failure.ts';
import { decodeQueueMessage, sentAtOf } from '../consumer/decode-message.ts';
import { readWorkerConfig, serviceName } from '../config.ts';
import { delayRedelivery, queueUrlFromArn } from './redelivery-backoff.ts';
import { lambdaPoolSize } from '../limits.ts';
import { outboxSampler } from '../metrics/worker-samplers.ts';
import { createOutboxRelay, publishOutboxRows } from '../relay/outbox-relay.ts';

export interface LambdaDependencies {
  readonly database: Database;
  readonly sns: SNSClient;
  /** Sets the backoff visibility of records that failed because the database could not serve them. */
  readonly sqs: SQSClient;
  /** The records' queue (FLOW_TRANSACTION_QUEUE_URL); when empty, derived from each record's eventSourceARN. */
  readonly transactionQueueUrl?: string;
  /** FLOW_AWS_ENDPOINT, for deriving queue URLs on a local broker. */
  readonly awsEndpoint?: string;
  readonly callbackTopicArn: string;
  readonly rules: LedgerRules;
  readonly batchPostings: number;
  /** Account-hash stripes of an engine batch (the engine's `stripes`); 1 when absent. */
  readonly batchStripes?: number;
  readonly logger: Logger;
  /** Sweep age floor; tests pass 0 to publish every unsent row. */
  readonly sweepAgeMinMs?: number;
  /** Called when the database rejected the credentials (a batch or the sweep failed with 28P01/28000). */
  readonly onCredentialsRejected?: () => void;
  /**
   * The worker's metrics, published at the end of each invocation (DogStatsD to the Datadog
   * extension, gauges in CloudWatch's format): no `/metrics` and no queue gauges here.
   */
  readonly metrics?: Metrics;
}

export type LambdaHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

export function createLambdaHandler(dependencies: LambdaDependencies): LambdaHandler {
  const { database, logger } = dependencies;
  const engine = createLedgerEngine({ database, rules: dependencies.rules, stripes: dependencies.batchStripes });
  const relay = createOutboxRelay({
    database, sns: dependencies.sns, callbackTopicArn: dependencies.callbackTopicArn, logger,
    sweepIntervalMs: Number.MAX_SAFE_INTEGER, sweepAgeMinMs: dependencies.sweepAgeMinMs, metrics: dependencies.metrics,
  });
  const apply = createBatchApplier({
    applyBatch: (postings, refused) => engine.applyBatch(postings, refused),
    batchPostings: dependencies.batchPostings,
    logger,
    metrics: dependencies.metrics,
    onCommitted: (result) => publishOutboxRows(relay, result),
  });

  return async (event) => {
    const decoded = event.Records.map((record) => decodeQueueMessage({
      messageId: record.messageId, body: record.body, receiveCount: Number(record.attributes.ApproximateReceiveCount),
      sentAtMs: sentAtOf(record.attributes as unknown as Record<string, string>),
    }, record, logger));
    const failed: SQSRecord[] = decoded.flatMap((item) => (item.ok ? [] : [item.source]));
    const valid = decoded.flatMap((item) => (item.ok ? [item] : []));
    const results = valid.length === 0 ? [] : await apply(valid.map((item) => item.entry));
    const delayed: SQSRecord[] = [];
    valid.forEach((item, index) => {
      const result = results[index]!;
      if (result.ok) return;
      failed.push(item.source);
      if (pauseReasonOf(result.error) !== null) delayed.push(item.source);
    });
    if (delayed.length > 0) await delayRedelivery(dependencies.sqs, delayed.map((record) => redelivery(record)), logger);
    const sweep = await relay.sweep().catch((error: unknown) => {
      logger.warn('outbox_sweep_failed', errorFields(error));
      return { failure: error };
    });
    if (credentialsRejected(results, sweep.failure)) dependencies.onCredentialsRejected?.();
    await dependencies.metrics?.publish();
    return { batchItemFailures: failed.map((record) => ({ itemIdentifier: record.messageId })) };
  };

  function redelivery(record: SQSRecord) {
    const queueUrl = dependencies.transactionQueueUrl !== undefined && dependencies.transactionQueueUrl !== ''
      ? dependencies.transactionQueueUrl
      : queueUrlFromArn(record.eventSourceARN, dependencies.awsEndpoint);
    return { queueUrl, receiptHandle: record.receiptHandle, receiveCount: Number(record.attributes.ApproximateReceiveCount) };
  }
}

function credentialsRejected(results: readonly EntryResult[], sweepFailure: unknown): boolean {
  return pauseReasonOf(sweepFailure) === 'credentials_rejected'
    || results.some((result) => !result.ok && pauseReasonOf(result.error) === 'credentials_rejected');
}

/** What one cold start built: the handler, how to release it, and whether its credentials went stale. */
export interface LambdaInstance {
  readonly handle: LambdaHandler;
  readonly close: () => Promise<void>;
  readonly credentialsRejected: () => boolean;
}

/**
 * Builds the dependencies on the first invocation and keeps them; after an invocation whose
 * database rejected the credentials, closes them and builds afresh on the next invocation (which
 * reads FLOW_DATABASE_SECRET_ARN again). A failed build is retried on the next invocation.
 */
export function createCachedHandler(initialize: () => Promise<LambdaInstance>): LambdaHandler {
  let current: Promise<LambdaInstance> | undefined;
  return async (event) => {
    const building = current ??= initialize().catch((error: unknown) => {
      current = undefined;
      throw error;
    });
    const instance = await building;
    try {
      return await instance.handle(event);
    } finally {
      if (instance.credentialsRejected() && current === building) {
        current = undefined;
        await instance.close().catch(() => undefined);
      }
    }
  };
}

/** The deployed handler. */
export const handler: LambdaHandler = createCachedHandler(() => initializeLambda(process.env));

/** One instance configured from `environment`, as deployed (exported so a suite can build one with its own variables). */
export async function initializeLambda(environment: Environment): Promise<LambdaInstance> {
  const credentials = await databaseSecretCredentials(environment);
  const config = readWorkerConfig({ ...environment, ...credentials }, { lambda: true });
  const logger = createLogger({ service: serviceName, level: config.logLevel });
  // With the secret, the pool re-reads it after a rejected login and retries, so a rotation
  // normally never reaches `onCredentialsRejected`; that rebuild stays as the backstop.
  const password = poolPasswords(config.database).primary;
  const database = connectPostgres({
    connectionString: config.database.url, poolSize: lambdaPoolSize, applicationName: serviceName, ...password,
  });
  const sns = createSnsClient(config.aws);
  const sqs = createSqsClient(config.aws);
  const metrics = createMetrics({ service: 'ledger-worker', logger, dogstatsd: config.metrics.dogstatsd, cloudWatch: config.metrics.cloudWatch });
  metrics.addSampler(poolSampler(metrics, { primary: database }));
  metrics.addSampler(outboxSampler(metrics, database));
  let rejected = false;
  const handle = createLambdaHandler({
    database, sns, sqs, transactionQueueUrl: config.transactionQueueUrl, awsEndpoint: config.aws.endpoint, metrics,
    callbackTopicArn: config.callbackTopicArn,
    rules: config.rules, batchPostings: config.batchPostings, batchStripes: config.batchStripes, logger,
    onCredentialsRejected: () => {
      rejected = true;
      logger.error('consumer_paused', { failure: 'credentials_rejected', action: 'dropping the pool; the next invocation reads the secret again' });
    },
  });
  return {
    handle,
    credentialsRejected: () => rejected,
    close: async () => {
      await metrics.close();
      sns.destroy();
      sqs.destroy();
      await database.close();
    },
  };
}
