// The queue gauges against fauxqs with Flow's topology and no worker consuming: depth of the
// transaction queue and of its dead-letter queue (found from the RedrivePolicy), the transaction
// queue's age from the SentTimestamps received, the dead-letter queue's since it was seen non-empty.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { createLogger, createMetrics, createSqsClient, readAwsConfig, configReader, type Metrics } from '@flow/service-kit';
import { startLocalBroker, type LocalBroker } from '@flow/service-kit/local-broker';
import { createQueueGauges } from './queue-gauges.ts';

const sample = (text: string, queue: string, name: string) => Number(new RegExp(`^${name}\\{queue="${queue}"\\} (\\S+)$`, 'm').exec(text)?.[1]);

describe('queue gauges', () => {
  let broker: LocalBroker;
  let metrics: Metrics;
  beforeEach(async () => {
    broker = await startLocalBroker();
    metrics = createMetrics({ service: 'ledger-worker', logger: createLogger({ service: 'test', level: 'error' }) });
  });
  afterEach(async () => {
    await metrics.close();
    await broker.stop();
  });

  test('depth of both queues, and ages that grow from what was received or first seen', async () => {
    const sqs = createSqsClient(readAwsConfig(configReader({ FLOW_AWS_ENDPOINT: broker.endpoint, FLOW_AWS_REGION: broker.region })));
    let now = Date.now();
    const gauges = createQueueGauges(sqs, broker.transactionQueueUrl, metrics, () => now);
    metrics.addSampler(gauges.sampler);
    let text = (await metrics.exposition()).body;
    for (const queue of ['flow-transaction', 'flow-transaction-dlq']) {
      expect(sample(text, queue, 'flow_queue_messages')).toBe(0);
      expect(sample(text, queue, 'flow_queue_oldest_message_age_seconds')).toBe(0);
    }
    await sqs.send(new SendMessageCommand({ QueueUrl: broker.transactionQueueUrl, MessageBody: '{}' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: broker.deadLetterQueueUrl, MessageBody: '{}' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: broker.deadLetterQueueUrl, MessageBody: '{}' }));
    gauges.received([now - 5_000, now - 2_000]);
    text = (await metrics.exposition()).body;
    expect(sample(text, 'flow-transaction', 'flow_queue_messages')).toBe(1);
    expect(sample(text, 'flow-transaction', 'flow_queue_oldest_message_age_seconds')).toBe(5);
    expect(sample(text, 'flow-transaction-dlq', 'flow_queue_messages')).toBe(2);
    expect(sample(text, 'flow-transaction-dlq', 'flow_queue_oldest_message_age_seconds')).toBe(0);
    now += 60_000;
    text = (await metrics.exposition()).body;
    expect(sample(text, 'flow-transaction', 'flow_queue_oldest_message_age_seconds')).toBe(65);
    expect(sample(text, 'flow-transaction-dlq', 'flow_queue_oldest_message_age_seconds')).toBe(60);
    sqs.destroy();
  });
});
