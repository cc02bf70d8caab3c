// Every hostile case found by hand against `npm start`, by name, with the answer it must get.
// Each one once answered 500 or was accepted and then lost; the suite keeps it from coming back.
import { gzipSync } from 'node:zlib';
import type { HostileRequest, HostileTokens } from './hostile-requests.ts';

export interface NamedHostileCase {
  readonly request: HostileRequest;
  readonly status: number;
  readonly code: string;
}

const cursorOf = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');

export function namedHostileRequests(tokens: HostileTokens, today: string): NamedHostileCase[] {
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const json = { 'content-type': 'application/json', ...auth(tokens.full) };
  const posting = (extra: string) =>
    `{"branch":"0001","account":"123456","amount":"1.00","debitCredit":"C","eventCode":494,"dateRef":"${today}",${extra}}`;
  const post = (name: string, body: string | Buffer, headers: Record<string, string> = json): HostileRequest =>
    ({ name, service: 'ingest', method: 'POST', path: '/v1/transactions', headers, body });
  const get = (name: string, path: string, token = tokens.full): HostileRequest =>
    ({ name, service: 'query-api', method: 'GET', path, headers: auth(token) });
  const write = (name: string, method: 'POST' | 'PATCH', path: string, body: string): HostileRequest =>
    ({ name, service: 'query-api', method, path, headers: json, body });
  const statement = (cursor: string) => `/v1/accounts/0001/123456/statement?from=${today}&to=${today}&cursor=${encodeURIComponent(cursor)}`;
  const deep = 4_400;

  return [
    { request: post('NUL in description', posting('"description":"a\\u0000b"')), status: 400, code: 'validation_failed' },
    { request: post('NUL in a details value', posting('"details":{"v":"\\u0000"}')), status: 400, code: 'validation_failed' },
    { request: post('NUL in a details key', posting('"details":{"k\\u0000":1}')), status: 400, code: 'validation_failed' },
    { request: post('a lone high surrogate in details', posting('"details":{"v":"\\ud800"}')), status: 400, code: 'validation_failed' },
    { request: post('a lone low surrogate inside details text', posting('"details":{"v":"x\\udc00y"}')), status: 400, code: 'validation_failed' },
    { request: post('a lone surrogate in description', posting('"description":"\\ud800"')), status: 400, code: 'validation_failed' },
    { request: post('1e400 in details', posting('"details":{"n":1e400}')), status: 400, code: 'validation_failed' },
    { request: post('an integer beyond 2^53 in details', posting('"details":{"n":9007199254740993}')), status: 400, code: 'validation_failed' },
    { request: post(`details nested ${deep} levels`, posting(`"details":${'{"n":'.repeat(deep)}1${'}'.repeat(deep)}`)), status: 400, code: 'validation_failed' },
    { request: post('Content-Encoding gzip over a body that is not gzip', posting('"x":1'), { ...json, 'content-encoding': 'gzip' }), status: 400, code: 'body_encoding_invalid' },
    { request: post('a gzip bomb', gzipSync(Buffer.from(`{"d":"${'x'.repeat(4_000_000)}"}`)), { ...json, 'content-encoding': 'gzip' }), status: 413, code: 'request_too_large' },
    { request: post('a body that is not JSON', 'branch=0001', { ...json, 'content-type': 'text/plain' }), status: 415, code: 'content_type_unsupported' },
    { request: post('a posting of a branch outside the token', posting('"description":"x"').replace('"0001"', '"0002"'), { ...json, ...auth(tokens.branch0001) }), status: 403, code: 'branch_forbidden' },
    { request: post('a producer sent by the client', posting('"producer":"someone-else"')), status: 400, code: 'validation_failed' },
    { request: post('a token a year old or older', posting('"description":"x"'), { ...json, ...auth(tokens.refused[1]!) }), status: 401, code: 'unauthorized' },
    { request: post('a token living ten years (exp far ahead)', posting('"description":"x"'), { ...json, ...auth(tokens.refused[2]!) }), status: 401, code: 'unauthorized' },
    { request: get('an undecodable path parameter %ff', `/v1/accounts/%ff/000777/statement?from=${today}&to=${today}`), status: 400, code: 'path_invalid' },
    { request: get('an overlong UTF-8 path parameter %C0%AF', `/v1/accounts/%C0%AF/000777/statement?from=${today}&to=${today}`), status: 400, code: 'path_invalid' },
    { request: get('a tampered statement cursor (text seq)', statement(cursorOf(['statement', '2026-11-30', 'abc']))), status: 400, code: 'cursor_invalid' },
    { request: get('a tampered statement cursor (20-digit seq)', statement(cursorOf(['statement', '2026-11-30', '12345678901234567890']))), status: 400, code: 'cursor_invalid' },
    { request: get('a tampered balances cursor', `/v1/accounts/0001/123456/balances?from=${today}&to=${today}&cursor=${cursorOf(['balances', 'zzz'])}`), status: 400, code: 'cursor_invalid' },
    { request: get('a tampered events cursor (beyond int)', `/v1/events?cursor=${cursorOf(['events', 3_000_000_000])}`), status: 400, code: 'cursor_invalid' },
    { request: get('NUL in a cursor', statement(cursorOf(['statement', '2026-11-30\u0000', '1']))), status: 400, code: 'cursor_invalid' },
    { request: get('a statement of a branch outside the token', `/v1/accounts/0002/000777/statement?from=${today}&to=${today}`, tokens.branch0001), status: 403, code: 'branch_forbidden' },
    { request: write('NUL in an event description (POST)', 'POST', '/v1/events', '{"code":777001,"description":"a\\u0000b","allowDebit":true,"allowCredit":true}'), status: 400, code: 'validation_failed' },
    { request: write('NUL in an event description (PATCH)', 'PATCH', '/v1/events/494', '{"description":"\\u0000"}'), status: 400, code: 'validation_failed' },
    { request: write('NUL in a holder name (POST)', 'POST', '/v1/accounts', '{"branch":"0009","account":"NUL1","status":"active","holderName":"Jo\\u0000"}'), status: 400, code: 'validation_failed' },
    { request: write('NUL in a holder name (PATCH)', 'PATCH', '/v1/accounts/0001/123456', '{"holderName":"\\u0000"}'), status: 400, code: 'validation_failed' },
    { request: write('a lone surrogate in a holder name', 'PATCH', '/v1/accounts/0001/123456', '{"holderName":"\\ud800"}'), status: 400, code: 'validation_failed' },
  ];
}
