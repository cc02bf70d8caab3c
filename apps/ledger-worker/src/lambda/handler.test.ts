// The Lambda handler driven with an SQSEvent built from real messages received from the
// transaction queue (fauxqs), on a real database: malformed records come back in
// batchItemFailures, the others are applied and their outcomes are on the callback topic before
// the handler returns (in stripes too: every stripe's outbox row); an unsent row from an earlier
// invocation is swept; rejected credentials
// (fault injection, 28P01) make the instance rebuild its database on the next invocation; records
// failed by an unavailable database get the backoff visibility on the real queue.
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { businessDate, countUnsentOutbox, createLedgerEngine, ledgerRules } from '@flow/ledger-core';
import { databaseTargets, faultyDatabase, makePosting, type TestDatabase } from '@flow/ledger-core/testing';
import { createMetrics } from '@flow/service-kit';
import { startLocalBroker, type LocalBroker } from '@flow/service-kit/local-broker';
import { outboxSampler } from '../metrics/worker-samplers.ts';
import { queueUrlFromArn, redeliveryVisibilitySeconds } from './redelivery-backoff.ts';
import { createCachedHandler, createLambdaHandler, type LambdaInstance } from './handler.ts';
import { brokerClient, openTestbed, type BrokerClient, type Testbed } from '../testing/broker-client.ts';
import { captureLogs } from '../testing/log-lines.ts';

const rules = ledgerRules({ autoOpenAccounts: true });
const today = businessDate(new Date(), rules.businessTimeZone);

async function receiveEvent(client: BrokerClient, broker: LocalBroker, count: number, waitTimeSeconds = 1): Promise<SQSEvent> {
  const records: SQSRecord[] = [];
  while (records.length < count) {
    const { Messages = [] } = await client.sqs.send(new ReceiveMessageCommand({
      QueueUrl: broker.transactionQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: waitTimeSeconds, MessageSystemAttributeNames: ['All'],
    }));
    for (const message of Messages) {
      records.push({
        messageId: message.MessageId!, receiptHandle: message.ReceiptHandle!, body: message.Body!,
        attributes: message.Attributes as unknown as SQSRecord['attributes'], messageAttributes: {},
        md5OfBody: message.MD5OfBody!, eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:flow-transaction', awsRegion: broker.region,
      });
    }
  }
  return { Records: records };
}

test.each([[1, 60], [2, 240], [3, 960], [4, 3_840], [5, 15_360], [6, 43_200], [50, 43_200], [0, 60]])(
  'a record failed by the database on its receive %i stays invisible %i s',
  (receiveCount, seconds) => expect(redeliveryVisibilitySeconds(receiveCount)).toBe(seconds),
);

test('queue URLs derive from the event source ARN', () => {
  expect(queueUrlFromArn('arn:aws:sqs:sa-east-1:123456789012:flow-transaction')).toBe('https://sqs.sa-east-1.amazonaws.com/123456789012/flow-transaction');
  expect(queueUrlFromArn('arn:aws:sqs:us-east-1:000000000000:flow-transaction', 'http://127.0.0.1:4566/')).toBe('http://127.0.0.1:4566/000000000000/flow-transaction');
  expect(() => queueUrlFromArn('arn:aws:sns:us-east-1:000000000000:flow-callback')).toThrow('not an SQS queue ARN');
});

