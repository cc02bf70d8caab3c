// A thin fetch wrapper over Flow's two HTTP APIs, typed by the types generated from their OpenAPI
// documents: one method per operation (named by its operationId), each answering a `FlowAnswer`,
// either the success body or the RFC 9457 problem, never a thrown HTTP status. It adds nothing
// the API does not do (no retries, no caching): a producer decides when to retry, with the same
// ids. Runs wherever `fetch` does (Node 18+, browsers, Deno).
import type {
  Account,
  AccountCreate,
  AccountListQuery,
  AccountPage,
  AccountUpdate,
  BalanceAtDate,
  Branch,
  BranchCreate,
  BranchListQuery,
  BranchPage,
  BranchUpdate,
  DailyBalancePage,
  DailyBalancesQuery,
  DailyReportPage,
  DailyReportQuery,
  Event,
  EventCreate,
  EventListQuery,
  EventPage,
  EventUpdate,
  PostingAccepted,
  PostingBatchAccepted,
  PostingBatchRequest,
  PostingRequest,
  Operations,
  OutcomeEvent,
  Problem,
  Statement,
  StatementQuery,
  TransactionDetail,
  TransactionPage,
  TransactionSearch,
} from './types.ts';

export type FlowService = 'ingest' | 'query-api';

export interface FlowClientOptions {
  /** Ingest's base URL, e.g. `http://127.0.0.1:8081`; needed to post. */
  readonly ingestUrl?: string;
  /** The query API's base URL, e.g. `http://127.0.0.1:8082`; needed to read and for the catalog. */
  readonly queryApiUrl?: string;
  /** The bearer token, or a function giving a fresh one per request. */
  readonly token: string | (() => string | Promise<string>);
  /** Another fetch (a proxy's, a test's); the global one otherwise. */
  readonly fetch?: typeof fetch;
}

/** A request's answer: the success body, or the problem the API answered with. */
export type FlowAnswer<Body> =
  | { readonly ok: true; readonly status: number; readonly body: Body; readonly headers: Headers }
  | { readonly ok: false; readonly status: number; readonly problem: Problem; readonly headers: Headers };

/** Thrown by `bodyOf` for an answer that is a problem. */
export class FlowProblemError extends Error {
  override readonly name = 'FlowProblemError';
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(`${status} ${problem.code}: ${problem.detail}`);
    this.status = status;
    this.problem = problem;
  }
}

/** The body of a successful answer; throws `FlowProblemError` for a problem. */
export function bodyOf<Body>(answer: FlowAnswer<Body>): Body {
  if (!answer.ok) throw new FlowProblemError(answer.status, answer.problem);
  return answer.body;
}

type QueryValues = Readonly<Record<string, string | number | undefined>>;

export class FlowClient {
  readonly #options: FlowClientOptions;

  constructor(options: FlowClientOptions) {
    this.#options = options;
  }

  /** Posts one posting (answered `{ id, traceKey }`) or a batch (`{ transactions }` in request order). */
  postTransactions(posting: PostingRequest): Promise<FlowAnswer<PostingAccepted>>;
  postTransactions(batch: PostingBatchRequest): Promise<FlowAnswer<PostingBatchAccepted>>;
  postTransactions(body: PostingRequest | PostingBatchRequest): Promise<FlowAnswer<PostingAccepted | PostingBatchAccepted>> {
    return this.send('ingest', 'POST', '/v1/transactions', { body });
  }

  getTransaction(id: string): Promise<FlowAnswer<TransactionDetail>> {
    return this.send('query-api', 'GET', `/v1/transactions/${segment(id)}`);
  }

  searchTransactions(query: TransactionSearch = {}): Promise<FlowAnswer<TransactionPage>> {
    return this.send('query-api', 'GET', '/v1/transactions', { query });
  }

  getStatement(branch: string, account: string, query: StatementQuery): Promise<FlowAnswer<Statement>> {
    return this.send('query-api', 'GET', `${accountPath(branch, account)}/statement`, { query });
  }

  listDailyBalances(branch: string, account: string, query: DailyBalancesQuery): Promise<FlowAnswer<DailyBalancePage>> {
    return this.send('query-api', 'GET', `${accountPath(branch, account)}/balances`, { query });
  }

  getBalanceAtDate(branch: string, account: string, date: string): Promise<FlowAnswer<BalanceAtDate>> {
    return this.send('query-api', 'GET', `${accountPath(branch, account)}/balance`, { query: { date } });
  }

  getDailyReport(query: DailyReportQuery): Promise<FlowAnswer<DailyReportPage>> {
    return this.send('query-api', 'GET', '/v1/reports/daily', { query });
  }

  listEvents(query: EventListQuery = {}): Promise<FlowAnswer<EventPage>> {
    return this.send('query-api', 'GET', '/v1/events', { query });
  }

  createEvent(event: EventCreate): Promise<FlowAnswer<Event>> {
    return this.send('query-api', 'POST', '/v1/events', { body: event });
  }

  getEvent(code: number): Promise<FlowAnswer<Event>> {
    return this.send('query-api', 'GET', `/v1/events/${code}`);
  }

  updateEvent(code: number, change: EventUpdate): Promise<FlowAnswer<Event>> {
    return this.send('query-api', 'PATCH', `/v1/events/${code}`, { body: change });
  }

