// The query API's gauges read from its databases at each scrape: the read database's lag behind
// the primary, the latest reconciliation run recorded (no sample until one exists, or while the
// table is not migrated), and both pools' connections.
import { readLatestReconciliationRun, readReplicaLagSeconds, type Database } from '@flow/ledger-core';
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
      const run = await readLatestReconciliationRun(readDatabase);
      if (run === null) {
        metrics.clear('flow_reconciliation_differences');
        metrics.clear('flow_reconciliation_last_run_timestamp_seconds');
        return;
      }
      metrics.set('flow_reconciliation_differences', run.differences);
      metrics.set('flow_reconciliation_last_run_timestamp_seconds', run.finishedAt);
    },
  });
}
