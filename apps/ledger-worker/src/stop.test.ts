// Stopping aborts the SQS long poll instead of waiting it out: with a 20 s receive wait on an
// empty queue, stop() returns long before the poll would have ended (a generous bound: half of
// it), and the aborted poll is not reported as a consumer error.
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
});
