// A malformed message on the persisted broker that `npm start` runs (fauxqs with a data folder)
// reaches the dead-letter queue, also when the broker restarts halfway through its receives.
// fauxqs 2.4.1 in persisted mode loses a message whose visibility is changed to 0 (its store
// refuses the row: NOT NULL constraint on approximate_receive_count), so the worker releases
// malformed messages with a 1 s visibility; with 0 this test fails (the message never arrives).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokerNames } from '@flow/contracts';
import { pgliteTarget, seedCatalog, type TestDatabase } from '@flow/ledger-core/testing';
import { startLocalBroker, type LocalBroker } from '@flow/service-kit/local-broker';
import { readWorkerConfig } from './config.ts';
import { startWorker } from './start.ts';
import { brokerClient, waitFor, workerEnvironment } from './testing/broker-client.ts';
import { captureLogs } from './testing/log-lines.ts';

describe('malformed messages on the persisted broker', () => {
  let dataDir: string;
  let db: TestDatabase;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flow-worker-broker-'));
    db = await pgliteTarget.create();
    await seedCatalog(db.database);
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const logs = captureLogs();
  const runWorker = (broker: LocalBroker) =>
    startWorker(readWorkerConfig(workerEnvironment(broker), { databaseInjected: true }), { database: db.database, logger: logs.logger });
  const receiveCounts = () => logs.withCode('message_malformed').map((line) => Number(line.receiveCount));

  test('reach the dead-letter queue after the redrive count, across a broker restart', async () => {
    const first = await startLocalBroker({ dataDir, visibilityTimeoutSeconds: 2 });
    const firstClient = brokerClient(first);
    await firstClient.publishRaw('{not json');
    const firstWorker = await runWorker(first);
    try {
      await waitFor(async () => receiveCounts().length >= 2, 30_000);
    } finally {
      await firstWorker.stop();
      firstClient.destroy();
      await first.stop();
    }

    const second = await startLocalBroker({ dataDir, visibilityTimeoutSeconds: 2 });
    const client = brokerClient(second);
    const secondWorker = await runWorker(second);
    try {
      await waitFor(async () => (await client.queueDepth(second.deadLetterQueueUrl)) === 1, 60_000, 200);
      await waitFor(async () => (await client.queueDepth(second.transactionQueueUrl)) === 0, 10_000);
    } finally {
      await secondWorker.stop();
      client.destroy();
      await second.stop();
    }
    expect(Math.max(...receiveCounts())).toBe(brokerNames.redriveReceiveCountMax);
    expect(logs.withCode('visibility_change_failed')).toEqual([]);
  });
});
