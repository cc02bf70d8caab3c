// Bearer-token checks on a real Express app (supertest) and a real JWKS endpoint served over
// HTTP, so the production verification path (remote key set, issuer, audience, algorithm
// allow-list, expiry) is exercised, not only the embedded secret.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authFailureReasons } from '@flow/contracts';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import request from 'supertest';
import {
  branchAccessOf,
  createAuthenticator,
  embeddedAudience,
  embeddedIssuer,
  readAuthConfig,
  requireScope,
  signEmbeddedToken,
  type Authenticator,
} from './auth.ts';
import { configReader } from './config.ts';
import { createLogger } from './logger.ts';

const secret = 'a-test-secret-of-at-least-thirty-two-bytes';
const logger = createLogger({ service: 'test', level: 'error' });

function appWith(authenticator: Authenticator) {
  const app = express();
  app.get('/read', requireScope(authenticator, 'flow:read', logger), (_request, response) => {
    response.json({ subject: (response.locals.principal as { subject: string }).subject });
  });
  return app;
}

describe('embedded HS256 tokens', () => {
  const app = appWith(createAuthenticator({ mode: 'embedded', secret }));

  test('a token with the scope passes and names its subject', async () => {
    const token = await signEmbeddedToken({ secret, scopes: ['flow:read'], subject: 'teller-1' });
    const response = await request(app).get('/read').set('authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ subject: 'teller-1' });
  });

  test.each([
    ['no header', undefined, 401, 'unauthorized'],
    ['a malformed header', 'Basic abc', 401, 'unauthorized'],
    ['a token signed with another secret', 'other', 401, 'unauthorized'],
    ['an expired token', 'expired', 401, 'unauthorized'],
    ['a token without the scope', 'post-only', 403, 'forbidden'],
  ])('%s is refused', async (_label, kind, status, code) => {
    let header: string | undefined;
    if (kind === 'other') header = `Bearer ${await signEmbeddedToken({ secret: `${secret}-other`, scopes: ['flow:read'] })}`;
    else if (kind === 'expired') header = `Bearer ${await signEmbeddedToken({ secret, scopes: ['flow:read'], ttlSeconds: -120 })}`;
    else if (kind === 'post-only') header = `Bearer ${await signEmbeddedToken({ secret, scopes: ['flow:post'] })}`;
    else header = kind;
    const call = request(app).get('/read');
    const response = await (header === undefined ? call : call.set('authorization', header));
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ code });
  });

  test('an unsigned token (alg none) is refused', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ scope: 'flow:read', iss: 'flow-embedded', aud: 'flow', exp: 9_999_999_999 })}.`;
    const response = await request(app).get('/read').set('authorization', `Bearer ${unsigned}`);
    expect(response.status).toBe(401);
  });
});

describe('OIDC tokens verified against a JWKS', () => {
  let server: Server;
  let privateKey: CryptoKey;
  let jwksUrl: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sign = (claims: { iss?: string; aud?: string; exp?: number }) =>
    new SignJWT({ scope: 'flow:read flow:post' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(claims.iss ?? 'https://login.bank.example')
      .setAudience(claims.aud ?? 'flow-api')
      .setSubject('service-a')
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 300)
      .sign(privateKey);

  const app = () => appWith(createAuthenticator({
    mode: 'jwks', jwksUrl, issuer: 'https://login.bank.example', audience: 'flow-api', algorithms: ['RS256'],
  }));

  test('a token from the provider with the right issuer and audience passes', async () => {
    const response = await request(app()).get('/read').set('authorization', `Bearer ${await sign({})}`);
    expect(response.status).toBe(200);
  });

  test.each([
    ['another issuer', { iss: 'https://evil.example' }],
    ['another audience', { aud: 'someone-else' }],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 600 }],
  ])('%s is refused', async (_label, claims) => {
    const response = await request(app()).get('/read').set('authorization', `Bearer ${await sign(claims)}`);
    expect(response.status).toBe(401);
  });

  test('an HS256 token is refused: only the allowed algorithms verify', async () => {
    const token = await signEmbeddedToken({ secret, scopes: ['flow:read'] });
    const response = await request(app()).get('/read').set('authorization', `Bearer ${token}`);
    expect(response.status).toBe(401);
  });
});

describe('an unreachable key set', () => {
  test.each([
    ['refuses connections', 'closed'],
    ['answers 500', 'error'],
  ])('when the JWKS %s, tokens get 503 auth_unavailable with Retry-After, not 401', async (_label, mode) => {
    const server = createServer((_request, response) => {
      response.statusCode = 500;
      response.end('upstream failure');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    if (mode === 'closed') await new Promise<void>((resolve) => server.close(() => resolve()));
    try {
      const app = appWith(createAuthenticator({
        mode: 'jwks', jwksUrl: `http://127.0.0.1:${port}/jwks.json`, issuer: 'https://login.bank.example', audience: 'flow-api', algorithms: ['RS256'],
      }));
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT({ scope: 'flow:read' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer('https://login.bank.example').setAudience('flow-api').setExpirationTime('5m').sign(privateKey);
      const response = await request(app).get('/read').set('authorization', `Bearer ${token}`);
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ code: 'auth_unavailable' });
      expect(response.headers['retry-after']).toBe('5');
    } finally {
      if (mode !== 'closed') await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('auth configuration', () => {
  test('a JWKS URL requires issuer and audience and allows only asymmetric algorithms', () => {
    const reader = configReader({ FLOW_JWKS_URL: 'https://login.bank.example/jwks', FLOW_JWT_ALGORITHMS: 'RS256,HS256' });
    readAuthConfig(reader);
    expect(() => reader.finish('test', {})).toThrow(/FLOW_JWT_ISSUER is required[\s\S]*FLOW_JWT_AUDIENCE is required[\s\S]*got "HS256"/);
  });

  test('without a JWKS URL a secret of at least 32 bytes is required', () => {
    const missing = configReader({});
    readAuthConfig(missing);
    expect(() => missing.finish('test', {})).toThrow('set FLOW_JWKS_URL (with FLOW_JWT_ISSUER and FLOW_JWT_AUDIENCE) or FLOW_JWT_SECRET');
    const short = configReader({ FLOW_JWT_SECRET: 'short' });
    readAuthConfig(short);
    expect(() => short.finish('test', {})).toThrow('FLOW_JWT_SECRET must be at least 32 bytes');
  });
});

describe('the branches claim', () => {
  test.each([
    ['["*"]: every branch', ['*'], { all: true }],
    ['a list of codes', ['0001', '0002'], { all: false, branches: new Set(['0001', '0002']) }],
    ['an empty list: none', [], { all: false, branches: new Set() }],
    ['absent: none (deny by default)', undefined, { all: false, branches: new Set() }],
    ['a string instead of a list: none', '0001', { all: false, branches: new Set() }],
    ['a list with a non-string: none', ['0001', 1], { all: false, branches: new Set() }],
    ['"*" among codes: every branch', ['0001', '*'], { all: true }],
  ])('%s', (_label, claim, access) => {
    expect(branchAccessOf(claim)).toEqual(access);
  });

  test('the verified principal carries the claim; FLOW_AUTH_BRANCHES_CLAIM names another claim', async () => {
    const token = await new SignJWT({ scope: 'flow:read', flow_branches: ['0001'], bank_branches: ['0009'] })
      .setProtectedHeader({ alg: 'HS256' }).setIssuer(embeddedIssuer).setAudience(embeddedAudience)
      .setSubject('teller-2').setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(secret));
    const standard = await createAuthenticator({ mode: 'embedded', secret }).verify(token);
    expect(standard.branchAccess).toEqual({ all: false, branches: new Set(['0001']) });
    const config = readAuthConfig(configReader({ FLOW_JWT_SECRET: secret, FLOW_AUTH_BRANCHES_CLAIM: 'bank_branches' }));
    expect(config.branchesClaim).toBe('bank_branches');
    const custom = await createAuthenticator(config).verify(token);
    expect(custom.branchAccess).toEqual({ all: false, branches: new Set(['0009']) });
    expect(readAuthConfig(configReader({ FLOW_JWT_SECRET: secret })).branchesClaim).toBe('flow_branches');
  });

  test('embedded tokens carry ["*"] unless told otherwise; null leaves the claim out', async () => {
    const verify = (token: string) => createAuthenticator({ mode: 'embedded', secret }).verify(token);
    expect((await verify(await signEmbeddedToken({ secret, scopes: ['flow:read'] }))).branchAccess).toEqual({ all: true });
    const narrow = await signEmbeddedToken({ secret, scopes: ['flow:read'], branches: ['0001'] });
    expect((await verify(narrow)).branchAccess).toEqual({ all: false, branches: new Set(['0001']) });
    const without = await signEmbeddedToken({ secret, scopes: ['flow:read'], branches: null });
    expect((await verify(without)).branchAccess).toEqual({ all: false, branches: new Set() });
  });
});

