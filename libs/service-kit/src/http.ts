// What every Flow HTTP app shares: a request id on every request and response, an access log
// line per request, errors as JSON `{ code, message, details? }` with codes from the contracts
// registry, and a last-resort handler that logs internal errors with the request id and never
// shows a stack trace or SQL to the client.
import { randomUUID } from 'node:crypto';
import { apiErrorCodes, type ApiErrorCode } from '@flow/contracts';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { errorFields, type Logger } from './logger.ts';

/** An expected failure of a request: answered with its registry code and status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly details: unknown;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ApiErrorCode, details?: unknown, headers: Readonly<Record<string, string>> = {}) {
    super(apiErrorCodes[code].message);
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export function sendError(response: Response, code: ApiErrorCode, details?: unknown): void {
  const definition = apiErrorCodes[code];
  const body: Record<string, unknown> = { code, message: definition.message };
  if (details !== undefined) body.details = details;
  response.status(definition.httpStatus).json(body);
}

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's `x-request-id` when it is sane, else makes one; logs one line per request. */
export function requestContext(logger: Logger): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const given = request.header('x-request-id');
    const requestId = given !== undefined && requestIdPattern.test(given) ? given : randomUUID();
    response.locals.requestId = requestId;
    response.setHeader('x-request-id', requestId);
    const started = performance.now();
    response.on('finish', () => {
      if (request.path.startsWith('/health/')) return;
      logger.info('request_completed', {
        requestId,
        method: request.method,
        route: request.route?.path ?? request.path,
        status: response.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    next();
  };
}

export const notFound: RequestHandler = (_request, response) => sendError(response, 'not_found');

/** Maps body-parser failures and ApiErrors to their codes; everything else is a 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
      sendError(response, error.code, error.details);
      return;
    }
    const bodyError = error as { type?: unknown; status?: unknown };
    if (bodyError.type === 'entity.too.large') {
      sendError(response, 'request_too_large');
      return;
    }
    if (bodyError.type === 'entity.parse.failed' || bodyError.type === 'charset.unsupported' || bodyError.type === 'encoding.unsupported') {
      sendError(response, 'validation_failed', { problem: 'the body is not valid JSON' });
      return;
    }
    const requestId = response.locals.requestId as string | undefined;
    logger.error('request_failed', { requestId, ...errorFields(error) });
    sendError(response, 'internal_error', { traceId: requestId });
  };
}

/** Wraps an async route so its rejection reaches the error handler (Express 5 does this too). */
export function route(handler: (request: Request, response: Response) => Promise<void>): RequestHandler {
  return (request, response, next) => handler(request, response).catch(next);
}
