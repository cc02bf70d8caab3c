// Malformed messages (not JSON, an unknown kind, an invalid posting without a readable id) are never applied and never
// deleted: each is made visible again at once, so after redriveReceiveCountMax receives SQS moves
// it to flow-transaction-dlq, while the valid messages around it are applied as usual.
import { brokerNames, encodePostingMessage } from '@flow/contracts';
import { businessDate } from '@flow/ledger-core';
import { databaseTargets, makePosting, type TestDatabase } from '@flow/ledger-core/testing';
import type { LocalBroker } from '@flow/service-kit/local-broker';
import { readWorkerConfig } from './config.ts';
import { startWorker } from './start.ts';
import { openTestbed, waitFor, workerEnvironment, type BrokerClient, type Testbed } from './testing/broker-client.ts';
import { captureLogs } from './testing/log-lines.ts';

const today = businessDate(new Date(), 'America/Sao_Paulo');

describe.each(databaseTargets())('malformed messages on $name', (target) => {
  let db: TestDatabase;
  let broker: LocalBroker;
  let client: BrokerClient;
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await openTestbed(target, { visibilityTimeoutSeconds: 1 });
    ({ db, broker, client } = testbed);
  });
  afterAll(async () => {
    await testbed.close();
  });

  test('go to the dead-letter queue after the redrive count; valid messages around them are applied', async () => {
    const valid = [0, 1, 2].map((index) => [makePosting({ dateRef: today, account: `M${index}` }), makePosting({ dateRef: today, account: 'M9' })]);
    const invalidPosting = JSON.parse(encodePostingMessage([makePosting({ dateRef: today })])) as { postings: Record<string, unknown>[] };
    // An invalid posting whose id cannot be read makes its message malformed (one with a readable
    // id is rejected alone: isolation.test.ts).
    invalidPosting.postings[0]!.id = 'not-a-uuid';
    const malformed = ['{not json', JSON.stringify({ kind: 'flow.something', version: 1, postings: [] }), JSON.stringify(invalidPosting)];
    const logs = captureLogs();
    const worker = await startWorker(readWorkerConfig(workerEnvironment(broker), { databaseInjected: true }), { database: db.database, logger: logs.logger });
    try {
      await client.publishPostings([valid[0]!]);
      await client.publishRaw(malformed[0]!);
      await client.publishPostings([valid[1]!]);
      await client.publishRaw(malformed[1]!);
      await client.publishRaw(malformed[2]!);
      await client.publishPostings([valid[2]!]);

      await waitFor(async () => (await client.queueDepth(broker.deadLetterQueueUrl)) === malformed.length, 60_000, 200);
      await waitFor(async () => (await client.queueDepth(broker.transactionQueueUrl)) === 0, 10_000);
    } finally {
      await worker.stop();
    }
    const { rows } = await db.database.query<{ id: string }>('select id from flow.posting order by id');
    expect(rows.map((row) => row.id)).toEqual(valid.flat().map((posting) => posting.id).sort());
    const problems = logs.withCode('message_malformed');
    expect(new Set(problems.map((line) => line.problem))).toEqual(new Set(['not_json', 'kind_unknown', 'postings_invalid']));
    expect(Math.max(...problems.map((line) => Number(line.receiveCount)))).toBe(brokerNames.redriveReceiveCountMax);
  });
});
