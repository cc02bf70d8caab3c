// Circuit breakers (opossum) around the two dependencies a service can lose: the broker (ingest's
// publish, the worker's callback relay) and the database (the worker's batches). An open breaker
// fails fast, so ingest answers 503 at once and the worker stops receiving, instead of piling up
// requests against a dead dependency. State changes are logged with their codes.
import CircuitBreaker from 'opossum';
import type { Logger } from './logger.ts';

export interface BreakerOptions {
  readonly name: string;
  /** Milliseconds a call may take before it counts as a failure. */
  readonly timeoutMs: number;
  /** Milliseconds the breaker stays open before letting a probe call through. */
  readonly resetTimeoutMs: number;
  /** Failure percentage over the rolling window that opens the breaker. */
  readonly errorThresholdPercentage?: number;
  /** Calls in the rolling window before the percentage counts. */
  readonly volumeThreshold?: number;
  /** Returns true for errors that say nothing about the dependency's health. */
  readonly isHealthyError?: (error: unknown) => boolean;
}

export type Breaker<Arguments extends unknown[], Result> = CircuitBreaker<Arguments, Result>;

export function createBreaker<Arguments extends unknown[], Result>(
  action: (...args: Arguments) => Promise<Result>,
  options: BreakerOptions,
  logger: Logger,
): Breaker<Arguments, Result> {
  const breaker = new CircuitBreaker(action, {
    name: options.name,
    timeout: options.timeoutMs,
    resetTimeout: options.resetTimeoutMs,
    errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
    volumeThreshold: options.volumeThreshold ?? 3,
    rollingCountTimeout: 10_000,
    errorFilter: options.isHealthyError,
  });
  breaker.on('open', () => logger.warn('breaker_opened', { breaker: options.name, resetTimeoutMs: options.resetTimeoutMs }));
  breaker.on('halfOpen', () => logger.info('breaker_half_open', { breaker: options.name }));
  breaker.on('close', () => logger.info('breaker_closed', { breaker: options.name }));
  return breaker;
}
