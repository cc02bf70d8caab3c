// The metrics registry as a service sees it: Prometheus text on a real management server, the
// same samples as DogStatsD lines on a real UDP socket standing in for the Datadog Agent, labels
// held to the catalogue, failing samplers logged, and the settings that turn each part on.
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { configReader, ConfigError } from '../config.ts';
import { createLogger } from '../logger.ts';
import { readMetricsConfig, startMetricsServer } from './endpoint.ts';
import { createBreaker } from '../breaker.ts';
import { watchBreaker } from './breaker-gauge.ts';
import { createMetrics, type Metrics } from './registry.ts';

function logLines(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('readMetricsConfig', () => {
  test.each([
    [{}, { port: null, host: '127.0.0.1', dogstatsd: null, cloudWatch: false }],
    [{ FLOW_METRICS_PORT: '8091' }, { port: 8091, host: '127.0.0.1', dogstatsd: null, cloudWatch: false }],
    [{ FLOW_METRICS_PORT: '0', FLOW_METRICS_HOST: '0.0.0.0' }, { port: 0, host: '0.0.0.0', dogstatsd: null, cloudWatch: false }],
    [{ FLOW_DOGSTATSD_ENABLED: 'true' }, { port: null, host: '127.0.0.1', dogstatsd: { host: '127.0.0.1', port: 8125 }, cloudWatch: false }],
    [{ FLOW_DOGSTATSD_ENABLED: 'true', FLOW_DOGSTATSD_ADDRESS: '[::1]:9125' }, { port: null, host: '127.0.0.1', dogstatsd: { host: '::1', port: 9125 }, cloudWatch: false }],
    [{ FLOW_METRICS_CLOUDWATCH_ENABLED: 'true' }, { port: null, host: '127.0.0.1', dogstatsd: null, cloudWatch: true }],
  ])('%j', (environment, expected) => {
    const reader = configReader(environment);
    expect(reader.finish('test', readMetricsConfig(reader))).toEqual(expected);
  });

  test.each([
    [{ FLOW_METRICS_PORT: '70000' }, 'FLOW_METRICS_PORT'],
    [{ FLOW_METRICS_PORT: 'eighty' }, 'FLOW_METRICS_PORT'],
    [{ FLOW_DOGSTATSD_ADDRESS: 'agent' }, 'FLOW_DOGSTATSD_ADDRESS'],
    [{ FLOW_DOGSTATSD_ENABLED: 'maybe' }, 'FLOW_DOGSTATSD_ENABLED'],
  ])('%j is refused naming %s', (environment, variable) => {
    const reader = configReader(environment);
    expect(() => reader.finish('test', readMetricsConfig(reader))).toThrow(ConfigError);
    expect(() => reader.finish('test', readMetricsConfig(reader))).toThrow(variable);
  });
});

describe('a service registry', () => {
  let metrics: Metrics | undefined;
  afterEach(async () => metrics?.close());

  test('serves its catalogue families on /metrics of a management server, and nothing else there', async () => {
    metrics = createMetrics({ service: 'ingest', logger: createLogger({ service: 'test', level: 'error' }) });
    metrics.increment('flow_postings_accepted_total', {}, 3);
    metrics.observe('flow_http_request_duration_seconds', 0.02, { method: 'POST', route: '/v1/transactions' });
    const server = (await startMetricsServer(metrics, { port: 0, host: '127.0.0.1', dogstatsd: null, cloudWatch: false }, createLogger({ service: 'test', level: 'error' })))!;
    try {
      const answer = await fetch(server.url);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await answer.text();
      expect(text).toContain('flow_postings_accepted_total 3');
      expect(text).toContain('flow_http_request_duration_seconds_bucket{le="0.025",method="POST",route="/v1/transactions"} 1');
      // A worker-only family is not declared by ingest.
      expect(text).not.toContain('flow_batch_postings');
      const elsewhere = await fetch(server.url.replace('/metrics', '/v1/transactions'));
      expect(elsewhere.status).toBe(404);
      expect(((await elsewhere.json()) as { code: string }).code).toBe('not_found');
    } finally {
      await server.stop();
    }
  });

  test('no management server without FLOW_METRICS_PORT', async () => {
    metrics = createMetrics({ service: 'query-api', logger: createLogger({ service: 'test', level: 'error' }) });
    expect(await startMetricsServer(metrics, { port: null, host: '127.0.0.1', dogstatsd: null, cloudWatch: false }, createLogger({ service: 'test', level: 'error' }))).toBeNull();
  });

  test('labels are the catalogue\'s: an unknown one or another service\'s metric is a programming error', () => {
    metrics = createMetrics({ service: 'ingest', logger: createLogger({ service: 'test', level: 'error' }) });
    expect(() => metrics!.increment('flow_http_requests_total', { method: 'GET', route: '/x', status: 200, account: '123456' })).toThrow('no label account');
    expect(() => metrics!.increment('flow_postings_applied_total', { status: 'posted' })).toThrow('not a metric of ingest');
  });

  test('a gauge without labels shows no sample until read; a cleared gauge shows none again', async () => {
    metrics = createMetrics({ service: 'query-api', logger: createLogger({ service: 'test', level: 'error' }) });
    expect((await metrics.exposition()).body).not.toMatch(/^flow_reconciliation_differences /m);
    metrics.set('flow_reconciliation_differences', 2);
    expect((await metrics.exposition()).body).toMatch(/^flow_reconciliation_differences 2$/m);
    metrics.clear('flow_reconciliation_differences');
    expect((await metrics.exposition()).body).not.toMatch(/^flow_reconciliation_differences /m);
  });

  test('a failing sampler is logged with its name and its series keep their last value', async () => {
    const { lines, stream } = logLines();
    metrics = createMetrics({ service: 'ledger-worker', logger: createLogger({ service: 'test', level: 'warn', stream }) });
    let fail = false;
    metrics.addSampler({
      name: 'outbox',
      sample: async () => {
        if (fail) throw new Error('connection refused');
        metrics!.set('flow_outbox_unsent_rows', 7);
      },
    });
    expect((await metrics.exposition()).body).toMatch(/^flow_outbox_unsent_rows 7$/m);
    fail = true;
    expect((await metrics.exposition()).body).toMatch(/^flow_outbox_unsent_rows 7$/m);
    expect(lines).toEqual([expect.objectContaining({ code: 'metric_sample_failed', sampler: 'outbox', error: 'connection refused' })]);
  });
});

test('with CloudWatch on, every gauge sample is logged in the embedded metric format, its labels as dimensions', async () => {
  const { lines, stream } = logLines();
  const metrics = createMetrics({ service: 'ledger-worker', logger: createLogger({ service: 'test', level: 'info', stream }), cloudWatch: true, gaugeIntervalMs: 20 });
  try {
    metrics.set('flow_outbox_oldest_unsent_age_seconds', 42);
    metrics.set('flow_queue_messages', 3, { queue: 'flow-transaction-dlq' });
    const deadline = Date.now() + 5_000;
    while (lines.filter((line) => line.code === 'metrics_emitted').length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines).toContainEqual(expect.objectContaining({
      code: 'metrics_emitted', Service: 'flow-ledger-worker', flow_outbox_oldest_unsent_age_seconds: 42,
      _aws: expect.objectContaining({ CloudWatchMetrics: [{ Namespace: 'Flow', Dimensions: [['Service']], Metrics: [{ Name: 'flow_outbox_oldest_unsent_age_seconds' }] }] }),
    }));
    expect(lines).toContainEqual(expect.objectContaining({
      code: 'metrics_emitted', queue: 'flow-transaction-dlq', flow_queue_messages: 3,
      _aws: expect.objectContaining({ CloudWatchMetrics: [expect.objectContaining({ Dimensions: [['Service', 'queue']] })] }),
    }));
  } finally {
    await metrics.close();
  }
});

test('flow_breaker_open follows a real breaker: 0 closed, 1 open and half-open, 0 closed again', async () => {
  const logger = createLogger({ service: 'test', level: 'error' });
  const metrics = createMetrics({ service: 'ingest', logger });
  let failing = true;
  const breaker = createBreaker(async () => {
    if (failing) throw new Error('broker down');
  }, { name: 'request-topic', timeoutMs: 1_000, resetTimeoutMs: 50, volumeThreshold: 1 }, logger);
  watchBreaker(breaker, 'request-topic', metrics);
  const value = async () => Number(/^flow_breaker_open\{breaker="request-topic"\} (\d)$/m.exec((await metrics.exposition()).body)?.[1]);
  try {
    expect(await value()).toBe(0);
    await breaker.fire().catch(() => undefined);
    expect(breaker.opened).toBe(true);
    expect(await value()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(breaker.halfOpen).toBe(true);
    expect(await value()).toBe(1);
    failing = false;
    await breaker.fire();
    expect(await value()).toBe(0);
  } finally {
    breaker.shutdown();
    await metrics.close();
  }
});

describe('DogStatsD towards the agent', () => {
  let agent: Socket;
  let received: string[];
  let metrics: Metrics | undefined;

  beforeEach(async () => {
    received = [];
    agent = createSocket('udp4');
    agent.on('message', (datagram) => received.push(...String(datagram).split('\n')));
    await new Promise<void>((resolve) => agent.bind(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await metrics?.close();
    await new Promise<void>((resolve) => agent.close(() => resolve()));
  });

  const until = async (predicate: () => boolean) => {
    const deadline = Date.now() + 5_000;
    while (!predicate() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  test('counters as counts, histograms as weighted distributions, gauges re-sent every interval, tagged by service', async () => {
    const { port } = agent.address() as AddressInfo;
    metrics = createMetrics({
      service: 'ledger-worker', logger: createLogger({ service: 'test', level: 'error' }), dogstatsd: { host: '127.0.0.1', port }, gaugeIntervalMs: 50,
    });
    metrics.increment('flow_postings_applied_total', { status: 'rejected', reason: 'account_not_found' }, 2);
    metrics.increment('flow_postings_applied_total', { status: 'posted', reason: '' }, 5);
    metrics.observe('flow_accept_to_posted_seconds', 0.25, {}, 4);
    metrics.set('flow_breaker_open', 1, { breaker: 'database' });
    await until(() => received.filter((line) => line.startsWith('flow_breaker_open')).length >= 2);
    expect(received).toContain('flow_postings_applied_total:2|c|#service:flow-ledger-worker,status:rejected,reason:account_not_found');
    expect(received).toContain('flow_postings_applied_total:5|c|#service:flow-ledger-worker,status:posted');
    expect(received).toContain('flow_accept_to_posted_seconds:0.25|d|@0.25|#service:flow-ledger-worker');
    expect(received.filter((line) => line === 'flow_breaker_open:1|g|#service:flow-ledger-worker,breaker:database').length).toBeGreaterThanOrEqual(2);
  });
});
