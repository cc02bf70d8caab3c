// Routable callbacks through the real SNS/SQS protocol (fauxqs): one callback message holds one
// producer's outcomes and carries `producer`, `branch`, `kind` and `version` as message
// attributes, so a queue subscribed to flow-callback with a FilterPolicy on `producer` receives
// exactly its producer's outcomes — also when ingest packed several producers into one message.
// Balance-change messages carry `branch` too (and no `producer`): a branch's subscription names
// the kind it wants.
import { decodeOutcomeMessage, type PostingOutcomeMessage } from '@flow/contracts';
import { businessDate } from '@flow/ledger-core';
import { makePosting, pgliteTarget } from '@flow/ledger-core/testing';
import { readWorkerConfig } from '../config.ts';
import { startWorker, type RunningWorker } from '../start.ts';
import { openTestbed, waitFor, workerEnvironment, type Testbed } from '../testing/broker-client.ts';
import { drainTap, subscribedQueue } from '../testing/callback-tap.ts';
import { captureLogs } from '../testing/log-lines.ts';

const today = businessDate(new Date(), 'America/Sao_Paulo');

interface Received {
  readonly outcomes: PostingOutcomeMessage[];
  readonly attributes: Record<string, string>[];
}

describe('callbacks routed by producer', () => {
  let testbed: Testbed;
  let worker: RunningWorker;

  beforeAll(async () => {
    testbed = await openTestbed(pgliteTarget);
    const config = readWorkerConfig(workerEnvironment(testbed.broker), { databaseInjected: true });
    worker = await startWorker(config, { database: testbed.db.database, logger: captureLogs().logger });
  });
  afterAll(async () => {
    await worker?.stop();
    await testbed?.close();
  });

  const subscribed = (name: string, filterPolicy: Record<string, string[]>) => subscribedQueue(testbed, name, filterPolicy);

  async function drain(queueUrl: string, into: Received): Promise<void> {
    for (const message of await drainTap(testbed, queueUrl)) {
      into.outcomes.push(...decodeOutcomeMessage(message.body).outcomes);
      into.attributes.push(message.attributes);
    }
  }

  test('a FilterPolicy on producer receives exactly that producer\'s outcomes', async () => {
    const bankA = await subscribed('callback-bank-a', { producer: ['bank-a'] });
    const bankB = await subscribed('callback-bank-b', { producer: ['bank-b'] });
    const branch0002 = await subscribed('callback-branch-0002', { kind: ['flow.outcomes'], branch: ['0002'] });
    const ofA = Array.from({ length: 30 }, (_, index) => makePosting({ dateRef: today, producer: 'bank-a', account: `A${index % 3}` }));
    const ofB = Array.from({ length: 20 }, () => makePosting({ dateRef: today, producer: 'bank-b', branch: '0002', account: '100001' }));
    const unstamped = [makePosting({ dateRef: today })];
    // Interleaved in one message, as ingest packs several requests' postings together.
    const mixed = ofA.flatMap((posting, index) => [posting, ...(ofB[index] === undefined ? [] : [ofB[index]!])]);
    await testbed.client.publishPostings([[...mixed, ...unstamped]]);

    const seen = { a: { outcomes: [], attributes: [] } as Received, b: { outcomes: [], attributes: [] } as Received };
    const branch: Received = { outcomes: [], attributes: [] };
    await waitFor(async () => {
      await drain(bankA, seen.a);
      await drain(bankB, seen.b);
      await drain(branch0002, branch);
      return seen.a.outcomes.length >= ofA.length && seen.b.outcomes.length >= ofB.length;
    }, 30_000, 100);

    expect(new Set(seen.a.outcomes.map((outcome) => outcome.id))).toEqual(new Set(ofA.map((posting) => posting.id)));
    expect(new Set(seen.b.outcomes.map((outcome) => outcome.id))).toEqual(new Set(ofB.map((posting) => posting.id)));
    expect(seen.a.outcomes.every((outcome) => outcome.producer === 'bank-a' && outcome.status === 'posted')).toBe(true);
    expect(seen.a.attributes).toEqual([{ kind: 'flow.outcomes', version: '1', producer: 'bank-a', branch: '0001' }]);
    expect(seen.b.attributes).toEqual([{ kind: 'flow.outcomes', version: '1', producer: 'bank-b', branch: '0002' }]);
    // Every message of bank-b's is of branch 0002 only, so a branch filter receives exactly those.
    expect(new Set(branch.outcomes.map((outcome) => outcome.id))).toEqual(new Set(ofB.map((posting) => posting.id)));
  });
});
