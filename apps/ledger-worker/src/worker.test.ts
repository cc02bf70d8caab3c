// The worker end to end over the real SNS/SQS protocol (fauxqs) and a real database (PGlite,
// and PostgreSQL when FLOW_TEST_DATABASE_URL is set): postings published to flow-request are
// applied, each id gets exactly one outcome on flow-callback, the queue drains, balances
// reconcile, re-sent messages are replays, an unsent outbox row is swept, and a stop under load
// leaves nothing applied-but-undeleted (no replay appears after a restart).
import type { Posting, PostingOutcomeMessage } from '@flow/contracts';
import {
  businessDate, countUnsentOutbox, createLedgerEngine, ledgerRules, reconcileBalances,
} from '@flow/ledger-core';
import { databaseTargets, makePosting, type TestDatabase } from '@flow/ledger-core/testing';
import type { LocalBroker } from '@flow/service-kit/local-broker';
import { readWorkerConfig } from './config.ts';
import { startWorker, type RunningWorker } from './start.ts';
import { openTestbed, waitFor, workerEnvironment, type BrokerClient, type Testbed } from './testing/broker-client.ts';
import { captureLogs, type CapturedLogger } from './testing/log-lines.ts';

const today = businessDate(new Date(), 'America/Sao_Paulo');
const accountsCount = 20;
const drainTimeoutMs = 60_000;

/** `messages` messages of `perMessage` postings over a few accounts, credits and debits. */
function postingMessages(messages: number, perMessage: number): Posting[][] {
  return Array.from({ length: messages }, (_m, message) => Array.from({ length: perMessage }, (_p, index) => makePosting({
    dateRef: today,
    account: `W${(message * perMessage + index) % accountsCount}`,
    debitCredit: index % 3 === 0 ? 'D' : 'C',
    amount: `${1 + (index % 7)}.${String(index % 100).padStart(2, '0')}`,
  })));
}

/** Outcomes by id; fails the test when an id has more than one non-replay outcome. */
function firstOutcomes(outcomes: readonly PostingOutcomeMessage[]): Map<string, PostingOutcomeMessage> {
  const byId = new Map<string, PostingOutcomeMessage>();
  for (const outcome of outcomes.filter((item) => !item.replay)) {
    if (byId.has(outcome.id)) throw new Error(`posting ${outcome.id} has two outcomes`);
    byId.set(outcome.id, outcome);
  }
  return byId;
}

