// Wires ingest's real dependencies (logger, SNS client, publisher, authenticator), listens, and
// stops in order: readiness 503 for the drain while still serving, refuse new connections,
// answer the requests in flight, flush the batcher, then close the SNS client. `runIngestFromEnvironment` is the process's whole life.
import { setTimeout } from 'node:timers/promises';
import {
  boundPort,
  closeServer,
  createAuthenticator,
  createLogger,
  createMetrics,
  startMetricsServer,
  createSnsClient,
  listen,
  reachableHost,
  runFromEnvironment,
  type Environment,
  type Logger,
} from '@flow/service-kit';
import { createIngestApp } from './app.ts';
import { ingestService, readIngestConfig, type IngestConfig } from './config.ts';
import { createPostingPublisher } from './publisher.ts';

export interface IngestOverrides {
  /** Where log lines go; a JSON logger on stdout at the configured level by default. */
  readonly logger?: Logger;
}

export interface RunningIngest {
  readonly port: number;
  /** Base URL for clients on this machine, e.g. http://127.0.0.1:8081. */
  readonly url: string;
  /** `/metrics` on the management port, or null when `FLOW_METRICS_PORT` is unset. */
  readonly metricsUrl: string | null;
  /** Postings of requests still waiting for the broker (what a stop has to flush). */
  heldPostings(): number;
  stop(): Promise<void>;
}

export async function startIngest(config: Readonly<IngestConfig>, overrides: IngestOverrides = {}): Promise<RunningIngest> {
  const logger = overrides.logger ?? createLogger({ service: ingestService, level: config.logLevel });
  const sns = createSnsClient(config.aws);
  const metrics = createMetrics({ service: 'ingest', logger, dogstatsd: config.metrics.dogstatsd, cloudWatch: config.metrics.cloudWatch });
  const publisher = createPostingPublisher({ sns, topicArn: config.requestTopicArn, ...config.publish }, logger, metrics);
  let accepting = true;
  const app = createIngestApp({
    config,
    publisher,
    authenticator: createAuthenticator(config.auth),
    logger,
    isAccepting: () => accepting,
    metrics,
  });
  const metricsServer = await startMetricsServer(metrics, config.metrics, logger);
  const server = await listen(app, config.port, config.host, config.http).catch(async (error: unknown) => {
    await metricsServer?.stop();
    throw error;
  });
  const port = boundPort(server);
  const url = `http://${reachableHost(config.host)}:${port}`;
  logger.info('service_started', { url, metricsUrl: metricsServer?.url, requestTopicArn: config.requestTopicArn, auth: config.auth.mode });
  let stopped: Promise<void> | undefined;
  const stop = async () => {
    accepting = false;
    // Readiness answers 503 while requests are still served, until the load balancer has seen it.
    if (config.shutdownDrainMs > 0) await setTimeout(config.shutdownDrainMs);
    await closeServer(server);
    await publisher.close();
    await metricsServer?.stop();
    await metrics.close();
    sns.destroy();
  };
  return { port, url, metricsUrl: metricsServer?.url ?? null, heldPostings: () => publisher.heldPostings(), stop: () => (stopped ??= stop()) };
}

/** Parses the environment (exit 1 with every problem on stderr), starts, stops on SIGTERM/SIGINT. */
export function runIngestFromEnvironment(environment: Environment): Promise<RunningIngest> {
  return runFromEnvironment({
    service: ingestService,
    environment,
    readConfig: readIngestConfig,
    start: (config, logger) => startIngest(config, { logger }),
  });
}
