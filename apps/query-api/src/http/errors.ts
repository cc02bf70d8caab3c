// Turns the failures a read can meet into the registry's answers before service-kit's last-
// resort handler sees them: a cursor from elsewhere is the client's 400 `cursor_invalid`, and a
// database that cannot serve the read is 503 `database_unavailable` with Retry-After (logged
// with the request id), so a replica failover, a rotated secret or a statement timeout looks
// like "retry later" to clients, never like a 500 with a stack. Which errors those are is
// ledger-core's `databaseFailureKind`, shared with the worker.
import { CursorError, databaseFailureKind, type DatabaseFailureKind } from '@flow/ledger-core';
import { ApiError, errorFields, type Logger } from '@flow/service-kit';
import type { ErrorRequestHandler } from 'express';

/** Seconds a client is told to wait before retrying a read the database could not serve. */
export const databaseRetryAfterSeconds = 5;

/** The `reason` of the 503's log line, so an operator tells an outage from a slow query. */
const failureReasons: Readonly<Record<DatabaseFailureKind, string>> = {
  unavailable: 'database_unavailable',
  credentials_rejected: 'database_credentials_rejected',
  timeout: 'statement timeout',
};

export function translateErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (error instanceof CursorError) {
      next(new ApiError('cursor_invalid', { reason: error.message }));
      return;
    }
    const kind = databaseFailureKind(error);
    if (kind !== null) {
      const requestId = response.locals.requestId as string | undefined;
      logger.error('request_failed', { requestId, status: 503, reason: failureReasons[kind], failure: kind, ...errorFields(error) });
      next(new ApiError('database_unavailable', { traceId: requestId }, { 'retry-after': String(databaseRetryAfterSeconds) }));
      return;
    }
    next(error);
  };
}
