// OpenAPI paths and schemas of apps/query-api: ledger reads (scope flow:read) and the catalog
// admin (scope flow:admin). Every bound comes from the contracts' limits, which the query API
// and ledger-core enforce.
import {
  dateRangeDaysMax,
  descriptionLengthMax,
  eventCodeMax,
  eventCodeMin,
  branchNameLengthMax,
  holderNameLengthMax,
  pageLimitDefault,
  pageLimitMax,
  producerLengthMax,
} from '../limits.ts';
import { accountPatternSource, branchPatternSource } from '../patterns.ts';
import { errorResponses, nextPageLinkHeader } from './document.ts';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema => ({ oneOf: [schema, { type: 'null' }] });

const amount: Schema = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$', description: 'Decimal string with two decimals, e.g. "12.00".', examples: ['12.00'] };
const calendarDate: Schema = { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-11-24'] };
const uuid: Schema = { type: 'string', format: 'uuid' };
const branch: Schema = { type: 'string', pattern: branchPatternSource, examples: ['0001'] };
const account: Schema = { type: 'string', pattern: accountPatternSource, examples: ['100001'] };
const eventCode: Schema = { type: 'integer', minimum: eventCodeMin, maximum: eventCodeMax, examples: [494] };
const sequence: Schema = { type: 'string', pattern: '^\\d+$', description: 'Insertion order; statements are ordered by (dateRef, seq).' };
const accountStatus: Schema = { type: 'string', enum: ['active', 'blocked', 'closed'] };
const nextCursor: Schema = nullable({ type: 'string', description: 'Pass as `cursor` for the next page; null on the last page.' });

function parameter(name: string, location: 'query' | 'path', schema: Schema, description: string, required = location === 'path'): Schema {
  return { name, in: location, required, description, schema };
}

const limitParameter = parameter('limit', 'query',
  { type: 'integer', minimum: 1, maximum: pageLimitMax, default: pageLimitDefault }, 'Items per page.');
const cursorParameter = parameter('cursor', 'query', { type: 'string' }, 'The `nextCursor` of the previous page (opaque).');
const rangeNote = `from ≤ to, spanning at most ${dateRangeDaysMax} days.`;
const fromParameter = (required: boolean) => parameter('from', 'query', calendarDate, `First business date, inclusive; ${rangeNote}`, required);
const toParameter = (required: boolean) => parameter('to', 'query', calendarDate, `Last business date, inclusive; ${rangeNote}`, required);
const branchPath = parameter('branch', 'path', branch, 'Branch (agência).');
const accountPath = parameter('account', 'path', account, 'Account (conta).');
const eventCodePath = parameter('code', 'path', eventCode, 'Event code (código de histórico).');

const json = (schema: Schema) => ({ 'application/json': { schema } });
const answer = (description: string, schema: Schema) => ({ description, content: json(schema) });
/** A 200 that may have a next page: its body's `nextCursor`, and the `Link` header beside it. */
const pageAnswer = (description: string, schema: Schema) => ({ ...answer(description, schema), headers: { Link: nextPageLinkHeader } });

const adminErrors = (...codes: Parameters<typeof errorResponses>) => errorResponses(
  'query_invalid', 'path_invalid', 'request_malformed', 'not_acceptable', 'rate_limited', 'unauthorized', 'forbidden', 'database_unavailable', 'internal_error',
  ...codes);
/** Ledger reads also answer 403 `branch_forbidden` for a branch outside the token's. */
const readErrors = (...codes: Parameters<typeof errorResponses>) => errorResponses(
  'query_invalid', 'path_invalid', 'request_malformed', 'not_acceptable', 'rate_limited', 'unauthorized', 'forbidden', 'branch_forbidden',
  'database_unavailable', 'internal_error', ...codes);

const branchNote = [
  'The token\'s `flow_branches` claim (an array of branch codes, or `["*"]`) bounds what it sees:',
  'a path or `branch` filter outside it is 403 `branch_forbidden`, lists hold only its branches,',
  'a transaction of another branch is 404. A token without the claim sees no ledger data.',
].join(' ');

function operation(summary: string, scope: 'flow:read' | 'flow:admin', fields: Schema): Schema {
  const description = scope === 'flow:read' ? `Requires scope \`${scope}\`. ${branchNote}` : `Requires scope \`${scope}\`.`;
  return { summary, tags: [scope === 'flow:read' ? 'ledger' : 'catalog'], description, ...fields };
}

function transactionPaths(): Schema {
  return {
    '/v1/transactions': {
      get: operation('Search posted transactions, in statement order (dateRef, seq).', 'flow:read', {
        parameters: [
          parameter('branch', 'query', branch, 'Only this branch.'),
          parameter('account', 'query', account, 'Only this account.'),
          fromParameter(false),
          toParameter(false),
          parameter('traceKey', 'query', uuid, 'Only entries with this trace key.'),
          parameter('eventCode', 'query', eventCode, 'Only entries with this event code.'),
          parameter('producer', 'query', { type: 'string', minLength: 1, maxLength: producerLengthMax }, 'Only entries this producer posted.'),
          limitParameter,
          cursorParameter,
        ],
        responses: { 200: pageAnswer('A page of transactions.', ref('TransactionPage')), ...readErrors('cursor_invalid') },
      }),
    },
    '/v1/transactions/{id}': {
      get: operation('A posting by id with its outcome (posted, or rejected with the rejection code) and its reversals.', 'flow:read', {
        parameters: [parameter('id', 'path', uuid, 'The posting id.')],
        responses: { 200: answer('The posting.', ref('TransactionDetail')), ...readErrors('not_found') },
      }),
    },
  };
}

function accountReadPaths(): Schema {
  return {
    '/v1/accounts/{branch}/{account}/statement': {
      get: operation('The statement (extrato): opening balance, lines with running balances, closing balance.', 'flow:read', {
        parameters: [branchPath, accountPath, fromParameter(true), toParameter(true), limitParameter, cursorParameter],
        responses: { 200: pageAnswer('A page of the statement.', ref('Statement')), ...readErrors('cursor_invalid', 'not_found') },
      }),
    },
    '/v1/accounts/{branch}/{account}/balances': {
      get: operation('Daily balances (consolidado diário): one item per day with movement.', 'flow:read', {
        parameters: [branchPath, accountPath, fromParameter(true), toParameter(true), limitParameter, cursorParameter],
        responses: { 200: pageAnswer('A page of daily balances.', ref('DailyBalancePage')), ...readErrors('cursor_invalid', 'not_found') },
      }),
    },
    '/v1/accounts/{branch}/{account}/balance': {
      get: operation('The balance at the end of a business date.', 'flow:read', {
        parameters: [branchPath, accountPath, parameter('date', 'query', calendarDate, 'Business date.', true)],
        responses: { 200: answer('The balance.', ref('BalanceAtDate')), ...readErrors('not_found') },
      }),
    },
    '/v1/reports/daily': {
      get: operation('The consolidated day per branch.', 'flow:read', {
        parameters: [
          parameter('date', 'query', calendarDate, 'Business date.', true),
          parameter('branch', 'query', branch, 'Only this branch.'),
          limitParameter,
          cursorParameter,
        ],
        responses: { 200: pageAnswer('A page of branches.', ref('DailyReportPage')), ...readErrors('cursor_invalid') },
      }),
    },
  };
}

function eventPaths(): Schema {
  return {
    '/v1/events': {
      get: operation('List events by code.', 'flow:admin', {
        parameters: [limitParameter, cursorParameter],
        responses: { 200: pageAnswer('A page of events.', ref('EventPage')), ...adminErrors('cursor_invalid') },
      }),
      post: operation('Create an event.', 'flow:admin', {
        requestBody: { required: true, content: json(ref('EventCreate')) },
        responses: { 201: answer('Created.', ref('Event')), ...adminErrors('validation_failed', 'content_type_unsupported', 'content_encoding_unsupported', 'body_encoding_invalid', 'conflict', 'request_too_large') },
      }),
    },
    '/v1/events/{code}': {
      get: operation('An event.', 'flow:admin', {
        parameters: [eventCodePath],
        responses: { 200: answer('The event.', ref('Event')), ...adminErrors('not_found') },
      }),
      patch: operation('Change an event: description, active, allowed sides.', 'flow:admin', {
        parameters: [eventCodePath],
        requestBody: { required: true, content: json(ref('EventUpdate')) },
        responses: { 200: answer('The event as changed.', ref('Event')), ...adminErrors('validation_failed', 'content_type_unsupported', 'content_encoding_unsupported', 'body_encoding_invalid', 'not_found', 'request_too_large') },
      }),
    },
  };
}

function accountAdminPaths(): Schema {
  return {
    '/v1/accounts': {
      get: operation('List accounts by (branch, account).', 'flow:admin', {
        parameters: [parameter('branch', 'query', branch, 'Only this branch.'), limitParameter, cursorParameter],
        responses: { 200: pageAnswer('A page of accounts.', ref('AccountPage')), ...adminErrors('cursor_invalid') },
      }),
      post: operation('Register an account.', 'flow:admin', {
        requestBody: { required: true, content: json(ref('AccountCreate')) },
        responses: {
          201: answer('Registered.', ref('Account')),
          ...adminErrors('validation_failed', 'content_type_unsupported', 'content_encoding_unsupported', 'body_encoding_invalid', 'conflict', 'branch_not_registered', 'request_too_large'),
        },
      }),
    },
    '/v1/accounts/{branch}/{account}': {
      get: operation('An account.', 'flow:admin', {
        parameters: [branchPath, accountPath],
        responses: { 200: answer('The account.', ref('Account')), ...adminErrors('not_found') },
      }),
      patch: operation('Change an account: status, holder name.', 'flow:admin', {
        parameters: [branchPath, accountPath],
        requestBody: { required: true, content: json(ref('AccountUpdate')) },
        responses: { 200: answer('The account as changed.', ref('Account')), ...adminErrors('validation_failed', 'content_type_unsupported', 'content_encoding_unsupported', 'body_encoding_invalid', 'not_found', 'request_too_large') },
      }),
    },
  };
}

const branchCodePath = parameter('code', 'path', branch, 'Branch code (agência).');

function branchAdminPaths(): Schema {
  const bodyErrors = ['validation_failed', 'content_type_unsupported', 'content_encoding_unsupported', 'body_encoding_invalid', 'request_too_large'] as const;
  return {
    '/v1/branches': {
      get: operation('List branches by code.', 'flow:admin', {
        parameters: [limitParameter, cursorParameter],
        responses: { 200: pageAnswer('A page of branches.', ref('BranchPage')), ...adminErrors('cursor_invalid') },
      }),
      post: operation('Register a branch. Accounts are registered (or opened automatically) only in an active branch.', 'flow:admin', {
        requestBody: { required: true, content: json(ref('BranchCreate')) },
        responses: { 201: answer('Registered.', ref('Branch')), ...adminErrors(...bodyErrors, 'conflict') },
      }),
    },
    '/v1/branches/{code}': {
      get: operation('A branch.', 'flow:admin', {
        parameters: [branchCodePath],
        responses: { 200: answer('The branch.', ref('Branch')), ...adminErrors('not_found') },
      }),
      patch: operation('Change a branch: name, status. A closed branch takes no posting (`branch_closed`) and no new account.', 'flow:admin', {
        parameters: [branchCodePath],
        requestBody: { required: true, content: json(ref('BranchUpdate')) },
        responses: { 200: answer('The branch as changed.', ref('Branch')), ...adminErrors(...bodyErrors, 'not_found') },
      }),
    },
  };
}

function healthPaths(): Schema {
  const status = { type: 'object', required: ['status'], properties: { status: { type: 'string' }, checks: { type: 'object', additionalProperties: { type: 'string' } } } };
  return {
    '/health/live': { get: { summary: 'Answers while the process runs.', tags: ['health'], security: [], responses: { 200: answer('Alive.', status) } } },
    '/health/ready': {
      get: {
        summary: 'Runs `select 1` on the read database.', tags: ['health'], security: [],
        responses: { 200: answer('Ready.', status), 503: answer('Not ready; `checks` names the failing check.', status) },
      },
    },
  };
}

export function queryPaths(): Record<string, unknown> {
  return { ...transactionPaths(), ...accountReadPaths(), ...eventPaths(), ...branchAdminPaths(), ...accountAdminPaths(), ...healthPaths() };
}

function object(properties: Record<string, Schema>, required = Object.keys(properties)): Schema {
  return { type: 'object', required, properties, additionalProperties: false };
}

const page = (item: string): Schema => object({ items: { type: 'array', items: ref(item) }, nextCursor });

function ledgerSchemas(): Record<string, Schema> {
  const transaction = {
    id: uuid,
    status: { type: 'string', enum: ['posted', 'rejected'] },
    reason: nullable({ type: 'string', description: 'The rejection code (R… registry) when rejected.' }),
    branch, account, amount,
    debitCredit: { type: 'string', enum: ['D', 'C'] },
    eventCode,
    description: nullable({ type: 'string', maxLength: descriptionLengthMax }),
    details: nullable({ type: 'object' }),
    dateRef: calendarDate,
    traceKey: uuid,
    seq: nullable(sequence),
    processedAt: { type: 'string', format: 'date-time' },
    producer: nullable({
      type: 'string', maxLength: producerLengthMax,
      description: 'Who posted it: the ingest token\'s `client_id`, else its subject (stamped by ingest, never sent by clients).',
    }),
  };
  return {
    Transaction: object(transaction),
    TransactionDetail: object({
      ...transaction,
      reverses: nullable({ ...uuid, description: 'The id of the posting this one reverses (estorno); null for a plain posting.' }),
      reversedAmount: { ...amount, description: 'What its posted reversals add up to ("0.00" when none); what remains to reverse is amount − reversedAmount.' },
      reversals: { type: 'array', items: uuid, description: 'The ids of its posted reversals, in statement order.' },
    }),
    TransactionPage: page('Transaction'),
    StatementLine: object({
      id: uuid, dateRef: calendarDate, seq: sequence,
      debitCredit: { type: 'string', enum: ['D', 'C'] },
      debit: nullable(amount), credit: nullable(amount), amount,
      eventCode, description: nullable({ type: 'string' }), traceKey: uuid,
      balanceBefore: amount, balanceAfter: amount,
    }),
    Statement: object({
      branch, account, from: calendarDate, to: calendarDate,
      openingBalance: { ...amount, description: 'Balance at the end of the day before `from`.' },
      lines: { type: 'array', items: ref('StatementLine') },
      closingBalance: { ...amount, description: 'Balance at the end of `to`.' },
      nextCursor,
    }),
    DailyBalance: object({
      dateRef: calendarDate, totalDebit: amount, totalCredit: amount, accumulatedDebit: amount, accumulatedCredit: amount,
      balance: { ...amount, description: 'Balance at the end of the day: accumulatedCredit − accumulatedDebit.' },
      transactionCount: { type: 'integer', minimum: 1 },
    }),
    DailyBalancePage: object({
      branch, account, from: calendarDate, to: calendarDate, items: { type: 'array', items: ref('DailyBalance') }, nextCursor,
    }),
    BalanceAtDate: object({
      branch, account, date: calendarDate, balance: amount, accumulatedDebit: amount, accumulatedCredit: amount,
      lastMovementDate: nullable(calendarDate),
    }),
    BranchDayReport: object({
      branch, date: calendarDate,
      accountsWithMovement: { type: 'integer', minimum: 0 }, transactionCount: { type: 'integer', minimum: 0 },
      totalDebit: amount, totalCredit: amount,
      closingBalance: { ...amount, description: 'Sum of every account\'s balance at the end of the day.' },
    }),
    DailyReportPage: object({ date: calendarDate, items: { type: 'array', items: ref('BranchDayReport') }, nextCursor }),
  };
}

function catalogSchemas(): Record<string, Schema> {
  const description: Schema = { type: 'string', minLength: 1, maxLength: descriptionLengthMax };
  const holderName = nullable({ type: 'string', maxLength: holderNameLengthMax });
  const branchName: Schema = { type: 'string', minLength: 1, maxLength: branchNameLengthMax };
  const branchStatus: Schema = { type: 'string', enum: ['active', 'closed'] };
  const timestamps = { createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' } };
  const eventFields = { code: eventCode, description, active: { type: 'boolean' }, allowDebit: { type: 'boolean' }, allowCredit: { type: 'boolean' } };
  const { code: _code, ...eventChanges } = eventFields;
  return {
    Event: object({ ...eventFields, ...timestamps }),
    EventPage: page('Event'),
    EventCreate: object({ ...eventFields, active: { type: 'boolean', default: true } }, ['code', 'description', 'allowDebit', 'allowCredit']),
    EventUpdate: { ...object(eventChanges, []), minProperties: 1 },
    Branch: object({ code: branch, name: branchName, status: branchStatus, ...timestamps }),
    BranchPage: page('Branch'),
    BranchCreate: object({ code: branch, name: branchName, status: { ...branchStatus, default: 'active' } }, ['code', 'name']),
    BranchUpdate: { ...object({ name: branchName, status: branchStatus }, []), minProperties: 1 },
    Account: object({ branch, account, status: accountStatus, holderName, ...timestamps }),
    AccountPage: page('Account'),
    AccountCreate: object({ branch, account, status: { ...accountStatus, default: 'active' }, holderName }, ['branch', 'account']),
    AccountUpdate: { ...object({ status: accountStatus, holderName }, []), minProperties: 1 },
  };
}

export function querySchemas(): Record<string, unknown> {
  return { ...ledgerSchemas(), ...catalogSchemas() };
}
