// The HTTP error contract on a real Express app: registry codes and statuses, no leaks of
// internal errors, request ids and one access log line per request.
import { Writable } from 'node:stream';
import { apiErrorCodes } from '@flow/contracts';
import express from 'express';
import request from 'supertest';
import { ApiError, errorHandler, notFound, requestContext } from './http.ts';
import { createLogger } from './logger.ts';

function appWithLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = createLogger({ service: 'test', level: 'info', stream });
  const app = express();
  app.use(requestContext(logger));
  app.use(express.json({ limit: 64 }));
  app.post('/echo', (req, res) => void res.json(req.body));
  app.get('/expected', () => {
    throw new ApiError('broker_unavailable', undefined, { 'retry-after': '5' });
  });
  app.get('/bug', async () => {
    throw new Error('relation "flow.secret_table" does not exist');
  });
  app.use(notFound);
  app.use(errorHandler(logger));
  return { app, lines };
}

describe('HTTP errors', () => {
  test('an internal error answers 500 with the request id and hides the message; the log has it', async () => {
    const { app, lines } = appWithLog();
    const response = await request(app).get('/bug').set('x-request-id', 'req-42');
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.body).toEqual({
      type: 'https://flow.dev/problems/internal_error', title: apiErrorCodes.internal_error.message, status: 500,
      detail: apiErrorCodes.internal_error.message, instance: 'urn:flow:request:req-42',
      code: 'internal_error', message: apiErrorCodes.internal_error.message, details: { traceId: 'req-42' },
    });
    expect(JSON.stringify(response.body)).not.toContain('secret_table');
    const failure = lines.find((line) => line.code === 'request_failed');
    expect(failure).toMatchObject({ number: 'L005', requestId: 'req-42', service: 'test' });
    expect(JSON.stringify(failure)).toContain('secret_table');
  });

  test('an ApiError answers its registry status with its headers', async () => {
    const response = await request(appWithLog().app).get('/expected');
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).toMatchObject({ code: 'broker_unavailable' });
  });

  test('body too large is 413, malformed JSON is 400, unknown routes are 404, all as JSON codes', async () => {
    const { app } = appWithLog();
    const large = await request(app).post('/echo').set('content-type', 'application/json').send(JSON.stringify({ pad: 'x'.repeat(100) }));
    expect([large.status, large.body.code]).toEqual([413, 'request_too_large']);
    const malformed = await request(app).post('/echo').set('content-type', 'application/json').send('{"a":');
    expect([malformed.status, malformed.body.code]).toEqual([400, 'validation_failed']);
    const missing = await request(app).get('/nowhere');
    expect([missing.status, missing.body.code]).toEqual([404, 'not_found']);
  });

  test('every request gets a request id, the caller’s when it is sane, and one access log line', async () => {
    const { app, lines } = appWithLog();
    const given = await request(app).post('/echo').set('x-request-id', 'abc-1').send({ a: 1 });
    expect(given.headers['x-request-id']).toBe('abc-1');
    const replaced = await request(app).post('/echo').set('x-request-id', 'bad id with spaces').send({ a: 1 });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const access = lines.filter((line) => line.code === 'request_completed');
    expect(access.map((line) => [line.requestId, line.status])).toEqual([['abc-1', 200], [replaced.headers['x-request-id'], 200]]);
  });
});
