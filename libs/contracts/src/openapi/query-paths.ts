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
const asOfParameter = parameter('asOf', 'query', { type: 'string', format: 'date-time', examples: ['2026-11-24T18:00:00-03:00'] }, [
  'RFC 3339 instant with its offset, not in the future (at most microseconds): answer as the ledger stood then — only entries',
  'recorded at or before it (a batch is recorded at the start of its database transaction), balances as they were. Bounded',
  'cost: only the last retro window of days before it is recomputed from entries (docs/engine.md).',
].join(' '));
const asOfField: Schema = nullable({ type: 'string', format: 'date-time', description: 'The `asOf` of the request; null for the ledger as it is.' });
/** The statement's download formats: media type (also chosen by Accept) and what the file is. */
const statementExports: readonly (readonly [string, string])[] = [
  ['text/csv', 'CSV (RFC 4180, UTF-8, header row, CRLF): one record per line with its running balances.'],
  ['application/x-ofx', 'OFX 1.0.2 (SGML, Windows-1252): the lines as STMTTRN (FITID = id) and LEDGERBAL at the end of `to`.'],
  ['text/x-cnab240', 'CNAB 240, FEBRABAN extrato para conciliação bancária (service 04): 240-character records, segment E per line.'],
];

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

function operation(operationId: string, summary: string, scope: 'flow:read' | 'flow:admin', fields: Schema): Schema {
  const description = scope === 'flow:read' ? `Requires scope \`${scope}\`. ${branchNote}` : `Requires scope \`${scope}\`.`;
  return { operationId, summary, tags: [scope === 'flow:read' ? 'ledger' : 'catalog'], description, ...fields };
}

function transactionPaths(): Schema {
  return {
    '/v1/transactions': {
      get: operation('searchTransactions', 'Search transactions: posted ones in statement order (dateRef, seq), and with `status` rejections too.', 'flow:read', {
        parameters: [
          parameter('branch', 'query', branch, 'Only this branch.'),
          parameter('account', 'query', account, 'Only this account.'),
          fromParameter(false),
          toParameter(false),
          parameter('traceKey', 'query', uuid, 'Only entries with this trace key.'),
          parameter('eventCode', 'query', eventCode, 'Only entries with this event code.'),
          parameter('producer', 'query', { type: 'string', minLength: 1, maxLength: producerLengthMax }, 'Only entries this producer posted.'),
          parameter('status', 'query', { type: 'string', enum: ['posted', 'rejected', 'all'], default: 'posted' }, [
            '`posted`: posted entries; `rejected`: rejections with their `reason`; `all`: both — each day\'s posted entries in',
            'statement order, then its rejections by id. With `traceKey`, `all` finds every posting of a trace.',
          ].join(' ')),
          limitParameter,
          cursorParameter,
        ],
        responses: { 200: pageAnswer('A page of transactions.', ref('TransactionPage')), ...readErrors('cursor_invalid', 'range_archived') },
      }),
    },
    '/v1/transactions/{id}': {
      get: operation('getTransaction', 'A posting by id with its outcome (posted, or rejected with the rejection code) and its reversals. Readable as '
        + 'soon as its outcome is on the callback topic: an id a read replica has not replayed yet is read on the primary, so 404 means never received.', 'flow:read', {
        parameters: [parameter('id', 'path', uuid, 'The posting id.')],
        responses: { 200: answer('The posting.', ref('TransactionDetail')), ...readErrors('not_found') },
      }),
    },
  };
}

