// When the broker fails, ingest must never answer 202: every request gets 503 broker_unavailable
// with Retry-After, the breaker opens after repeated failures, readiness reports it, and while
// it is open requests fail without a single connection to the broker. Assertions are on
// behaviour (statuses, reasons, connection counts), never on how many milliseconds things took.
import { startLocalBroker } from '@flow/service-kit/local-broker';
import request from 'supertest';
import { bearer, buildTestIngest, postingBody, startDeadBroker, testEnvironment, type DeadBroker, type TestIngest } from './test-support.ts';

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
      FLOW_PUBLISH_TIMEOUT_MS: '300',
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
    expect(failures[0]).toMatchObject({ reason: expectedReason, count: 1, requestId: expect.any(String) });
    expect(ingest.logs.lines()).toContainEqual(expect.objectContaining({ code: 'breaker_opened', breaker: 'request-topic' }));
  });

  test('while the breaker is open, requests fail fast without reaching the broker', async () => {
    const connectionsBefore = deadBroker.connections();
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(ingest)));
    for (const response of responses) {
      expectBrokerUnavailable(response);
      expect(response.body.details).toEqual({ reason: 'breaker_open' });
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
