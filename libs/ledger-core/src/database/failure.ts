// One classification of database failures for every service: which errors mean "the database is
// not usable right now" (pause, answer 503, retry later) rather than "this query or batch is
// wrong" (a bug, a poison message). Pure and read by shape, never `instanceof`: socket errors
// come from Node's own realm (not the app's under jest's VM modules), and a wrapped driver error
// may not be an Error at all.

export type DatabaseFailureKind = 'unavailable' | 'credentials_rejected' | 'timeout';

/** Node socket errors of a refused, lost or unresolvable connection. */
const socketErrorCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
]);

/**
 * opossum's timeout (node_modules/opossum/lib/circuit.js `buildError`) borrows the socket code
 * ETIMEDOUT with the message "Timed out after N ms". It means the caller stopped waiting, not that
 * the database is gone: a slow batch, not an outage. It is not a database failure, so it is left
 * to the caller that set the deadline (the worker calls it `batch_timeout`).
 */
const breakerTimeoutMessage = /^Timed out after \d+ms$/;

/**
 * SQLSTATEs of a server that cannot serve now (class 08, connection exception, is matched by
 * prefix): 57P01–57P03 admin or crash shutdown and "cannot connect now" (a failover or a
 * restart), 53300 too many connections, and 25006 read-only transaction: during an RDS/Aurora
 * failover the old writer answers as a read-only replica until DNS moves. 3D000 (no such
 * database) is deliberately absent: that is configuration and must fail loudly.
 */
const unavailableSqlStates = new Set(['57P01', '57P02', '57P03', '53300', '25006']);

/**
 * 28P01 invalid password, 28000 invalid authorization: after a secret rotation the process
 * still holds the old password. Retrying cannot help; a fresh read of the secret does.
 */
const credentialsRejectedSqlStates = new Set(['28P01', '28000']);

/** 57014 query canceled: statement_timeout (or a cancel) stopped the statement. */
const timeoutSqlStates = new Set(['57014']);

/** What pg, pg-pool and PGlite say when a connection or the database itself is gone. */
const unavailableMessages = [
  /^Connection terminated/i,
  /^timeout exceeded when trying to connect/,
  /^Cannot use a pool after calling end/,
  /^Client has encountered a connection error/,
  /^PGlite is closed/,
];

export function databaseFailureKind(error: unknown): DatabaseFailureKind | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (code === 'ETIMEDOUT' && typeof message === 'string' && breakerTimeoutMessage.test(message)) return null;
    if (credentialsRejectedSqlStates.has(code)) return 'credentials_rejected';
    if (timeoutSqlStates.has(code)) return 'timeout';
    if (socketErrorCodes.has(code) || unavailableSqlStates.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return 'unavailable';
  }
  if (typeof message === 'string' && unavailableMessages.some((pattern) => pattern.test(message))) return 'unavailable';
  return null;
}
