// Tenant access end to end, as a newcomer would try it under `npm start`: a token printed by
// `npm run token --silent -- --branches 0001 --scopes flow:read,flow:post` reads and posts branch
// 0001 and is refused branch 0002 on every route (403, or 404 for a transaction by id).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { businessDate } from '@flow/ledger-core';
import { demoAccount, demoBranch, demoEventCode } from './demo-catalog.ts';
import { freePortsOnLoopback, startLocalStack, type LocalStack } from './local-stack.ts';
import { call, collectOutcomes, tokenFor } from './testing/e2e-client.ts';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const today = businessDate(new Date(), 'America/Sao_Paulo');
const otherBranch = '0002';
const otherAccount = '000777';
const posting = (branch: string, account: string) => ({
  branch, account, amount: '10.00', debitCredit: 'C', eventCode: demoEventCode, dateRef: today,
});

describe('a token narrowed to branch 0001 by npm run token', () => {
  let dataDir: string;
  let stack: LocalStack;
  let narrow: string;
  let otherId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flow-tenant-'));
    stack = await startLocalStack({ dataDir, ...freePortsOnLoopback, seedDemo: true, environment: { FLOW_LOG_LEVEL: 'warn' } });
    const full = await tokenFor(stack);
    const branch = await call(`${stack.queryApiUrl}/v1/branches`, full, { method: 'POST', body: { code: otherBranch, name: 'Outra agência' } });
    expect(branch.status).toBe(201);
    const registered = await call(`${stack.queryApiUrl}/v1/accounts`, full, {
      method: 'POST', body: { branch: otherBranch, account: otherAccount, status: 'active', holderName: 'Outra agência' },
    });
    expect(registered.status).toBe(201);
    const accepted = await call(`${stack.ingestUrl}/v1/transactions`, full, { method: 'POST', body: posting(otherBranch, otherAccount) });
    otherId = (accepted.body as { id: string }).id;
    await collectOutcomes(stack, [otherId]);
    const printed = spawnSync('npm', ['run', 'token', '--silent', '--', '--branches', demoBranch, '--scopes', 'flow:read,flow:post'], {
      cwd: repositoryRoot, env: { ...process.env, FLOW_DATA_DIR: dataDir }, encoding: 'utf8',
    });
    expect(printed.status).toBe(0);
    narrow = printed.stdout.trim();
    expect(narrow).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('posts to 0001 and reads it back on every route', async () => {
    const accepted = await call(`${stack.ingestUrl}/v1/transactions`, narrow, { method: 'POST', body: posting(demoBranch, demoAccount) });
    expect(accepted.status).toBe(202);
    const { id } = accepted.body as { id: string };
    expect((await collectOutcomes(stack, [id])).find((outcome) => outcome.id === id)?.status).toBe('posted');
    const account = `${stack.queryApiUrl}/v1/accounts/${demoBranch}/${demoAccount}`;
    for (const url of [
      `${stack.queryApiUrl}/v1/transactions/${id}`,
      `${account}/statement?from=${today}&to=${today}`,
      `${account}/balances?from=${today}&to=${today}`,
      `${account}/balance?date=${today}`,
      `${stack.queryApiUrl}/v1/transactions?branch=${demoBranch}`,
      `${stack.queryApiUrl}/v1/reports/daily?date=${today}&branch=${demoBranch}`,
    ]) {
      expect([url, (await call(url, narrow)).status]).toEqual([url, 200]);
    }
  });

  test('is refused 0002 on every route, and its lists hold no 0002 item', async () => {
    const post = await call(`${stack.ingestUrl}/v1/transactions`, narrow, { method: 'POST', body: posting(otherBranch, otherAccount) });
    expect([post.status, (post.body as { code: string }).code]).toEqual([403, 'branch_forbidden']);
    const account = `${stack.queryApiUrl}/v1/accounts/${otherBranch}/${otherAccount}`;
    for (const url of [
      `${account}/statement?from=${today}&to=${today}`,
      `${account}/balances?from=${today}&to=${today}`,
      `${account}/balance?date=${today}`,
      `${stack.queryApiUrl}/v1/transactions?branch=${otherBranch}`,
      `${stack.queryApiUrl}/v1/reports/daily?date=${today}&branch=${otherBranch}`,
    ]) {
      const answer = await call(url, narrow);
      expect([url, answer.status, (answer.body as { code: string }).code]).toEqual([url, 403, 'branch_forbidden']);
    }
    const byId = await call(`${stack.queryApiUrl}/v1/transactions/${otherId}`, narrow);
    expect([byId.status, (byId.body as { code: string }).code]).toEqual([404, 'not_found']);
    const search = await call(`${stack.queryApiUrl}/v1/transactions?from=${today}&to=${today}`, narrow);
    const report = await call(`${stack.queryApiUrl}/v1/reports/daily?date=${today}`, narrow);
    const branchesOf = (body: unknown) => new Set((body as { items: { branch: string }[] }).items.map((item) => item.branch));
    expect(branchesOf(search.body)).toEqual(new Set([demoBranch]));
    expect(branchesOf(report.body)).toEqual(new Set([demoBranch]));
  });
});