function accountReadPaths(): Schema {
  return {
    '/v1/accounts/{branch}/{account}/statement': {
      get: operation('getStatement', 'The statement (extrato): opening balance, lines with running balances, closing balance; or the whole range as a CSV, OFX or CNAB 240 download.', 'flow:read', {
        parameters: [
          branchPath, accountPath, fromParameter(true), toParameter(true), asOfParameter,
          parameter('format', 'query', { type: 'string', enum: ['json', 'csv', 'ofx', 'cnab240'] }, [
            'The answer\'s format; absent, the `Accept` header chooses among application/json (preferred on a tie),',
            statementExports.map(([type]) => type).join(', '), '(406 if it allows none). An export is the whole range in one',
            'streamed response with `Content-Disposition: attachment`: `limit` and `cursor` are refused. CNAB 240 needs a branch',
            'of at most 5 digits and an account of at most 12 digits.',
          ].join(' ')),
          limitParameter, cursorParameter,
        ],
        responses: {
          200: {
            ...pageAnswer('A page of the statement (JSON), or the whole range (an export).', ref('Statement')),
            content: {
              ...json(ref('Statement')),
              ...Object.fromEntries(statementExports.map(([type, description]) => [type, { schema: { type: 'string', description } }])),
            },
            headers: {
              Link: nextPageLinkHeader,
              'Content-Disposition': {
                description: 'Exports only: `attachment; filename="extrato-{branch}-{account}-{from}-{to}.{csv|ofx|ret}"`.',
                schema: { type: 'string' },
              },
            },
          },
          ...readErrors('cursor_invalid', 'not_found', 'range_archived'),
        },
      }),
    },
    '/v1/accounts/{branch}/{account}/balances': {
      get: operation('listDailyBalances', 'Daily balances (consolidado diário): one item per day with movement.', 'flow:read', {
        parameters: [branchPath, accountPath, fromParameter(true), toParameter(true), asOfParameter, limitParameter, cursorParameter],
        responses: { 200: pageAnswer('A page of daily balances.', ref('DailyBalancePage')), ...readErrors('cursor_invalid', 'not_found', 'range_archived') },
      }),
    },
    '/v1/accounts/{branch}/{account}/balance': {
      get: operation('getBalanceAtDate', 'The balance at the end of a business date.', 'flow:read', {
        parameters: [branchPath, accountPath, parameter('date', 'query', calendarDate, 'Business date.', true), asOfParameter],
        responses: { 200: answer('The balance.', ref('BalanceAtDate')), ...readErrors('not_found') },
      }),
    },
    '/v1/reports/daily': {
      get: operation('getDailyReport', 'The consolidated day per branch.', 'flow:read', {
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
      get: operation('listEvents', 'List events by code.', 'flow:admin', {
        parameters: [limitParameter, cursorParameter],
        responses: { 200: pageAnswer('A page of events.', ref('EventPage')), ...adminErrors('cursor_invalid') },
      }),
      post: operation('createEvent', 'Create an event.', 'flow:admin', {
        requestBody: { required: true, content: json(ref('EventCreate')) },
        responses: { 201: answer('Created.', ref('Event')), ...adminErrors('validation_failed', 'content_type_unsupported', 'content_encoding_unsupported', 'body_encoding_invalid', 'conflict', 'request_too_large') },
      }),
    },
    '/v1/events/{code}': {
      get: operation('getEvent', 'An event.', 'flow:admin', {
        parameters: [eventCodePath],
        responses: { 200: answer('The event.', ref('Event')), ...adminErrors('not_found') },
      }),
      patch: operation('updateEvent', 'Change an event: description, active, allowed sides.', 'flow:admin', {
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
      get: operation('listAccounts', 'List accounts by (branch, account).', 'flow:admin', {
        parameters: [parameter('branch', 'query', branch, 'Only this branch.'), limitParameter, cursorParameter],
        responses: { 200: pageAnswer('A page of accounts.', ref('AccountPage')), ...adminErrors('cursor_invalid') },
      }),
      post: operation('registerAccount', 'Register an account.', 'flow:admin', {
        requestBody: { required: true, content: json(ref('AccountCreate')) },
        responses: {
          201: answer('Registered.', ref('Account')),
          ...adminErrors('validation_failed', 'content_type_unsupported', 'content_encoding_unsupported', 'body_encoding_invalid', 'conflict', 'branch_not_registered', 'request_too_large'),
        },
      }),
    },
    '/v1/accounts/{branch}/{account}': {
      get: operation('getAccount', 'An account.', 'flow:admin', {
        parameters: [branchPath, accountPath],
        responses: { 200: answer('The account.', ref('Account')), ...adminErrors('not_found') },
      }),
      patch: operation('updateAccount', 'Change an account: status, holder name.', 'flow:admin', {
        parameters: [branchPath, accountPath],
        requestBody: { required: true, content: json(ref('AccountUpdate')) },
        responses: { 200: answer('The account as changed.', ref('Account')), ...adminErrors('validation_failed', 'content_type_unsupported', 'content_encoding_unsupported', 'body_encoding_invalid', 'not_found', 'request_too_large') },
      }),
    },
  };
}

/** The live outcomes (server-sent events) and the operations figures, which the console shows. */
function consolePaths(): Schema {
  return {
    '/v1/outcomes/stream': {
      get: operation('streamOutcomes', 'Outcomes as they are decided, as server-sent events.', 'flow:read', {
        description: [
          'Requires scope `flow:read`; only outcomes of the token\'s branches are sent.',
          'A `text/event-stream` of `event: outcome` events, `data:` an OutcomeEvent, `id:` its position. The stream starts at the',
          'newest outcome, or after the `Last-Event-ID` header\'s position, and ends after 15 minutes (reconnect with Last-Event-ID).',
          'The API polls the outbox every second; a batch that commits more than 64 batches late is not sent. It is a view:',
          'the callback topic is the delivery of record. The `Accept` header must allow `application/json` too, like every /v1 route',
          '(e.g. `text/event-stream, application/json;q=0.1`). 429 `rate_limited` when the process already serves 100 streams.',
        ].join(' '),
        parameters: [{ name: 'Last-Event-ID', in: 'header', required: false, description: 'Resume after this position.', schema: { type: 'string', pattern: '^\\d{1,18}$' } }],
        responses: {
          // OpenAPI 3.1 has no item schema for a stream (3.2's itemSchema): the schema names what each event's `data:` holds.
          200: { description: 'The stream: each event\'s `data:` is an OutcomeEvent.', content: { 'text/event-stream': { schema: ref('OutcomeEvent') } } },
          ...readErrors(),
        },
      }),
    },
    '/v1/operations': {
      get: operation('getOperations', 'What operations watch: the outbox backlog, the last batch written, the worker\'s readiness.', 'flow:admin', {
        responses: { 200: answer('The figures; `null` where the API cannot read them yet.', ref('Operations')), ...adminErrors() },
      }),
    },
  };
}

const branchCodePath = parameter('code', 'path', branch, 'Branch code (agência).');

function branchAdminPaths(): Schema {
  const bodyErrors = ['validation_failed', 'content_type_unsupported', 'content_encoding_unsupported', 'body_encoding_invalid', 'request_too_large'] as const;
  return {
    '/v1/branches': {
      get: operation('listBranches', 'List branches by code.', 'flow:admin', {
        parameters: [limitParameter, cursorParameter],
        responses: { 200: pageAnswer('A page of branches.', ref('BranchPage')), ...adminErrors('cursor_invalid') },
      }),
      post: operation('registerBranch', 'Register a branch. Accounts are registered (or opened automatically) only in an active branch.', 'flow:admin', {
        requestBody: { required: true, content: json(ref('BranchCreate')) },
        responses: { 201: answer('Registered.', ref('Branch')), ...adminErrors(...bodyErrors, 'conflict') },
      }),
    },
    '/v1/branches/{code}': {
      get: operation('getBranch', 'A branch.', 'flow:admin', {
        parameters: [branchCodePath],
        responses: { 200: answer('The branch.', ref('Branch')), ...adminErrors('not_found') },
      }),
      patch: operation('updateBranch', 'Change a branch: name, status. A closed branch takes no posting (`branch_closed`) and no new account.', 'flow:admin', {
        parameters: [branchCodePath],
        requestBody: { required: true, content: json(ref('BranchUpdate')) },
        responses: { 200: answer('The branch as changed.', ref('Branch')), ...adminErrors(...bodyErrors, 'not_found') },
      }),
    },
  };
}

function consoleSchemas(): Record<string, Schema> {
  const instant: Schema = { type: 'string', format: 'date-time' };
  return {
    OutcomeEvent: object({
      id: uuid,
      status: { type: 'string', enum: ['posted', 'rejected'] },
      reason: nullable({ type: 'string', description: 'The rejection code (R… registry) when rejected.' }),
      branch, account, dateRef: calendarDate, traceKey: uuid,
      replay: { type: 'boolean', description: 'A repeat of a posting already decided.' },
      amount: nullable(amount), debitCredit: nullable({ type: 'string', enum: ['D', 'C'] }),
      decidedAt: { ...instant, description: 'When its batch was written.' },
    }),
    Operations: object({
      observedAt: instant,
      outbox: object({
        unsent: { type: 'integer', minimum: 0, description: 'Batches not yet published to the callback topic.' },
        oldestUnsentAt: nullable(instant),
        lastBatchAt: nullable(instant),
      }),
      queues: nullable({
        type: 'object',
        additionalProperties: object({ messages: { type: 'integer', minimum: 0 }, oldestAgeSeconds: nullable({ type: 'number', minimum: 0 }) }),
        description: 'Per queue (`flow-transaction`, `flow-transaction-dlq`): the worker\'s gauges, read from its `/metrics` at `FLOW_WORKER_HEALTH_URL`; null when that is not set or does not answer.',
      }),
      lastReconciliation: nullable({
        ...object({
          finishedAt: instant, status: { type: 'string', enum: ['clean', 'differences', 'failed'] },
          accountsChecked: { type: 'integer', minimum: 0 }, differences: { type: 'integer', minimum: 0 },
        }),
        description: 'The latest finished run `flow reconcile` recorded; null before the first.',
      }),
      worker: nullable({
        ...object({ status: { type: 'string', enum: ['ok', 'unavailable', 'unreachable'] }, checks: { type: 'object', additionalProperties: { type: 'string' } } }),
        description: 'The worker\'s readiness, asked at `FLOW_WORKER_HEALTH_URL`; null when that is not set.',
      }),
    }),
  };
}

function healthPaths(): Schema {
  const status = { type: 'object', required: ['status'], properties: { status: { type: 'string' }, checks: { type: 'object', additionalProperties: { type: 'string' } } } };
  return {
    '/health/live': {
      get: { operationId: 'getLiveness', summary: 'Answers while the process runs.', tags: ['health'], security: [], responses: { 200: answer('Alive.', status) } },
    },
    '/health/ready': {
      get: {
        operationId: 'getReadiness',
        summary: 'Runs `select 1` on the read database, checks the schema version and, on a read replica, that it lags at most FLOW_REPLICA_LAG_MAX_SECONDS (`replicaLag`).',
        tags: ['health'], security: [],
        responses: { 200: answer('Ready.', status), 503: answer('Not ready; `checks` names the failing check.', status) },
      },
    },
  };
}

export function queryPaths(): Record<string, unknown> {
  return {
    ...transactionPaths(), ...accountReadPaths(), ...eventPaths(), ...branchAdminPaths(), ...accountAdminPaths(), ...consolePaths(), ...healthPaths(),
  };
}

function object(properties: Record<string, Schema>, required = Object.keys(properties)): Schema {
  return { type: 'object', required, properties, additionalProperties: false };
}

const page = (item: string): Schema => object({ items: { type: 'array', items: ref(item) }, nextCursor });

/** A posting as the reads show it: in a search (Transaction) and by id, with its reversals (TransactionDetail). */
function transactionSchemas(): Record<string, Schema> {
  const transaction = {
    id: uuid,
    status: { type: 'string', enum: ['posted', 'rejected'] },
    reason: nullable({ type: 'string', description: 'The rejection code (R… registry) when rejected.' }),
    branch, account,
    // Null only for an entry whose month was archived to the lake (see TransactionDetail's `archived`).
    amount: nullable(amount),
    debitCredit: nullable({ type: 'string', enum: ['D', 'C'] }),
    eventCode: nullable(eventCode),
    description: nullable({ type: 'string', maxLength: descriptionLengthMax }),
    details: nullable({ type: 'object', additionalProperties: true }),
    dateRef: calendarDate,
    traceKey: uuid,
    seq: nullable(sequence),
    processedAt: { type: 'string', format: 'date-time' },
    producer: nullable({
      type: 'string', maxLength: producerLengthMax,
      description: 'Who posted it: the ingest token\'s `client_id`, else its subject (stamped by ingest, never sent by clients).',
    }),
  };
  const transactionRequired = Object.keys(transaction);
  return {
    Transaction: object(transaction, transactionRequired),
    TransactionDetail: object({
      ...transaction,
      reverses: nullable({ ...uuid, description: 'The id of the posting this one reverses (estorno); null for a plain posting.' }),
      reversedAmount: { ...amount, description: 'What its posted reversals add up to ("0.00" when none); what remains to reverse is amount − reversedAmount.' },
      reversals: { type: 'array', items: uuid, description: 'The ids of its posted reversals, in statement order.' },
      archived: {
        type: 'object', required: ['month', 'location'], additionalProperties: false,
        description: 'Present only on a posted entry whose month `flow archive` moved to the lake: its outcome stays, its fields are there.',
        properties: { month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, location: { type: 'string' } },
      },
    }, [...transactionRequired, 'reverses', 'reversedAmount', 'reversals']),
    TransactionPage: page('Transaction'),
  };
}

function ledgerSchemas(): Record<string, Schema> {
  return {
    ...transactionSchemas(),
    StatementLine: object({
      id: uuid, dateRef: calendarDate, seq: sequence,
      debitCredit: { type: 'string', enum: ['D', 'C'] },
      debit: nullable(amount), credit: nullable(amount), amount,
      eventCode,
      eventDescription: nullable({ type: 'string', description: 'The event\'s description in the catalog (the histórico); null if the code is not registered.' }),
      description: nullable({ type: 'string' }), traceKey: uuid,
      reverses: nullable({ ...uuid, description: 'The id of the entry this one reverses (estorno); null unless a reversal.' }),
      balanceBefore: amount, balanceAfter: amount,
    }),
    Statement: object({
      branch, account, from: calendarDate, to: calendarDate, asOf: asOfField,
      openingBalance: { ...amount, description: 'Balance at the end of the day before `from`.' },
      lines: { type: 'array', items: ref('StatementLine') },
      closingBalance: { ...amount, description: 'Balance at the end of `to`.' },
      nextCursor,
    }),
    DailyBalance: object({
      dateRef: calendarDate, totalDebit: amount, totalCredit: amount, accumulatedDebit: amount, accumulatedCredit: amount,
      balance: { ...amount, description: 'Balance at the end of the day: accumulatedCredit − accumulatedDebit.' },
      transactionCount: { type: 'integer', minimum: 1 },
      revisedAt: nullable({
        type: 'string', format: 'date-time',
        description: 'When the day\'s figures last changed after the day had closed in the business time zone (a backdated entry on this '
          + 'day or an earlier one moved them), UTC; null when they never changed after the day closed. With `asOf`, as of that instant.',
      }),
    }),
    DailyBalancePage: object({
      branch, account, from: calendarDate, to: calendarDate, asOf: asOfField, items: { type: 'array', items: ref('DailyBalance') }, nextCursor,
    }),
    BalanceAtDate: object({
      branch, account, date: calendarDate, balance: amount, accumulatedDebit: amount, accumulatedCredit: amount,
      lastMovementDate: nullable(calendarDate), asOf: asOfField,
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
  return { ...ledgerSchemas(), ...catalogSchemas(), ...consoleSchemas() };
}
