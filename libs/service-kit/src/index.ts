// @flow/service-kit: what every Flow service shares and nothing domain-specific: frozen config
// parsing, JSON logs with message codes, Datadog tracing, bearer-JWT auth, HTTP errors, health
// routes, OpenAPI serving, AWS SNS/SQS clients, circuit breakers and process lifecycle.
// (`startTracing` is also imported on its own, `@flow/service-kit/tracing`, before anything else.)
export {
  allBranches,
  AuthenticationError,
  branchAccessOf,
  branchesClaimDefault,
  mayAccessBranch,
  type BranchAccess,
  AuthUnavailableError,
  authRetryAfterSeconds,
  createAuthenticator,
  embeddedAudience,
  embeddedIssuer,
  embeddedSecretBytesMin,
  readAuthConfig,
  requireScope,
  scopes,
  signEmbeddedToken,
  type AuthConfig,
  type Authenticator,
  type Principal,
  type Scope,
} from './auth.ts';
export { awsAttemptsMax, awsClientConfig, createSnsClient, createSqsClient, readAwsConfig, type AwsConfig } from './aws.ts';
export { createBreaker, type Breaker, type BreakerOptions } from './breaker.ts';
export { ConfigError, configReader, type ConfigReader, type Environment, type IntegerBounds } from './config.ts';
export { databasePoolSizeMax, readDatabaseConfig, type DatabaseConfig, type DatabaseConfigOptions } from './database-config.ts';
export {
  databaseSecretCredentials, databaseSecretSlots, poolPasswords, secretPassword, type DatabaseSecretSlot, type PoolPassword, type SecretReader,
} from './database-secrets.ts';
export { healthRoutes, readinessCheckTimeoutMs, type ReadinessCheck } from './health.ts';
export {
  ApiError, bearerChallenge, bodyInvalid, chain, errorHandler, notFound, requestContext, requireJsonAccept, requireJsonContent, route, securityHeaders,
  sendError, type ProblemExtras,
} from './http.ts';
export {
  byAddress,
  bySubject,
  createRateLimiter,
  rateLimit,
  rateLimitPerMinuteDefault,
  readRateLimitConfig,
  type RateLimitConfig,
  type RateLimiter,
} from './rate-limit.ts';
export { createLogger, errorFields, logLevels, logTraceKeysMax, traceIdFields, traceKeyFields, type LogFields, type Logger, type LoggerOptions, type LogLevel } from './logger.ts';
export {
  metricCatalogue, metricNamesOf,
  type CounterName, type FlowService, type GaugeName, type HistogramName, type MetricDefinition, type MetricLabels, type MetricName,
} from './metrics/catalogue.ts';
export { metricsRoutes, readMetricsConfig, startMetricsServer, type MetricsConfig, type MetricsServer } from './metrics/endpoint.ts';
export { createMetrics, poolSampler, type Metrics, type MetricsOptions, type PoolReadable, type Sampler } from './metrics/registry.ts';
export { watchBreaker } from './metrics/breaker-gauge.ts';
export { openApiRoutes } from './openapi-routes.ts';
export {
  boundPort,
  closeServer,
  httpServerLimitsDefault,
  isLoopback,
  listen,
  onStopSignal,
  reachableHost,
  readHttpServerLimits,
  runFromEnvironment,
  type HttpServerLimits,
  type ProcessEntry,
} from './server.ts';
export { ensureBrokerTopology, queueUrlOf, type BrokerTopology, type BrokerTopologyOptions } from './broker-topology.ts';
export {
  formatTraceparent, newSpanId, parseTraceparent, requestTraceContext, spanLinksMax, withLinkedSpan, type TraceContext,
} from './tracing.ts';
