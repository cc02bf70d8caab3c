// The standard headers of ingest's answers: the 202 of a single posting names its status resource
// on the query API (`Location`, relative unless FLOW_QUERY_API_PUBLIC_URL is set; 404 there until
// applied), a batch's does not; a 401 carries its RFC 6750 challenge; an Accept that allows no
// JSON gets 406 and nothing is published.
import { SQSClient } from '@aws-sdk/client-sqs';
import { startLocalBroker, type LocalBroker } from '@flow/service-kit/local-broker';
import request from 'supertest';
import { bearer, buildTestIngest, drainPostingMessages, postingBody, testEnvironment, type TestIngest } from './test-support.ts';

let broker: LocalBroker;
let sqs: SQSClient;
let relative: TestIngest;
let absolute: TestIngest;
let token: string;

beforeAll(async () => {
  broker = await startLocalBroker();
  sqs = new SQSClient({ region: broker.region, endpoint: broker.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  relative = buildTestIngest(testEnvironment(broker.endpoint, broker.requestTopicArn));
  absolute = buildTestIngest(testEnvironment(broker.endpoint, broker.requestTopicArn, { FLOW_QUERY_API_PUBLIC_URL: 'https://api.bank.example/flow/' }));
  token = await bearer();
});
afterAll(async () => {
  await Promise.all([relative.close(), absolute.close()]);
  sqs.destroy();
  await broker.stop();
});
afterEach(async () => {
  await drainPostingMessages(sqs, broker.transactionQueueUrl, 1);
});

const post = (ingest: TestIngest, body: unknown, headers: Record<string, string> = {}) =>
  request(ingest.app).post('/v1/transactions').set({ authorization: token, ...headers }).send(body as object);

test('a single posting\'s 202 names its status resource: relative by default, absolute with the public URL', async () => {
  const first = await post(relative, postingBody());
  expect([first.status, first.headers.location]).toEqual([202, `/v1/transactions/${first.body.id}`]);
  const second = await post(absolute, postingBody());
  expect([second.status, second.headers.location]).toEqual([202, `https://api.bank.example/flow/v1/transactions/${second.body.id}`]);
});

test('a batch\'s 202 has no Location (each id is in the body)', async () => {
  const response = await post(relative, { transactions: [postingBody(), postingBody()] });
  expect(response.status).toBe(202);
  expect(response.headers.location).toBeUndefined();
});

test('401 carries WWW-Authenticate: no error without a token, invalid_token with a bad one', async () => {
  const missing = await request(relative.app).post('/v1/transactions').send(postingBody());
  expect([missing.status, missing.headers['www-authenticate']]).toEqual([401, 'Bearer realm="flow"']);
  const invalid = await post(relative, postingBody(), { authorization: 'Bearer not.a.token' });
  expect(invalid.status).toBe(401);
  expect(invalid.headers['www-authenticate']).toMatch(/^Bearer realm="flow", error="invalid_token"/);
});

test('403 for a missing scope names it in the challenge', async () => {
  const response = await post(relative, postingBody(), { authorization: await bearer(['flow:read']) });
  expect(response.status).toBe(403);
  expect(response.headers['www-authenticate']).toMatch(/error="insufficient_scope", scope="flow:post"/);
});

test.each([
  ['text/csv', 406],
  ['text/html, application/xhtml+xml', 406],
  ['text/csv, application/json;q=0.5', 202],
  ['*/*', 202],
  ['application/problem+json', 406],
  ['', 202],
])('Accept: %s → %i', async (accept, status) => {
  // '' sends no Accept header at all.
  const response = await post(relative, postingBody(), accept === '' ? {} : { accept });
  expect(response.status).toBe(status);
  if (status === 406) {
    expect(response.body).toMatchObject({ code: 'not_acceptable' });
    expect(await drainPostingMessages(sqs, broker.transactionQueueUrl, 1)).toEqual([]);
  }
});
