// Every metric a Flow service emits, in one table: name, type, help, labels and buckets. The
// services register from it (registry.ts), the README documents it and the Datadog monitors are
// checked against what the services' `/metrics` endpoints really show. Labels are bounded by
// construction: a route pattern (never a path with ids), a status, a rejection code of the
// registry, a queue, a breaker, a pool and its state — never an id, an account or a producer.

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface MetricDefinition {
  readonly type: MetricType;
  readonly help: string;
  readonly labels: readonly string[];
  /** Histogram bucket upper bounds. */
  readonly buckets?: readonly number[];
  /** Which services emit it. */
  readonly services: readonly FlowService[];
}

export type FlowService = 'ingest' | 'ledger-worker' | 'query-api';

/** Seconds: from a millisecond answer to a slow one. */
const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const metricCatalogue = {
  flow_postings_accepted_total: {
    type: 'counter', labels: [], services: ['ingest'],
    help: 'Postings answered 202: in a message the request topic confirmed.',
  },
  flow_postings_published_total: {
    type: 'counter', labels: [], services: ['ingest'],
    help: 'Postings in messages the request topic confirmed (SNS publish answered).',
  },
  flow_postings_applied_total: {
    type: 'counter', labels: ['status', 'reason'], services: ['ledger-worker'],
    help: 'Outcomes the ledger committed, by status (posted, rejected, replay) and rejection code (empty when posted).',
  },
  flow_batch_postings: {
    type: 'histogram', labels: [], services: ['ledger-worker'], buckets: [1, 10, 50, 100, 250, 500, 1000, 2000],
    help: 'Postings (and refused outcomes) per committed database batch.',
  },
  flow_batch_duration_seconds: {
    type: 'histogram', labels: [], services: ['ledger-worker'], buckets: durationBuckets,
    help: 'Seconds to apply and commit one database batch.',
  },
  flow_accept_to_posted_seconds: {
    type: 'histogram', labels: [], services: ['ledger-worker'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    help: 'Seconds from the request queue receiving a posting (SQS SentTimestamp, right after ingest\'s publish) to its commit, per posted posting.',
  },
  flow_queue_messages: {
    type: 'gauge', labels: ['queue'], services: ['ledger-worker'],
    help: 'Messages waiting in the queue (SQS ApproximateNumberOfMessages), flow-transaction and its dead-letter queue.',
  },
  flow_queue_oldest_message_age_seconds: {
    type: 'gauge', labels: ['queue'], services: ['ledger-worker'],
    help: 'Age of the oldest message: flow-transaction from the SentTimestamp of the messages received, the dead-letter queue since it was first seen non-empty (see README).',
  },
  flow_outbox_unsent_rows: {
    type: 'gauge', labels: [], services: ['ledger-worker'],
    help: 'Outbox rows committed and not yet published to the callback topic.',
  },
  flow_outbox_oldest_unsent_age_seconds: {
    type: 'gauge', labels: [], services: ['ledger-worker'],
    help: 'Age of the oldest unsent outbox row (0 when none): how late the callbacks are.',
  },
  flow_breaker_open: {
    type: 'gauge', labels: ['breaker'], services: ['ingest', 'ledger-worker'],
    help: '1 while the circuit breaker is open or half-open (calls fail fast), 0 when closed.',
  },
  flow_database_pool_connections: {
    type: 'gauge', labels: ['pool', 'state'], services: ['ledger-worker', 'query-api'],
    help: 'Database pool connections by state (idle, active, waiting: requests waiting for a connection).',
  },
  flow_replica_lag_seconds: {
    type: 'gauge', labels: [], services: ['query-api'],
    help: 'Seconds the read database is behind the primary (now() - pg_last_xact_replay_timestamp() on a replica, 0 on a primary).',
  },
  flow_http_requests_total: {
    type: 'counter', labels: ['method', 'route', 'status'], services: ['ingest', 'query-api'],
    help: 'HTTP requests answered, by method, route pattern (unmatched for no route) and status.',
  },
  flow_http_request_duration_seconds: {
    type: 'histogram', labels: ['method', 'route'], services: ['ingest', 'query-api'], buckets: durationBuckets,
    help: 'Seconds from a request\'s arrival to its answer.',
  },
  flow_reconciliation_differences: {
    type: 'gauge', labels: [], services: ['query-api'],
    help: 'Differences between the ledger and the daily balances found by the latest recorded reconciliation run.',
  },
  flow_reconciliation_last_run_timestamp_seconds: {
    type: 'gauge', labels: [], services: ['query-api'],
    help: 'Unix time the latest recorded reconciliation run finished.',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof metricCatalogue;
type NamesOf<Type extends MetricType> = { [Name in MetricName]: (typeof metricCatalogue)[Name]['type'] extends Type ? Name : never }[MetricName];
export type CounterName = NamesOf<'counter'>;
export type GaugeName = NamesOf<'gauge'>;
export type HistogramName = NamesOf<'histogram'>;
/** Label values by label name; a missing label is the empty string. */
export type MetricLabels = Readonly<Record<string, string | number>>;

/** The catalogue's names a service emits. */
export function metricNamesOf(service: FlowService): MetricName[] {
  return (Object.keys(metricCatalogue) as MetricName[])
    .filter((name) => (metricCatalogue[name].services as readonly FlowService[]).includes(service));
}
