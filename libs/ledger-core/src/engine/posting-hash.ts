// The fingerprint of a posting's business fields, to tell a retry (same id, same fields) from a
// conflicting reuse of an id (same id, other fields). `traceKey` is left out on purpose: it is
// correlation, not content, and ingest assigns a new one when a client retries without it.
// `reverses` is content (a reversal of another original is another posting); it is appended only
// when present, so the hashes of plain postings recorded before reversals existed still match.
import { hash } from 'node:crypto';
import type { Posting } from '@flow/contracts';

export function postingHash(posting: Posting): string {
  const fields = [
    posting.branch, posting.account, posting.amount, posting.debitCredit, posting.eventCode,
    posting.description, posting.details === null ? null : canonicalJson(posting.details), posting.dateRef,
    ...(posting.reverses === undefined || posting.reverses === null ? [] : [posting.reverses]),
  ];
  return hash('sha256', JSON.stringify(fields), 'hex').slice(0, 32);
}

/** JSON with object keys sorted at every depth, so key order never changes the hash. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort().map(
      (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
