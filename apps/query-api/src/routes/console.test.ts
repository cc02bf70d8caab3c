// The console's files as the query API serves them: `/console` redirects to `/console/`, the page
// and uPlot come with the console's own CSP (scripts, styles and API calls from this origin only,
// never framed), only the vendored files are served from node_modules, and the API's own answers
// and `/docs` keep their policies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleWebDirectory } from '@flow/console';
import { pgliteTarget, type TestDatabase } from '@flow/ledger-core/testing';
import request from 'supertest';
import { createTestApp, type TestApp } from '../testing.ts';

let db: TestDatabase;
let api: TestApp;

beforeAll(async () => {
  db = await pgliteTarget.create();
  api = await createTestApp(db.database);
});
afterAll(() => db.drop());

test('/console redirects to /console/, which serves the page under the console CSP', async () => {
  const redirect = await request(api.app).get('/console').expect(301);
  expect(redirect.headers.location).toBe('/console/');
  const page = await request(api.app).get('/console/').expect(200);
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  expect(page.text).toContain('<script type="module" src="app.js"></script>');
  const policy = page.headers['content-security-policy'] as string;
  for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"]) {
    expect(policy).toContain(directive);
  }
  expect(policy).not.toContain('unsafe');
  expect(page.headers['x-frame-options']).toBe('DENY');
});

test('the page has no inline script or style, which its CSP would block', () => {
  const html = readFileSync(join(consoleWebDirectory, 'index.html'), 'utf8');
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toMatch(/<style|\sstyle=/);
});

test.each([
  ['/console/app.js', /javascript/],
  ['/console/views/account.js', /javascript/],
  ['/console/console.css', /css/],
  ['/console/vendor/uPlot.iife.min.js', /javascript/],
  ['/console/vendor/uPlot.min.css', /css/],
])('%s is served with its type', async (path, type) => {
  const response = await request(api.app).get(path).expect(200);
  expect(response.headers['content-type']).toMatch(type);
  expect(response.headers['content-security-policy']).toContain("script-src 'self'");
});

test.each(['/console/vendor/uPlot.esm.js', '/console/vendor/..%2Fpackage.json', '/console/../package.json', '/console/nothing.js'])(
  '%s is not found', async (path) => {
    await request(api.app).get(path).expect(404);
  });

test('settings.json names the business time zone, and no identity provider until one is configured', async () => {
  const response = await request(api.app).get('/console/settings.json').expect(200);
  expect(response.body).toEqual({ businessTimeZone: 'America/Sao_Paulo', signIn: ['fragment', 'pasted-token'], oidc: null });
});

test('with OIDC sign-in configured, settings.json names the provider and the CSP lets the page reach it, and nothing else', async () => {
  const withOidc = await createTestApp(db.database, db.database, {
    consoleOidc: {
      issuer: 'https://login.bank.example/realms/flow', clientId: 'flow-console', scope: 'openid flow:read',
      audience: 'flow-api', connectOrigins: ['https://tokens.bank.example'],
    },
  });
  const settings = await request(withOidc.app).get('/console/settings.json').expect(200);
  expect(settings.body).toEqual({
    businessTimeZone: 'America/Sao_Paulo', signIn: ['fragment', 'pasted-token', 'oidc'],
    oidc: { issuer: 'https://login.bank.example/realms/flow', clientId: 'flow-console', scope: 'openid flow:read', audience: 'flow-api' },
  });
  const page = await request(withOidc.app).get('/console/').expect(200);
  expect(page.headers['content-security-policy']).toContain("connect-src 'self' https://login.bank.example https://tokens.bank.example;");
  const plain = await request(api.app).get('/console/').expect(200);
  expect(plain.headers['content-security-policy']).toContain("connect-src 'self';");
});

test('the API and /docs keep their own policies', async () => {
  const answer = await request(api.app).get('/v1/reports/daily?date=2026-11-24');
  expect(answer.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  const docs = await request(api.app).get('/docs/');
  expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
});
