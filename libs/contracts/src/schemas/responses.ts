// The bodies the query API and ingest answer with (besides problems, which document.ts builds from
// the code registry), and the catalog's request bodies. Each is published under its name in
// `components.schemas`; the query API types its answers with `Static<typeof …>` and its route
// suites check every JSON answer against the published schema (apps/query-api/src/testing.ts).
// Every object is closed (`additionalProperties: false`) and lists every field as required unless
// it is optional in the answer, so a field added, dropped or renamed in code fails a test.
import { Type, type TProperties } from '@sinclair/typebox';
import { branchNameLengthMax, descriptionLengthMax, holderNameLengthMax, producerLengthMax } from '../limits.ts';
import {
  account, accountStatus, amount, branch, branchStatus, calendarDate, debitCredit, described, eventCode, eventDescription, instant, mapOf,
  nextCursor, nullable, postingStatus, rejectionReason, schemaRef, sequence, textEnum, uuid,
} from './fields.ts';

/** A closed object: every property required unless wrapped in `Type.Optional`. */
const closed = <Properties extends TProperties>(properties: Properties) => Type.Object(properties, { additionalProperties: false });
const page = <Properties extends TProperties>(name: string, item: ReturnType<typeof closed<Properties>>) =>
  closed({ items: Type.Array(schemaRef(name, item)), nextCursor });
const asOfField = nullable(instant, { description: 'The `asOf` of the request; null for the ledger as it is.' });

const transactionFields = {
  id: uuid,
  status: postingStatus,
  reason: rejectionReason,
  branch, account,
  // Null only for an entry whose month was archived to the lake (see TransactionDetail's `archived`).
  amount: nullable(amount),
  debitCredit: nullable(debitCredit),
  eventCode: nullable(eventCode),
  description: nullable(Type.String({ maxLength: descriptionLengthMax })),
  details: nullable(Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true })),
  dateRef: calendarDate,
  traceKey: uuid,
  seq: nullable(sequence),
  processedAt: instant,
  producer: nullable(Type.String({
    maxLength: producerLengthMax,
    description: 'Who posted it: the ingest token\'s `client_id`, else its subject (stamped by ingest, never sent by clients).',
  })),
};

export const Transaction = closed(transactionFields);
export const TransactionDetail = closed({
  ...transactionFields,
  reverses: nullable(uuid, { description: 'The id of the posting this one reverses (estorno); null for a plain posting.' }),
  reversedAmount: described(amount, 'What its posted reversals add up to ("0.00" when none); what remains to reverse is amount − reversedAmount.'),
  reversals: Type.Array(uuid, { description: 'The ids of its posted reversals, in statement order.' }),
  archived: Type.Optional(Type.Object({ month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }), location: Type.String() }, {
    additionalProperties: false,
    description: 'Present only on a posted entry whose month `flow archive` moved to the lake: its outcome stays, its fields are there.',
  })),
});
export const TransactionPage = page('Transaction', Transaction);

export const StatementLine = closed({
  id: uuid, dateRef: calendarDate, seq: sequence, debitCredit,
  debit: nullable(amount), credit: nullable(amount), amount, eventCode,
  eventDescription: nullable(Type.String(), { description: 'The event\'s description in the catalog (the histórico); null if the code is not registered.' }),
  description: nullable(Type.String()), traceKey: uuid,
  reverses: nullable(uuid, { description: 'The id of the entry this one reverses (estorno); null unless a reversal.' }),
  balanceBefore: amount, balanceAfter: amount,
});
export const Statement = closed({
  branch, account, from: calendarDate, to: calendarDate, asOf: asOfField,
  openingBalance: described(amount, 'Balance at the end of the day before `from`.'),
  lines: Type.Array(schemaRef('StatementLine', StatementLine)),
  closingBalance: described(amount, 'Balance at the end of `to`.'),
  nextCursor,
});
export const DailyBalance = closed({
  dateRef: calendarDate, totalDebit: amount, totalCredit: amount, accumulatedDebit: amount, accumulatedCredit: amount,
  balance: described(amount, 'Balance at the end of the day: accumulatedCredit − accumulatedDebit.'),
  transactionCount: Type.Integer({ minimum: 1 }),
  revisedAt: nullable(instant, {
    description: 'When the day\'s figures last changed after the day had closed in the business time zone (a backdated entry on this '
      + 'day or an earlier one moved them), UTC; null when they never changed after the day closed. With `asOf`, as of that instant.',
  }),
});
export const DailyBalancePage = closed({
  branch, account, from: calendarDate, to: calendarDate, asOf: asOfField, items: Type.Array(schemaRef('DailyBalance', DailyBalance)), nextCursor,
});
export const BalanceAtDate = closed({
  branch, account, date: calendarDate, balance: amount, accumulatedDebit: amount, accumulatedCredit: amount,
  lastMovementDate: nullable(calendarDate), asOf: asOfField,
});
export const BranchDayReport = closed({
  branch, date: calendarDate,
  accountsWithMovement: Type.Integer({ minimum: 0 }), transactionCount: Type.Integer({ minimum: 0 }),
  totalDebit: amount, totalCredit: amount,
  closingBalance: described(amount, 'Sum of every account\'s balance at the end of the day.'),
});
export const DailyReportPage = closed({ date: calendarDate, items: Type.Array(schemaRef('BranchDayReport', BranchDayReport)), nextCursor });

