// The readiness probe is public: it names the failing check and nothing of why, while the log
// line carries the driver's message for the operator.
import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { healthRoutes } from './health.ts';
import { createLogger } from './logger.ts';

test('a failing check answers 503 naming only the check; the reason goes to the log', async () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = express().use(healthRoutes([
    { name: 'database', check: () => Promise.reject(new Error('password authentication failed for user "flow_prod"')) },
    { name: 'broker', check: async () => {} },
  ], createLogger({ service: 'test', level: 'info', stream })));
  const ready = await request(app).get('/health/ready');
  expect(ready.status).toBe(503);
  expect(ready.body).toEqual({ status: 'unavailable', checks: { database: 'unavailable', broker: 'ok' } });
  expect(lines).toEqual([expect.objectContaining({ code: 'readiness_failed', check: 'database', error: expect.objectContaining({ message: expect.stringContaining('flow_prod') }) })]);
  expect((await request(app).get('/health/live')).body).toEqual({ status: 'ok' });
});
