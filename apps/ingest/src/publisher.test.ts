// The micro-batcher on its own, against fauxqs: the bodies it builds are exactly the contract's
// encoding, a request spread over several messages settles only when all are confirmed, and
// close() sends what it holds and refuses what comes after.
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { encodePostingMessage, limits, validatePostingDraft, type PostingDraft } from '@flow/contracts';
import { createSnsClient } from '@flow/service-kit';
import { startLocalBroker, type LocalBroker } from '@flow/service-kit/local-broker';
import type { SNSClient } from '@aws-sdk/client-sns';
import { completePostings } from './posting-request.ts';
import { BrokerUnavailableError, createPostingPublisher, type PostingPublisher } from './publisher.ts';
import { captureLogs, drainPostingMessages, postingBody } from './test-support.ts';

let broker: LocalBroker;
let sns: SNSClient;
let sqs: SQSClient;

beforeAll(async () => {
  broker = await startLocalBroker();
  sns = createSnsClient({ region: broker.region, endpoint: broker.endpoint });
  sqs = new SQSClient({ region: broker.region, endpoint: broker.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});

afterAll(async () => {
  sns.destroy();
  sqs.destroy();
  await broker.stop();
});

function publisherWith(lingerMs: number): PostingPublisher {
  return createPostingPublisher(
    { sns, topicArn: broker.requestTopicArn, lingerMs, timeoutMs: 5_000, breakerResetMs: 10_000, inFlightMax: 2 },
    captureLogs().logger,
  );
}

function drafts(count: number, fields: Record<string, unknown> = {}): PostingDraft[] {
  return Array.from({ length: count }, () => {
    const validation = validatePostingDraft(postingBody(fields));
    if (!validation.ok) throw new Error('test posting invalid');
    return validation.posting;
  });
}

test('a message body is byte for byte encodePostingMessage of its postings', async () => {
  const publisher = publisherWith(1);
  const postings = completePostings(drafts(3, { description: 'Tarifa — São Paulo', details: { emoji: '✓' } }));
  await publisher.publish(postings);
  await publisher.close();
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: broker.transactionQueueUrl, MaxNumberOfMessages: 10 }));
  expect(Messages.map(({ Body }) => Body)).toEqual([encodePostingMessage(postings)]);
  await drainPostingMessages(sqs, broker.transactionQueueUrl, 1);
});

test('postings of one call spread over several messages, with two publishes in flight, all confirmed', async () => {
  const publisher = publisherWith(1);
  const details = { note: 'y'.repeat(limits.detailsBytesMax - 100) };
  const calls = [completePostings(drafts(150, { details })), completePostings(drafts(150, { details }))];
  await Promise.all(calls.map((postings) => publisher.publish(postings)));
  await publisher.close();
  const messages = await drainPostingMessages(sqs, broker.transactionQueueUrl);
  expect(messages.length).toBeGreaterThanOrEqual(4);
  for (const message of messages) expect(message.bytes).toBeLessThanOrEqual(limits.messageBytesMax);
  // Two publishes in flight and a standard queue: the order of messages is not promised.
  expect(messages.flatMap(({ postings }) => postings.map(({ id }) => id)).sort()).toEqual(calls.flat().map(({ id }) => id).sort());
});

test('close() publishes what the batcher holds, then refuses new postings', async () => {
  const publisher = publisherWith(100);
  const postings = completePostings(drafts(2));
  const published = publisher.publish(postings);
  await publisher.close();
  await expect(published).resolves.toBeUndefined();
  expect((await drainPostingMessages(sqs, broker.transactionQueueUrl)).flatMap((message) => message.postings)).toEqual(postings);
  await expect(publisher.publish(completePostings(drafts(1)))).rejects.toEqual(new BrokerUnavailableError('stopped'));
});
