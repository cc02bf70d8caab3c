// Rate limiting per request, in each process: a fixed one-minute window per key — the token's
// subject once authenticated, the client address before — so one client cannot starve the
// others. A request counts once however many postings it holds. Over the limit: 429
// `rate_limited` with `Retry-After` and the IETF RateLimit-Policy / RateLimit headers
// (draft-ietf-httpapi-ratelimit-headers). In AWS, API Gateway's stage and usage-plan throttling
// comes first; this is the limit of every deployment, the embedded stack included.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Principal } from './auth.ts';
import type { ConfigReader } from './config.ts';
import { sendError } from './http.ts';
import type { Logger } from './logger.ts';

export interface RateLimitConfig {
  /** Requests per key per minute; 0 turns limiting off. */
  readonly requestsPerMinute: number;
}

/** Far above what one client of the embedded stack, its suites or `npm run bench:e2e` send. */
export const rateLimitPerMinuteDefault = 60_000;
export const rateLimitWindowSeconds = 60;
/** Keys remembered in one window; past this the window starts over early (memory stays bounded). */
export const rateLimitKeysMax = 100_000;

export function readRateLimitConfig(reader: ConfigReader): RateLimitConfig {
  return { requestsPerMinute: reader.integer('FLOW_RATE_LIMIT_PER_MINUTE', rateLimitPerMinuteDefault, { min: 0, max: 10_000_000 }) };
}

export interface RateLimiter {
  /** Counts one request of `key`; returns what is left in the window and when it resets. */
  take(key: string): { allowed: boolean; remaining: number; resetSeconds: number };
}

export function createRateLimiter(config: RateLimitConfig, now: () => number = Date.now): RateLimiter {
  const windowMs = rateLimitWindowSeconds * 1_000;
  let windowStart = 0;
  const counts = new Map<string, number>();
  return {
    take(key) {
      const time = now();
      if (time - windowStart >= windowMs || counts.size >= rateLimitKeysMax) {
        windowStart = time - (time % windowMs);
        counts.clear();
      }
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      const resetSeconds = Math.max(1, Math.ceil((windowStart + windowMs - time) / 1_000));
      return { allowed: count <= config.requestsPerMinute, remaining: Math.max(0, config.requestsPerMinute - count), resetSeconds };
    },
  };
}

/**
 * Middleware counting each request against `keyOf(request)`: by client address when mounted
 * before authentication (`byAddress`), by the token's subject after it (`bySubject`).
 */
export function rateLimit(
  config: RateLimitConfig, limiter: RateLimiter, keyOf: (request: Request, response: Response) => string, logger: Logger,
): RequestHandler {
  const policy = `"default";q=${config.requestsPerMinute};w=${rateLimitWindowSeconds}`;
  return (request: Request, response: Response, next: NextFunction) => {
    if (config.requestsPerMinute === 0) {
      next();
      return;
    }
    const key = keyOf(request, response);
    const { allowed, remaining, resetSeconds } = limiter.take(key);
    response.setHeader('RateLimit-Policy', policy);
    response.setHeader('RateLimit', `"default";r=${remaining};t=${resetSeconds}`);
    if (allowed) {
      next();
      return;
    }
    logger.warn('request_rate_limited', { requestId: response.locals.requestId, key, limit: config.requestsPerMinute });
    response.setHeader('Retry-After', String(resetSeconds));
    sendError(response, 'rate_limited', { limit: config.requestsPerMinute, windowSeconds: rateLimitWindowSeconds, retryAfterSeconds: resetSeconds });
  };
}

/** The client address (the socket's; behind a proxy, configure Express's `trust proxy`). */
export const byAddress = (request: Request): string => `address:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;

/** The authenticated token's subject (mount after the scope guard). */
export const bySubject = (_request: Request, response: Response): string =>
  `subject:${(response.locals.principal as Principal | undefined)?.subject ?? ''}`;
