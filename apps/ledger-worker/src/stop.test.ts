// Stopping aborts the SQS long poll instead of waiting it out: with a 20 s receive wait on an
// empty queue, stop() returns long before the poll would have ended (a generous bound: half of
// it), and the aborted poll is not reported as a consumer error. With `polls: 'finish'` the same
// stop waits the poll out: the bound is what tells the two apart.
import { pgliteTarget } from '@flow/ledger-core/testing';
import { readWorkerConfig } from './config.ts';
import { startWorker } from './start.ts';
import { openTestbed, waitFor, workerEnvironment, type Testbed } from './testing/broker-client.ts';
import { captureLogs } from './testing/log-lines.ts';

const receiveWaitSeconds = 20;

describe('worker stop', () => {
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await openTestbed(pgliteTarget);
  });
  afterAll(() => testbed?.close());

  test(`a poll of ${receiveWaitSeconds} s in flight is aborted, not waited out`, async () => {
    const logs = captureLogs();
    const config = readWorkerConfig(workerEnvironment(testbed.broker, { FLOW_RECEIVE_WAIT_SECONDS: String(receiveWaitSeconds) }), { databaseInjected: true });
    const worker = await startWorker(config, { database: testbed.db.database, logger: logs.logger });
    // Let the first long polls go out on the empty queue.
    await waitFor(async () => (await fetch(`http://127.0.0.1:${worker.healthPort}/health/ready`)).status === 200, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    await worker.stop();
    const stoppedMs = performance.now() - started;
    expect(stoppedMs).toBeLessThan((receiveWaitSeconds * 1_000) / 2);
    expect(logs.lines().filter((line) => line.code === 'consumer_error')).toEqual([]);
  });

  test(`with polls: 'finish' the same stop waits the poll out`, async () => {
    const config = readWorkerConfig(workerEnvironment(testbed.broker, { FLOW_RECEIVE_WAIT_SECONDS: '3' }), { databaseInjected: true });
    const worker = await startWorker(config, { database: testbed.db.database, logger: captureLogs().logger });
    await waitFor(async () => (await fetch(`http://127.0.0.1:${worker.healthPort}/health/ready`)).status === 200, 10_000);
    const started = performance.now();
    await worker.stop({ polls: 'finish' });
    expect(worker.quiescent()).toBe(true);
    // The poll went out when the consumers started; it ends within its 3 s wait, not at once.
    expect(performance.now() - started).toBeGreaterThan(200);
  });
});
