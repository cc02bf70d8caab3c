// What every Flow HTTP app shares: a request id on every request and response, an access log
// line per request, errors as RFC 9457 problem details (`application/problem+json`, built by
// the contracts' `problemOf` from a registry code), and a last-resort handler that logs internal
// errors with the request id and never shows a stack trace or SQL to the client.
import { randomUUID } from 'node:crypto';
import { apiErrorCodes, problemContentType, problemOf, type ApiErrorCode, type ProblemOccurrence } from '@flow/contracts';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { errorFields, type Logger } from './logger.ts';
import type { Metrics } from './metrics/registry.ts';

/** What a problem says beside its code and `details`: its `detail` text and its `errors[]`. */
export type ProblemExtras = Pick<ProblemOccurrence, 'detail' | 'errors' | 'errorsTotal'>;
import { requestTraceContext } from './tracing.ts';

/** An expected failure of a request: answered with its registry code and status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly details: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly extras: ProblemExtras;

  constructor(code: ApiErrorCode, details?: unknown, headers: Readonly<Record<string, string>> = {}, extras: ProblemExtras = {}) {
    super(apiErrorCodes[code].message);
    this.code = code;
    this.details = details;
    this.headers = headers;
    this.extras = extras;
  }
}

/**
 * The RFC 6750 §3 challenge of a 401 or 403: no error code when the request brought no token,
 * `invalid_token` for a token that failed its checks, `insufficient_scope` for a missing scope
 * or branch. Null for every other error.
 */
export function bearerChallenge(code: ApiErrorCode, details?: unknown): string | null {
  const fields = (details ?? {}) as { reason?: unknown; requiredScope?: unknown };
  if (code === 'unauthorized') {
    if (fields.reason === 'token_missing') return 'Bearer realm="flow"';
    return 'Bearer realm="flow", error="invalid_token", error_description="the token is invalid or expired"';
  }
  if (code === 'forbidden') {
    const scope = typeof fields.requiredScope === 'string' ? `, scope="${fields.requiredScope}"` : '';
    return `Bearer realm="flow", error="insufficient_scope"${scope}, error_description="the token lacks the scope"`;
  }
  if (code === 'branch_forbidden') {
    return 'Bearer realm="flow", error="insufficient_scope", error_description="the token\'s branches do not include this branch"';
  }
  return null;
}

/**
 * Answers `code` as `application/problem+json`, whatever the request's Accept: RFC 9457 §3 has
 * clients expect problem details on any error, and RFC 9110 lets an error answer disregard Accept.
 */
export function sendError(response: Response, code: ApiErrorCode, details?: unknown, extras: ProblemExtras = {}): void {
  const challenge = bearerChallenge(code, details);
  if (challenge !== null) response.setHeader('WWW-Authenticate', challenge);
  const requestId = response.locals.requestId as string | undefined;
  const problem = problemOf(code, { requestId, details, ...extras });
  response.status(problem.status).setHeader('Content-Type', `${problemContentType}; charset=utf-8`);
  response.json(problem);
}

/**
 * 406 `not_acceptable` when the request's Accept allows no `application/json` (a missing Accept,
 * `*\/*` and `application/*` allow it): the API never answers a success in another media type
 * than asked for. Errors are `application/problem+json` whatever the Accept, so an Accept of
 * `application/problem+json` alone (which no success can satisfy) is a 406 too, answered in it.
 */
export const requireJsonAccept: RequestHandler = (request, response, next) => {
  if (request.accepts('application/json') !== false) {
    next();
    return;
  }
  sendError(response, 'not_acceptable', { accept: request.header('accept')!.slice(0, 200) });
};

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Takes the caller's `x-request-id` when it is sane, else makes one; logs one line per request
 * and, given `metrics`, counts and times it by route pattern (`unmatched` when no route took it,
 * so a scan of random paths adds no series). Health probes are neither logged nor counted.
 */
export function requestContext(logger: Logger, metrics?: Metrics): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const given = request.header('x-request-id');
    const requestId = given !== undefined && requestIdPattern.test(given) ? given : randomUUID();
    response.locals.requestId = requestId;
    response.setHeader('x-request-id', requestId);
    // The request's W3C trace: its postings carry the id to the worker and back on their outcomes.
    const { traceId } = requestTraceContext(request.header('traceparent'));
    response.locals.traceId = traceId;
    const started = performance.now();
    response.on('finish', () => {
      if (request.path.startsWith('/health/')) return;
      const durationMs = performance.now() - started;
      logger.info('request_completed', {
        requestId,
        traceId,
        method: request.method,
        route: request.route?.path ?? request.path,
        status: response.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
      });
      if (metrics === undefined) return;
      const labels = { method: methodLabel(request.method), route: routeLabel(request) };
      metrics.increment('flow_http_requests_total', { ...labels, status: response.statusCode });
      metrics.observe('flow_http_request_duration_seconds', durationMs / 1_000, labels);
    });
    next();
  };
}

