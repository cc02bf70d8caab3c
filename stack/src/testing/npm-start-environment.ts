// The environment of a real `npm start` inside a test: a data folder of its own and a free
// loopback port for every listener the stack opens (the three apps, the broker, the two metrics
// ports, PGlite's socket), so suites that each start one can run at the same time.
import { freePortOnLoopback } from '@flow/ledger-core/testing';

export interface NpmStartPorts {
  readonly ingest: number;
  readonly query: number;
  readonly health: number;
  readonly broker: number;
  readonly ingestMetrics: number;
  readonly queryMetrics: number;
}

export async function npmStartEnvironment(dataDir: string): Promise<{ ports: NpmStartPorts; environment: NodeJS.ProcessEnv }> {
  const ports: NpmStartPorts = {
    ingest: await freePortOnLoopback(), query: await freePortOnLoopback(), health: await freePortOnLoopback(), broker: await freePortOnLoopback(),
    ingestMetrics: await freePortOnLoopback(), queryMetrics: await freePortOnLoopback(),
  };
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    FLOW_DATA_DIR: dataDir,
    FLOW_INGEST_PORT: String(ports.ingest),
    FLOW_QUERY_API_PORT: String(ports.query),
    FLOW_WORKER_HEALTH_PORT: String(ports.health),
    FLOW_BROKER_PORT: String(ports.broker),
    FLOW_INGEST_METRICS_PORT: String(ports.ingestMetrics),
    FLOW_QUERY_API_METRICS_PORT: String(ports.queryMetrics),
    // 0: the socket takes a free port and the stack names it in stack.json and the banner.
    FLOW_PGLITE_PORT: '0',
  };
  return { ports, environment };
}
