// The services' metrics through the embedded stack: each `/metrics` (ingest and query-api on their
// management ports, the worker on its health port) shows its series moving as postings flow, the
// public API ports do not serve it, and every label stays bounded (no ids, accounts or paths).
// Runs on PGlite, and on PostgreSQL when FLOW_TEST_DATABASE_URL is set.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { businessDate } from '@flow/ledger-core';
import { databaseTargets, type TestDatabase } from '@flow/ledger-core/testing';
import { metricCatalogue, metricNamesOf, type FlowService } from '@flow/service-kit';
import { waitFor } from '@flow/service-kit/testing';
import { demoAccount, demoBranch, demoEventCode } from './demo-catalog.ts';
import { freePortsOnLoopback, startLocalStack, type LocalStack } from './local-stack.ts';
import { call, collectOutcomes, tokenFor } from './testing/e2e-client.ts';
import { scrape, total, type Scrape } from './testing/metrics-scrape.ts';

const today = businessDate(new Date(), 'America/Sao_Paulo');
const posting = (fields: Record<string, unknown> = {}) => ({
  branch: demoBranch, account: demoAccount, amount: '10.00', debitCredit: 'C', eventCode: demoEventCode, dateRef: today, ...fields,
});

/** Label values a bounded label may take; anything shaped like an id or an account fails. */
const unboundedValue = /[0-9a-f]{8}-[0-9a-f]{4}-|\d{5,}/i;

