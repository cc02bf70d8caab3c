// POST /v1/transactions through the real SNS/SQS protocol (fauxqs with Flow's topology): what
// a 202 promises is checked on the transaction queue, exactly as the worker will read it, and
// every error answer is checked against the served OpenAPI document.
import { SQSClient } from '@aws-sdk/client-sqs';
import { buildOpenApiDocument, limits, problemType, validationCodes, type ApiErrorCode } from '@flow/contracts';
import { signEmbeddedToken } from '@flow/service-kit';
import { startLocalBroker, type LocalBroker } from '@flow/service-kit/local-broker';
import request, { type Response } from 'supertest';
import {
  bearer,
  buildTestIngest,
  drainPostingMessages,
  postingBody,
  testEnvironment,
  testSecret,
  type TestIngest,
} from './test-support.ts';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const routeResponses = (buildOpenApiDocument('ingest') as { paths: Record<string, { post?: { responses: Record<string, { description: string }> } }> })
  .paths['/v1/transactions']!.post!.responses;

/** The answer's status and code are the ones the OpenAPI document promises for this route. */
function expectDocumentedError(response: Response, code: string): void {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ type: problemType(code as ApiErrorCode), status: response.status, code, instance: `urn:flow:request:${response.headers['x-request-id']}` });
  expect(routeResponses[String(response.status)]?.description.split(', ')).toContain(code);
}

let broker: LocalBroker;
let sqs: SQSClient;
let ingest: TestIngest;
let token: string;

beforeAll(async () => {
  broker = await startLocalBroker();
  sqs = new SQSClient({ region: broker.region, endpoint: broker.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  ingest = buildTestIngest(testEnvironment(broker.endpoint, broker.requestTopicArn));
  token = await bearer();
});

afterAll(async () => {
  await ingest.close();
  sqs.destroy();
  await broker.stop();
});

afterEach(async () => {
  await drainPostingMessages(sqs, broker.transactionQueueUrl, 1);
});

const post = (body: unknown, authorization = token) =>
  request(ingest.app).post('/v1/transactions').set('authorization', authorization).send(body as object);
const published = async () => (await drainPostingMessages(sqs, broker.transactionQueueUrl)).flatMap((message) => message.postings);

describe('POST /v1/transactions accepts', () => {
  test('one posting: 202 with a new UUIDv7 id and traceKey, and exactly that posting on the queue', async () => {
    const body = postingBody({ amount: '8.5', description: 'Pix recebido', details: { channel: 'pix' } });
    const response = await post(body);
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ id: expect.stringMatching(uuidV7), traceKey: expect.stringMatching(uuidV7) });
    const messages = await drainPostingMessages(sqs, broker.transactionQueueUrl);
    const traceId = messages[0]?.postings[0]?.traceId;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(messages.flatMap((message) => message.postings)).toEqual([
      { ...body, amount: '8.50', id: response.body.id, traceKey: response.body.traceKey, producer: 'flow-local', traceId },
    ]);
    // The request's W3C trace: on the posting, on the message attribute, in the log line.
    expect(messages[0]?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(ingest.logs.lines()).toContainEqual(expect.objectContaining({
      code: 'postings_accepted', count: 1, id: response.body.id, traceKey: response.body.traceKey,
      requestId: response.headers['x-request-id'], traceId,
    }));
  });

  test('a batch: ids in request order, the client id and traceKey kept, one new traceKey for the rest', async () => {
    const clientId = '0190e4a2-7c1e-7a3b-8f00-123456789abc';
    const clientTraceKey = '0190e4a2-7c1e-7a3b-8f00-cba987654321';
    const bodies = [postingBody({ id: clientId.toUpperCase() }), postingBody({ traceKey: clientTraceKey }), postingBody()];
    const response = await post({ transactions: bodies });
    expect(response.status).toBe(202);
    const accepted = response.body.transactions as { id: string; traceKey: string }[];
    expect(accepted).toHaveLength(3);
    expect(accepted[0]!.id).toBe(clientId);
    expect(accepted[1]!.traceKey).toBe(clientTraceKey);
    expect(accepted[0]!.traceKey).toBe(accepted[2]!.traceKey);
    expect(accepted[0]!.traceKey).not.toBe(clientTraceKey);
    const postings = await published();
    expect(postings.map(({ id, traceKey }) => ({ id, traceKey }))).toEqual(accepted);
    expect(postings.map(({ account }) => account)).toEqual(bodies.map(({ account }) => account));
  });

  test('a full batch of the largest postings is split into several messages within the message limit', async () => {
    // ~3.9 KiB of details each: 100 of them exceed one message (256 KiB) and fit the body (1 MiB).
    const details = { note: 'x'.repeat(limits.detailsBytesMax - 200) };
    const bodies = Array.from({ length: 100 }, () => postingBody({ details }));
    const response = await post({ transactions: bodies });
    expect(response.status).toBe(202);
    const messages = await drainPostingMessages(sqs, broker.transactionQueueUrl);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.bytes).toBeLessThanOrEqual(limits.messageBytesMax);
    const ids = messages.flatMap((message) => message.postings.map(({ id }) => id));
    expect(ids.sort()).toEqual(response.body.transactions.map(({ id }: { id: string }) => id).sort());
  });

  test('concurrent requests share messages: fewer messages than requests, every posting exactly once', async () => {
    // A linger far above the default 5 ms, so requests still share messages on a slow machine.
    const lingering = buildTestIngest(testEnvironment(broker.endpoint, broker.requestTopicArn, { FLOW_PUBLISH_LINGER_MS: '50' }));
    const requests = 50;
    const responses = await Promise.all(Array.from({ length: requests }, () =>
      request(lingering.app).post('/v1/transactions').set('authorization', token).send(postingBody())))
      .finally(() => lingering.close());
    expect(responses.map(({ status }) => status)).toEqual(Array(requests).fill(202));
    const messages = await drainPostingMessages(sqs, broker.transactionQueueUrl);
    expect(messages.length).toBeLessThan(requests);
    const ids = messages.flatMap((message) => message.postings.map(({ id }) => id));
    expect(ids.sort()).toEqual(responses.map(({ body }) => body.id as string).sort());
  });
});

