// Tells a database that is unreachable (pause the consumers, probe until it answers) from a
// batch that failed for a reason of its own (leave its messages to the redrive). Only the
// first kind may stop the worker: a poison message must reach the dead-letter queue, while an
// outage must not push good messages there.

/** Node socket errors of a lost or refused connection. */
const socketErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/**
 * SQLSTATEs of an unavailable server: class 08 (connection exception), 57P01–57P03 (admin or
 * crash shutdown, cannot connect now), 53300 (too many connections), 3D000 has no place here:
 * a missing database is a configuration bug and should fail loudly.
 */
const unavailableSqlStates = new Set(['57P01', '57P02', '57P03', '53300']);
/** opossum's codes: the breaker is open, or the call took longer than its timeout. */
const breakerCodes = new Set(['EOPENBREAKER', 'ETIMEDOUT']);

const lostConnectionMessages = [
  'Connection terminated',
  'connection terminated',
  'Client has encountered a connection error',
  'timeout exceeded when trying to connect',
  'PGlite is closed',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error ? String(error.code) : '';
  if (socketErrorCodes.has(code) || breakerCodes.has(code) || unavailableSqlStates.has(code) || code.startsWith('08')) return true;
  // By shape, not instanceof: socket errors come from another realm under jest's VM modules.
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  return lostConnectionMessages.some((text) => message.includes(text));
}