const methodsCounted = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A method outside the usual ones is `other`: a client cannot add series by inventing methods. */
function methodLabel(method: string): string {
  return methodsCounted.has(method) ? method : 'other';
}

/** The matched route's pattern (`/v1/transactions/:id`), never the path itself with its ids. */
function routeLabel(request: Request): string {
  const pattern = (request.route as { path?: unknown } | undefined)?.path;
  return typeof pattern === 'string' ? `${request.baseUrl}${pattern}` : 'unmatched';
}

/**
 * 415 `content_type_unsupported` for a body that is not JSON; a request without a body goes on
 * (its route then says what is missing).
 */
export const requireJsonContent: RequestHandler = (request, response, next) => {
  if (request.is('application/json') === false) {
    sendError(response, 'content_type_unsupported', { contentType: request.headers['content-type'] ?? null });
    return;
  }
  next();
};

export const notFound: RequestHandler = (_request, response) => sendError(response, 'not_found');

/**
 * Maps ApiErrors, body-parser's and the router's failures to their codes. Every failure Express
 * or body-parser marks as the client's (a 4xx `status`) gets a 4xx with a registered code, never
 * a 500; everything else is a 500 that names only the trace id.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
      sendError(response, error.code, error.details, error.extras);
      return;
    }
    const clientError = clientErrorOf(error);
    if (clientError !== null) {
      sendError(response, clientError.code, clientError.details, clientError.extras);
      return;
    }
    const requestId = response.locals.requestId as string | undefined;
    logger.error('request_failed', { requestId, ...errorFields(error) });
    sendError(response, 'internal_error', { traceId: requestId });
  };
}

/** The registered answer to a failure the client caused, or null when it is ours. */
function clientErrorOf(error: unknown): { code: ApiErrorCode; details?: unknown; extras?: ProblemExtras } | null {
  // The router decodes path parameters with decodeURIComponent: `%ff` or `%C0%AF` throw here.
  if (error instanceof URIError) return { code: 'path_invalid' };
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  switch (type) {
    case 'entity.too.large': return { code: 'request_too_large' };
    case 'entity.parse.failed': return { code: 'validation_failed', extras: bodyInvalid('the body is not valid JSON') };
    case 'charset.unsupported':
    case 'encoding.unsupported': return { code: 'content_encoding_unsupported' };
    case 'request.aborted':
    case 'request.size.invalid': return { code: 'request_malformed' };
    default: break;
  }
  if (typeof status !== 'number' || status < 400 || status > 499) return null;
  // body-parser marks a body that its Content-Encoding cannot decode (a "gzip" body that is not
  // gzip) with status 400 and the zlib error's code.
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Z_')) return { code: 'body_encoding_invalid' };
  return { code: 'request_malformed' };
}

/** The `errors[]` of a body that is not a JSON document of the expected shape: one entry, pointing at the whole body. */
export function bodyInvalid(message: string): ProblemExtras {
  return { detail: message, errors: [{ pointer: '', code: 'body_invalid', message }] };
}

/** Wraps an async route so its rejection reaches the error handler (Express 5 does this too). */
export function route(handler: (request: Request, response: Response) => Promise<void>): RequestHandler {
  return (request, response, next) => handler(request, response).catch(next);
}

/** Runs `handlers` in order as one middleware; an error or a sent answer stops the chain. */
export function chain(...handlers: RequestHandler[]): RequestHandler {
  return (request, response, next) => {
    const run = (index: number, error?: unknown): void => {
      if (error !== undefined || index === handlers.length) {
        next(error);
        return;
      }
      Promise.resolve(handlers[index]!(request, response, (failure?: unknown) => run(index + 1, failure))).catch(next);
    };
    run(0);
  };
}

/**
 * Security headers of every Flow HTTP app: no MIME sniffing, never framed, and — for the API —
 * nothing cached (`no-store`: ledger answers hold balances and are never shared by a cache)
 * and no active content. The OpenAPI pages (`/docs`) get a CSP under which Swagger UI runs
 * (its own scripts and styles, inline styles, data: images) but nothing from elsewhere.
 */
export const securityHeaders: RequestHandler = (request, response, next) => {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  if (request.path === '/docs' || request.path.startsWith('/docs/')) {
    response.setHeader('Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
  } else {
    response.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    response.setHeader('Cache-Control', 'no-store');
  }
  next();
};
