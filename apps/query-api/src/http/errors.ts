// Turns the failures a read can meet into the registry's answers before service-kit's last-
// resort handler sees them: a cursor from elsewhere is the client's 400 `cursor_invalid`, and a
// database that cannot be reached is 503 `database_unavailable` (logged with the request id),
// so a replica failover looks like "retry later" to clients, never like a 500 with a stack.
import { CursorError } from '@flow/ledger-core';
import { ApiError, errorFields, type Logger } from '@flow/service-kit';
import type { ErrorRequestHandler } from 'express';

/** Socket-level codes Node and pg give when the server is not there or went away. */
const connectionErrorCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
]);

/**
 * SQLSTATEs that mean the server is unusable rather than the query wrong: class 08 (connection
 * exception), 57P01–57P03 (admin or crash shutdown, cannot connect now, as during a failover)
 * and 53300 (too many connections).
 */
const unavailableSqlStates = new Set(['57P01', '57P02', '57P03', '53300']);

/** What pg, pg-pool and PGlite say when a connection or the database itself is gone. */
const unavailableMessages = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Cannot use a pool after calling end/,
  /^Client has encountered a connection error/,
  /^PGlite is closed/,
];

/**
 * Read by shape, not `instanceof Error`: socket errors are made by Node's own realm, which is
 * not the realm of the app's code under a VM (jest), and a wrapped driver error may not be an Error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (connectionErrorCodes.has(code) || unavailableSqlStates.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return typeof message === 'string' && unavailableMessages.some((pattern) => pattern.test(message));
}

export function translateErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (error instanceof CursorError) {
      next(new ApiError('cursor_invalid', { reason: error.message }));
      return;
    }
    if (isDatabaseUnavailable(error)) {
      const requestId = response.locals.requestId as string | undefined;
      logger.error('request_failed', { requestId, status: 503, reason: 'database_unavailable', ...errorFields(error) });
      next(new ApiError('database_unavailable', { traceId: requestId }, { 'retry-after': '5' }));
      return;
    }
    next(error);
  };
}