describe.each(databaseTargets())('metrics through the local stack on $name', (target) => {
  let dataDir: string;
  let testDatabase: TestDatabase | undefined;
  let stack: LocalStack;
  let token: string;
  const scrapes = (): Promise<Record<FlowService, Scrape>> => Promise.all([
    scrape(stack.metricsUrls.ingest), scrape(stack.metricsUrls.worker!), scrape(stack.metricsUrls.queryApi),
  ]).then(([ingest, worker, queryApi]) => ({ ingest, 'ledger-worker': worker, 'query-api': queryApi }));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flow-metrics-'));
    testDatabase = target.name === 'postgres' ? await target.create() : undefined;
    stack = await startLocalStack({
      dataDir, ...freePortsOnLoopback, seedDemo: true,
      ...(testDatabase === undefined ? {} : { database: testDatabase.database }),
      environment: { FLOW_LOG_LEVEL: 'error' },
    });
    token = await tokenFor(stack);
  });

  afterAll(async () => {
    await stack?.stop();
    await testDatabase?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('postings move the series of all three services', async () => {
    const before = await scrapes();
    const batch = [posting(), posting({ amount: '2.00' }), posting({ account: 'NOSUCH1' })];
    const accepted = await call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body: { transactions: batch } });
    expect(accepted.status).toBe(202);
    const ids = (accepted.body as { transactions: { id: string }[] }).transactions.map((item) => item.id);
    await collectOutcomes(stack, ids);
    expect((await call(`${stack.queryApiUrl}/v1/transactions/${ids[0]}`, token)).status).toBe(200);
    expect((await call(`${stack.queryApiUrl}/v1/transactions/${randomUUID()}`, token)).status).toBe(404);

    const after = await scrapes();
    const moved = (service: FlowService, name: string, labels: Record<string, string> = {}) =>
      total(after[service], name, labels) - total(before[service], name, labels);
    expect(moved('ingest', 'flow_postings_accepted_total')).toBe(3);
    expect(moved('ingest', 'flow_postings_published_total')).toBe(3);
    expect(moved('ingest', 'flow_http_requests_total', { method: 'POST', route: '/v1/transactions', status: '202' })).toBe(1);
    expect(moved('ingest', 'flow_http_request_duration_seconds_count', { route: '/v1/transactions' })).toBe(1);
    expect(moved('ledger-worker', 'flow_postings_applied_total', { status: 'posted', reason: '' })).toBe(2);
    expect(moved('ledger-worker', 'flow_postings_applied_total', { status: 'rejected', reason: 'account_not_found' })).toBe(1);
    expect(moved('ledger-worker', 'flow_batch_postings_sum')).toBeGreaterThanOrEqual(3);
    expect(moved('ledger-worker', 'flow_batch_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(moved('ledger-worker', 'flow_accept_to_posted_seconds_count')).toBe(2);
    expect(moved('query-api', 'flow_http_requests_total', { method: 'GET', route: '/v1/transactions/:id', status: '200' })).toBe(1);
    expect(moved('query-api', 'flow_http_requests_total', { method: 'GET', route: '/v1/transactions/:id', status: '404' })).toBe(1);
  });

  test('the gauges read the queues, the outbox, the pools and the breakers', async () => {
    // The relay marks the outbox rows sent shortly after the callbacks: wait for the backlog to clear.
    await waitFor(async () => total((await scrapes())['ledger-worker'], 'flow_outbox_unsent_rows') === 0, 30_000, 100);
    const { 'ledger-worker': worker, 'query-api': queryApi, ingest } = await scrapes();
    expect(total(worker, 'flow_queue_messages', { queue: 'flow-transaction' })).toBe(0);
    expect(total(worker, 'flow_queue_messages', { queue: 'flow-transaction-dlq' })).toBe(0);
    expect(total(worker, 'flow_queue_oldest_message_age_seconds', { queue: 'flow-transaction-dlq' })).toBe(0);
    expect(total(worker, 'flow_outbox_oldest_unsent_age_seconds')).toBe(0);
    expect(total(worker, 'flow_database_pool_connections', { pool: 'primary' })).toBeGreaterThanOrEqual(1);
    expect(total(worker, 'flow_breaker_open', { breaker: 'database' })).toBe(0);
    expect(total(worker, 'flow_breaker_open', { breaker: 'callback-topic' })).toBe(0);
    expect(total(ingest, 'flow_breaker_open', { breaker: 'request-topic' })).toBe(0);
    // The stack's one database is primary and replica: no lag; no reconciliation recorded yet.
    expect(queryApi.samples.find((sample) => sample.name === 'flow_replica_lag_seconds')?.value).toBe(0);
    expect(queryApi.samples.some((sample) => sample.name === 'flow_reconciliation_differences')).toBe(false);
  });

  test('each service declares exactly its catalogue families, with bounded labels only', async () => {
    await call(`${stack.queryApiUrl}/v1/accounts/${demoBranch}/${demoAccount}/statement?from=${today}&to=${today}`, token);
    await call(`${stack.queryApiUrl}/v1/no/such/${randomUUID()}`, token);
    const all = await scrapes();
    for (const service of ['ingest', 'ledger-worker', 'query-api'] as const) {
      expect([...all[service].families.keys()].sort()).toEqual(metricNamesOf(service).sort());
      for (const sample of all[service].samples) {
        const family = sample.name.replace(/_(bucket|sum|count)$/, '') as keyof typeof metricCatalogue;
        const allowed: readonly string[] = [...metricCatalogue[family].labels, ...(sample.name.endsWith('_bucket') ? ['le'] : [])];
        expect(Object.keys(sample.labels).filter((label) => !allowed.includes(label))).toEqual([]);
        for (const value of Object.values(sample.labels)) expect(value).not.toMatch(unboundedValue);
      }
    }
    expect(total(all['query-api'], 'flow_http_requests_total', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
  });

  test('/metrics is served on the management ports only, never on the public API ports', async () => {
    for (const url of [stack.ingestUrl, stack.queryApiUrl]) {
      const answer = await fetch(`${url}/metrics`);
      expect(answer.status).toBe(404);
      expect(((await answer.json()) as { code: string }).code).toBe('not_found');
    }
    for (const url of Object.values(stack.metricsUrls)) expect(new URL(url!).hostname).toBe('127.0.0.1');
  });
});