describe.each(databaseTargets())('ledger worker on $name', (target) => {
  let db: TestDatabase;
  let broker: LocalBroker;
  let client: BrokerClient;
  let testbed: Testbed;
  let logs: CapturedLogger;
  let worker: RunningWorker | undefined;

  // The default sweep age floor (10 s) keeps the sweep off rows the worker is publishing right
  // after commit; with 0 both paths sometimes publish one row, which is allowed (at-least-once)
  // but would blur the "exactly one outcome" assertions. Only the sweep test lowers it.
  const start = async (extra: Record<string, string> = {}) => {
    const config = readWorkerConfig(workerEnvironment(broker, extra), { databaseInjected: true });
    worker = await startWorker(config, { database: db.database, logger: logs.logger });
    return worker;
  };
  // Every test restarts on the same queue: the stops wait their polls out, because an aborted
  // poll would hide the next test's first messages for a visibility timeout (stop.test.ts).
  const stop = async () => {
    await worker?.stop({ polls: 'finish' });
    worker = undefined;
  };
  const collected: PostingOutcomeMessage[] = [];
  const collectUntil = async (ids: ReadonlySet<string>, count: (outcomes: PostingOutcomeMessage[]) => number) => {
    await waitFor(async () => {
      collected.push(...await client.drainOutcomes());
      return count(collected) >= ids.size && (await client.queueDepth(broker.transactionQueueUrl)) === 0;
    }, drainTimeoutMs, 200);
  };

  beforeAll(async () => {
    testbed = await openTestbed(target);
    ({ db, broker, client } = testbed);
  });
  afterAll(async () => {
    await stop();
    await testbed.close();
  });
  beforeEach(() => {
    logs = captureLogs();
    collected.length = 0;
  });
  afterEach(stop);

  test('applies published postings: one outcome per id on the callback topic, queue drained, balances reconciled', async () => {
    const messages = postingMessages(40, 50);
    const ids = new Set(messages.flat().map((posting) => posting.id));
    const startedAt = performance.now();
    await start();
    await client.publishPostings(messages);
    await collectUntil(ids, (outcomes) => firstOutcomes(outcomes).size);
    const seconds = (performance.now() - startedAt) / 1000;

    const outcomes = firstOutcomes(collected);
    expect([...outcomes.keys()].sort()).toEqual([...ids].sort());
    expect([...outcomes.values()].every((outcome) => outcome.status === 'posted')).toBe(true);
    expect(await reconcileBalances(db.database)).toEqual([]);
    await waitFor(async () => (await countUnsentOutbox(db.database)) === 0, 10_000);
    expect(logs.withCode('batch_applied').length).toBeGreaterThan(0);
    logs.logger.info('batch_applied', { measured: true, postingsPerSecond: Math.round(ids.size / seconds) });
    console.info(`${target.name}: ${ids.size} postings through the worker in ${seconds.toFixed(1)} s (${Math.round(ids.size / seconds)} postings/s)`);
  });

  test('re-sent messages are replays with the original outcome, never new transactions', async () => {
    const messages = postingMessages(4, 25);
    const ids = new Set(messages.flat().map((posting) => posting.id));
    await start();
    await client.publishPostings(messages);
    await collectUntil(ids, (outcomes) => firstOutcomes(outcomes).size);
    const { rows: before } = await db.database.query<{ count: number }>('select count(*)::integer as count from flow.transaction');
    collected.length = 0;

    await client.publishPostings(messages);
    await collectUntil(ids, (outcomes) => outcomes.length);
    expect(collected).toHaveLength(ids.size);
    expect(collected.every((outcome) => outcome.replay && outcome.status === 'posted')).toBe(true);
    const { rows: after } = await db.database.query<{ count: number }>('select count(*)::integer as count from flow.transaction');
    expect(after).toEqual(before);
    expect(await reconcileBalances(db.database)).toEqual([]);
  });

  test('the sweep publishes an outbox row left unsent (as if a worker died between commit and publish)', async () => {
    const rules = ledgerRules({ autoOpenAccounts: true });
    const orphan = [makePosting({ dateRef: today, account: 'ORPHAN' })];
    const { outboxId } = (await createLedgerEngine({ database: db.database, rules }).applyBatch(orphan)).outboxRows[0]!;
    expect(await countUnsentOutbox(db.database)).toBe(1);

    await start({ FLOW_OUTBOX_SWEEP_INTERVAL_MS: '100', FLOW_OUTBOX_SWEEP_AGE_MIN_MS: '0' });
    await collectUntil(new Set([orphan[0]!.id]), (outcomes) => outcomes.length);
    expect(collected).toEqual([expect.objectContaining({ id: orphan[0]!.id, status: 'posted', replay: false })]);
    await waitFor(async () => (await countUnsentOutbox(db.database)) === 0, 5_000);
    const { rows } = await db.database.query<{ sent: boolean }>('select sent_at is not null as sent from flow.outbox where id = $1', [outboxId]);
    expect(rows).toEqual([{ sent: true }]);
  });

  test('health: live and ready while receiving', async () => {
    const { healthPort } = await start();
    const live = await fetch(`http://127.0.0.1:${healthPort}/health/live`);
    const ready = await fetch(`http://127.0.0.1:${healthPort}/health/ready`);
    expect(live.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', schema: 'ok', consumers: 'ok' } });
    // Any other path is a problem+json 404 with the registry's code, never Express's HTML page.
    const unknown = await fetch(`http://127.0.0.1:${healthPort}/nothing-here`);
    expect([unknown.status, unknown.headers.get('content-type'), unknown.headers.get('x-content-type-options')])
      .toEqual([404, expect.stringMatching(/^application\/problem\+json/), 'nosniff']);
    expect(await unknown.json()).toMatchObject({ code: 'not_found' });
  });

  test('stop() under load finishes its batches and deletes their messages: a restart sees no replay', async () => {
    const messages = postingMessages(60, 40);
    const ids = new Set(messages.flat().map((posting) => posting.id));
    await start({ FLOW_BATCH_POSTINGS_MAX: '200' });
    const publishing = client.publishPostings(messages);
    await waitFor(async () => logs.withCode('batch_applied').length >= 3, 30_000, 20);
    await stop();
    const appliedBeforeStop = logs.withCode('batch_applied').length;
    await publishing;

    await start();
    await collectUntil(ids, (outcomes) => firstOutcomes(outcomes).size);
    expect(appliedBeforeStop).toBeGreaterThan(0);
    expect(firstOutcomes(collected).size).toBe(ids.size);
    expect(collected.filter((outcome) => outcome.replay)).toEqual([]);
    expect(await reconcileBalances(db.database)).toEqual([]);
  });
});