  listBranches(query: BranchListQuery = {}): Promise<FlowAnswer<BranchPage>> {
    return this.send('query-api', 'GET', '/v1/branches', { query });
  }

  registerBranch(branch: BranchCreate): Promise<FlowAnswer<Branch>> {
    return this.send('query-api', 'POST', '/v1/branches', { body: branch });
  }

  getBranch(code: string): Promise<FlowAnswer<Branch>> {
    return this.send('query-api', 'GET', `/v1/branches/${segment(code)}`);
  }

  updateBranch(code: string, change: BranchUpdate): Promise<FlowAnswer<Branch>> {
    return this.send('query-api', 'PATCH', `/v1/branches/${segment(code)}`, { body: change });
  }

  listAccounts(query: AccountListQuery = {}): Promise<FlowAnswer<AccountPage>> {
    return this.send('query-api', 'GET', '/v1/accounts', { query });
  }

  registerAccount(account: AccountCreate): Promise<FlowAnswer<Account>> {
    return this.send('query-api', 'POST', '/v1/accounts', { body: account });
  }

  getAccount(branch: string, account: string): Promise<FlowAnswer<Account>> {
    return this.send('query-api', 'GET', accountPath(branch, account));
  }

  updateAccount(branch: string, account: string, change: AccountUpdate): Promise<FlowAnswer<Account>> {
    return this.send('query-api', 'PATCH', accountPath(branch, account), { body: change });
  }

  /** What operations watch (admin scope): the outbox backlog, the last batch, the worker's readiness. */
  getOperations(): Promise<FlowAnswer<Operations>> {
    return this.send('query-api', 'GET', '/v1/operations');
  }

  /**
   * The live outcomes of the token's branches, as the server sends them (server-sent events),
   * until `signal` aborts or the server ends the stream (after 15 minutes: call again with the
   * last event's `position` as `lastEventId`). A problem answer is thrown as `FlowProblemError`.
   */
  async *streamOutcomes(options: { readonly lastEventId?: string; readonly signal?: AbortSignal } = {}): AsyncGenerator<OutcomeEvent> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${await this.#token()}`,
      accept: 'text/event-stream, application/json;q=0.1',
      ...(options.lastEventId === undefined ? {} : { 'last-event-id': options.lastEventId }),
    };
    const response = await (this.#options.fetch ?? fetch)(`${this.#baseUrl('query-api')}/v1/outcomes/stream`, {
      headers, ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    if (!response.ok || response.body === null) throw new FlowProblemError(response.status, JSON.parse(await response.text()) as Problem);
    yield* outcomeEvents(response.body);
  }

  /**
   * Any request to either API, for what the typed methods do not cover (a path the caller
   * builds itself): the body is sent as JSON, the answer read as JSON or as a problem.
   */
  async send<Body>(
    service: FlowService, method: string, path: string, request: { readonly body?: unknown; readonly query?: QueryValues } = {},
  ): Promise<FlowAnswer<Body>> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${await this.#token()}`,
      accept: 'application/json, application/problem+json',
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const response = await (this.#options.fetch ?? fetch)(`${this.#baseUrl(service)}${path}${queryString(request.query)}`, {
      method, headers, ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? null : JSON.parse(text);
    if (response.ok) return { ok: true, status: response.status, body: parsed as Body, headers: response.headers };
    return { ok: false, status: response.status, problem: parsed as Problem, headers: response.headers };
  }

  async #token(): Promise<string> {
    const { token } = this.#options;
    return typeof token === 'string' ? token : token();
  }

  #baseUrl(service: FlowService): string {
    const url = service === 'ingest' ? this.#options.ingestUrl : this.#options.queryApiUrl;
    if (url === undefined) throw new Error(`FlowClient: no ${service === 'ingest' ? 'ingestUrl' : 'queryApiUrl'} given`);
    return url.replace(/\/+$/, '');
  }
}

/**
 * Every item of a paginated list, page after page: `page(cursor)` asks for one page (the first
 * with no cursor); the walk follows `nextCursor` until it is null, and throws on a problem.
 */
export async function* everyItem<Item>(
  page: (cursor: string | undefined) => Promise<FlowAnswer<{ readonly items: readonly Item[]; readonly nextCursor: string | null }>>,
): AsyncGenerator<Item> {
  let cursor: string | undefined;
  do {
    const body = bodyOf(await page(cursor));
    yield* body.items;
    cursor = body.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/** The `data:` of each `outcome` event of a server-sent event stream, parsed. */
async function* outcomeEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<OutcomeEvent> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true });
    let end = buffered.indexOf('\n\n');
    while (end !== -1) {
      const lines = buffered.slice(0, end).split('\n');
      buffered = buffered.slice(end + 2);
      const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
      const kind = lines.find((line) => line.startsWith('event:'))?.slice(6).trim() ?? 'message';
      if (kind === 'outcome' && data !== '') yield JSON.parse(data) as OutcomeEvent;
      end = buffered.indexOf('\n\n');
    }
  }
}

function segment(value: string): string {
  return encodeURIComponent(value);
}

function accountPath(branch: string, account: string): string {
  return `/v1/accounts/${segment(branch)}/${segment(account)}`;
}

function queryString(query: QueryValues | undefined): string {
  const entries = Object.entries(query ?? {}).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([name, value]): [string, string] => [name, String(value)])).toString()}`;
}
