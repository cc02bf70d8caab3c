// The HTTP edge every Flow app shares, on a real Express app and a real server: client mistakes
// get a 4xx with a registered code (never a 500), security headers, the rate limit with its IETF
// headers, and the server's timeouts and connection cap (Node closes a socket whose headers do not
// arrive within headersTimeout with a 408; the check runs every second, see listen).
import { gzipSync } from 'node:zlib';
import { apiErrorCodes } from '@flow/contracts';
import express from 'express';
import request from 'supertest';
import { chain, errorHandler, notFound, requestContext, requireJsonContent, securityHeaders } from './http.ts';
import { createLogger } from './logger.ts';
import { byAddress, createRateLimiter, rateLimit } from './rate-limit.ts';
import { configReader } from './config.ts';
import { boundPort, closeServer, httpServerLimitsDefault, listen, readHttpServerLimits } from './server.ts';

const logger = createLogger({ service: 'test', level: 'error' });

function edgeApp(requestsPerMinute = 1_000) {
  const app = express();
  app.use(requestContext(logger));
  app.use(securityHeaders);
  const limits = { requestsPerMinute };
  app.use('/v1', rateLimit(limits, createRateLimiter(limits), byAddress, logger));
  app.post('/v1/things', requireJsonContent, express.json({ limit: 1_024 }), (req, res) => void res.json(req.body));
  app.get('/v1/accounts/:branch', (req, res) => void res.json({ branch: req.params.branch }));
  app.get('/docs/', (_req, res) => void res.type('html').send('<html></html>'));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}

const expectCode = (response: request.Response, code: keyof typeof apiErrorCodes) => {
  expect([response.status, response.body.code]).toEqual([apiErrorCodes[code].httpStatus, code]);
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(response.body).toMatchObject({ type: `https://flow.dev/problems/${code}`, status: response.status });
};

describe('client mistakes are 4xx with a registered code, never 500', () => {
  const app = edgeApp();
  test.each(['%ff', '%C0%AF', '%E0%A4%A'])('an undecodable path parameter %s: 400 path_invalid', async (segment) => {
    expectCode(await request(app).get(`/v1/accounts/${segment}`), 'path_invalid');
  });

  test('a gzip Content-Encoding over a body that is not gzip: 400 body_encoding_invalid', async () => {
    const response = await request(app).post('/v1/things').set('content-type', 'application/json')
      .set('content-encoding', 'gzip').send('{"not":"gzip"}');
    expectCode(response, 'body_encoding_invalid');
  });

  test('an unknown Content-Encoding or charset: 415 content_encoding_unsupported', async () => {
    expectCode(await request(app).post('/v1/things').set('content-type', 'application/json')
      .set('content-encoding', 'zstd-ish').send('{}'), 'content_encoding_unsupported');
    expectCode(await request(app).post('/v1/things').set('content-type', 'application/json; charset=klingon')
      .send('{}'), 'content_encoding_unsupported');
  });

  // Over a real socket with fetch: superagent re-encodes a Buffer body under Content-Encoding.
  async function postRaw(body: Buffer, headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
    const server = await listen(app, 0, '127.0.0.1');
    try {
      const answer = await fetch(`http://127.0.0.1:${boundPort(server)}/v1/things`, { method: 'POST', headers, body });
      return { status: answer.status, body: await answer.json() as Record<string, unknown> };
    } finally {
      await closeServer(server);
    }
  }

  test('a gzip bomb is bounded after decompression: 413 request_too_large', async () => {
    const bomb = gzipSync(Buffer.from(`{"a":"${'x'.repeat(1_000_000)}"}`));
    expect(bomb.length).toBeLessThan(2_000);
    const response = await postRaw(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect([response.status, response.body.code]).toEqual([413, 'request_too_large']);
  });

  test('a body that is not JSON: 415 content_type_unsupported; valid gzip JSON passes', async () => {
    expectCode(await request(app).post('/v1/things').set('content-type', 'text/plain').send('a=1'), 'content_type_unsupported');
    const ok = await postRaw(gzipSync('{"a":1}'), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect([ok.status, ok.body]).toEqual([200, { a: 1 }]);
  });
});

describe('security headers', () => {
  const app = edgeApp();
  test('API answers: nosniff, never framed, never cached, no active content', async () => {
    const response = await request(app).get('/v1/accounts/0001');
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    });
  });
  test('the docs page gets a CSP Swagger UI runs under, still never framed', async () => {
    const csp = (await request(app).get('/docs/')).headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('rate limit', () => {
  test('over the limit: 429 rate_limited with Retry-After and the RateLimit headers; a request counts once', async () => {
    const app = edgeApp(3);
    const answers = [];
    for (let index = 0; index < 4; index += 1) answers.push(await request(app).get('/v1/accounts/0001'));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]!.headers['ratelimit-policy']).toBe('"default";q=3;w=60');
    expect(answers[0]!.headers.ratelimit).toMatch(/^"default";r=2;t=\d+$/);
    expectCode(answers[3]!, 'rate_limited');
    expect(Number(answers[3]!.headers['retry-after'])).toBeGreaterThan(0);
  });
  test('a window resets; keys are counted apart; 0 turns it off', () => {
    let now = 0;
    const limiter = createRateLimiter({ requestsPerMinute: 1 }, () => now);
    expect([limiter.take('a').allowed, limiter.take('a').allowed, limiter.take('b').allowed]).toEqual([true, false, true]);
    now = 60_000;
    expect(limiter.take('a').allowed).toBe(true);
  });
});

describe('chain', () => {
  test('runs handlers in order and stops at the first that answers or fails', async () => {
    const seen: string[] = [];
    const app = express();
    app.get('/a', chain((_q, _s, next) => { seen.push('one'); next(); }, (_q, res) => { seen.push('two'); res.json({}); }, () => seen.push('three')));
    app.get('/b', chain((_q, _s, next) => next(new Error('boom')), () => seen.push('never')));
    app.use(errorHandler(logger));
    await request(app).get('/a').expect(200);
    await request(app).get('/b').expect(500);
    expect(seen).toEqual(['one', 'two']);
  });
});

describe('server limits', () => {
  test('every server gets its timeouts and connection cap; the config refuses headers > request timeout', async () => {
    const server = await listen(express(), 0, '127.0.0.1', {
      headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, keepAliveTimeoutMs: 3_000, connectionsMax: 7,
    });
    try {
      expect([server.headersTimeout, server.requestTimeout, server.keepAliveTimeout, server.maxConnections]).toEqual([1_000, 2_000, 3_000, 7]);
    } finally {
      await closeServer(server);
    }
    expect(readHttpServerLimits(configReader({}))).toEqual(httpServerLimitsDefault);
    const reader = configReader({ FLOW_HTTP_HEADERS_TIMEOUT_MS: '20000', FLOW_HTTP_REQUEST_TIMEOUT_MS: '10000' });
    readHttpServerLimits(reader);
    expect(() => reader.finish('test', {})).toThrow('FLOW_HTTP_HEADERS_TIMEOUT_MS must not exceed FLOW_HTTP_REQUEST_TIMEOUT_MS');
  });
});
