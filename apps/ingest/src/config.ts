// Ingest's configuration: the `FLOW_*` environment turned once into a typed, frozen object
// (docs/style.md §11). Every publish bound has a default a production task can run with and a range
// that rejects values which would make the service wait too long or not batch at all.
import {
  configReader,
  logLevels,
  readAuthConfig,
  readHttpServerLimits,
  readRateLimitConfig,
  type HttpServerLimits,
  type RateLimitConfig,
  readAwsConfig,
  readMetricsConfig,
  type MetricsConfig,
  type AuthConfig,
  type AwsConfig,
  type Environment,
  type LogLevel,
} from '@flow/service-kit';

export const ingestService = 'flow-ingest';

export const portDefault = 8081;
/**
 * How long the batcher waits for more postings before it publishes a message. A few
 * milliseconds lets concurrent requests share a message (fewer SNS calls, lower cost) while
 * adding little to a request's latency; a full message is sent at once without waiting.
 */
export const publishLingerMsDefault = 5;
export const publishLingerMsMax = 100;
/** Milliseconds one SNS publish may take before it counts as failed (the request gets 503). */
export const publishTimeoutMsDefault = 3_000;
export const publishTimeoutMsMin = 50;
export const publishTimeoutMsMax = 30_000;
/** Milliseconds the breaker stays open before one probe publish; also the 503's Retry-After. */
export const breakerResetMsDefault = 10_000;
export const breakerResetMsMin = 1_000;
export const breakerResetMsMax = 300_000;
/** SNS publishes under way at once; more messages wait their turn in the batcher. */
export const publishesInFlightDefault = 16;
export const publishesInFlightMax = 256;

/**
 * Milliseconds a stopping ingest keeps serving while readiness answers 503, so the load balancer
 * sees the failed health check and deregisters the task before its listener closes. 0 (tests,
 * the embedded stack) closes at once; production sets the ALB health-check interval. Bounded so
 * the drain, the flush and a publish timeout stay inside ECS's stop timeout.
 */
export const shutdownDrainMsDefault = 0;
export const shutdownDrainMsMax = 60_000;

export interface PublishConfig {
  readonly lingerMs: number;
  readonly timeoutMs: number;
  readonly breakerResetMs: number;
  readonly inFlightMax: number;
}

export interface IngestConfig {
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly auth: AuthConfig;
  readonly aws: AwsConfig;
  readonly requestTopicArn: string;
  readonly publish: PublishConfig;
  readonly shutdownDrainMs: number;
  readonly http: HttpServerLimits;
  readonly rateLimit: RateLimitConfig;
  /** `/metrics` on `FLOW_METRICS_PORT` (none when unset), DogStatsD when enabled. */
  readonly metrics: MetricsConfig;
  /**
   * `FLOW_QUERY_API_PUBLIC_URL`: where clients reach the query API. The 202 of a single posting
   * names its status resource there (`Location`); empty, the reference is relative
   * (`/v1/transactions/{id}`), right where one gateway serves both APIs.
   */
  readonly queryApiPublicUrl: string;
}

/** Reads the environment; throws a ConfigError naming every bad or missing variable. */
export function readIngestConfig(environment: Environment): Readonly<IngestConfig> {
  const reader = configReader(environment);
  const config: IngestConfig = {
    host: reader.text('FLOW_HOST', '0.0.0.0'),
    // 0 picks a free port (tests, the embedded stack when it wants one).
    port: reader.integer('FLOW_PORT', portDefault, { min: 0, max: 65_535 }),
    logLevel: reader.oneOf('FLOW_LOG_LEVEL', logLevels, 'info'),
    auth: readAuthConfig(reader),
    aws: readAwsConfig(reader),
    requestTopicArn: reader.optionalText('FLOW_REQUEST_TOPIC_ARN', true) ?? '',
    http: readHttpServerLimits(reader),
    rateLimit: readRateLimitConfig(reader),
    metrics: readMetricsConfig(reader),
    publish: {
      lingerMs: reader.integer('FLOW_PUBLISH_LINGER_MS', publishLingerMsDefault, { min: 0, max: publishLingerMsMax }),
      timeoutMs: reader.integer('FLOW_PUBLISH_TIMEOUT_MS', publishTimeoutMsDefault, {
        min: publishTimeoutMsMin,
        max: publishTimeoutMsMax,
      }),
      breakerResetMs: reader.integer('FLOW_PUBLISH_BREAKER_RESET_MS', breakerResetMsDefault, {
        min: breakerResetMsMin,
        max: breakerResetMsMax,
      }),
      inFlightMax: reader.integer('FLOW_PUBLISH_IN_FLIGHT_MAX', publishesInFlightDefault, {
        min: 1,
        max: publishesInFlightMax,
      }),
    },
    shutdownDrainMs: reader.integer('FLOW_SHUTDOWN_DRAIN_MS', shutdownDrainMsDefault, { min: 0, max: shutdownDrainMsMax }),
    queryApiPublicUrl: (reader.url('FLOW_QUERY_API_PUBLIC_URL') ?? '').replace(/\/+$/, ''),
  };
  return reader.finish(ingestService, config);
}