describe('POST /v1/transactions refuses', () => {
  test('a batch with invalid items: 400 listing each invalid item, and nothing published', async () => {
    const bodies = [postingBody(), postingBody({ amount: '1.001' }), postingBody({ debitCredit: 'X', branch: undefined })];
    const response = await post({ transactions: bodies });
    expect(response.status).toBe(400);
    expectDocumentedError(response, 'validation_failed');
    expect(response.body.errors).toEqual([
      { pointer: '/transactions/1/amount', code: 'amount_too_many_decimals', message: validationCodes.amount_too_many_decimals.message },
      { pointer: '/transactions/2/branch', code: 'field_required', message: validationCodes.field_required.message },
      { pointer: '/transactions/2/debitCredit', code: 'debit_credit_invalid', message: validationCodes.debit_credit_invalid.message },
    ]);
    expect(response.body.errorsTotal).toBe(3);
    expect(response.body.details).toBeUndefined();
    expect(ingest.logs.lines()).toContainEqual(expect.objectContaining({ code: 'request_invalid', itemCount: 3, requestId: response.headers['x-request-id'] }));
    // A valid request after it is the only thing on the queue: the invalid one left no message.
    const marker = await post(postingBody());
    expect((await published()).map(({ id }) => id)).toEqual([marker.body.id]);
  });

  test.each([
    ['an empty batch', { transactions: [] }, { pointer: '/transactions', code: 'body_invalid' }],
    ['a batch that is not an array', { transactions: { branch: '0001' } }, { pointer: '/transactions', code: 'body_invalid' }],
    ['a batch with other fields', { transactions: [postingBody()], 'ex/tra': true }, { pointer: '/ex~1tra', code: 'field_unknown' }],
    ['a posting with an unknown field', postingBody({ 'am~ont': '1.00' }), { pointer: '/am~0ont', code: 'field_unknown' }],
    ['a JSON array instead of an object', [postingBody()], { pointer: '', code: 'posting_not_object' }],
  ])('%s: 400 validation_failed pointing at it', async (_name, body, error) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expectDocumentedError(response, 'validation_failed');
    expect(response.body.errors).toEqual([expect.objectContaining(error)]);
    expect(response.body.errorsTotal).toBe(1);
  });

  test('more postings than a request may hold: 400 too_many_postings', async () => {
    const posting = { branch: '1', account: '1', amount: '1', debitCredit: 'C', eventCode: 1, dateRef: '2025-03-10' };
    const response = await post({ transactions: Array(limits.requestPostingsMax + 1).fill(posting) });
    expect(response.status).toBe(400);
    expectDocumentedError(response, 'too_many_postings');
    expect(response.body.details).toEqual({ count: limits.requestPostingsMax + 1, max: limits.requestPostingsMax });
    expect(response.body.detail).toContain(`at most ${limits.requestPostingsMax}`);
  });

  test('a body over the byte limit: 413 request_too_large', async () => {
    const response = await post({ transactions: [postingBody({ description: 'x'.repeat(limits.requestBodyBytesMax) })] });
    expect(response.status).toBe(413);
    expectDocumentedError(response, 'request_too_large');
  });

  test('malformed JSON: 400 validation_failed', async () => {
    const response = await request(ingest.app).post('/v1/transactions').set('authorization', token)
      .set('content-type', 'application/json').send('{"branch": "0001",');
    expect(response.status).toBe(400);
    expectDocumentedError(response, 'validation_failed');
    expect(response.body.errors).toEqual([{ pointer: '', code: 'body_invalid', message: 'the body is not valid JSON' }]);
  });

  test('a body that is not JSON: 415 content_type_unsupported, nothing published', async () => {
    const response = await request(ingest.app).post('/v1/transactions').set('authorization', token)
      .set('content-type', 'text/plain').send('branch=0001');
    expect(response.status).toBe(415);
    expectDocumentedError(response, 'content_type_unsupported');
    expect(await published()).toEqual([]);
  });

  test('no token: 401; a bad token: 401; a token without flow:post: 403', async () => {
    const anonymous = await request(ingest.app).post('/v1/transactions').send(postingBody());
    expect(anonymous.status).toBe(401);
    expectDocumentedError(anonymous, 'unauthorized');
    const forged = await post(postingBody(), `${token.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);
    const reader = await post(postingBody(), await bearer(['flow:read', 'flow:admin']));
    expect(reader.status).toBe(403);
    expectDocumentedError(reader, 'forbidden');
  });
});

describe('POST /v1/transactions refuses what PostgreSQL cannot store exactly', () => {
  /** The posting body as raw JSON text, with `extra` spliced in verbatim (escapes and numbers as sent). */
  const rawPosting = (extra: string) => `${JSON.stringify(postingBody()).slice(0, -1)},${extra}}`;
  const postRaw = (text: string) => request(ingest.app).post('/v1/transactions').set('authorization', token)
    .set('content-type', 'application/json').send(text);

  test.each([
    ['NUL in description', '"description":"a\\u0000b"', '/description', 'text_character_invalid'],
    ['a lone high surrogate in description', '"description":"\\ud800"', '/description', 'text_character_invalid'],
    ['NUL in a details value', '"details":{"a/b":"\\u0000"}', '/details/a~1b', 'text_character_invalid'],
    ['NUL in a details key', '"details":{"k\\u0000":1}', '/details', 'text_character_invalid'],
    ['a lone surrogate in details', '"details":{"x":"x\\udc00y"}', '/details/x', 'text_character_invalid'],
    ['1e400 in details', '"details":{"n":1e400}', '/details/n', 'details_number_inexact'],
    ['an integer beyond 2^53 in details', '"details":{"n":9007199254740993}', '/details/n', 'details_number_inexact'],
  ])('%s: 400 with the pointer and code, nothing published', async (_name, extra, pointer, code) => {
    const response = await postRaw(rawPosting(extra));
    expect(response.status).toBe(400);
    expectDocumentedError(response, 'validation_failed');
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer, code })]);
    expect(await published()).toEqual([]);
  });

  test('details nested 5,000 levels deep: 400 details_too_deep, not a 500', async () => {
    const depth = 5_000;
    const response = await postRaw(rawPosting(`"details":${'{"n":'.repeat(depth)}1${'}'.repeat(depth)}`));
    expect(response.status).toBe(400);
    expect(response.body.errors[0].code).toBe('details_too_deep');
    expect(await published()).toEqual([]);
  });

  test('valid Unicode is accepted and published unchanged: U+2028, emoji, accents', async () => {
    const text = 'Pix\u2028recebido 💸 — ação';
    const response = await post(postingBody({ description: text, details: { [text]: [text, 9007199254740991, 0.1] } }));
    expect(response.status).toBe(202);
    const [posting] = await published();
    expect(posting?.description).toBe(text);
    expect(posting?.details).toEqual({ [text]: [text, 9007199254740991, 0.1] });
  });
});

describe('POST /v1/transactions and the token\'s branches', () => {
  test('postings of the token\'s branches are accepted', async () => {
    const token0001 = await bearer(['flow:post'], ['0001', '0002']);
    const response = await post({ transactions: [postingBody({ branch: '0001' }), postingBody({ branch: '0002' })] }, token0001);
    expect(response.status).toBe(202);
    expect(await published()).toHaveLength(2);
  });

  test('one posting of another branch: 403 branch_forbidden naming it, and nothing published', async () => {
    const body = { transactions: [postingBody({ branch: '0001' }), postingBody({ branch: '0002' }), postingBody({ branch: '0001' })] };
    const response = await post(body, await bearer(['flow:post'], ['0001']));
    expect(response.status).toBe(403);
    expectDocumentedError(response, 'branch_forbidden');
    expect(response.body.errors).toEqual([{ pointer: '/transactions/1/branch', code: 'branch_forbidden', message: expect.stringContaining('0002') }]);
    expect(response.body.errorsTotal).toBe(1);
    expect(await published()).toEqual([]);
    expect(ingest.logs.lines()).toContainEqual(expect.objectContaining({ code: 'auth_failed', reason: 'branch_forbidden', itemCount: 1 }));
  });

  test('a token without the claim posts nothing; the list of refused items is bounded', async () => {
    const many = Array.from({ length: limits.errorItemsMax + 20 }, () => postingBody({ branch: '0001' }));
    const response = await post({ transactions: many }, await bearer(['flow:post'], null));
    expect(response.status).toBe(403);
    expect(response.body.errors).toHaveLength(limits.errorItemsMax);
    expect(response.body.errorsTotal).toBe(limits.errorItemsMax + 20);
    expect(await published()).toEqual([]);
  });
});

describe('POST /v1/transactions stamps the producer', () => {
  test('the token\'s client_id, else its subject, is stamped on every posting; a client cannot set it', async () => {
    const bySubject = await post(postingBody(), `Bearer ${await signEmbeddedToken({ secret: testSecret, scopes: ['flow:post'], subject: 'caixa-01' })}`);
    expect(bySubject.status).toBe(202);
    expect((await published()).map((posting) => posting.producer)).toEqual(['caixa-01']);
    const app = await signEmbeddedToken({ secret: testSecret, scopes: ['flow:post'], subject: 'user-42', clientId: 'app-pix' });
    expect((await post({ transactions: [postingBody(), postingBody()] }, `Bearer ${app}`)).status).toBe(202);
    expect((await published()).map((posting) => posting.producer)).toEqual(['app-pix', 'app-pix']);
    const forged = await post(postingBody({ producer: 'someone-else' }));
    expect(forged.status).toBe(400);
    expect(forged.body.errors).toEqual([expect.objectContaining({ pointer: '/producer', code: 'field_unknown' })]);
    expect(await published()).toEqual([]);
  });
});

describe('around the route', () => {
  test('health: live and ready while the broker answers', async () => {
    expect((await request(ingest.app).get('/health/live')).status).toBe(200);
    const ready = await request(ingest.app).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { broker: 'ok', accepting: 'ok' } });
  });

  test('the OpenAPI document and Swagger UI are served without a token', async () => {
    const document = await request(ingest.app).get('/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.paths).toHaveProperty('/v1/transactions');
    expect((await request(ingest.app).get('/docs/')).status).toBe(200);
  });

  test('an unknown route: 404 not_found as JSON', async () => {
    const response = await request(ingest.app).get('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'not_found' });
  });
});
