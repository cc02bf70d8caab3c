// `npm run bench:e2e`: end-to-end throughput of the embedded stack, from HTTP to posted. It
// posts N postings to ingest in batch requests from several concurrent clients and times until
// every one has its outcome in flow.posting. The baseline, measured in the same run on the same
// database, is the ledger engine alone applying the same number of postings in batches of 1,000:
// the ratio says how much of the engine's speed survives HTTP, SNS/SQS and the worker's batching.
// A second phase posts as many again at half the first phase's end-to-end rate and reports the
// accept → posted latency there (the issue's "p99 under 1 s at half of the maximum throughput").
// Options: --postings N (20000) --request-size N (100) --clients N (8) --accounts N (1000)
//          --database pglite|postgres://… (default: PostgreSQL at 127.0.0.1:5432 if it answers)
//          --workers N (1): on PostgreSQL, N worker processes (the real container entry) consume
//          the one queue; on PGlite the one worker runs in the stack's process (one connection)
//          --json FILE: every figure as JSON.
// It also reads the CPU time each part used (process-cpu.ts): what the engine alone costs per
// 1,000 postings, what the whole path costs, and so the most either could reach on this machine's
// cores — on a shared machine, that is what bounds the end-to-end ratio.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Posting } from '@flow/contracts';
import { businessDate, connectPostgres, createBranch, createLedgerEngine, ledgerRules, migrate, openPglite, type Database } from '@flow/ledger-core';
import { databaseUrl, runOnServer, serverAnswers } from '@flow/ledger-core/testing';
import { demoEventCode } from './demo-catalog.ts';
import { freePortsOnLoopback, startLocalStack, type LocalStack } from './local-stack.ts';
import { call, tokenFor } from './testing/e2e-client.ts';
import { cpuPerThousand, cpuTime, type CpuTime } from './process-cpu.ts';
import { startWorkerProcesses, type WorkerProcesses } from './throughput-workers.ts';

const defaultServerUrl = 'postgres://postgres@127.0.0.1:5432/test';
const baselineBatchPostings = 1_000;
const pollIntervalMs = 50;
/** Worker processes at most: each has its own pool against one server on 2 cores here. */
const workersMax = 8;

const { values } = parseArgs({
  options: {
    postings: { type: 'string', default: '20000' },
    'request-size': { type: 'string', default: '100' },
    clients: { type: 'string', default: '8' },
    accounts: { type: 'string', default: '1000' },
    workers: { type: 'string', default: '1' },
    database: { type: 'string' },
    json: { type: 'string' },
  },
});
const total = Number(values.postings);
const requestSize = Number(values['request-size']);
const clients = Number(values.clients);
const accounts = Number(values.accounts);
const workers = Number(values.workers);
if (!Number.isInteger(workers) || workers < 1 || workers > workersMax) throw new Error(`--workers must be 1 to ${workersMax}`);
const today = businessDate(new Date(), 'America/Sao_Paulo');

interface Target {
  readonly database: Database;
  readonly label: string;
  /** The database's URL for worker processes; null on PGlite (one connection, in this process). */
  readonly url: string | null;
  drop(): Promise<void>;
}

