// The Lambda's answer to a database outage. The event source cannot pause the way the
// container does, so each record whose batch failed because the database could not serve it
// (unavailable, or credentials rejected) gets a visibility timeout that grows with its receive
// count before it is returned in batchItemFailures. Good messages then take hours, not minutes,
// to use up their receives before the DLQ. Records that failed for their own reason keep the
// queue's visibility and reach the DLQ at the usual pace.
import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { errorFields, type Logger } from '@flow/service-kit';
import {
  redeliveryBackoffFactor, redeliveryVisibilitySecondsFirst, redeliveryVisibilitySecondsMax, visibilityBatchEntriesMax,
} from '../limits.ts';

/** min(60 · 4^(n−1), 43200) seconds for the n-th receive (n < 1 counts as 1). */
export function redeliveryVisibilitySeconds(receiveCount: number): number {
  const exponent = Math.max(0, Math.floor(receiveCount) - 1);
  return Math.min(redeliveryVisibilitySecondsFirst * redeliveryBackoffFactor ** exponent, redeliveryVisibilitySecondsMax);
}

/**
 * The queue URL of an SQS ARN (arn:aws:sqs:region:account:name): on a custom endpoint (fauxqs,
 * LocalStack) `<endpoint>/<account>/<name>`, else the regional AWS endpoint.
 */
export function queueUrlFromArn(arn: string, endpoint?: string): string {
  const [prefix, partition, service, region, account, name] = arn.split(':');
  if (prefix !== 'arn' || service !== 'sqs' || region === undefined || account === undefined || name === undefined) {
    throw new Error(`not an SQS queue ARN: ${arn}`);
  }
  if (endpoint !== undefined && endpoint !== '') return `${endpoint.replace(/\/+$/, '')}/${account}/${name}`;
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${account}/${name}`;
}

export interface DelayedRecord {
  readonly queueUrl: string;
  readonly receiptHandle: string;
  readonly receiveCount: number;
}

/** Sets each record's backoff visibility; failures are logged (the record then keeps its visibility). */
export async function delayRedelivery(sqs: SQSClient, records: readonly DelayedRecord[], logger: Logger): Promise<void> {
  const byQueue = Map.groupBy(records, (record) => record.queueUrl);
  const calls: Promise<void>[] = [];
  for (const [queueUrl, queued] of byQueue) {
    for (let start = 0; start < queued.length; start += visibilityBatchEntriesMax) {
      const entries = queued.slice(start, start + visibilityBatchEntriesMax).map((record, index) => ({
        Id: String(index), ReceiptHandle: record.receiptHandle, VisibilityTimeout: redeliveryVisibilitySeconds(record.receiveCount),
      }));
      calls.push(sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries })).then(
        (output) => {
          for (const failed of output.Failed ?? []) {
            logger.warn('visibility_change_failed', {
              action: 'delay_redelivery', errorCode: failed.Code, senderFault: failed.SenderFault, error: failed.Message,
            });
          }
        },
        (error: unknown) => logger.warn('queue_call_failed', { action: 'delay_redelivery', ...errorFields(error) }),
      ));
    }
  }
  await Promise.all(calls);
}