describe.each(databaseTargets())('Lambda handler on $name', (target) => {
  let db: TestDatabase;
  let broker: LocalBroker;
  let client: BrokerClient;
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await openTestbed(target);
    ({ db, broker, client } = testbed);
  });
  afterAll(async () => {
    await testbed.close();
  });

  test('applies valid records, reports malformed ones, publishes outcomes and sweeps earlier rows before returning', async () => {
    const earlier = makePosting({ dateRef: today, account: 'EARLIER' });
    await createLedgerEngine({ database: db.database, rules }).applyBatch([earlier]);
    const valid = [[makePosting({ dateRef: today, account: 'L1' })], [makePosting({ dateRef: today, account: 'L2' }), makePosting({ dateRef: today, account: 'L1' })]];
    await client.publishPostings([valid[0]!]);
    await client.publishRaw('{"kind":"flow.postings","version":1,"postings":"nope"}');
    await client.publishPostings([valid[1]!]);
    const event = await receiveEvent(client, broker, 3);
    const malformedId = event.Records.find((record) => record.body.includes('"nope"'))!.messageId;

    const logs = captureLogs();
    const handler = createLambdaHandler({
      database: db.database, sns: client.sns, sqs: client.sqs, awsEndpoint: broker.endpoint, callbackTopicArn: broker.callbackTopicArn,
      rules, batchPostings: 1000, logger: logs.logger, sweepAgeMinMs: 0,
    });
    const response = await handler(event);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: malformedId }] });
    const outcomes = await client.drainOutcomes();
    expect(outcomes.map((outcome) => outcome.id).sort()).toEqual([earlier, ...valid.flat()].map((posting) => posting.id).sort());
    expect(outcomes.every((outcome) => outcome.status === 'posted' && !outcome.replay)).toBe(true);
    expect(await countUnsentOutbox(db.database)).toBe(0);
    expect(logs.withCode('batch_applied')).toEqual([expect.objectContaining({
      traceKeys: expect.arrayContaining(valid.flat().map((item) => item.traceKey)), traceKeyCount: valid.flat().length,
    })]);
    expect(logs.withCode('message_malformed')).toEqual([expect.objectContaining({ messageId: malformedId, problem: 'postings_missing' })]);
  });

  test('in stripes, the outbox row of every stripe is published and marked before the handler returns', async () => {
    const postings = Array.from({ length: 8 }, (_, index) => makePosting({ dateRef: today, account: `STRIPE${index}` }));
    await client.publishPostings([postings]);
    const event = await receiveEvent(client, broker, 1);
    const logs = captureLogs();
    // No sweep of young rows: only the publish after commit can send them.
    const handler = createLambdaHandler({
      database: db.database, sns: client.sns, sqs: client.sqs, awsEndpoint: broker.endpoint, callbackTopicArn: broker.callbackTopicArn,
      rules, batchPostings: 1000, batchStripes: 2, logger: logs.logger, sweepAgeMinMs: 3_600_000,
    });
    expect(await handler(event)).toEqual({ batchItemFailures: [] });
    expect(logs.withCode('outcomes_published')).toHaveLength(2);
    expect((await client.drainOutcomes()).map((outcome) => outcome.id).sort()).toEqual(postings.map((posting) => posting.id).sort());
    expect(await countUnsentOutbox(db.database)).toBe(0);
  });

  test('each invocation publishes the worker\'s metrics: outcomes, accept → posted, and the outbox gauges in CloudWatch\'s format', async () => {
    await client.publishPostings([[makePosting({ dateRef: today, account: 'METRICS' }), makePosting({ dateRef: today, account: 'NOSUCH', eventCode: 999_999 })]]);
    const event = await receiveEvent(client, broker, 1);
    const logs = captureLogs();
    const metrics = createMetrics({ service: 'ledger-worker', logger: logs.logger, cloudWatch: true });
    metrics.addSampler(outboxSampler(metrics, db.database));
    const handler = createLambdaHandler({
      database: db.database, sns: client.sns, sqs: client.sqs, awsEndpoint: broker.endpoint, callbackTopicArn: broker.callbackTopicArn,
      rules, batchPostings: 1000, logger: logs.logger, sweepAgeMinMs: 0, metrics,
    });
    try {
      expect(await handler(event)).toEqual({ batchItemFailures: [] });
      expect(logs.withCode('metrics_emitted')).toContainEqual(expect.objectContaining({ flow_outbox_unsent_rows: 0, Service: 'flow-ledger-worker' }));
      const text = (await metrics.exposition()).body;
      expect(text).toMatch(/^flow_postings_applied_total\{status="posted",reason=""\} 1$/m);
      expect(text).toMatch(/^flow_postings_applied_total\{status="rejected",reason="event_not_found"\} 1$/m);
      expect(text).toMatch(/^flow_accept_to_posted_seconds_count 1$/m);
      await client.drainOutcomes();
    } finally {
      await metrics.close();
    }
  });

  test('a record whose batch fails (database closed) is reported, not lost', async () => {
    const broken = await target.create();
    await broken.drop();
    const posting = makePosting({ dateRef: today });
    await client.publishPostings([[posting]]);
    const event = await receiveEvent(client, broker, 1);
    const logs = captureLogs();
    const handler = createLambdaHandler({
      database: broken.database, sns: client.sns, sqs: client.sqs, awsEndpoint: broker.endpoint, callbackTopicArn: broker.callbackTopicArn,
      rules, batchPostings: 1000, logger: logs.logger,
    });
    const response = await handler(event);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] });
    expect(logs.withCode('batch_failed')).toEqual([expect.objectContaining({ traceKeys: [posting.traceKey], traceKeyCount: 1 })]);
  });

  test('records failed by an unavailable database stay invisible (backoff); a record failed for its own reason comes back', async () => {
    // A queue whose own visibility is 1 s: without the backoff both records would be back at once.
    const shortBroker = await startLocalBroker({ visibilityTimeoutSeconds: 1 });
    const shortClient = brokerClient(shortBroker);
    try {
      const handlerFailingWith = (code: string) => {
        const faulty = faultyDatabase(db.database);
        faulty.failWith(code);
        return createLambdaHandler({
          database: faulty.database, sns: shortClient.sns, sqs: shortClient.sqs, awsEndpoint: shortBroker.endpoint,
          callbackTopicArn: shortBroker.callbackTopicArn, rules, batchPostings: 1000, logger: captureLogs().logger,
        });
      };
      await shortClient.publishPostings([[makePosting({ dateRef: today, account: 'OUTAGE' })]]);
      const outage = await receiveEvent(shortClient, shortBroker, 1);
      expect(outage.Records[0]!.attributes.ApproximateReceiveCount).toBe('1');
      expect(await handlerFailingWith('57P01')(outage)).toEqual({ batchItemFailures: [{ itemIdentifier: outage.Records[0]!.messageId }] });

      await shortClient.publishPostings([[makePosting({ dateRef: today, account: 'OWN' })]]);
      const own = await receiveEvent(shortClient, shortBroker, 1);
      expect(await handlerFailingWith('42601')(own)).toEqual({ batchItemFailures: [{ itemIdentifier: own.Records[0]!.messageId }] });

      // Receives until a record is back. Without the backoff the outage record would be back
      // first (its 1 s visibility started earlier), so no sleep is needed to tell them apart.
      const again = await receiveEvent(shortClient, shortBroker, 1, 2);
      expect(again.Records.map((record) => record.messageId)).toEqual([own.Records[0]!.messageId]);
      expect(await shortClient.queueDepth(shortBroker.transactionQueueUrl)).toBe(2);
    } finally {
      shortClient.destroy();
      await shortBroker.stop();
    }
  });

  test('rejected credentials: the records fail, the instance is closed and the next invocation builds a new one', async () => {
    const logs = captureLogs();
    const built: { faulty: ReturnType<typeof faultyDatabase>; closed: boolean }[] = [];
    const handler = createCachedHandler(async (): Promise<LambdaInstance> => {
      const faulty = faultyDatabase(db.database);
      // The first instance holds the password from before the rotation.
      if (built.length === 0) faulty.failWith('28P01');
      const entry = { faulty, closed: false };
      built.push(entry);
      let rejected = false;
      const handle = createLambdaHandler({
        database: faulty.database, sns: client.sns, sqs: client.sqs, awsEndpoint: broker.endpoint, callbackTopicArn: broker.callbackTopicArn,
        rules, batchPostings: 1000,
        logger: logs.logger, onCredentialsRejected: () => void (rejected = true),
      });
      return { handle, credentialsRejected: () => rejected, close: async () => void (entry.closed = true) };
    });
    const posting = makePosting({ dateRef: today, account: 'ROTATED' });
    await client.publishPostings([[posting]]);
    const event = await receiveEvent(client, broker, 1);

    expect(await handler(event)).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] });
    expect(built.map((entry) => entry.closed)).toEqual([true]);
    expect(await handler(event)).toEqual({ batchItemFailures: [] });
    expect(built.map((entry) => entry.closed)).toEqual([true, false]);
    expect((await client.drainOutcomes()).map((outcome) => outcome.id)).toContain(posting.id);
    expect(await handler({ Records: [] })).toEqual({ batchItemFailures: [] });
    expect(built).toHaveLength(2);
  });
});
