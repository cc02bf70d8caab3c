// The Datadog dashboard and monitors (infra/datadog) and the CloudWatch dashboard and alarms
// (monitoring.yaml) name only series the services really emit: the embedded stack runs, postings
// flow, a reconciliation run is recorded, and every metric, tag and tag value the files use is
// looked up on the three `/metrics` endpoints. The files' own shape (importable, one runbook per
// monitor) is checked too, and the checker is shown catching broken references.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { businessDate } from '@flow/ledger-core';
import { demoAccount, demoBranch, demoEventCode } from './demo-catalog.ts';
import { freePortsOnLoopback, startLocalStack, type LocalStack } from './local-stack.ts';
import { call, collectOutcomes, tokenFor } from './testing/e2e-client.ts';
import { parsePrometheusText, scrape, type Scrape } from './testing/metrics-scrape.ts';
import { metricReferences, queriesOf, referenceProblems, type MetricReference } from './testing/monitoring-references.ts';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const dashboard = JSON.parse(read('infra/datadog/dashboard.json')) as { title: string; layout_type: string; widgets: { definition: { type: string } }[] };
interface Monitor { name: string; type: string; query: string; message: string; options: { thresholds: { critical: number } } }
const monitors = JSON.parse(read('infra/datadog/monitors.json')) as Monitor[];
const monitoringTemplate = read('infra/cloudformation/templates/monitoring.yaml');
const runbooks = read('docs/runbooks.md');

/** GitHub's anchor of a Markdown heading. */
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-');

function datadogReferences(): MetricReference[] {
  return [
    ...queriesOf(dashboard, 'dashboard').flatMap(({ query, source }) => metricReferences(query, source)),
    ...monitors.flatMap((monitor) => metricReferences(monitor.query, `monitor "${monitor.name}"`)),
  ];
}

/** The namespace Flow's metrics of the CloudWatch dashboard and alarms, with their Service dimension. */
function cloudWatchReferences(): { metric: string; service: string }[] {
  const widgets = [...monitoringTemplate.matchAll(/\["Flow","(flow_[a-z0-9_]+)","Service","(flow-[a-z-]+)"/g)];
  const alarms = [...monitoringTemplate.matchAll(/Namespace: Flow\n\s+MetricName: (flow_[a-z0-9_]+)\n\s+Dimensions: \[\{ Name: Service, Value: (flow-[a-z-]+) \}\]/g)];
  return [...widgets, ...alarms].map(([, metric, service]) => ({ metric: metric!, service: service! }));
}

describe('the monitoring files', () => {
  test('the dashboard is an importable Datadog dashboard', () => {
    expect(dashboard.title).toMatch(/^Flow/);
    expect(['ordered', 'free']).toContain(dashboard.layout_type);
    expect(dashboard.widgets.length).toBeGreaterThan(0);
    expect(queriesOf(dashboard).length).toBeGreaterThan(10);
  });

  test.each(['outbox', 'dead letter', 'breaker', 'reconciliation', 'replica lag', 'error', 'accept'])('a monitor watches %s', (topic) => {
    expect(monitors.some((monitor) => monitor.name.toLowerCase().includes(topic.split(' ')[0]!))).toBe(true);
  });

  test.each(monitors.map((monitor) => [monitor.name, monitor] as const))('%s: importable, its threshold in its query, a runbook section', (_name, monitor) => {
    expect(['query alert', 'metric alert']).toContain(monitor.type);
    expect(monitor.query).toMatch(new RegExp(`(>|>=) ${monitor.options.thresholds.critical}$`));
    const anchor = /docs\/runbooks\.md#([a-z0-9-]+)/.exec(monitor.message)?.[1];
    const anchors = [...runbooks.matchAll(/^## (.+)$/gm)].map(([, heading]) => anchorOf(heading!));
    expect(anchors).toContain(anchor);
  });

  test('the checker reports an unknown metric, a tag the metric lacks, and a tag value no sample has', () => {
    const scraped = parsePrometheusText('# TYPE flow_queue_messages gauge\nflow_queue_messages{queue="flow-transaction"} 0\n');
    expect(referenceProblems([
      ...metricReferences('max:flow_queue_message{*}', 'typo'),
      ...metricReferences('max:flow_queue_messages{account:123} by {queue}', 'label'),
      ...metricReferences('max:flow_queue_messages{queue:flow-transactions}', 'value'),
      ...metricReferences('max:flow_queue_messages{$env,queue:flow-*} by {env}', 'fine'),
    ], [scraped])).toEqual([
      'typo: flow_queue_message is not emitted by any service',
      'label: flow_queue_messages has no label account',
      'value: no flow_queue_messages sample has queue=flow-transactions',
    ]);
  });
});

describe('against the services\' /metrics', () => {
  let dataDir: string;
  let stack: LocalStack;
  let scrapes: Record<'ingest' | 'worker' | 'queryApi', Scrape>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flow-monitoring-'));
    stack = await startLocalStack({ dataDir, ...freePortsOnLoopback, seedDemo: true, environment: { FLOW_LOG_LEVEL: 'error' } });
    // The reconcile command records its runs in flow.reconciliation_run; record one as it would.
    await stack.database.query(`insert into flow.reconciliation_run (finished_at, differences, status) values (now(), 0, 'clean')`);
    const token = await tokenFor(stack);
    const today = businessDate(new Date(), 'America/Sao_Paulo');
    const posting = { branch: demoBranch, account: demoAccount, amount: '1.00', debitCredit: 'C', eventCode: demoEventCode, dateRef: today };
    const accepted = await call(`${stack.ingestUrl}/v1/transactions`, token, { method: 'POST', body: { transactions: [posting, { ...posting, account: 'NOSUCH1' }] } });
    await collectOutcomes(stack, (accepted.body as { transactions: { id: string }[] }).transactions.map((item) => item.id));
    await call(`${stack.queryApiUrl}/v1/accounts/${demoBranch}/${demoAccount}/statement?from=${today}&to=${today}`, token);
    const { ingest, worker, queryApi } = stack.metricsUrls;
    scrapes = { ingest: await scrape(ingest), worker: await scrape(worker!), queryApi: await scrape(queryApi) };
  });

  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the Datadog dashboard and monitors name only series the services emit, with their labels and values', () => {
    const references = datadogReferences();
    expect(new Set(references.map((reference) => reference.metric)).size).toBeGreaterThanOrEqual(15);
    expect(referenceProblems(references, Object.values(scrapes))).toEqual([]);
  });

  test('the CloudWatch dashboard and alarms name series of the service they say', () => {
    const references = cloudWatchReferences();
    expect(references.map((reference) => reference.metric)).toContain('flow_outbox_oldest_unsent_age_seconds');
    const byService: Record<string, Scrape> = { 'flow-ingest': scrapes.ingest, 'flow-ledger-worker': scrapes.worker, 'flow-query-api': scrapes.queryApi };
    for (const { metric, service } of references) {
      expect([service, byService[service]?.samples.some((sample) => sample.name === metric)]).toEqual([service, true]);
    }
  });
});
