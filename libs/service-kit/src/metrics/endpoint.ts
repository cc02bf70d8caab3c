// Where metrics leave a service: `GET /metrics` (Prometheus text) on a management port, never on
// the public API port — ingest and query-api listen on `FLOW_METRICS_PORT` (bound to
// `FLOW_METRICS_HOST`, loopback by default: in an ECS task the Datadog Agent sidecar shares it),
// the worker on its health port — and DogStatsD to the agent when `FLOW_DOGSTATSD_ENABLED`.
import type { Server } from 'node:http';
import express, { Router, type Express } from 'express';
import type { ConfigReader } from '../config.ts';
import { errorHandler, notFound, route, securityHeaders } from '../http.ts';
import type { Logger } from '../logger.ts';
import { boundPort, closeServer, listen, reachableHost } from '../server.ts';
import type { DogStatsdAddress } from './dogstatsd.ts';
import type { Metrics } from './registry.ts';

export interface MetricsConfig {
  /** `FLOW_METRICS_PORT`: the management port of `/metrics`; null serves none (0 picks a free one). */
  readonly port: number | null;
  readonly host: string;
  readonly dogstatsd: DogStatsdAddress | null;
  /** `FLOW_METRICS_CLOUDWATCH_ENABLED`: gauges logged in CloudWatch's embedded metric format. */
  readonly cloudWatch: boolean;
}

const dogstatsdAddressDefault = '127.0.0.1:8125';

/** `FLOW_METRICS_PORT`, `FLOW_METRICS_HOST`, `FLOW_DOGSTATSD_ENABLED`, `FLOW_DOGSTATSD_ADDRESS`, `FLOW_METRICS_CLOUDWATCH_ENABLED`. */
export function readMetricsConfig(reader: ConfigReader): MetricsConfig {
  const port = reader.optionalText('FLOW_METRICS_PORT') === undefined ? null : reader.integer('FLOW_METRICS_PORT', 0, { min: 0, max: 65_535 });
  const host = reader.text('FLOW_METRICS_HOST', '127.0.0.1');
  const enabled = reader.boolean('FLOW_DOGSTATSD_ENABLED', false);
  const address = reader.text('FLOW_DOGSTATSD_ADDRESS', dogstatsdAddressDefault);
  const match = /^(.+):(\d{1,5})$/.exec(address);
  if (match === null || Number(match[2]) > 65_535) reader.problem('FLOW_DOGSTATSD_ADDRESS must be host:port, e.g. 127.0.0.1:8125');
  const dogstatsd = enabled && match !== null ? { host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port: Number(match[2]) } : null;
  const cloudWatch = reader.boolean('FLOW_METRICS_CLOUDWATCH_ENABLED', false);
  return { port, host, dogstatsd, cloudWatch };
}

/** `GET /metrics`, for the worker's health app or a management server of its own. */
export function metricsRoutes(metrics: Metrics): Router {
  const router = Router();
  router.get('/metrics', route(async (_request, response) => {
    const { contentType, body } = await metrics.exposition();
    response.setHeader('Content-Type', contentType);
    response.send(body);
  }));
  return router;
}

export interface MetricsServer {
  readonly port: number;
  /** e.g. http://127.0.0.1:8091/metrics */
  readonly url: string;
  stop(): Promise<void>;
}

/** The management server of ingest and query-api: `/metrics` and nothing else. */
export async function startMetricsServer(metrics: Metrics, config: MetricsConfig, logger: Logger): Promise<MetricsServer | null> {
  if (config.port === null) return null;
  const server: Server = await listen(metricsApp(metrics, logger), config.port, config.host);
  const port = boundPort(server);
  return { port, url: `http://${reachableHost(config.host)}:${port}/metrics`, stop: () => closeServer(server) };
}

function metricsApp(metrics: Metrics, logger: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.use(metricsRoutes(metrics));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
