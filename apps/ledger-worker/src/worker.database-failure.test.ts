// The worker against a database that stops serving it, by fault injection around a real
// database (PGlite, and PostgreSQL when FLOW_TEST_DATABASE_URL is set) and the real SNS/SQS
// protocol (fauxqs). Rejected credentials (28P01, a rotated secret) pause the consumers like an
// outage, call the fatal hook once, burn no receives while paused, send nothing to the DLQ, and
// the worker applies everything once the credentials are accepted again. A batch slower than the
// queue's visibility timeout is not redelivered while it runs (the visibility heartbeat).
import type { PostingOutcomeMessage } from '@flow/contracts';
import { businessDate, reconcileBalances } from '@flow/ledger-core';
import { databaseTargets, faultyDatabase, makePosting, type TestDatabase } from '@flow/ledger-core/testing';
import type { LocalBroker } from '@flow/service-kit/local-broker';
import { readWorkerConfig } from './config.ts';
import { startWorker, type RunningWorker } from './start.ts';
import { openTestbed, waitFor, workerEnvironment, type BrokerClient, type Testbed } from './testing/broker-client.ts';
import { captureLogs } from './testing/log-lines.ts';

const today = businessDate(new Date(), 'America/Sao_Paulo');
/** Short, so a message the worker received again while paused would show within the test. */
const visibilityTimeoutSeconds = 1;
const probeIntervalMs = 100;
/** Failed probes that take at least three visibility timeouts. */
const probesOverVisibilityTimeouts = Math.ceil((3 * visibilityTimeoutSeconds * 1000) / probeIntervalMs);

describe.each(databaseTargets())('ledger worker when the database fails, on $name', (target) => {
  let db: TestDatabase;
  let broker: LocalBroker;
  let client: BrokerClient;
  let testbed: Testbed;
  let worker: RunningWorker | undefined;

  beforeAll(async () => {
    testbed = await openTestbed(target, { visibilityTimeoutSeconds });
    ({ db, broker, client } = testbed);
  });
  afterAll(async () => {
    await worker?.stop();
    await testbed.close();
  });

  test('rejected credentials pause without burning receives, call the fatal hook once, and lose nothing', async () => {
    const faulty = faultyDatabase(db.database);
    const logs = captureLogs();
    const fatal: string[] = [];
    const config = readWorkerConfig(workerEnvironment(broker, {
      FLOW_DATABASE_PROBE_INTERVAL_MS: String(probeIntervalMs),
    }), { databaseInjected: true });
    faulty.failWith('28P01');
    worker = await startWorker(config, { database: faulty.database, logger: logs.logger, onFatal: (reason) => fatal.push(reason) });
    const messages = [0, 1, 2].map((message) => [makePosting({ dateRef: today, account: `ROT${message}` }), makePosting({ dateRef: today, account: 'ROT' })]);
    const ids = new Set(messages.flat().map((posting) => posting.id));
    await client.publishPostings(messages);

    await waitFor(async () => logs.withCode('consumer_paused').some((line) => line.failure === 'credentials_rejected' && line.fatal !== true), 10_000, 20);
    expect(fatal).toEqual(['credentials_rejected']);
    // Paused: the consumers' last long polls end, and with them their messages' batches.
    await waitFor(async () => worker!.quiescent(), 10_000, 20);
    const failedBatches = logs.withCode('batch_failed').length;
    expect(failedBatches).toBeGreaterThan(0);
    const ready = await fetch(`http://127.0.0.1:${worker.healthPort}/health/ready`);
    expect(ready.status).toBe(503);

    // Several visibility timeouts pass while probes keep failing, and nothing is received again.
    // The time is counted in the guard's own failed probes, each at least one probe interval
    // after the last, so a slow machine only makes the wait longer, never too short.
    const failedProbes = () => logs.withCode('consumer_paused').filter((line) => line.probe === 'failed').length;
    const probesBefore = failedProbes();
    await waitFor(async () => failedProbes() >= probesBefore + probesOverVisibilityTimeouts, 60_000, 20);
    expect(logs.withCode('batch_failed')).toHaveLength(failedBatches);
    expect(worker.quiescent()).toBe(true);
    expect(fatal).toEqual(['credentials_rejected']);
    expect(await client.queueDepth(broker.deadLetterQueueUrl)).toBe(0);

    faulty.failWith(null);
    const outcomes: PostingOutcomeMessage[] = [];
    await waitFor(async () => {
      outcomes.push(...await client.drainOutcomes());
      return new Set(outcomes.map((outcome) => outcome.id)).size === ids.size && (await client.queueDepth(broker.transactionQueueUrl)) === 0;
    }, 20_000, 100);
    expect(outcomes.every((outcome) => outcome.status === 'posted')).toBe(true);
    expect(logs.withCode('consumer_resumed').length).toBeGreaterThan(0);
    expect(await client.queueDepth(broker.deadLetterQueueUrl)).toBe(0);
    expect(await reconcileBalances(db.database)).toEqual([]);
    await worker.stop();
    worker = undefined;
  });

  test('a batch slower than the queue visibility is not redelivered mid-flight (visibility heartbeat)', async () => {
    const faulty = faultyDatabase(db.database);
    const logs = captureLogs();
    const config = readWorkerConfig(workerEnvironment(broker, { FLOW_VISIBILITY_TIMEOUT_SECONDS: '2' }), { databaseInjected: true });
    faulty.slowDown(3_000 * visibilityTimeoutSeconds);
    worker = await startWorker(config, { database: faulty.database, logger: logs.logger });
    const posting = makePosting({ dateRef: today, account: 'SLOW' });
    await client.publishPostings([[posting]]);
    const outcomes: PostingOutcomeMessage[] = [];
    await waitFor(async () => {
      outcomes.push(...await client.drainOutcomes());
      return outcomes.length > 0 && (await client.queueDepth(broker.transactionQueueUrl)) === 0;
    }, 20_000, 100);
    faulty.slowDown(0);
    // A copy received mid-flight would be in a poll, a batch or a publish now; stop waits for all
    // of them, so whatever it produced is on the topic when stop resolves.
    await worker.stop();
    worker = undefined;
    outcomes.push(...await client.drainOutcomes());
    expect(outcomes).toEqual([expect.objectContaining({ id: posting.id, status: 'posted', replay: false })]);
    expect(logs.withCode('batch_applied')).toHaveLength(1);
  });
});