const timestamps = { createdAt: instant, updatedAt: instant };
const holderName = nullable(Type.String({ maxLength: holderNameLengthMax }));
const branchName = Type.String({ minLength: 1, maxLength: branchNameLengthMax });
const eventFields = { code: eventCode, description: eventDescription, active: Type.Boolean(), allowDebit: Type.Boolean(), allowCredit: Type.Boolean() };

export const Event = closed({ ...eventFields, ...timestamps });
export const EventPage = page('Event', Event);
export const Branch = closed({ code: branch, name: branchName, status: branchStatus, ...timestamps });
export const BranchPage = page('Branch', Branch);
export const Account = closed({ branch, account, status: accountStatus, holderName, ...timestamps });
export const AccountPage = page('Account', Account);

/**
 * The catalog's request bodies. An update must change something: `minProperties` says so to
 * clients; the route's `requireAny` enforces it counting only the fields it knows.
 */
const changes = <Properties extends TProperties>(properties: Properties) =>
  Type.Partial(closed(properties), { additionalProperties: false, minProperties: 1 });

export const EventCreate = closed({
  code: eventCode, description: eventDescription, active: Type.Optional(Type.Boolean({ default: true })),
  allowDebit: Type.Boolean(), allowCredit: Type.Boolean(),
});
export const EventUpdate = changes({ description: eventDescription, active: Type.Boolean(), allowDebit: Type.Boolean(), allowCredit: Type.Boolean() });
export const BranchCreate = closed({ code: branch, name: branchName, status: Type.Optional(textEnum(['active', 'closed'], { default: 'active' })) });
export const BranchUpdate = changes({ name: branchName, status: branchStatus });
export const AccountCreate = closed({
  branch, account, status: Type.Optional(textEnum(['active', 'blocked', 'closed'], { default: 'active' })), holderName: Type.Optional(holderName),
});
export const AccountUpdate = changes({ status: accountStatus, holderName });

const reconciliationStatus = textEnum(['clean', 'differences', 'failed']);
export const QueueFigures = closed({ messages: Type.Integer({ minimum: 0 }), oldestAgeSeconds: nullable(Type.Number({ minimum: 0 })) });
export const WorkerHealth = closed({ status: textEnum(['ok', 'unavailable', 'unreachable']), checks: mapOf(Type.String()) });

export const OutcomeEvent = closed({
  id: uuid, status: postingStatus, reason: rejectionReason,
  branch, account, dateRef: calendarDate, traceKey: uuid,
  replay: Type.Boolean({ description: 'A repeat of a posting already decided.' }),
  amount: nullable(amount), debitCredit: nullable(debitCredit),
  decidedAt: described(instant, 'When its batch was written.'),
});
export const Operations = closed({
  observedAt: instant,
  outbox: closed({
    unsent: Type.Integer({ minimum: 0, description: 'Batches not yet published to the callback topic.' }),
    oldestUnsentAt: nullable(instant),
    lastBatchAt: nullable(instant),
  }),
  queues: nullable(mapOf(QueueFigures), {
    description: 'Per queue (`flow-transaction`, `flow-transaction-dlq`): the worker\'s gauges, read from its `/metrics` at `FLOW_WORKER_HEALTH_URL`; null when that is not set or does not answer.',
  }),
  lastReconciliation: nullable(closed({
    finishedAt: instant, status: reconciliationStatus, accountsChecked: Type.Integer({ minimum: 0 }), differences: Type.Integer({ minimum: 0 }),
  }), { description: 'The latest finished run `flow reconcile` recorded; null before the first.' }),
  worker: nullable(WorkerHealth, { description: 'The worker\'s readiness, asked at `FLOW_WORKER_HEALTH_URL`; null when that is not set.' }),
});

/** `/health/live` and `/health/ready` of the query API (the worker's checks are named, not enumerated). */
export const QueryHealthStatus = Type.Object({ status: Type.String(), checks: Type.Optional(mapOf(Type.String())) });

/** Ingest's answers that are not the posting contract: the 202 and its health routes. */
export const PostingAccepted = Type.Object({ id: uuid, traceKey: uuid });
export const PostingBatchAccepted = Type.Object({ transactions: Type.Array(schemaRef('PostingAccepted', PostingAccepted)) });
export const HealthStatus = Type.Object({ status: textEnum(['ok', 'unavailable']), checks: Type.Optional(mapOf(Type.String())) });

/** What the query API's document publishes in `components.schemas`, by name. */
export const queryApiSchemas = {
  Transaction, TransactionDetail, TransactionPage, StatementLine, Statement, DailyBalance, DailyBalancePage, BalanceAtDate, BranchDayReport,
  DailyReportPage, Event, EventPage, EventCreate, EventUpdate, Branch, BranchPage, BranchCreate, BranchUpdate, Account, AccountPage,
  AccountCreate, AccountUpdate, OutcomeEvent, Operations,
};
export const ingestSchemasOwned = { PostingAccepted, PostingBatchAccepted, HealthStatus };
