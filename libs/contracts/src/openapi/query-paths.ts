// OpenAPI paths of apps/query-api: ledger reads (scope flow:read) and the catalog admin (scope
// flow:admin). Each operation's parameters and every body and answer schema are the shapes of
// ../schemas (parameters.ts, responses.ts), which the query API checks requests against and
// types its answers with; this module adds what only the document says: summaries, scopes,
// error answers and headers.
import { queryApiParameters, statementExports, type QueryApiOperation } from '../schemas/parameters.ts';
import { QueryHealthStatus, queryApiSchemas } from '../schemas/responses.ts';
import { errorResponses, nextPageLinkHeader } from './document.ts';
import { componentSchemas, parametersOf, published } from './from-schemas.ts';

type Schema = Record<string, unknown>;

const ref = (name: keyof typeof queryApiSchemas): Schema => ({ $ref: `#/components/schemas/${name}` });

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

function operation(operationId: QueryApiOperation, summary: string, scope: 'flow:read' | 'flow:admin', fields: Schema): Schema {
  const description = scope === 'flow:read' ? `Requires scope \`${scope}\`. ${branchNote}` : `Requires scope \`${scope}\`.`;
  const parameters = parametersOf(queryApiParameters[operationId]);
  return {
    operationId, summary, tags: [scope === 'flow:read' ? 'ledger' : 'catalog'], description, ...(parameters.length === 0 ? {} : { parameters }), ...fields,
  };
}

function transactionPaths(): Schema {
  return {
    '/v1/transactions': {
      get: operation('searchTransactions', 'Search transactions: posted ones in statement order (dateRef, seq), and with `status` rejections too.', 'flow:read', {
        responses: { 200: pageAnswer('A page of transactions.', ref('TransactionPage')), ...readErrors('cursor_invalid', 'range_archived') },
      }),
    },
    '/v1/transactions/{id}': {
      get: operation('getTransaction', 'A posting by id with its outcome (posted, or rejected with the rejection code) and its reversals. Readable as '
        + 'soon as its outcome is on the callback topic: an id a read replica has not replayed yet is read on the primary, so 404 means never received.', 'flow:read', {
        responses: { 200: answer('The posting.', ref('TransactionDetail')), ...readErrors('not_found') },
      }),
    },
  };
}

function accountReadPaths(): Schema {
  return {
    '/v1/accounts/{branch}/{account}/statement': {
      get: operation('getStatement', 'The statement (extrato): opening balance, lines with running balances, closing balance; or the whole range as a CSV, OFX or CNAB 240 download.', 'flow:read', {
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
        responses: { 200: pageAnswer('A page of daily balances.', ref('DailyBalancePage')), ...readErrors('cursor_invalid', 'not_found', 'range_archived') },
      }),
    },
    '/v1/accounts/{branch}/{account}/balance': {
      get: operation('getBalanceAtDate', 'The balance at the end of a business date.', 'flow:read', {
        responses: { 200: answer('The balance.', ref('BalanceAtDate')), ...readErrors('not_found') },
      }),
    },
    '/v1/reports/daily': {
      get: operation('getDailyReport', 'The consolidated day per branch.', 'flow:read', {
        responses: { 200: pageAnswer('A page of branches.', ref('DailyReportPage')), ...readErrors('cursor_invalid') },
      }),
    },
  };
}

function eventPaths(): Schema {
  return {
    '/v1/events': {
      get: operation('listEvents', 'List events by code.', 'flow:admin', {
        responses: { 200: pageAnswer('A page of events.', ref('EventPage')), ...adminErrors('cursor_invalid') },
      }),
      post: operation('createEvent', 'Create an event.', 'flow:admin', {
        requestBody: { required: true, content: json(ref('EventCreate')) },
        responses: { 201: answer('Created.', ref('Event')), ...adminErrors('validation_failed', 'content_type_unsupported', 'content_encoding_unsupported', 'body_encoding_invalid', 'conflict', 'request_too_large') },
      }),
    },
    '/v1/events/{code}': {
      get: operation('getEvent', 'An event.', 'flow:admin', {
        responses: { 200: answer('The event.', ref('Event')), ...adminErrors('not_found') },
      }),
      patch: operation('updateEvent', 'Change an event: description, active, allowed sides.', 'flow:admin', {
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
        responses: { 200: answer('The account.', ref('Account')), ...adminErrors('not_found') },
      }),
      patch: operation('updateAccount', 'Change an account: status, holder name.', 'flow:admin', {
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

function branchAdminPaths(): Schema {
  const bodyErrors = ['validation_failed', 'content_type_unsupported', 'content_encoding_unsupported', 'body_encoding_invalid', 'request_too_large'] as const;
  return {
    '/v1/branches': {
      get: operation('listBranches', 'List branches by code.', 'flow:admin', {
        responses: { 200: pageAnswer('A page of branches.', ref('BranchPage')), ...adminErrors('cursor_invalid') },
      }),
      post: operation('registerBranch', 'Register a branch. Accounts are registered (or opened automatically) only in an active branch.', 'flow:admin', {
        requestBody: { required: true, content: json(ref('BranchCreate')) },
        responses: { 201: answer('Registered.', ref('Branch')), ...adminErrors(...bodyErrors, 'conflict') },
      }),
    },
    '/v1/branches/{code}': {
      get: operation('getBranch', 'A branch.', 'flow:admin', {
        responses: { 200: answer('The branch.', ref('Branch')), ...adminErrors('not_found') },
      }),
      patch: operation('updateBranch', 'Change a branch: name, status. A closed branch takes no posting (`branch_closed`) and no new account.', 'flow:admin', {
        requestBody: { required: true, content: json(ref('BranchUpdate')) },
        responses: { 200: answer('The branch as changed.', ref('Branch')), ...adminErrors(...bodyErrors, 'not_found') },
      }),
    },
  };
}

function healthPaths(): Schema {
  const status = published(QueryHealthStatus);
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

export function querySchemas(): Record<string, unknown> {
  return componentSchemas(queryApiSchemas);
}
