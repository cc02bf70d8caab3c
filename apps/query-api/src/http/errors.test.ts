// The answers a read's failures get: every database failure ledger-core classifies (outage,
// rejected credentials, statement timeout) is 503 database_unavailable with Retry-After, never
// a 500; a foreign cursor is 400; anything else is the last-resort 500. Driven through Express
// with supertest, the log line read back from the logger's stream.
import { PassThrough } from 'node:stream';
import { CursorError } from '@flow/ledger-core';
import { createLogger, errorHandler, requestContext } from '@flow/service-kit';
import express from 'express';
import request from 'supertest';
import { databaseRetryAfterSeconds, translateErrors } from './errors.ts';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

function appFailingWith(error: unknown) {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => chunk.toString('utf8').split('\n').filter((line) => line.trim() !== '')
    .forEach((line) => lines.push(JSON.parse(line) as Record<string, unknown>)));
  const logger = createLogger({ service: 'flow-query-api-test', level: 'info', stream });
  const app = express();
  app.use(requestContext(logger));
  app.get('/read', () => {
    throw error;
  });
  app.use(translateErrors(logger));
  app.use(errorHandler(logger));
  return { app, failures: () => lines.filter((line) => line.code === 'request_failed') };
}

test.each([
  ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'database_unavailable'],
  ['admin shutdown (failover)', withCode('57P01', 'terminating connection due to administrator command'), 'database_unavailable'],
  ['read-only transaction (failover)', withCode('25006'), 'database_unavailable'],
  ['pool already ended', new Error('Cannot use a pool after calling end on the pool'), 'database_unavailable'],
  ['password rejected (secret rotated)', withCode('28P01', 'password authentication failed'), 'database_credentials_rejected'],
  ['authorization rejected', withCode('28000'), 'database_credentials_rejected'],
  ['statement timeout', withCode('57014', 'canceling statement due to statement timeout'), 'statement timeout'],
])('%s is 503 database_unavailable with Retry-After', async (_name, error, reason) => {
  const { app, failures } = appFailingWith(error);
  const response = await request(app).get('/read');
  expect(response.status).toBe(503);
  expect(response.headers['retry-after']).toBe(String(databaseRetryAfterSeconds));
  expect(response.body).toMatchObject({ code: 'database_unavailable', details: { traceId: response.headers['x-request-id'] } });
  await new Promise((resolve) => setImmediate(resolve));
  expect(failures()).toEqual([expect.objectContaining({ status: 503, reason, requestId: response.headers['x-request-id'] })]);
});

test('a foreign cursor is 400 cursor_invalid', async () => {
  const response = await request(appFailingWith(new CursorError('not ours')).app).get('/read');
  expect(response.status).toBe(400);
  expect(response.body).toMatchObject({ code: 'cursor_invalid' });
});

test.each([
  ['a syntax error (a bug)', withCode('42601', 'syntax error at or near "selec"')],
  ['a plain bug', new TypeError('cannot read properties of undefined')],
])('%s is a 500 without Retry-After', async (_name, error) => {
  const response = await request(appFailingWith(error).app).get('/read');
  expect(response.status).toBe(500);
  expect(response.body).toMatchObject({ code: 'internal_error' });
  expect(response.headers['retry-after']).toBeUndefined();
});
