// PGlite on a loopback TCP port, speaking the PostgreSQL wire protocol (@electric-sql/pglite-socket),
// so that while the embedded stack runs — PGlite lives inside its process, with one connection —
// `flow` commands and `psql` reach its database: postgres://postgres@127.0.0.1:<port>/postgres.
// Socket sessions take turns with the stack's own callers through the adapter's session lock: a
// socket message takes the lock unless its session already holds it, and gives it back once the
// session is outside a transaction again, so a socket client's transaction never interleaves
// with a worker batch (nor the other way round).
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Database } from './port.ts';
import { pgliteSessionOf, type SessionLock } from './pglite-adapter.ts';

export interface PgliteSocket {
  /** postgres://postgres@host:port/postgres */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Concurrent socket connections (a command's pool plus a psql or two); they queue per message. */
const socketConnectionsMax = 16;

/** True for a database openPglite opened itself (a wrapper around one, e.g. a test's faulty database, is not). */
export function servesPgliteSocket(database: Database): boolean {
  return pgliteSessionOf(database) !== undefined;
}

export async function startPgliteSocket(database: Database, options: { host?: string; port?: number } = {}): Promise<PgliteSocket> {
  const session = pgliteSessionOf(database);
  if (session === undefined) throw new Error('startPgliteSocket needs a database opened by openPglite');
  const host = options.host ?? '127.0.0.1';
  const server = new PGLiteSocketServer({
    db: sharingSession(session.pglite, session.lock), host, port: options.port ?? 0, maxConnections: socketConnectionsMax,
  });
  await server.start();
  // getServerConn() is "host:port", with the port the system gave when 0 was asked.
  const port = Number(server.getServerConn().split(':').at(-1));
  return { url: `postgres://postgres@${host}:${port}/postgres`, port, stop: () => server.stop() };
}

/**
 * Message types that leave the extended-query protocol mid-sequence (Parse, Bind, Describe,
 * Execute, Close, Flush) or a COPY in flight: the session keeps the lock until its Sync.
 */
const midSequenceTypes = new Set(['P', 'B', 'D', 'E', 'C', 'H', 'd', 'c', 'f'].map((type) => type.charCodeAt(0)));

/**
 * The PGlite the socket server sees: the same instance, each exclusive run taking the session
 * lock first (outside PGlite's own query mutex, the order in-process callers take them too, so
 * the two cannot deadlock) and giving it back when the session is between statements and
 * outside any transaction.
 */
function sharingSession(pglite: PGlite, lock: SessionLock): PGlite {
  let release: (() => void) | undefined;
  let lastType = 0;
  const holding = async <T>(work: () => Promise<T>): Promise<T> => {
    release ??= await lock.acquire();
    try {
      return await work();
    } finally {
      if (!midSequenceTypes.has(lastType) && !pglite.isInTransaction()) {
        const ending = release;
        release = undefined;
        ending?.();
      }
    }
  };
  return new Proxy(pglite, {
    get(target, property) {
      if (property === 'runExclusive') return <T>(work: () => Promise<T>) => holding(() => target.runExclusive(work));
      if (property === 'exec') return (text: string) => holding(() => (lastType = 0, target.exec(text)));
      if (property === 'execProtocolRawStream') {
        return (message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) => {
          lastType = message[0] ?? 0;
          return target.execProtocolRawStream(message, options);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
