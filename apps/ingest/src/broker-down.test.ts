// When the broker fails, ingest must never answer 202: every request gets 503 broker_unavailable
// with Retry-After, the breaker opens after repeated failures, readiness reports it, and while
// it is open requests fail without a single connection to the broker. Assertions are on
// behaviour (statuses, reasons, connection counts), never on how many milliseconds things took.
import { SQSClient } from '@aws-sdk/client-sqs';
import { limits } from '@flow/contracts';
import { startLocalBroker } from '@flow/service-kit/local-broker';
import request from 'supertest';
import {
  bearer,
  buildTestIngest,
  drainPostingMessages,
  postingBody,
  startDeadBroker,
  startHalfBroker,
  testEnvironment,
  type DeadBroker,
  type TestIngest,
} from './test-support.ts';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const topicArn = 'arn:aws:sns:us-east-1:000000000000:flow-request';
/** Requests sent before expecting the breaker open: its volume threshold is 3 at 50 % failures. */
const requestsUntilOpenMax = 10;
const breakerResetMs = 60_000;

let token: string;
beforeAll(async () => {
  token = await bearer();
});

const post = (ingest: TestIngest) => request(ingest.app).post('/v1/transactions').set('authorization', token).send(postingBody());

function expectBrokerUnavailable(response: request.Response): void {
  expect(response.status).toBe(503);
  expect(response.body).toMatchObject({ code: 'broker_unavailable' });
  expect(response.headers['retry-after']).toBe(String(breakerResetMs / 1_000));
}

describe.each(['reset', 'silent'] as const)('a broker that is down (%s)', (mode) => {
  let deadBroker: DeadBroker;
  let ingest: TestIngest;

  beforeAll(async () => {
    deadBroker = await startDeadBroker(mode);
    ingest = buildTestIngest(testEnvironment(deadBroker.endpoint, topicArn, {
      // A silent broker must time out; a resetting one must fail on its own, even on a loaded CI
      // machine where the SDK's retries of a reset can outlast 300 ms (seen once: reason `timeout`).
      FLOW_PUBLISH_TIMEOUT_MS: mode === 'silent' ? '300' : '5000',
      FLOW_PUBLISH_BREAKER_RESET_MS: String(breakerResetMs),
    }));
  });

  afterAll(async () => {
    await ingest.close();
    await deadBroker.stop();
  });

  test('every request gets 503 with Retry-After until the breaker opens and readiness says so', async () => {
    const expectedReason = mode === 'reset' ? 'broker_error' : 'timeout';
    let opened = false;
    for (let sent = 0; sent < requestsUntilOpenMax && !opened; sent += 1) {
      const response = await post(ingest);
      expectBrokerUnavailable(response);
      expect(['breaker_open', expectedReason]).toContain(response.body.details.reason);
      opened = (await request(ingest.app).get('/health/ready')).status === 503;
    }
    expect(opened).toBe(true);
    expect(deadBroker.connections()).toBeGreaterThan(0);
    const failures = ingest.logs.lines().filter((line) => line.code === 'publish_failed');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toMatchObject({
      reason: expectedReason, count: 1, requestId: expect.any(String), id: expect.stringMatching(uuidV7), traceKey: expect.stringMatching(uuidV7),
    });
    // The refusals while the breaker opened are logged the same way.
    for (const failure of failures) expect(failure).toHaveProperty('traceKey');
    expect(ingest.logs.lines()).toContainEqual(expect.objectContaining({ code: 'breaker_opened', breaker: 'request-topic' }));
  });

  test('while the breaker is open, requests fail fast without reaching the broker', async () => {
    const connectionsBefore = deadBroker.connections();
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(ingest)));
    for (const response of responses) {
      expectBrokerUnavailable(response);
      // Ids are assigned before the publish, so even a 503 that sent nothing names them.
      expect(response.body.details).toEqual({ reason: 'breaker_open', id: expect.stringMatching(uuidV7), traceKey: expect.stringMatching(uuidV7) });
    }
    expect(deadBroker.connections()).toBe(connectionsBefore);
    const ready = await request(ingest.app).get('/health/ready');
    expect(ready.body.checks).toEqual({ broker: 'unavailable', accepting: 'ok' });
    expect(ingest.logs.lines()).toContainEqual(expect.objectContaining({ code: 'readiness_failed', check: 'broker', error: expect.objectContaining({ message: expect.stringMatching(/breaker is open/) }) }));
  });
});

test('a broker that stops mid-life: 202 before, 503 after, never a 202 without the broker', async () => {
  const broker = await startLocalBroker();
  const ingest = buildTestIngest(testEnvironment(broker.endpoint, broker.requestTopicArn, {
    FLOW_PUBLISH_TIMEOUT_MS: '1000',
    FLOW_PUBLISH_BREAKER_RESET_MS: String(breakerResetMs),
  }));
  try {
    expect((await post(ingest)).status).toBe(202);
    await broker.stop();
    expectBrokerUnavailable(await post(ingest));
  } finally {
    await ingest.close();
  }
});

test('a batch whose second message fails: 503 naming every assigned id, and what landed is among them', async () => {
  const broker = await startLocalBroker();
  const halfBroker = await startHalfBroker(broker.endpoint, 1);
  const sqs = new SQSClient({ region: broker.region, endpoint: broker.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const ingest = buildTestIngest(testEnvironment(halfBroker.endpoint, broker.requestTopicArn, {
    FLOW_PUBLISH_BREAKER_RESET_MS: String(breakerResetMs),
  }));
  try {
    // ~3.9 KiB of details each: 100 of them need two messages (256 KiB each), in one request.
    const details = { note: 'x'.repeat(limits.detailsBytesMax - 200) };
    const bodies = Array.from({ length: 100 }, () => postingBody({ details }));
    const response = await request(ingest.app).post('/v1/transactions').set('authorization', token).send({ transactions: bodies });
    expectBrokerUnavailable(response);
    expect(response.body.details.reason).toBe('broker_error');
    const assigned = response.body.details.transactions as { id: string; traceKey: string }[];
    expect(assigned).toHaveLength(bodies.length);
    for (const { id, traceKey } of assigned) expect({ id, traceKey }).toEqual({ id: expect.stringMatching(uuidV7), traceKey: assigned[0]!.traceKey });
    expect(ingest.logs.lines()).toContainEqual(expect.objectContaining({
      code: 'publish_failed', requestId: response.headers['x-request-id'], count: bodies.length, reason: 'broker_error', traceKeys: [assigned[0]!.traceKey],
    }));
    await ingest.close(); // every publish under way has answered
    expect(halfBroker.forwarded()).toBe(1);
    expect(halfBroker.reset()).toBeGreaterThan(0);
    const landed = (await drainPostingMessages(sqs, broker.transactionQueueUrl)).flatMap((message) => message.postings);
    expect(landed.length).toBeGreaterThan(0);
    expect(landed.length).toBeLessThan(bodies.length);
    const assignedIds = new Set(assigned.map(({ id }) => id));
    for (const { id } of landed) expect(assignedIds).toContain(id);
    // In request order: each landed posting sits at the index its body had.
    for (const posting of landed) expect(posting.account).toBe(bodies[assigned.findIndex(({ id }) => id === posting.id)]!.account);
  } finally {
    await ingest.close();
    sqs.destroy();
    await halfBroker.stop();
    await broker.stop();
  }
});
