// A TCP port free on loopback right now, for a test that must name its ports up front (a child
// process such as `npm start`, a private PostgreSQL server). Another process could take it before
// the test binds it; on a test machine that race is rare enough.
import { createServer } from 'node:net';

export async function freePortOnLoopback(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