interface Latency {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

interface Phase {
  readonly acceptedPerSecond: number;
  readonly postingsPerSecond: number;
  readonly acceptToPostedMs: Latency;
}

type CpuCost = (CpuTime & { total: number }) | null;

interface Measured {
  readonly baseline: number;
  readonly full: Phase;
  readonly half: Phase;
  /** CPU ms per 1,000 postings: the engine alone (this process and PostgreSQL), and end to end at full speed. */
  readonly cpu: { readonly engineAlone: CpuCost; readonly endToEnd: CpuCost };
}

const cores = availableParallelism();
/** The most postings/s a path costing `cost` CPU ms per 1,000 postings could reach on this machine's cores. */
const ceilingOf = (cost: CpuCost) => (cost === null || cost.total === 0 ? null : Math.round((cores * 1_000 * 1_000) / cost.total));

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

async function openTarget(dataDir: string): Promise<Target> {
  const wanted = values.database ?? ((await serverAnswers(defaultServerUrl, 2_000)) ? defaultServerUrl : 'pglite');
  if (wanted === 'pglite') {
    if (workers > 1) throw new Error('--workers above 1 needs PostgreSQL: PGlite has one connection, in one process');
    const database = await openPglite({ dataDir: join(dataDir, 'pglite') });
    return { database, label: 'PGlite (persisted to disk)', url: null, drop: () => database.close() };
  }
  const name = `flow_e2e_${randomUUID().slice(0, 8)}`;
  await runOnServer(wanted, `create database ${name}`);
  const url = databaseUrl(wanted, name);
  const database = connectPostgres({ connectionString: url, poolSize: 10, applicationName: 'flow-bench-e2e' });
  return {
    database,
    label: `PostgreSQL (${wanted.replace(/\/[^/]*$/, `/${name}`)})`,
    url,
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

/** Nearest-rank percentiles of accept → posted, in ms. */
function latencyOf(samples: number[]): Latency {
  const sorted = samples.sort((a, b) => a - b);
  const at = (share: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}

/**
 * accept → posted per posting: from the client's clock when the 202 arrived to flow.posting's
 * processed_at, the start of the database transaction that posted it (its commit follows within
 * one batch's time: the figure is low by at most that). Both clocks are this machine's.
 */
async function acceptToPosted(database: Database, branch: string, acceptedAt: ReadonlyMap<string, number>): Promise<Latency> {
  const { rows } = await database.query<{ id: string; processed_ms: string }>(
    'select id::text as id, (extract(epoch from processed_at) * 1000)::text as processed_ms from flow.posting where branch = $1', [branch]);
  return latencyOf(rows.map((row) => Math.max(0, Number(row.processed_ms) - acceptedAt.get(row.id)!)));
}

/** Posts every posting of `branch` (paced at `rate` postings/s when given) and waits until all are posted. */
async function runPhase(stack: LocalStack, database: Database, token: string, branch: string, rate: number | null): Promise<Phase> {
  const postings = postingsFor(branch, total);
  const requests: Posting[][] = [];
  for (let offset = 0; offset < total; offset += requestSize) requests.push(postings.slice(offset, offset + requestSize));
  const acceptedAt = new Map<string, number>();
  const started = performance.now();
  let next = 0;
  const client = async () => {
    while (next < requests.length) {
      const index = next++;
      if (rate !== null) {
        const due = started + (index * requestSize * 1000) / rate;
        if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
      }
      const answer = await call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body: { transactions: requests[index] } });
      if (answer.status !== 202) throw new Error(`ingest answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      const now = Date.now();
      for (const posting of requests[index]!) acceptedAt.set(posting.id, now);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const acceptedMs = performance.now() - started;
  while ((await postedCount(database, branch)) < total) await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  const postedMs = performance.now() - started;
  return {
    acceptedPerSecond: total / (acceptedMs / 1000),
    postingsPerSecond: total / (postedMs / 1000),
    acceptToPostedMs: await acceptToPosted(database, branch, acceptedAt),
  };
}

function printReport(target: Target, measured: Measured): void {
  const { baseline, full, half, cpu } = measured;
  const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
  const latency = (value: Latency) => `p50 ${value.p50} ms, p90 ${value.p90} ms, p99 ${value.p99} ms, max ${value.max} ms`;
  const where = target.url === null ? 'worker in the stack\'s process' : `worker process${workers === 1 ? '' : 'es'} on one queue`;
  console.log(`Flow end-to-end throughput on ${target.label}, Node ${process.version}`);
  console.log(`${total.toLocaleString('en-US')} postings, ${requestSize} per request, ${clients} HTTP clients, ${accounts} accounts, dated today; ${workers} ${where}`);
  console.log(`  accepted by ingest (202)               ${rate(full.acceptedPerSecond)}`);
  console.log(`  HTTP to posted (end to end)            ${rate(full.postingsPerSecond)}`);
  console.log(`  baseline: engine alone, 1,000 a batch  ${rate(baseline)}`);
  console.log(`  ratio end to end / engine alone        ${(full.postingsPerSecond / baseline).toFixed(2)}`);
  console.log(`  accept → posted at full speed          ${latency(full.acceptToPostedMs)}`);
  console.log(`  accept → posted at half (${rate(half.acceptedPerSecond)} offered) ${latency(half.acceptToPostedMs)}`);
  const engine = cpu.engineAlone;
  const path = cpu.endToEnd;
  if (engine === null || path === null) {
    console.log('  CPU by part: not measured (needs Linux\'s /proc)');
    return;
  }
  const stackPart = target.url === null ? 'stack with worker and PGlite' : 'stack (ingest, fauxqs, HTTP clients)';
  console.log(`  CPU per 1,000 postings, ${cores} cores (the most each could reach if CPU were all that bounds it):`);
  console.log(`    engine alone: this process ${engine.stack} ms, PostgreSQL ${engine.postgres} ms = ${engine.total} ms → ${rate(ceilingOf(engine)!)}`);
  console.log(`    end to end:   ${stackPart} ${path.stack} ms, worker processes ${path.workers} ms, PostgreSQL ${path.postgres} ms`
    + ` = ${path.total} ms → ${rate(ceilingOf(path)!)}; ratio of the two ceilings ${(ceilingOf(path)! / ceilingOf(engine)!).toFixed(2)}`);
}

function writeJson(file: string, target: Target, measured: Measured): void {
  const { baseline, full, half, cpu } = measured;
  const report = {
    date: new Date().toISOString(), node: process.version, database: target.url === null ? 'pglite' : 'postgres',
    postings: total, requestSize, clients, accounts, workers, cores,
    postingsPerSecond: full.postingsPerSecond, acceptedPerSecond: full.acceptedPerSecond,
    engineAlonePostingsPerSecond: baseline, ratio: full.postingsPerSecond / baseline,
    acceptToPostedMs: full.acceptToPostedMs,
    halfRate: { offeredPostingsPerSecond: full.postingsPerSecond / 2, ...half },
    cpuMsPerThousandPostings: cpu,
    cpuCeilingPostingsPerSecond: { engineAlone: ceilingOf(cpu.engineAlone), endToEnd: ceilingOf(cpu.endToEnd) },
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

async function measure(stack: LocalStack, target: Target, workerPids: readonly number[]): Promise<void> {
  const beforeBaseline = cpuTime(workerPids);
  const baseline = await measureBaseline(target.database);
  const engineAlone = cpuPerThousand(beforeBaseline, cpuTime(workerPids), total);
  const token = await tokenFor(stack);
  const beforeFull = cpuTime(workerPids);
  const full = await runPhase(stack, target.database, token, 'E2E', null);
  const endToEnd = cpuPerThousand(beforeFull, cpuTime(workerPids), total);
  const half = await runPhase(stack, target.database, token, 'HALF', full.postingsPerSecond / 2);
  const measured = { baseline, full, half, cpu: { engineAlone, endToEnd } };
  printReport(target, measured);
  if (values.json !== undefined) writeJson(values.json, target, measured);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flow-bench-e2e-'));
  const target = await openTarget(dataDir);
  await migrate(target.database);
  // Auto-open needs a registered branch for each workload: the baseline, the full-speed and the half-rate phases.
  for (const code of ['BASE', 'E2E', 'HALF']) await createBranch(target.database, { code, name: code, status: 'active' });
  const environment = { ...process.env, FLOW_LOG_LEVEL: 'error', FLOW_AUTO_OPEN_ACCOUNTS: 'true' };
  const stack = await startLocalStack({
    dataDir, ...freePortsOnLoopback, seedDemo: true, database: target.database, environment, worker: target.url === null,
  });
  let processes: WorkerProcesses | null = null;
  try {
    if (target.url !== null) processes = await startWorkerProcesses(workers, target.url, stack.broker, environment);
    await measure(stack, target, processes?.pids ?? []);
  } finally {
    await processes?.stop();
    await stack.stop();
    await target.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
