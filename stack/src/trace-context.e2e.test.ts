// One trace per posting (issue 14, item 5), through the real broker protocol (fauxqs) and PGlite:
// a request's W3C trace id — the caller's `traceparent`, else one ingest starts — is the same in
// ingest's log line, on the message attribute, in the worker's batch log line (the trace ids the
// batch span links to) and on the posting's outcome on the callback topic. Two requests merged
// into one batch keep their own trace ids.
import { PassThrough } from 'node:stream';
import { readIngestConfig, startIngest, type RunningIngest } from '@flow/ingest';
import { readWorkerConfig, startWorker, type RunningWorker } from '@flow/ledger-worker';
import { businessDate, migrate, openPglite, type Database } from '@flow/ledger-core';
import { createLogger, scopes, signEmbeddedToken, type Logger } from '@flow/service-kit';
import { startLocalBroker, type LocalBroker } from '@flow/service-kit/local-broker';
import { brokerClient, waitFor } from '@flow/service-kit/testing';
import type { PostingOutcomeMessage } from '@flow/contracts';
import { demoAccount, demoBranch, demoEventCode, seedDemoCatalog } from './demo-catalog.ts';

const jwtSecret = 'trace-context-test-secret-of-32-bytes!!';
const today = businessDate(new Date(), 'America/Sao_Paulo');
const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const posting = (amount: string) => ({ branch: demoBranch, account: demoAccount, amount, debitCredit: 'C', eventCode: demoEventCode, dateRef: today });

interface LogSink {
  readonly logger: Logger;
  lines(): Record<string, unknown>[];
}

function logSink(service: string): LogSink {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  return {
    logger: createLogger({ service, level: 'info', stream }),
    lines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('one trace per posting, from ingest through the worker to the callback', () => {
  let database: Database;
  let broker: LocalBroker;
  let worker: RunningWorker;
  let ingest: RunningIngest;
  let token: string;
  const ingestLog = logSink('flow-ingest');
  const workerLog = logSink('flow-ledger-worker');

  beforeAll(async () => {
    database = await openPglite();
    await migrate(database);
    await seedDemoCatalog(database);
    broker = await startLocalBroker();
    const shared = { FLOW_HOST: '127.0.0.1', FLOW_JWT_SECRET: jwtSecret, FLOW_AWS_ENDPOINT: broker.endpoint, FLOW_AWS_REGION: broker.region };
    worker = await startWorker(readWorkerConfig({
      ...shared, FLOW_HEALTH_PORT: '0', FLOW_RECEIVE_WAIT_SECONDS: '1', FLOW_BATCH_WAIT_MS: '200',
      FLOW_TRANSACTION_QUEUE_URL: broker.transactionQueueUrl, FLOW_CALLBACK_TOPIC_ARN: broker.callbackTopicArn,
    }, { databaseInjected: true }), { database, logger: workerLog.logger });
    ingest = await startIngest(readIngestConfig({ ...shared, FLOW_PORT: '0', FLOW_REQUEST_TOPIC_ARN: broker.requestTopicArn }), { logger: ingestLog.logger });
    token = await signEmbeddedToken({ secret: jwtSecret, scopes: [...scopes] });
  });

  afterAll(async () => {
    await ingest?.stop();
    await worker?.stop();
    await broker?.stop();
    await database?.close();
  });

  const post = async (body: unknown, traceparent?: string): Promise<string[]> => {
    const response = await fetch(`${ingest.url}/v1/transactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(traceparent === undefined ? {} : { traceparent }) },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(202);
    const accepted = await response.json() as { id?: string; transactions?: { id: string }[] };
    return accepted.id === undefined ? accepted.transactions!.map((item) => item.id) : [accepted.id];
  };

  const outcomesOf = async (ids: readonly string[]): Promise<Map<string, PostingOutcomeMessage>> => {
    const found = new Map<string, PostingOutcomeMessage>();
    const client = brokerClient(broker);
    try {
      await waitFor(async () => {
        for (const outcome of await client.drainOutcomes()) if (ids.includes(outcome.id)) found.set(outcome.id, outcome);
        return found.size === ids.length;
      }, 30_000, 50);
    } finally {
      client.destroy();
    }
    return found;
  };

  test('the caller\'s trace id, and one ingest starts, each the same in both services\' logs and on the outcomes', async () => {
    // Both requests land within the worker's batch wait: one batch, two traces.
    const [fromCaller, started] = await Promise.all([
      post(posting('1.00'), `00-${callerTraceId}-00f067aa0ba902b7-01`),
      post({ transactions: [posting('2.00'), posting('3.00')] }),
    ]);
    const outcomes = await outcomesOf([...fromCaller!, ...started!]);

    const accepted = ingestLog.lines().filter((line) => line.code === 'postings_accepted');
    const callerLine = accepted.find((line) => line.id === fromCaller![0]);
    expect(callerLine?.traceId).toBe(callerTraceId);
    const startedLine = accepted.find((line) => line.id === undefined);
    const startedTraceId = startedLine?.traceId as string;
    expect(startedTraceId).toMatch(/^[0-9a-f]{32}$/);
    expect(startedTraceId).not.toBe(callerTraceId);

    expect(outcomes.get(fromCaller![0]!)?.traceId).toBe(callerTraceId);
    for (const id of started!) expect(outcomes.get(id)?.traceId).toBe(startedTraceId);

    const batchTraceIds = workerLog.lines().filter((line) => line.code === 'batch_applied').flatMap((line) => line.traceIds as string[]);
    expect(batchTraceIds).toEqual(expect.arrayContaining([callerTraceId, startedTraceId]));
  });

  test('a malformed traceparent starts a new trace instead of failing the request', async () => {
    const [id] = await post(posting('4.00'), 'not-a-traceparent');
    const outcome = (await outcomesOf([id!])).get(id!);
    expect(outcome?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(ingestLog.lines().find((line) => line.code === 'postings_accepted' && line.id === id)?.traceId).toBe(outcome?.traceId);
  });
});
