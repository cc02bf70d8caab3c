// The running-stack contract: while `npm start` runs it keeps `<data folder>/stack.json`, the
// endpoints a command next to it needs (database URL, broker endpoint and region, lake bucket,
// the apps' URLs) and its process id; it removes the file when it stops. `flow` reads it, so
// `npx flow …` beside a running stack needs no configuration. A file whose process is gone (a
// stack killed with SIGKILL) is stale and ignored. Version 1; fields are only ever added.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const runningStackFileName = 'stack.json';
export const runningStackVersion = 1;

export interface RunningStack {
  readonly version: number;
  readonly pid: number;
  readonly startedAt: string;
  /** PostgreSQL URL of the stack's database: PGlite's loopback socket, or the server it was started with. */
  readonly databaseUrl: string;
  /** The SNS/SQS/S3 endpoint (fauxqs). */
  readonly brokerEndpoint: string;
  readonly region: string;
  /** The S3 bucket of the lake (archives) on that endpoint. */
  readonly lakeBucket: string;
  readonly ingestUrl: string;
  readonly queryApiUrl: string;
  /** Null when the stack runs without its own worker (the end-to-end benchmark's worker processes). */
  readonly workerHealthUrl: string | null;
}

/** Written atomically (a temporary file renamed), mode 0600: it names the database. */
export function writeRunningStack(dataDir: string, stack: Omit<RunningStack, 'version' | 'pid' | 'startedAt'>): RunningStack {
  const written: RunningStack = { version: runningStackVersion, pid: process.pid, startedAt: new Date().toISOString(), ...stack };
  const path = join(dataDir, runningStackFileName);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(written, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  return written;
}

/** Removes the file if this process wrote it (a second stack on the same folder leaves the first's alone). */
export function removeRunningStack(dataDir: string): void {
  const current = readRunningStack(dataDir);
  if (current?.pid === process.pid) rmSync(join(dataDir, runningStackFileName), { force: true });
}

/** The running stack of this data folder, or undefined when none runs (no file, or its process is gone). */
export function readRunningStack(dataDir: string): RunningStack | undefined {
  let text: string;
  try {
    text = readFileSync(join(dataDir, runningStackFileName), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const stack = JSON.parse(text) as RunningStack;
  return processAlive(stack.pid) ? stack : undefined;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
