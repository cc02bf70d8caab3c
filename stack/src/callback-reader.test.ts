// `npm run callbacks` against the embedded stack: a posting's outcome shows up as one JSON line,
// read from flow-callback-local by the real script, and is gone from the queue afterwards.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { businessDate } from '@flow/ledger-core';
import { waitFor } from '@flow/service-kit/testing';
import { demoAccount, demoBranch, demoEventCode } from './demo-catalog.ts';
import { freePortsOnLoopback, startLocalStack, type LocalStack } from './local-stack.ts';
import { call, queueDepth, tokenFor } from './testing/e2e-client.ts';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('npm run callbacks', () => {
  let dataDir: string;
  let stack: LocalStack;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flow-callbacks-'));
    stack = await startLocalStack({ dataDir, ...freePortsOnLoopback, seedDemo: true, environment: { FLOW_LOG_LEVEL: 'warn' } });
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('prints each outcome waiting on flow-callback-local as a JSON line and consumes it', async () => {
    const today = businessDate(new Date(), 'America/Sao_Paulo');
    const posting = { branch: demoBranch, account: demoAccount, amount: '1.00', debitCredit: 'C', eventCode: demoEventCode, dateRef: today };
    const accepted = await call(`${stack.ingestUrl}/v1/transactions`, await tokenFor(stack), { method: 'POST', body: posting });
    const { id } = accepted.body as { id: string };
    await waitFor(async () => (await queueDepth(stack, stack.broker.callbackTapQueueUrl)) > 0, 30_000);
    const port = new URL(stack.broker.endpoint).port;
    // Asynchronously: the broker answering the script runs in this very process.
    const run = await promisify(execFile)('npm', ['run', 'callbacks', '--silent'], { cwd: repositoryRoot, env: { ...process.env, FLOW_BROKER_PORT: port } });
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; status: string });
    expect(lines).toContainEqual(expect.objectContaining({ id, status: 'posted' }));
    expect(await queueDepth(stack, stack.broker.callbackTapQueueUrl)).toBe(0);
  });
});
