// Generated bad requests for the hostile-input suite: seeded (the same seed gives the same
// requests), each one a mistake or an attack a real client could send to ingest or query-api —
// broken bodies, encodings, paths, parameters, cursors and tokens. Every one must earn a 4xx JSON
// error with a registered code, and none may publish or store anything.
import { gzipSync } from 'node:zlib';
import { parseExactJson, validatePostingDraft } from '@flow/contracts';
import { seededRandom } from '@flow/service-kit/testing';

export interface HostileRequest {
  readonly name: string;
  readonly service: 'ingest' | 'query-api';
  readonly method: 'GET' | 'POST' | 'PATCH';
  /** Path and query, raw: sent byte for byte, percent-encodings included. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Buffer;
}

export interface HostileTokens {
  /** Every scope, every branch. */
  readonly full: string;
  /** flow:read and flow:post on branch 0001 only. */
  readonly branch0001: string;
  /** flow:read only. */
  readonly readOnly: string;
  /** Signed with another secret, expired, lifetimes too long, iat ahead: each must be refused. */
  readonly refused: readonly string[];
}

const validPosting = (dateRef: string) => ({
  branch: '0001', account: '123456', amount: '10.00', debitCredit: 'C', eventCode: 494, dateRef,
});

/** Raw JSON fragments no valid posting field accepts (escapes and numbers kept as written). */
const badValues = [
  '"a\\u0000b"', '"\\ud800"', '"x\\udc00y"', '1e400', '-1e400', '9007199254740993', '12345678901234567890', 'null', 'true',
  '[]', '{}', '""', '"   "', '-1', '0', '"0.00"', '"-5.00"', '"1.001"', '"1e3"', '"NaN"', '"99999999999999.00"', '1.5',
  '"😀"', '"2026-02-30"', '"2026-13-01"', '"20261201"', `"${'x'.repeat(300)}"`, '"D C"', '"d"', '999999999', '-0',
];
const postingFields = ['branch', 'account', 'amount', 'debitCredit', 'eventCode', 'dateRef', 'id', 'traceKey', 'description'];
/** `details` values PostgreSQL would refuse or change. */
const badDetails = [
  '{"note":"\\u0000"}', '{"k\\u0000":1}', '{"x":"\\ud800"}', '{"n":1e400}', '{"n":9007199254740993}', '{"n":0.12345678901234567890}',
  '[1,2]', '"text"', `{"big":"${'x'.repeat(5_000)}"}`,
];
/** Bodies that are not a posting request at all. */
const badBodies = [
  '', '{', '{"branch":', 'null', '[]', '"posting"', '42', '{"transactions":[]}', '{"transactions":{}}',
  '{"transactions":[1,2,3]}', '{"transactions":[],"extra":1}', '\u0000', '{"a":1}{"b":2}', 'tr\u00fce', '\ufeff{}',
];
const badPathSegments = ['%ff', '%C0%AF', '%E0%A4%A', '%', '%zz', 'a%00b', '..%2F..%2Fetc', 'x'.repeat(40), '%F0%9F%98%80', 'ab$', '0001%20'];
const badDates = ['2026-02-30', 'yesterday', '2026-1-1', '0000-01-01', '2026-12-04T00:00:00Z', '%00'];
// An empty parameter counts as absent (documented), so it is not among the bad ones.
const badLimits = ['0', '-1', '501', '1.5', 'ten', '99999999999'];

