// The client against a real HTTP server standing in for the APIs: what it sends (method, path
// with encoded segments, query string, bearer token, JSON body, Accept) and how it reads a
// success and a problem; and that every operation of both documents has its method.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { buildOpenApiDocument } from '@flow/contracts';
import { bodyOf, everyItem, FlowClient, FlowProblemError } from './client.ts';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      if (request.url!.startsWith('/v1/transactions/missing')) {
        response.writeHead(404, { 'content-type': 'application/problem+json' });
        response.end(JSON.stringify({ type: 'https://flow.dev/problems/not_found', title: 'Not found.', status: 404, detail: 'Not found.', code: 'not_found', message: 'Not found.' }));
        return;
      }
      if (request.url === '/v1/outcomes/stream') {
        // Two events, the second split across writes, a keep-alive comment between them.
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('id: 7\nevent: outcome\ndata: {"id":"a","status":"posted"}\n\n: keep-alive\n\nid: 8\nevent: out');
        setTimeout(() => response.end('come\ndata: {"id":"b","status":"rejected"}\n\n'), 20);
        return;
      }
      const cursor = new URL(request.url!, 'http://x').searchParams.get('cursor');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(cursor === null ? { items: [1, 2], nextCursor: 'page2' } : { items: [3], nextCursor: null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  baseUrl = `http://127.0.0.1:${address.port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('a request carries the token, JSON and the encoded path and query', async () => {
  let tokens = 0;
  const client = new FlowClient({ ingestUrl: baseUrl, queryApiUrl: baseUrl, token: () => `t${++tokens}` });
  await client.getStatement('00 01', 'a/b', { from: '2026-12-01', to: '2026-12-05', limit: 10, cursor: undefined });
  await client.updateAccount('0001', '123456', { status: 'blocked' });
  expect(seen.slice(-2).map(({ method, url, body }) => [method, url, body])).toEqual([
    ['GET', '/v1/accounts/00%2001/a%2Fb/statement?from=2026-12-01&to=2026-12-05&limit=10', ''],
    ['PATCH', '/v1/accounts/0001/123456', '{"status":"blocked"}'],
  ]);
  expect(seen.at(-1)!.headers).toMatchObject({
    authorization: 'Bearer t2', 'content-type': 'application/json', accept: 'application/json, application/problem+json',
  });
});

test('a problem is answered, not thrown; bodyOf throws it', async () => {
  const client = new FlowClient({ queryApiUrl: baseUrl, token: 'secret' });
  const answer = await client.getTransaction('missing');
  expect(answer).toMatchObject({ ok: false, status: 404, problem: { code: 'not_found', type: 'https://flow.dev/problems/not_found' } });
  expect(() => bodyOf(answer)).toThrow(FlowProblemError);
  await expect(new FlowClient({ token: 'x' }).getTransaction('x')).rejects.toThrow(/no queryApiUrl/);
});

test('everyItem follows nextCursor to the last page', async () => {
  const client = new FlowClient({ queryApiUrl: baseUrl, token: 'secret' });
  const items = [];
  for await (const item of everyItem((cursor) => client.listEvents({ limit: 2, cursor }))) items.push(item);
  expect(items).toEqual([1, 2, 3]);
});

test.each(['ingest', 'query-api'] as const)('every operation of the %s document has its client method', (service) => {
  const paths = buildOpenApiDocument(service).paths as Record<string, Record<string, { operationId: string }>>;
  const operationIds = Object.values(paths).flatMap((methods) => Object.values(methods).map(({ operationId }) => operationId));
  const health = new Set(['getLiveness', 'getReadiness']);
  const missing = operationIds.filter((id) => !health.has(id) && typeof (FlowClient.prototype as unknown as Record<string, unknown>)[id] !== 'function');
  expect(missing).toEqual([]);
});

test('streamOutcomes yields each outcome event, resuming after lastEventId', async () => {
  const client = new FlowClient({ queryApiUrl: baseUrl, token: 'secret' });
  const events = [];
  for await (const event of client.streamOutcomes({ lastEventId: '6' })) events.push(event);
  expect(events).toEqual([{ id: 'a', status: 'posted' }, { id: 'b', status: 'rejected' }]);
  expect(seen.at(-1)!.headers).toMatchObject({ 'last-event-id': '6', accept: 'text/event-stream, application/json;q=0.1' });
});
