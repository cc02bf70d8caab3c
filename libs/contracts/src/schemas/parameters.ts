// The query API's parameters, one schema per operation and place (`path`, `query`, `header`),
// keyed by operationId: the query API checks each request against them (check.ts) and the
// OpenAPI document lists them (query-paths.ts), so neither can name a parameter the other does
// not. What a schema cannot say stays code beside the route that reads it, and is named in the
// description here: a date range's order and span, an instant not in the future, a cursor
// this API signed, an export's refusal of pages.
import { Type, type TObject } from '@sinclair/typebox';
import { dateRangeDaysMax, producerLengthMax } from '../limits.ts';
import { account, branch, calendarDate, described, eventCode, pageParameters, textEnum, uuid } from './fields.ts';

export type ParameterLocation = 'path' | 'query' | 'header';
/** The parameters of one operation by where they travel. */
export type OperationParameters = Partial<Record<ParameterLocation, TObject>>;

const rangeNote = `from ≤ to, spanning at most ${dateRangeDaysMax} days.`;
const dateRange = (required: boolean) => {
  const from = described(calendarDate, `First business date, inclusive; ${rangeNote}`);
  const to = described(calendarDate, `Last business date, inclusive; ${rangeNote}`);
  return required ? { from, to } : { from: Type.Optional(from), to: Type.Optional(to) };
};
const asOf = Type.Optional(Type.String({
  format: 'date-time',
  examples: ['2026-11-24T18:00:00-03:00'],
  description: [
    'RFC 3339 instant with its offset, not in the future (at most microseconds): answer as the ledger stood then — only entries',
    'recorded at or before it (a batch is recorded at the start of its database transaction), balances as they were. Bounded',
    'cost: only the last retro window of days before it is recomputed from entries (docs/engine.md).',
  ].join(' '),
}));
const accountPath = Type.Object({ branch: described(branch, 'Branch (agência).'), account: described(account, 'Account (conta).') });
const onlyBranch = Type.Optional(described(branch, 'Only this branch.'));
const businessDate = described(calendarDate, 'Business date.');
const pageOnly = { query: Type.Object(pageParameters) };

/** The statement's download formats, by the `format` value that asks for each. */
export const statementFormats = ['json', 'csv', 'ofx', 'cnab240'] as const;
/** The media types an export answers with (also chosen by Accept), and what each file is. */
export const statementExports: readonly (readonly [string, string])[] = [
  ['text/csv', 'CSV (RFC 4180, UTF-8, header row, CRLF): one record per line with its running balances.'],
  ['application/x-ofx', 'OFX 1.0.2 (SGML, Windows-1252): the lines as STMTTRN (FITID = id) and LEDGERBAL at the end of `to`.'],
  ['text/x-cnab240', 'CNAB 240, FEBRABAN extrato para conciliação bancária (service 04): 240-character records, segment E per line.'],
];

export const searchStatuses = ['posted', 'rejected', 'all'] as const;

function ledgerReadParameters() {
  return {
    searchTransactions: {
      query: Type.Object({
        branch: onlyBranch,
        account: Type.Optional(described(account, 'Only this account.')),
        ...dateRange(false),
        traceKey: Type.Optional(described(uuid, 'Only entries with this trace key.')),
        eventCode: Type.Optional(described(eventCode, 'Only entries with this event code.')),
        producer: Type.Optional(Type.String({ minLength: 1, maxLength: producerLengthMax, description: 'Only entries this producer posted.' })),
        status: Type.Optional(textEnum(searchStatuses, {
          default: 'posted',
          description: [
            '`posted`: posted entries; `rejected`: rejections with their `reason`; `all`: both — each day\'s posted entries in',
            'statement order, then its rejections by id. With `traceKey`, `all` finds every posting of a trace.',
          ].join(' '),
        })),
        ...pageParameters,
      }),
    },
    getTransaction: { path: Type.Object({ id: described(uuid, 'The posting id.') }) },
    getStatement: {
      path: accountPath,
      query: Type.Object({
        ...dateRange(true),
        asOf,
        format: Type.Optional(textEnum(statementFormats, {
          description: [
            'The answer\'s format; absent, the `Accept` header chooses among application/json (preferred on a tie),',
            statementExports.map(([type]) => type).join(', '), '(406 if it allows none). An export is the whole range in one',
            'streamed response with `Content-Disposition: attachment`: `limit` and `cursor` are refused. CNAB 240 needs a branch',
            'of at most 5 digits and an account of at most 12 digits.',
          ].join(' '),
        })),
        ...pageParameters,
      }),
    },
    listDailyBalances: { path: accountPath, query: Type.Object({ ...dateRange(true), asOf, ...pageParameters }) },
    getBalanceAtDate: { path: accountPath, query: Type.Object({ date: businessDate, asOf }) },
    getDailyReport: { query: Type.Object({ date: businessDate, branch: onlyBranch, ...pageParameters }) },
    streamOutcomes: {
      query: Type.Object({}),
      header: Type.Object({ 'Last-Event-ID': Type.Optional(Type.String({ pattern: '^\\d{1,18}$', description: 'Resume after this position.' })) }),
    },
  } satisfies Record<string, OperationParameters>;
}

function catalogParameters() {
  const eventCodePath = { path: Type.Object({ code: described(eventCode, 'Event code (código de histórico).') }) };
  const branchCodePath = { path: Type.Object({ code: described(branch, 'Branch code (agência).') }) };
  return {
    listEvents: pageOnly,
    createEvent: {},
    getEvent: eventCodePath,
    updateEvent: eventCodePath,
    listBranches: pageOnly,
    registerBranch: {},
    getBranch: branchCodePath,
    updateBranch: branchCodePath,
    listAccounts: { query: Type.Object({ branch: onlyBranch, ...pageParameters }) },
    registerAccount: {},
    getAccount: { path: accountPath },
    updateAccount: { path: accountPath },
    getOperations: { query: Type.Object({}) },
  } satisfies Record<string, OperationParameters>;
}

/** Every operation's parameters, by operationId. */
export const queryApiParameters = { ...ledgerReadParameters(), ...catalogParameters() };
export type QueryApiOperation = keyof typeof queryApiParameters;
