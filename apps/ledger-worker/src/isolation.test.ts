// Posting isolation through the worker: one posting of a message that the database cannot store
// (published past ingest, so the contract never saw it), or that fails the contract but has a
// readable id, is rejected alone: the other 999 of its message are posted and all 1,000 outcomes
// reach the callback topic; the message is deleted, nothing goes to the dead-letter queue.
import { encodePostingMessage, type Posting } from '@flow/contracts';
import { businessDate, reconcileBalances } from '@flow/ledger-core';
import { databaseTargets, makePosting, type TestDatabase } from '@flow/ledger-core/testing';
import type { PostingOutcomeMessage } from '@flow/contracts';
import type { LocalBroker } from '@flow/service-kit/local-broker';
import { readWorkerConfig } from './config.ts';
import { startWorker } from './start.ts';
import { openTestbed, waitFor, workerEnvironment, type BrokerClient, type Testbed } from './testing/broker-client.ts';
import { captureLogs } from './testing/log-lines.ts';

const today = businessDate(new Date(), 'America/Sao_Paulo');
const messagePostings = 1_000;
const culpritIndex = 613;

describe.each(databaseTargets())('posting isolation in the worker on $name', (target) => {
  let db: TestDatabase;
  let broker: LocalBroker;
  let client: BrokerClient;
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await openTestbed(target, { visibilityTimeoutSeconds: 2 });
    ({ db, broker, client } = testbed);
  });
  afterAll(async () => {
    await testbed.close();
  });

  const postingsOf = (account: string) =>
    Array.from({ length: messagePostings }, () => makePosting({ dateRef: today, account, amount: '2.00' }));

  /** Publishes `body`, runs a worker until the callback tap holds every outcome, returns them. */
  async function process(body: string): Promise<{ outcomes: PostingOutcomeMessage[]; logs: ReturnType<typeof captureLogs> }> {
    const logs = captureLogs();
    const worker = await startWorker(readWorkerConfig(workerEnvironment(broker), { databaseInjected: true }), { database: db.database, logger: logs.logger });
    const outcomes: PostingOutcomeMessage[] = [];
    try {
      await client.publishRaw(body);
      await waitFor(async () => {
        outcomes.push(...(await client.drainOutcomes()));
        return new Set(outcomes.map((outcome) => outcome.id)).size >= messagePostings;
      }, 60_000, 200);
      await waitFor(async () => (await client.queueDepth(broker.transactionQueueUrl)) === 0, 20_000);
    } finally {
      await worker.stop();
    }
    expect(await client.queueDepth(broker.deadLetterQueueUrl)).toBe(0);
    return { outcomes, logs };
  }

  /**
   * One outcome per id, as a consumer sees them after deduplicating by id (callbacks are at least
   * once: on a loaded machine the 2 s visibility can run out mid-bisection, the message comes
   * back, and its postings' outcomes are published again — with the very same status and reason).
   */
  function expectIsolated(outcomes: readonly PostingOutcomeMessage[], culprit: string, reason: string): void {
    const firstById = new Map<string, PostingOutcomeMessage>();
    for (const outcome of outcomes) {
      const first = firstById.get(outcome.id);
      if (first === undefined) firstById.set(outcome.id, outcome);
      else {
        // A posted id comes back as a replay; a posting_invalid one (never stored) is decided anew, alike.
        expect({ status: outcome.status, reason: outcome.reason }).toEqual({ status: first.status, reason: first.reason });
        if (outcome.status === 'posted') expect(outcome.replay).toBe(true);
      }
    }
    const unique = [...firstById.values()];
    expect(unique).toHaveLength(messagePostings);
    expect(unique.filter((outcome) => outcome.status === 'posted')).toHaveLength(messagePostings - 1);
    expect(unique.filter((outcome) => outcome.status === 'rejected')).toEqual([expect.objectContaining({ id: culprit, reason })]);
  }

  test('a posting the database cannot store: 999 posted, 1 posting_unstorable', async () => {
    // The contract now refuses every text PostgreSQL is known to refuse (NUL, lone surrogates:
    // V017), so a trigger stands in for the next such case: it raises 22021, the SQLSTATE of NUL
    // in text, for one description. The engine's own tests use real NUL and surrogates.
    await db.database.runScript(`
      create function flow.refuse_poison() returns trigger language plpgsql as $$
      begin
        if new.description = 'poison' then raise exception 'invalid byte sequence' using errcode = '22021'; end if;
        return new;
      end $$;
      create trigger refuse_poison before insert on flow.transaction for each row execute function flow.refuse_poison();`);
    const postings: Posting[] = postingsOf('ISOW1');
    postings[culpritIndex] = { ...postings[culpritIndex]!, description: 'poison' };
    const { outcomes } = await process(encodePostingMessage(postings));
    expectIsolated(outcomes, postings[culpritIndex]!.id, 'posting_unstorable');
    const { rows } = await db.database.query<{ count: string }>(`select count(*)::text as count from flow.transaction where account = 'ISOW1'`);
    expect(rows[0]!.count).toBe(String(messagePostings - 1));
    expect(await reconcileBalances(db.database, { account: 'ISOW1' })).toEqual([]);
  });

  test('a posting that fails the contract but has a readable id: 999 posted, 1 posting_invalid', async () => {
    const postings = postingsOf('ISOW2');
    const envelope = JSON.parse(encodePostingMessage(postings)) as { postings: Record<string, unknown>[] };
    envelope.postings[culpritIndex]!.amount = '-1.00';
    const { outcomes, logs } = await process(JSON.stringify(envelope));
    expectIsolated(outcomes, postings[culpritIndex]!.id, 'posting_invalid');
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
      traceKey: postings[culpritIndex]!.traceKey, branch: '0001', account: 'ISOW2', dateRef: today,
    });
    expect(logs.withCode('message_malformed')).toEqual([]);
    const { rows } = await db.database.query<{ count: string }>(`select count(*)::text as count from flow.transaction where account = 'ISOW2'`);
    expect(rows[0]!.count).toBe(String(messagePostings - 1));
  });
});
