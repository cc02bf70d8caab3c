// Listening and stopping. `listen` resolves once the port is bound (port 0 picks a free one,
// for tests); `closeServer` stops accepting, lets requests in flight finish and closes idle
// keep-alive sockets; `onStopSignal` runs a shutdown once on SIGTERM or SIGINT.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { ConfigError, type ConfigReader, type Environment } from './config.ts';
import { databaseSecretCredentials } from './database-secrets.ts';
import { createLogger, errorFields, type Logger, type LogLevel } from './logger.ts';

/** What one HTTP server allows a client: slow or idle sockets are closed, connections capped. */
export interface HttpServerLimits {
  /** A client must send its whole request head within this (slowloris). */
  readonly headersTimeoutMs: number;
  /** A client must send its whole request, body included, within this. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive socket is closed after this. */
  readonly keepAliveTimeoutMs: number;
  /** Sockets open at once; more are refused at accept. */
  readonly connectionsMax: number;
}

export const httpServerLimitsDefault: HttpServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  connectionsMax: 1_024,
};

/** `FLOW_HTTP_HEADERS_TIMEOUT_MS`, `FLOW_HTTP_REQUEST_TIMEOUT_MS`, `FLOW_HTTP_KEEP_ALIVE_TIMEOUT_MS`, `FLOW_HTTP_CONNECTIONS_MAX`. */
export function readHttpServerLimits(reader: ConfigReader): HttpServerLimits {
  const defaults = httpServerLimitsDefault;
  const limits = {
    headersTimeoutMs: reader.integer('FLOW_HTTP_HEADERS_TIMEOUT_MS', defaults.headersTimeoutMs, { min: 1_000, max: 120_000 }),
    requestTimeoutMs: reader.integer('FLOW_HTTP_REQUEST_TIMEOUT_MS', defaults.requestTimeoutMs, { min: 1_000, max: 600_000 }),
    keepAliveTimeoutMs: reader.integer('FLOW_HTTP_KEEP_ALIVE_TIMEOUT_MS', defaults.keepAliveTimeoutMs, { min: 1_000, max: 600_000 }),
    connectionsMax: reader.integer('FLOW_HTTP_CONNECTIONS_MAX', defaults.connectionsMax, { min: 1, max: 65_535 }),
  };
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    reader.problem('FLOW_HTTP_HEADERS_TIMEOUT_MS must not exceed FLOW_HTTP_REQUEST_TIMEOUT_MS');
  }
  return limits;
}

export async function listen(app: Express, port: number, host: string, limits: HttpServerLimits = httpServerLimitsDefault): Promise<Server> {
  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node enforces the two timeouts on this interval (30 s by default, longer than they are).
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  }, app);
  server.maxConnections = limits.connectionsMax;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/**
 * True for this machine's own addresses: `localhost`, 127.0.0.0/8 and ::1, also as an IPv4-mapped
 * IPv6 address or a URL's bracketed host (`[::1]`); false for none.
 */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const host = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  return host === 'localhost' || host === '::1' || host.startsWith('127.') || host.startsWith('::ffff:127.');
}

/** A host a client can dial for a listening address: the wildcard addresses via loopback. */
export function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Milliseconds between sweeps of keep-alive sockets that went idle while the server closes. */
export const closeIdleSweepMs = 50;

export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  // close() ends only the sockets idle right now; a socket busy with a request goes idle after
  // its response and would hold the close until the client's keep-alive ends (undici 4 s, an
  // ALB 60 s: past ECS's stop timeout). So keep closing the ones that went idle.
  const sweep = setInterval(() => server.closeIdleConnections(), closeIdleSweepMs);
  server.closeIdleConnections();
  try {
    await closed;
  } finally {
    clearInterval(sweep);
  }
}

/** Runs `shutdown` once on the first SIGTERM or SIGINT, then exits with its status. */
export function onStopSignal(shutdown: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info('service_stopping', { signal });
    shutdown().then(
      () => {
        logger.info('service_stopped', { signal });
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('service_stopped', { signal, error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

export interface ProcessEntry<Config extends { readonly logLevel: LogLevel }, Running extends { stop(): Promise<void> }> {
  readonly service: string;
  readonly environment: Environment;
  readonly readConfig: (environment: Environment) => Readonly<Config>;
  /**
   * Starts the service. `exitAfterStop(reason)` is for failures a restart cures (rotated
   * database credentials): it stops the service gracefully, then exits 1 so the orchestrator
   * starts a fresh task.
   */
  readonly start: (config: Readonly<Config>, logger: Logger, exitAfterStop: (reason: string) => void) => Promise<Running>;
}

/**
 * A service process's whole life (each app's main.ts): parse the config, with the database
 * credentials of any secret it names (database-secrets.ts) — on a ConfigError, or a secret that
 * cannot be read, print the problem to stderr and exit 1 before anything starts — then start (a
 * failed start is logged and exits 1), and stop cleanly on SIGTERM or SIGINT.
 */
export async function runFromEnvironment<Config extends { readonly logLevel: LogLevel }, Running extends { stop(): Promise<void> }>(
  entry: ProcessEntry<Config, Running>,
): Promise<Running> {
  let config: Readonly<Config>;
  try {
    config = entry.readConfig({ ...entry.environment, ...(await databaseSecretCredentials(entry.environment)) });
  } catch (error) {
    // A bad setting, or a database secret that could not be read: both stop the start, plainly.
    const message = error instanceof ConfigError ? error.message : `${entry.service}: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ service: entry.service, level: config.logLevel });
  let running: Running | undefined;
  let exiting = false;
  const exitAfterStop = (reason: string) => {
    if (exiting) return;
    exiting = true;
    logger.error('service_stopping', { reason, exitCode: 1 });
    void (running?.stop() ?? Promise.resolve()).finally(() => {
      logger.info('service_stopped', { reason, exitCode: 1 });
      process.exit(1);
    });
  };
  try {
    running = await entry.start(config, logger, exitAfterStop);
  } catch (error) {
    logger.error('service_start_failed', errorFields(error));
    process.exit(1);
  }
  const started = running;
  onStopSignal(() => started.stop(), logger);
  return started;
}
