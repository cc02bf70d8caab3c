// `npm run bench:e2e`: end-to-end throughput of the embedded stack, from HTTP to posted. It
// posts N postings to ingest in batch requests from several concurrent clients and times until
// every one has its outcome in flow.posting. The baseline, measured in the same run on the same
// database, is the ledger engine alone applying the same number of postings in batches of 1,000:
// the ratio says how much of the engine's speed survives HTTP, SNS/SQS and the worker's batching.
// Options: --postings N (20000) --request-size N (100) --clients N (8) --accounts N (1000)
//          --database pglite|postgres://… (default: PostgreSQL at 127.0.0.1:5432 if it answers).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Posting } from '@flow/contracts';
import { businessDate, connectPostgres, createBranch, createLedgerEngine, ledgerRules, migrate, openPglite, type Database } from '@flow/ledger-core';
import { databaseUrl, runOnServer, serverAnswers } from '@flow/ledger-core/testing';
import { demoEventCode } from './demo-catalog.ts';
import { freePortsOnLoopback, startLocalStack } from './local-stack.ts';
import { call, tokenFor } from './testing/e2e-client.ts';

const defaultServerUrl = 'postgres://postgres@127.0.0.1:5432/test';
const baselineBatchPostings = 1_000;
const pollIntervalMs = 50;

const { values } = parseArgs({
  options: {
    postings: { type: 'string', default: '20000' },
    'request-size': { type: 'string', default: '100' },
    clients: { type: 'string', default: '8' },
    accounts: { type: 'string', default: '1000' },
    database: { type: 'string' },
  },
});
const total = Number(values.postings);
const requestSize = Number(values['request-size']);
const clients = Number(values.clients);
const accounts = Number(values.accounts);
const today = businessDate(new Date(), 'America/Sao_Paulo');

function postingsFor(branch: string, count: number): Posting[] {
  return Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    traceKey: randomUUID(),
    branch,
    account: `A${String(index % accounts).padStart(6, '0')}`,
    amount: `${(index % 9_000) + 1}.${String(index % 100).padStart(2, '0')}`,
    debitCredit: index % 3 === 0 ? 'D' : 'C',
    eventCode: demoEventCode,
    description: null,
    details: null,
    dateRef: today,
  }));
}

async function openTarget(dataDir: string): Promise<{ database: Database; label: string; drop(): Promise<void> }> {
  const wanted = values.database ?? ((await serverAnswers(defaultServerUrl, 2_000)) ? defaultServerUrl : 'pglite');
  if (wanted === 'pglite') {
    const database = await openPglite({ dataDir: join(dataDir, 'pglite') });
    return { database, label: 'PGlite (persisted to disk)', drop: () => database.close() };
  }
  const name = `flow_e2e_${randomUUID().slice(0, 8)}`;
  await runOnServer(wanted, `create database ${name}`);
  const database = connectPostgres({ connectionString: databaseUrl(wanted, name), poolSize: 10, applicationName: 'flow-bench-e2e' });
  return {
    database,
    label: `PostgreSQL (${wanted.replace(/\/[^/]*$/, `/${name}`)})`,
    async drop() {
      await database.close();
      await runOnServer(wanted, `drop database if exists ${name} with (force)`);
    },
  };
}

async function measureBaseline(database: Database): Promise<number> {
  const engine = createLedgerEngine({ database, rules: ledgerRules({ autoOpenAccounts: true }) });
  const postings = postingsFor('BASE', total);
  const started = performance.now();
  for (let offset = 0; offset < postings.length; offset += baselineBatchPostings) {
    await engine.applyBatch(postings.slice(offset, offset + baselineBatchPostings));
  }
  return total / ((performance.now() - started) / 1000);
}

async function postedCount(database: Database, branch: string): Promise<number> {
  const { rows } = await database.query<{ count: string }>('select count(*)::text as count from flow.posting where branch = $1', [branch]);
  return Number(rows[0]!.count);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flow-bench-e2e-'));
  const target = await openTarget(dataDir);
  await migrate(target.database);
  // Auto-open needs a registered branch for each of the two workloads.
  for (const code of ['BASE', 'E2E']) await createBranch(target.database, { code, name: code, status: 'active' });
  const stack = await startLocalStack({
    dataDir, ...freePortsOnLoopback, seedDemo: true,
    database: target.database,
    environment: { ...process.env, FLOW_LOG_LEVEL: 'error', FLOW_AUTO_OPEN_ACCOUNTS: 'true' },
  });
  try {
    const baseline = await measureBaseline(target.database);
    const token = await tokenFor(stack);
    const postings = postingsFor('E2E', total);
    const requests: Posting[][] = [];
    for (let offset = 0; offset < total; offset += requestSize) requests.push(postings.slice(offset, offset + requestSize));
    const started = performance.now();
    let next = 0;
    const client = async () => {
      while (next < requests.length) {
        const body = { transactions: requests[next++] };
        const answer = await call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body });
        if (answer.status !== 202) throw new Error(`ingest answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      }
    };
    await Promise.all(Array.from({ length: clients }, client));
    const acceptedMs = performance.now() - started;
    while ((await postedCount(target.database, 'E2E')) < total) await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    const postedMs = performance.now() - started;
    const endToEnd = total / (postedMs / 1000);
    const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
    console.log(`Flow end-to-end throughput on ${target.label}, Node ${process.version}`);
    console.log(`${total.toLocaleString('en-US')} postings, ${requestSize} per request, ${clients} HTTP clients, ${accounts} accounts, dated today`);
    console.log(`  accepted by ingest (202)               ${rate(total / (acceptedMs / 1000))}  (${Math.round(acceptedMs)} ms)`);
    console.log(`  HTTP to posted (end to end)            ${rate(endToEnd)}  (${Math.round(postedMs)} ms)`);
    console.log(`  baseline: engine alone, 1,000 a batch  ${rate(baseline)}`);
    console.log(`  ratio end to end / engine alone        ${(endToEnd / baseline).toFixed(2)}`);
  } finally {
    await stack.stop();
    await target.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
