// Balance-change events through the real SNS/SQS protocol (fauxqs) and a real database (PGlite,
// and PostgreSQL when FLOW_TEST_DATABASE_URL is set): a backdated posting publishes exactly the
// days it changed — its own and every later stored day of the account, none before — as
// `flow.balance-changes` messages carrying `kind`, `version` and `branch` but no `producer`, so a
// producer's FilterPolicy never receives them and a branch's does. Across a failed relay the row
// stays unsent and a later sweep publishes it: at least once.
import { decodeBalanceChangeMessage, type BalanceChange, type Posting } from '@flow/contracts';
import { addDays, businessDate, countUnsentOutbox } from '@flow/ledger-core';
import { databaseTargets, makePosting } from '@flow/ledger-core/testing';
import { readWorkerConfig } from '../config.ts';
import { startWorker, type RunningWorker } from '../start.ts';
import { openTestbed, waitFor, workerEnvironment, type Testbed } from '../testing/broker-client.ts';
import { drainTap, subscribedQueue } from '../testing/callback-tap.ts';
import { captureLogs, type CapturedLogger } from '../testing/log-lines.ts';

const today = businessDate(new Date(), 'America/Sao_Paulo');
const day = (back: number) => addDays(today, -back);

interface Received {
  readonly changes: BalanceChange[];
  readonly attributes: Record<string, string>[];
}

describe.each(databaseTargets())('balance-change events on $name', (target) => {
  let testbed: Testbed;
  let worker: RunningWorker | undefined;
  let logs: CapturedLogger;
  let branchQueue: string;
  let producerQueue: string;

  const start = async (extra: Record<string, string> = {}) => {
    const config = readWorkerConfig(workerEnvironment(testbed.broker, extra), { databaseInjected: true });
    worker = await startWorker(config, { database: testbed.db.database, logger: logs.logger });
  };
  const stop = async () => {
    await worker?.stop({ polls: 'finish' });
    worker = undefined;
  };

  const subscribed = (name: string, filterPolicy: Record<string, string[]>) => subscribedQueue(testbed, name, filterPolicy);

  async function drain(queueUrl: string, into: Received): Promise<void> {
    for (const message of await drainTap(testbed, queueUrl)) {
      into.changes.push(...decodeBalanceChangeMessage(message.body).changes);
      into.attributes.push(message.attributes);
    }
  }

  /** Publishes the postings and waits for their outcomes; returns the balance changes received. */
  async function post(postings: readonly Posting[]): Promise<Received> {
    const received: Received = { changes: [], attributes: [] };
    const ids = new Set(postings.map((posting) => posting.id));
    await testbed.client.publishPostings([postings]);
    await waitFor(async () => {
      for (const outcome of await testbed.client.drainOutcomes()) ids.delete(outcome.id);
      return ids.size === 0;
    }, 30_000);
    await waitFor(async () => (await countUnsentOutbox(testbed.db.database)) === 0, 10_000);
    await drain(branchQueue, received);
    return received;
  }

  beforeAll(async () => {
    testbed = await openTestbed(target);
    branchQueue = await subscribed(`balance-changes-0002-${target.name}`, { kind: ['flow.balance-changes'], branch: ['0002'] });
    producerQueue = await subscribed(`outcomes-bank-a-${target.name}`, { producer: ['bank-a'] });
  });
  afterAll(async () => {
    await stop();
    await testbed?.close();
  });
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(stop);

  test('a backdated posting publishes exactly the days it changed, to the branch\'s subscribers only', async () => {
    await start();
    const entry = (back: number, amount: string, fields: Partial<Posting> = {}) =>
      makePosting({ branch: '0002', account: 'BC1', dateRef: day(back), amount, producer: 'bank-a', ...fields });
    const first = await post([entry(4, '10.00'), entry(2, '3.00', { debitCredit: 'D' }), entry(1, '1.00')]);
    expect(first.changes).toEqual([
      { branch: '0002', account: 'BC1', dateRef: day(4), closingBalanceBefore: '0.00', closingBalanceAfter: '10.00' },
      { branch: '0002', account: 'BC1', dateRef: day(2), closingBalanceBefore: '0.00', closingBalanceAfter: '7.00' },
      { branch: '0002', account: 'BC1', dateRef: day(1), closingBalanceBefore: '0.00', closingBalanceAfter: '8.00' },
    ]);
    expect(first.attributes).toEqual([{ kind: 'flow.balance-changes', version: '1', branch: '0002' }]);

    // Three days back: that day is new and the two later stored days move; day 4 does not.
    const backdated = await post([entry(3, '5.00')]);
    expect(backdated.changes).toEqual([
      { branch: '0002', account: 'BC1', dateRef: day(3), closingBalanceBefore: '10.00', closingBalanceAfter: '15.00' },
      { branch: '0002', account: 'BC1', dateRef: day(2), closingBalanceBefore: '7.00', closingBalanceAfter: '12.00' },
      { branch: '0002', account: 'BC1', dateRef: day(1), closingBalanceBefore: '8.00', closingBalanceAfter: '13.00' },
    ].sort((a, b) => (a.dateRef < b.dateRef ? -1 : 1)));

    // A day whose closing balance nets to what it was changes nothing; other branches go elsewhere.
    const netZero = await post([entry(0, '2.00'), entry(0, '2.00', { debitCredit: 'D' }), makePosting({ dateRef: today, producer: 'bank-a' })]);
    expect(netZero.changes).toEqual([]);
    // The producer's queue got its outcomes and never a balance change (no producer attribute).
    const tapped = await drainTap(testbed, producerQueue);
    expect(tapped.length).toBeGreaterThan(0);
    expect(tapped.every((message) => message.body.startsWith('{"kind":"flow.outcomes"'))).toBe(true);
  });

  test('a relay that fails leaves the row unsent; a later sweep publishes its balance changes (at least once)', async () => {
    // A topic that does not exist: every publish fails, as when SNS is down.
    await start({ FLOW_CALLBACK_TOPIC_ARN: `${testbed.broker.callbackTopicArn}-missing` });
    const posting = makePosting({ branch: '0002', account: 'BC2', dateRef: day(1), amount: '4.00' });
    await testbed.client.publishPostings([[posting]]);
    await waitFor(async () => logs.withCode('outbox_relay_failed').length > 0, 30_000);
    expect(await countUnsentOutbox(testbed.db.database)).toBe(1);
    await stop();

    await start({ FLOW_OUTBOX_SWEEP_INTERVAL_MS: '100', FLOW_OUTBOX_SWEEP_AGE_MIN_MS: '0' });
    await waitFor(async () => (await countUnsentOutbox(testbed.db.database)) === 0, 30_000);
    const received: Received = { changes: [], attributes: [] };
    await drain(branchQueue, received);
    expect(received.changes).toEqual([
      { branch: '0002', account: 'BC2', dateRef: day(1), closingBalanceBefore: '0.00', closingBalanceAfter: '4.00' },
    ]);
    expect((await testbed.client.drainOutcomes()).map((outcome) => outcome.id)).toContain(posting.id);
  });
});