export function hostileRequests(seed: number, count: number, tokens: HostileTokens, today: string): HostileRequest[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const makers: (() => HostileRequest)[] = [
    () => postingWith(pick(postingFields), pick(badValues)),
    () => postingWith('details', pick(badDetails)),
    () => postingWith(`x${Math.floor(random() * 1_000)}`, '1'),
    () => withoutField(pick(postingFields.slice(0, 6))),
    () => ingest('a body that is not a posting request', pick(badBodies)),
    () => ingest('a posting of another branch', JSON.stringify({ ...validPosting(today), branch: '0002' }), tokens.branch0001),
    () => ingest('a token without flow:post', JSON.stringify(validPosting(today)), tokens.readOnly),
    () => ingest('a refused token', JSON.stringify(validPosting(today)), pick(tokens.refused)),
    () => ingest('no token', JSON.stringify(validPosting(today)), null),
    () => ingest('a wrong content type', JSON.stringify(validPosting(today)), tokens.full, { 'content-type': pick(['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) }),
    () => ingest('gzip that is not gzip', JSON.stringify(validPosting(today)), tokens.full, { 'content-encoding': 'gzip' }),
    () => ingest('an unknown encoding', JSON.stringify(validPosting(today)), tokens.full, { 'content-encoding': pick(['zstd-x', 'compress', 'gzip, gzip, br']) }),
    () => ingest('a gzip bomb', gzipSync(Buffer.from(`{"description":"${'x'.repeat(2_000_000)}"}`)), tokens.full, { 'content-encoding': 'gzip' }),
    () => ingest('too many postings', JSON.stringify({ transactions: Array(1_001).fill(validPosting(today)) })),
    () => deepDetails(50 + Math.floor(random() * 6_000)),
    () => query(`/v1/accounts/${pick(badPathSegments)}/123456/statement?from=${today}&to=${today}`),
    () => query(`/v1/accounts/0001/${pick(badPathSegments)}/balances?from=${today}&to=${today}`),
    () => query(`/v1/transactions/${pick(badPathSegments)}`),
    () => query(`/v1/accounts/0001/123456/statement?from=${pick(badDates)}&to=${today}`),
    () => query(`/v1/accounts/0001/123456/balance?date=${pick(badDates)}`),
    () => query(`/v1/transactions?limit=${pick(badLimits)}`),
    () => query(`/v1/transactions?branch=0001&branch=0002`),
    () => query(`/v1/transactions?${pick(['unknown=1', 'eventCode=abc', 'traceKey=nope', 'account=a$b', `producer=${'p'.repeat(201)}`])}`),
    () => query(`/v1/reports/daily?date=${pick(badDates)}`),
    () => query(`/v1/accounts/0001/123456/statement?from=${today}&to=${today}&cursor=${encodeURIComponent(tamperedCursor(random))}`),
    () => query(`/v1/transactions?cursor=${encodeURIComponent(tamperedCursor(random))}`),
    () => query(`/v1/accounts/0002/000777/statement?from=${today}&to=${today}`, tokens.branch0001),
    () => query(`/v1/reports/daily?date=${today}&branch=0002`, tokens.branch0001),
    () => query(`/v1/transactions`, pick(tokens.refused)),
    () => query(`/v1/events`, tokens.branch0001),
    () => catalog('POST', '/v1/events', `{"code":${700_000 + Math.floor(random() * 1_000)},"description":${pick(['"a\\u0000b"', '"\\ud800"', '7', `"${'d'.repeat(300)}"`])},"allowDebit":true,"allowCredit":true}`),
    () => catalog('POST', '/v1/accounts', `{"branch":"0009","account":"H${Math.floor(random() * 1_000)}","status":"active","holderName":${pick(['"Jo\\u0000ão"', '"\\udc00"', '[]'])}}`),
    () => catalog('PATCH', '/v1/accounts/0001/123456', `{"holderName":${pick(['"x\\u0000"', '"\\ud83d"', '{}'])}}`),
    () => catalog('PATCH', '/v1/events/494', `{"description":${pick(['"\\u0000"', '"\\ud800x"', '12'])}}`),
    () => catalog('POST', '/v1/events', pick(badBodies.filter((body) => body !== '' && !body.startsWith('{"transactions')))),
  ];
  const requests: HostileRequest[] = [];
  while (requests.length < count) {
    const candidate = pick(makers)();
    // A mutation can land on a valid posting (branch "d" is a branch): only refused ones count.
    if (!postsSomething(candidate, tokens)) requests.push(candidate);
  }
  return requests;

  function ingest(name: string, body: string | Buffer, token: string | null = tokens.full, headers: Record<string, string> = {}): HostileRequest {
    return {
      name, service: 'ingest', method: 'POST', path: '/v1/transactions', body,
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers },
    };
  }
  function postingWith(field: string, rawValue: string): HostileRequest {
    const base = JSON.stringify({ ...validPosting(today), [field]: undefined }).slice(0, -1);
    const single = `${base},"${field}":${rawValue}}`;
    const batched = random() < 0.5 ? single : `{"transactions":[${JSON.stringify(validPosting(today))},${single}]}`;
    return ingest(`posting field ${field} = ${rawValue.slice(0, 40)}`, batched);
  }
  function withoutField(field: string): HostileRequest {
    const posting: Record<string, unknown> = { ...validPosting(today) };
    delete posting[field];
    return ingest(`posting without ${field}`, JSON.stringify(posting));
  }
  function deepDetails(depth: number): HostileRequest {
    const base = JSON.stringify(validPosting(today)).slice(0, -1);
    return ingest(`details nested ${depth} deep`, `${base},"details":${'{"n":'.repeat(depth)}1${'}'.repeat(depth)}}`);
  }
  function query(path: string, token: string | null = tokens.full): HostileRequest {
    return { name: `GET ${path.slice(0, 80)}`, service: 'query-api', method: 'GET', path, headers: token === null ? {} : { authorization: `Bearer ${token}` } };
  }
  function catalog(method: 'POST' | 'PATCH', path: string, body: string): HostileRequest {
    return {
      name: `${method} ${path} ${body.slice(0, 60)}`, service: 'query-api', method, path, body,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.full}` },
    };
  }
}

/** True when ingest's own contract would accept this body as it stands (so it is not hostile). */
function postsSomething(request: HostileRequest, tokens: HostileTokens): boolean {
  if (request.service !== 'ingest' || typeof request.body !== 'string' || request.headers['content-encoding'] !== undefined) return false;
  const everyBranch = request.headers.authorization === `Bearer ${tokens.full}`;
  const onlyBranch0001 = request.headers.authorization === `Bearer ${tokens.branch0001}`;
  if (request.headers['content-type'] !== 'application/json' || !(everyBranch || onlyBranch0001)) return false;
  let parsed: unknown;
  try {
    parsed = parseExactJson(request.body);
  } catch {
    return false;
  }
  const items = typeof parsed === 'object' && parsed !== null && 'transactions' in parsed
    ? (parsed as { transactions: unknown }).transactions : [parsed];
  if (!Array.isArray(items) || items.length === 0 || items.length > 1_000) return false;
  if (!items.every((item) => validatePostingDraft(item).ok)) return false;
  return everyBranch || items.every((item) => (item as { branch: string }).branch === '0001');
}

/** Cursors a client could forge: unsigned, tampered, of another query, with bad positions, NUL. */
export function tamperedCursor(random: () => number): string {
  const forged = [
    ['statement', '2026-11-30', 'abc'], ['statement', '2026-11-30', '123456789012345678901'], ['balances', 'zzz'],
    ['events', 3_000_000_000], ['transactions', '2026-11-30\u0000', '1'], ['report', '\u0000'], ['statement'], 'x', null,
  ];
  const payload = forged[Math.floor(random() * forged.length)];
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const variants = [encoded, `${encoded}.${'A'.repeat(43)}`, 'not a cursor', '%%%', 'A'.repeat(600), `${encoded}.`];
  return variants[Math.floor(random() * variants.length)]!;
}
