// The worker's gauges read at each scrape: the queues (queue-gauges.ts), the outbox backlog and
// the pool's connections. The Lambda reads the outbox and the pool after each invocation.
import type { SQSClient } from '@aws-sdk/client-sqs';
import { readOutboxStatus, type Database } from '@flow/ledger-core';
import { poolSampler, type Metrics, type Sampler } from '@flow/service-kit';
import { createQueueGauges, type QueueGauges } from './queue-gauges.ts';

export interface WorkerSamplerSources {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly database: Database;
}

export function addWorkerSamplers(metrics: Metrics, sources: WorkerSamplerSources): QueueGauges {
  // The pool first, before the outbox query below is in it.
  metrics.addSampler(poolSampler(metrics, { primary: sources.database }));
  const queueGauges = createQueueGauges(sources.sqs, sources.queueUrl, metrics);
  metrics.addSampler(queueGauges.sampler);
  metrics.addSampler(outboxSampler(metrics, sources.database));
  return queueGauges;
}

/** `flow_outbox_unsent_rows` and `flow_outbox_oldest_unsent_age_seconds` (the Lambda adds it too). */
export function outboxSampler(metrics: Metrics, database: Database): Sampler {
  return {
    name: 'outbox',
    sample: async () => {
      const outbox = await readOutboxStatus(database);
      metrics.set('flow_outbox_unsent_rows', outbox.unsent);
      metrics.set('flow_outbox_oldest_unsent_age_seconds', outbox.oldestUnsentAgeSeconds);
    },
  };
}
