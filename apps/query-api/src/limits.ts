// Bounds of the query API, in one place (STYLE §3). Page sizes come from ledger-core
// (`pageLimitMax`, `pageLimitDefault`), so the API and its queries can never disagree.

/**
 * Days one statement, balance or search request may span, from and to inclusive. A leap year
 * covers any annual statement; longer ranges are asked for in pieces, so one request never
 * touches more than thirteen monthly partitions of flow.transaction.
 */
export const dateRangeDaysMax = 366;

/** Bytes of a catalog request body: an event or an account is a few hundred bytes. */
export const catalogBodyBytesMax = 16_384;

/**
 * Milliseconds one SQL statement may run on a pg connection before PostgreSQL cancels it (added
 * to the connection strings as `statement_timeout` unless they set one), so a slow query frees
 * its connection instead of holding the pool.
 */
export const statementTimeoutMsDefault = 15_000;
export const statementTimeoutMsMax = 600_000;

/** Accounts and events per catalog page, the same bounds as every other list. */
export { pageLimitDefault, pageLimitMax } from '@flow/ledger-core';
