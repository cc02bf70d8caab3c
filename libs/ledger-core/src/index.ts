// @flow/ledger-core: the ledger. Migrations, the batched posting engine and its rules, the read
// queries and the reconciliation, over a narrow database port with pg and PGlite adapters.
export { connectPostgres, type PostgresOptions } from './database/pg-adapter.ts';
export { openPglite, type PgliteOptions } from './database/pglite-adapter.ts';
export { servesPgliteSocket, startPgliteSocket, type PgliteSocket } from './database/pglite-socket.ts';
export type { Database, PoolConnections, Queryable, QueryResult, Transaction } from './database/port.ts';
export { databaseFailureKind, type DatabaseFailureKind } from './database/failure.ts';
export { assertSchemaCurrent, migrate, readMigrations, MigrationChecksumError, migrationsDirectory } from './migrations/migrator.ts';
export * from './limits.ts';
export { defaultLedgerRules, ledgerRules, type LedgerRules } from './rules/ledger-rules.ts';
export { addDays, businessDate, daysBetween } from './rules/business-date.ts';
export { createLedgerEngine, type BatchResult, type CommittedOutboxRow, type LedgerEngine, type LedgerEngineOptions } from './engine/apply-batch.ts';
export { stripeOfAccount } from './engine/stripes.ts';
export type { AccountStatus, BranchStatus, OutcomeStatus, PostingOutcome } from './engine/outcome.ts';
export { postingHash } from './engine/posting-hash.ts';
export { insertTransactionsSqlInto, transactionColumns } from './engine/sql/insert-transactions.ts';
export * from './catalog/events.ts';
export * from './catalog/accounts.ts';
export * from './catalog/branches.ts';
export { CursorError, decodeCursor, encodeCursor, pageOf, type CursorField, type Page } from './queries/cursor.ts';
export {
  findTransaction, searchStatuses, searchTransactions, type SearchStatus, type TransactionDetailView, type TransactionSearch, type TransactionView,
} from './queries/transactions.ts';
export { readStatement, streamStatement, type Statement, type StatementLine, type StatementRequest, type StatementStream, type StatementSummary } from './queries/statement.ts';
export { asOfBounds, type AsOf } from './queries/as-of.ts';
export { readBalanceAt, readDailyBalances, readDailyReport, type BalanceAtDate, type BranchDayReport, type DailyBalance } from './queries/balances.ts';
export { latestOutcomePosition, readOutcomeFeed, type OutcomeFeedItem, type OutcomeFeedPage, type OutcomeFeedRequest } from './queries/outcomes.ts';
export { archivedMonthsIn, type ArchivedMonth } from './queries/archived-months.ts';
export { reconcileAccounts, reconcileBalances, type AccountKey, type BalanceDifference, type ReconciliationScope } from './queries/reconciliation.ts';
export {
  latestReconciliationRun, reconciliationPageSizeDefault, runReconciliation,
  type ReconciliationRun, type ReconciliationRunOptions, type ReconciliationStatus,
} from './queries/reconciliation-run.ts';
export { readReplicaLagSeconds } from './queries/replica-lag.ts';
export { findUnsentOutbox, type FindUnsentOptions, type OutboxRow } from './outbox/find-unsent-outbox.ts';
export { markOutboxSent } from './outbox/mark-outbox-sent.ts';
export { countUnsentOutbox } from './outbox/count-unsent-outbox.ts';
export { readOutboxStatus, type OutboxStatus } from './outbox/outbox-status.ts';
export { sweepOutbox, type SweepResult } from './outbox/sweep-outbox.ts';
