// The console's sign-in with an identity provider, in a real browser: OpenID Connect's authorization
// code flow with PKCE against a provider served here over HTTP (discovery, authorize, token, JWKS),
// and the query API verifying the provider's access tokens against its JWKS, as in production. The
// code's verifier must match its S256 challenge at the token endpoint; an answer whose `state` is
// not this tab's, or a token endpoint that refuses, leaves the user signed out with a clear message.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLedgerEngine, ledgerRules } from '@flow/ledger-core';
import { makePosting, pgliteTarget, seedCatalog, type TestDatabase } from '@flow/ledger-core/testing';
import { readQueryApiConfig, startQueryApi, type RunningQueryApi } from '@flow/query-api';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { Page } from 'playwright-core';
import { describeInBrowser, launchConsoleBrowser, screenshot, type ConsoleBrowser } from './testing/console-browser.ts';

const clientId = 'flow-console';
const audience = 'flow-api';

/** What the provider saw and decided, for the tests to check. */
interface ProviderLog {
  readonly authorizations: URLSearchParams[];
  readonly exchanges: { verified: boolean }[];
  refuseTokens: boolean;
}

/** A minimal OpenID provider: one user, who always consents; codes are single-use and bound to their challenge. */
async function startProvider(consoleOrigin: () => string): Promise<{ issuer: string; jwksUrl: string; log: ProviderLog; close(): Promise<void> }> {
  const keys = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'console-test', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const log: ProviderLog = { authorizations: [], exchanges: [], refuseTokens: false };
  let issuer = '';
  const json = (response: ServerResponse, status: number, body: unknown) => {
    // A browser-based client calls discovery and the token endpoint across origins.
    response.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': consoleOrigin(), 'cache-control': 'no-store' });
    response.end(JSON.stringify(body));
  };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      json(response, 200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks.json` });
    } else if (url.pathname === '/jwks.json') {
      json(response, 200, { keys: [jwk] });
    } else if (url.pathname === '/authorize') {
      log.authorizations.push(url.searchParams);
      const code = randomUUID();
      codes.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', redirectUri: url.searchParams.get('redirect_uri') ?? '' });
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.search = new URLSearchParams({ code, state: url.searchParams.get('state') ?? '', iss: issuer }).toString();
      response.writeHead(302, { location: back.toString() });
      response.end();
    } else if (url.pathname === '/token' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => void exchange(new URLSearchParams(body), response));
    } else {
      response.writeHead(404).end();
    }
  });
  const exchange = async (form: URLSearchParams, response: ServerResponse) => {
    const granted = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const verified = granted !== undefined && createHash('sha256').update(verifier).digest('base64url') === granted.challenge
      && form.get('redirect_uri') === granted.redirectUri && form.get('client_id') === clientId && form.get('grant_type') === 'authorization_code';
    log.exchanges.push({ verified });
    if (!verified || log.refuseTokens) {
      json(response, 400, { error: 'invalid_grant' });
      return;
    }
    const accessToken = await new SignJWT({ scope: 'flow:read', flow_branches: ['0001'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'console-test', typ: 'at+jwt' })
      .setIssuer(issuer).setAudience(audience).setSubject('ana@bank.example').setIssuedAt().setExpirationTime('10m')
      .sign(keys.privateKey as CryptoKey);
    json(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 600 });
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, jwksUrl: `${issuer}/jwks.json`, log, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describeInBrowser('the console signs in with an identity provider', (chromiumPath) => {
  let db: TestDatabase;
  let queryApi: RunningQueryApi;
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let browser: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    db = await pgliteTarget.create();
    await seedCatalog(db.database, [{ branch: '0001', account: 'OIDC01' }]);
    const engine = createLedgerEngine({ database: db.database, rules: ledgerRules() });
    const { outcomes } = await engine.applyBatch([makePosting({
      branch: '0001', account: 'OIDC01', amount: '5.00', dateRef: new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date()),
    })]);
    expect(outcomes[0]!.status).toBe('posted');
    provider = await startProvider(() => new URL(queryApi.url).origin);
    queryApi = await startQueryApi(readQueryApiConfig({
      FLOW_HOST: '127.0.0.1', FLOW_PORT: '0', FLOW_LOG_LEVEL: 'error',
      FLOW_JWKS_URL: provider.jwksUrl, FLOW_JWT_ISSUER: provider.issuer, FLOW_JWT_AUDIENCE: audience,
      FLOW_CONSOLE_OIDC_ISSUER: provider.issuer, FLOW_CONSOLE_OIDC_CLIENT_ID: clientId, FLOW_CONSOLE_OIDC_AUDIENCE: audience,
    }, { databaseInjected: true }), { database: db.database });
    browser = await launchConsoleBrowser(chromiumPath);
    page = await browser.context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await queryApi?.stop();
    await provider?.close();
    await db?.drop();
  });

  test('the sign-in button goes through the provider and back with a token the API accepts', async () => {
    await page.goto(`${queryApi.url}/console/`);
    await page.click('#sign-in-oidc');
    await page.locator('nav button[data-view=account]').waitFor();
    const authorization = provider.log.authorizations.at(-1)!;
    expect(Object.fromEntries(authorization)).toMatchObject({
      response_type: 'code', client_id: clientId, redirect_uri: `${queryApi.url}/console/`, scope: 'openid flow:read',
      code_challenge_method: 'S256', audience,
    });
    expect(authorization.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(provider.log.exchanges).toEqual([{ verified: true }]);
    // The code and state leave the address bar; the verifier is gone; the token is the provider's.
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate('sessionStorage.getItem("flow.console.oidc")')).toBeNull();
    expect(String(await page.evaluate('sessionStorage.getItem("flow.console.token")'))).toMatch(/^ey/);
    // The API verifies it against the provider's keys and lets it read its branch.
    await page.fill('#account-branch', '0001');
    await page.fill('#account-account', 'OIDC01');
    await page.click('button[type=submit]');
    await page.locator('#statement-table').waitFor();
    expect(await page.locator('#statement-table tbody td:nth-child(4)').allInnerTexts()).toEqual(['R$ 5,00']);
    await screenshot(page, 'oidc-signed-in');
  });

  // What startOidcSignIn leaves in this tab while the provider answers.
  const pendingSignIn = () => JSON.stringify({ state: 'this-tab', verifier: 'v'.repeat(43), issuer: provider.issuer, clientId, tokenEndpoint: `${provider.issuer}/token` });
  test.each([
    ['another state', 'state=not-this-tab', pendingSignIn],
    ['another issuer (iss)', 'state=this-tab&iss=https%3A%2F%2Fevil.example', pendingSignIn],
    ['no sign-in started in this tab', 'state=this-tab', () => null],
    ['a damaged sign-in entry in this tab', 'state=this-tab', () => '{"state": "this-tab"'],
  ])('an answer with %s is refused before any token is asked for', async (_label, query, stored) => {
    if (await page.isVisible('#sign-out')) await page.click('#sign-out');
    const entry = stored();
    await page.evaluate(entry === null ? 'sessionStorage.removeItem("flow.console.oidc")'
      : `sessionStorage.setItem("flow.console.oidc", ${JSON.stringify(entry)})`);
    const exchanges = provider.log.exchanges.length;
    await page.goto(`${queryApi.url}/console/?code=${randomUUID()}&${query}`);
    await page.locator('#sign-in-problem').waitFor();
    expect(await page.innerText('#sign-in-problem')).toContain('não corresponde a esta aba');
    expect(provider.log.exchanges.length).toBe(exchanges);
    expect(await page.evaluate('sessionStorage.getItem("flow.console.token")')).toBeNull();
    expect(await page.evaluate('sessionStorage.getItem("flow.console.oidc")')).toBeNull();
    expect(new URL(page.url()).search).toBe('');
  });

  test('a token endpoint that refuses leaves the user signed out, told why', async () => {
    provider.log.refuseTokens = true;
    await page.goto(`${queryApi.url}/console/`);
    await page.click('#sign-in-oidc');
    await page.locator('#sign-in-problem').waitFor();
    expect(await page.innerText('#sign-in-problem')).toContain('não entregou o token');
    expect(await page.evaluate('sessionStorage.getItem("flow.console.token")')).toBeNull();
    expect(await page.isVisible('#sign-in-oidc')).toBe(true);
    await screenshot(page, 'oidc-refused');
    provider.log.refuseTokens = false;
  });
});
