// The client's names for the API's shapes, all taken from the types generated from the OpenAPI
// documents (src/generated, checked against the documents by types.test.ts), plus the callback
// envelope types of the contracts, so a producer and a reader type nothing by hand.
import type { components as IngestComponents, operations as IngestOperations } from './generated/ingest.ts';
import type { components as QueryComponents, operations as QueryOperations } from './generated/query-api.ts';

type IngestSchemas = IngestComponents['schemas'];
type QuerySchemas = QueryComponents['schemas'];

/** Every error answer: an RFC 9457 problem with Flow's `code`, `message` and `errors[]`. */
export type Problem = QuerySchemas['Problem'];
export type ProblemError = QuerySchemas['ProblemError'];
export type ApiErrorCode = Problem['code'];
/** The 503 of ingest: `details` names the ids assigned to the request; retry with exactly them. */
export type BrokerUnavailableProblem = IngestSchemas['BrokerUnavailableProblem'];

export type PostingRequest = IngestSchemas['PostingRequest'];
export type PostingBatchRequest = IngestSchemas['PostingBatchRequest'];
export type PostingAccepted = IngestSchemas['PostingAccepted'];
export type PostingBatchAccepted = IngestSchemas['PostingBatchAccepted'];
export type HealthStatus = IngestSchemas['HealthStatus'];

export type Transaction = QuerySchemas['Transaction'];
export type TransactionPage = QuerySchemas['TransactionPage'];
export type Statement = QuerySchemas['Statement'];
export type StatementLine = QuerySchemas['StatementLine'];
export type DailyBalance = QuerySchemas['DailyBalance'];
export type DailyBalancePage = QuerySchemas['DailyBalancePage'];
export type BalanceAtDate = QuerySchemas['BalanceAtDate'];
export type BranchDayReport = QuerySchemas['BranchDayReport'];
export type DailyReportPage = QuerySchemas['DailyReportPage'];
export type Event = QuerySchemas['Event'];
export type EventPage = QuerySchemas['EventPage'];
export type EventCreate = QuerySchemas['EventCreate'];
export type EventUpdate = QuerySchemas['EventUpdate'];
export type Account = QuerySchemas['Account'];
export type AccountPage = QuerySchemas['AccountPage'];
export type AccountCreate = QuerySchemas['AccountCreate'];
export type AccountUpdate = QuerySchemas['AccountUpdate'];
export type OutcomeEvent = QuerySchemas['OutcomeEvent'];
export type Branch = QuerySchemas['Branch'];
export type BranchPage = QuerySchemas['BranchPage'];
export type BranchCreate = QuerySchemas['BranchCreate'];
export type BranchUpdate = QuerySchemas['BranchUpdate'];
export type TransactionDetail = QuerySchemas['TransactionDetail'];
export type Operations = QuerySchemas['Operations'];

/** The query string an operation of the query API takes. */
export type QueryOf<Operation extends keyof QueryOperations> = NonNullable<QueryOperations[Operation]['parameters']['query']>;
export type IngestOperationId = keyof IngestOperations;
export type QueryOperationId = keyof QueryOperations;

export type TransactionSearch = QueryOf<'searchTransactions'>;
export type StatementQuery = QueryOf<'getStatement'>;
export type DailyBalancesQuery = QueryOf<'listDailyBalances'>;
export type DailyReportQuery = QueryOf<'getDailyReport'>;
export type EventListQuery = QueryOf<'listEvents'>;
export type AccountListQuery = QueryOf<'listAccounts'>;
export type BranchListQuery = QueryOf<'listBranches'>;

// What the ledger decided, as the callback topic carries it (libs/contracts/src/messages.ts).
export type {
  CallbackAttributes,
  CallbackMessage,
  OutcomeMessage,
  PostingOutcomeMessage,
} from '@flow/contracts';
