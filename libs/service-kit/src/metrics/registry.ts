// One service's metrics: a prom-client registry of its own (the embedded stack runs the three
// services in one process, each with its own `/metrics`), filled from the catalogue, and — when
// DogStatsD is on — the same samples sent to the Datadog Agent: counters as counts, histograms as
// distributions (percentiles over every task), gauges as gauges. Gauges that describe the outside
// (queue depth, outbox, pools, replica lag, reconciliation) are read by samplers just before each
// scrape, and every `sampleIntervalMs` towards the agent; a sampler that fails is logged
// (`metric_sample_failed`) and its series keep their last value.
import { Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import type { Logger } from '../logger.ts';
import {
  metricCatalogue, metricNamesOf, type CounterName, type FlowService, type GaugeName, type HistogramName, type MetricLabels, type MetricName,
} from './catalogue.ts';
import { createDogStatsd, tagValue, type DogStatsdAddress } from './dogstatsd.ts';

/** How often gauges are read and sent to the agent when DogStatsD is on. */
export const sampleIntervalMs = 10_000;
/** A sampler that has not answered within this is abandoned for this scrape (Prometheus waits 10 s). */
export const samplerTimeoutMs = 5_000;

export interface MetricsOptions {
  readonly service: FlowService;
  readonly logger: Logger;
  /** The Datadog Agent's DogStatsD address; absent, metrics are only served on `/metrics`. */
  readonly dogstatsd?: DogStatsdAddress | null;
  /** How often gauges go to the agent; `sampleIntervalMs` by default (tests shorten it). */
  readonly gaugeIntervalMs?: number;
  /**
   * Also log the gauges every interval in CloudWatch's embedded metric format (`metrics_emitted`),
   * so the CloudWatch alarms (outbox lag) read them from the service's log group.
   */
  readonly cloudWatch?: boolean;
}

/** Reads outside state into gauges (via `metrics.set`); named in the failure log. */
export interface Sampler {
  readonly name: string;
  readonly sample: () => Promise<void>;
}

export interface Metrics {
  readonly service: FlowService;
  increment(name: CounterName, labels?: MetricLabels, value?: number): void;
  /** Records `value` `weight` times (one DogStatsD line with a sample rate of 1/weight). */
  observe(name: HistogramName, value: number, labels?: MetricLabels, weight?: number): void;
  set(name: GaugeName, value: number, labels?: MetricLabels): void;
  /** Removes a gauge's sample: unknown, rather than a stale or made-up value. */
  clear(name: GaugeName, labels?: MetricLabels): void;
  addSampler(sampler: Sampler): void;
  /**
   * Runs the samplers and sends the gauges where they go (DogStatsD, CloudWatch's format), then
   * flushes: what the interval does, for a process that freezes between invocations (Lambda).
   */
  publish(): Promise<void>;
  /** The Prometheus text exposition, samplers run first. */
  exposition(): Promise<{ contentType: string; body: string }>;
  close(): Promise<void>;
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const instruments = new Map<MetricName, Metric>();
  for (const name of metricNamesOf(options.service)) instruments.set(name, instrumentOf(name, registry));
  const statsd = options.dogstatsd ? createDogStatsd(options.dogstatsd, [`service:${tagValue(`flow-${options.service}`)}`]) : null;
  const samplers: Sampler[] = [];
  const gaugeValues = new Map<string, { name: GaugeName; value: number; tags: string[] }>();

  const instrument = <Kind extends Metric>(name: MetricName) => {
    const found = instruments.get(name);
    if (found === undefined) throw new Error(`${name} is not a metric of ${options.service}`);
    return found as Kind;
  };
  // One after another, in the order added: the pool sampler, added first, sees the pool without
  // the other samplers' own queries in it.
  const runSamplers = async () => {
    for (const sampler of samplers) await runSampler(sampler, options.logger);
  };

  const metrics: Metrics = {
    service: options.service,
    increment(name, labels = {}, value = 1) {
      instrument<Counter>(name).inc(labelsOf(name, labels), value);
      statsd?.send(name, value, 'c', tagsOf(name, labels));
    },
    observe(name, value, labels = {}, weight = 1) {
      if (weight <= 0) return;
      const histogram = instrument<Histogram>(name);
      for (let count = 0; count < weight; count++) histogram.observe(labelsOf(name, labels), value);
      statsd?.send(name, value, 'd', tagsOf(name, labels), 1 / weight);
    },
    set(name, value, labels = {}) {
      instrument<Gauge>(name).set(labelsOf(name, labels), value);
      const tags = tagsOf(name, labels);
      if (statsd !== null) gaugeValues.set(`${name}|${tags.join(',')}`, { name, value, tags });
    },
    clear(name, labels = {}) {
      instrument<Gauge>(name).remove(labelsOf(name, labels));
      gaugeValues.delete(`${name}|${tagsOf(name, labels).join(',')}`);
    },
    addSampler: (sampler) => void samplers.push(sampler),
    async publish() {
      await runSamplers();
      for (const { name, value, tags } of gaugeValues.values()) statsd?.send(name, value, 'g', tags);
      if (options.cloudWatch === true) await logEmbeddedMetrics(registry, options);
      statsd?.flush();
    },
    async exposition() {
      await runSamplers();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    async close() {
      clearInterval(timer);
      await statsd?.close();
    },
  };
  // Towards the agent, gauges are re-sent every interval: the agent keeps no value between flushes.
  const timer = setInterval(() => void metrics.publish(), options.gaugeIntervalMs ?? sampleIntervalMs);
  timer.unref();
  if (statsd === null && options.cloudWatch !== true) clearInterval(timer);
  return metrics;
}

/** CloudWatch's namespace for Flow's own metrics; the service is a dimension. */
export const cloudWatchNamespace = 'Flow';

/** One `metrics_emitted` line per gauge sample, its labels as dimensions beside `Service`. */
async function logEmbeddedMetrics(registry: Registry, options: MetricsOptions): Promise<void> {
  for (const name of metricNamesOf(options.service).filter((each) => metricCatalogue[each].type === 'gauge')) {
    const { values } = await (registry.getSingleMetric(name) as Gauge).get();
    for (const { labels, value } of values) {
      const dimensions = ['Service', ...Object.keys(labels)];
      options.logger.info('metrics_emitted', {
        _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: cloudWatchNamespace, Dimensions: [dimensions], Metrics: [{ Name: name }] }] },
        Service: `flow-${options.service}`, ...labels, [name]: value,
      });
    }
  }
}