describe('token hardening', () => {
  const app = appWith(createAuthenticator({ mode: 'embedded', secret, tokenAgeMaxSeconds: 3_600 }));
  const now = () => Math.floor(Date.now() / 1000);
  const signed = (claims: { iat?: number; nbf?: number; exp: number; typ?: string }) => {
    const jwt = new SignJWT({ scope: 'flow:read', flow_branches: ['*'] })
      .setProtectedHeader({ alg: 'HS256', ...(claims.typ === undefined ? {} : { typ: claims.typ }) })
      .setIssuer(embeddedIssuer).setAudience(embeddedAudience).setSubject('teller-3').setExpirationTime(claims.exp);
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
    return jwt.sign(new TextEncoder().encode(secret));
  };
  const status = async (token: string, scheme = 'Bearer') =>
    (await request(app).get('/read').set('authorization', `${scheme} ${token}`)).status;

  test('the scheme is case-insensitive', async () => {
    const token = await signed({ iat: now(), exp: now() + 60 });
    expect([await status(token, 'bearer'), await status(token, 'BEARER'), await status(token, 'Bearer')]).toEqual([200, 200, 200]);
  });

  test.each([
    ['iat a year ahead', { iat: now() + 365 * 86_400, exp: now() + 366 * 86_400 }],
    ['iat beyond the clock tolerance', { iat: now() + 120, exp: now() + 600 }],
    ['nbf in the future', { iat: now(), nbf: now() + 600, exp: now() + 900 }],
    ['no iat', { exp: now() + 60 }],
    ['older than the maximum age', { iat: now() - 7_200, exp: now() + 60 }],
    ['a lifetime above the maximum (exp in 9999)', { iat: now(), exp: 253_402_300_799 }],
  ])('%s: 401 token_invalid', async (_label, claims) => {
    const response = await request(app).get('/read').set('authorization', `Bearer ${await signed(claims)}`);
    expect([response.status, response.body.details]).toEqual([401, { reason: 'token_invalid' }]);
  });

  test('within the clock tolerance an iat slightly ahead passes', async () => {
    expect(await status(await signed({ iat: now() + 10, exp: now() + 60 }))).toBe(200);
  });

  test('FLOW_JWT_TYPE makes the header typ required (RFC 9068 at+jwt)', async () => {
    const typed = appWith(createAuthenticator({ mode: 'embedded', secret, tokenType: 'at+jwt' }));
    const at = await signed({ iat: now(), exp: now() + 60, typ: 'at+jwt' });
    const plain = await signed({ iat: now(), exp: now() + 60, typ: 'JWT' });
    expect((await request(typed).get('/read').set('authorization', `Bearer ${at}`)).status).toBe(200);
    expect((await request(typed).get('/read').set('authorization', `Bearer ${plain}`)).status).toBe(401);
    expect(readAuthConfig(configReader({ FLOW_JWT_SECRET: secret, FLOW_JWT_TYPE: 'at+jwt' })).tokenType).toBe('at+jwt');
  });

  test('every reason a client can see is in the registry', async () => {
    const missing = await request(app).get('/read');
    const invalid = await request(app).get('/read').set('authorization', 'Bearer abc.def.ghi');
    for (const response of [missing, invalid]) {
      expect(Object.keys(authFailureReasons)).toContain(response.body.details.reason);
    }
  });
});
