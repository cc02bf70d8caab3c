// The query API's gauges read from its databases at each scrape: the read database's lag behind
// the primary, the latest finished reconciliation run `flow reconcile` recorded (no sample until
// one exists; the same reading as GET /v1/operations), and both pools' connections.
import { latestReconciliationRun, readReplicaLagSeconds, type Database } from '@flow/ledger-core';
import { poolSampler, type Metrics } from '@flow/service-kit';

export function addDatabaseSamplers(metrics: Metrics, readDatabase: Database, primaryDatabase: Database): void {
  // One handle for both (the embedded stack's PGlite) is one pool: read it once, before the queries below.
  const pools: Record<string, Database> = readDatabase === primaryDatabase ? { read: readDatabase } : { read: readDatabase, primary: primaryDatabase };
  metrics.addSampler(poolSampler(metrics, pools));
  metrics.addSampler({
    name: 'replica_lag',
    sample: async () => metrics.set('flow_replica_lag_seconds', await readReplicaLagSeconds(readDatabase)),
  });
  metrics.addSampler({
    name: 'reconciliation',
    sample: async () => {
      const run = await latestReconciliationRun(readDatabase);
      if (run === null) {
        metrics.clear('flow_reconciliation_differences');
        metrics.clear('flow_reconciliation_last_run_timestamp_seconds');
        return;
      }
      metrics.set('flow_reconciliation_differences', run.differences);
      metrics.set('flow_reconciliation_last_run_timestamp_seconds', run.finishedAt.getTime() / 1_000);
    },
  });
}