function instrumentOf(name: MetricName, registry: Registry): Metric {
  const definition = metricCatalogue[name];
  const common = { name, help: definition.help, labelNames: [...definition.labels], registers: [registry] };
  if (definition.type === 'counter') return new Counter(common);
  if (definition.type === 'gauge') {
    // prom-client starts a gauge without labels at 0; no sample until one is read is the truth.
    const gauge = new Gauge(common);
    gauge.remove({});
    return gauge;
  }
  return new Histogram({ ...common, buckets: [...(definition as { buckets: readonly number[] }).buckets] });
}

/** Exactly the catalogue's labels: a missing one is '', an unknown one is a programming error. */
function labelsOf(name: MetricName, labels: MetricLabels): Record<string, string | number> {
  const names: readonly string[] = metricCatalogue[name].labels;
  for (const label of Object.keys(labels)) {
    if (!names.includes(label)) throw new Error(`${name} has no label ${label}`);
  }
  return Object.fromEntries(names.map((label) => [label, labels[label] ?? '']));
}

/** DogStatsD tags: an empty label (the reason of a posted outcome) is no tag rather than `reason:`. */
function tagsOf(name: MetricName, labels: MetricLabels): string[] {
  return Object.entries(labelsOf(name, labels)).filter(([, value]) => value !== '').map(([label, value]) => `${label}:${tagValue(value)}`);
}

async function runSampler(sampler: Sampler, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${samplerTimeoutMs} ms`)), samplerTimeoutMs);
  });
  try {
    await Promise.race([sampler.sample(), timeout]);
  } catch (error) {
    logger.warn('metric_sample_failed', { sampler: sampler.name, error: error instanceof Error ? error.message : String(error) });
  } finally {
    clearTimeout(timer);
  }
}

/** What `flow_database_pool_connections` reads from a database handle (ledger-core's port has it). */
export interface PoolReadable {
  connections?(): { readonly idle: number; readonly active: number; readonly waiting: number };
}

/** `flow_database_pool_connections{pool,state}` of each named pool (the same handle is read once). */
export function poolSampler(metrics: Metrics, pools: Readonly<Record<string, PoolReadable>>): Sampler {
  return {
    name: 'database_pool',
    sample: async () => {
      for (const [pool, database] of Object.entries(pools)) {
        const connections = database.connections?.();
        if (connections === undefined) continue;
        for (const state of ['idle', 'active', 'waiting'] as const) {
          metrics.set('flow_database_pool_connections', connections[state], { pool, state });
        }
      }
    },
  };
}
