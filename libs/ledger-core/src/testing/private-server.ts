// A PostgreSQL server of a test's own, for what the shared server cannot show: a streaming
// replica (pg_basebackup -R, apply delay on demand) and password checks (the shared server trusts
// every local login). Built from the local binaries (`pg_config --bindir`) in a temporary folder on
// a free loopback port; PostgreSQL refuses to run as root, so as root the binaries run as the
// `postgres` OS user through `runuser` (in an sbin folder, often off a CI PATH). Test-only.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePortOnLoopback } from './free-port.ts';

export interface ServerBinaries {
  readonly bindir: string;
  /** `runuser` when this process is root (the server binaries then run as `postgres`); else null. */
  readonly runuser: string | null;
}

/**
 * The binaries a private server needs, or why there are none (a sentence for the suite's skip
 * title: the suite skips only where they are absent).
 */
export function privateServerBinaries(): ServerBinaries | string {
  const found = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const bindir = found.status === 0 ? found.stdout.trim() : '';
  if (bindir === '' || !existsSync(join(bindir, 'initdb')) || !existsSync(join(bindir, 'pg_basebackup'))) {
    return 'no PostgreSQL server binaries (pg_config --bindir has no initdb and pg_basebackup)';
  }
  if (userInfo().uid !== 0) return { bindir, runuser: null };
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((path) => existsSync(path));
  if (runuser === undefined) return 'running as root without runuser (PostgreSQL refuses root)';
  return { bindir, runuser };
}

export interface PrivateServer {
  readonly port: number;
  /** `postgres://user[:password]@127.0.0.1:port/database`, the superuser and `postgres` by default. */
  url(database?: string, user?: string, password?: string): string;
  /** Stops the server at once and removes its folder. Idempotent. */
  stop(): void;
}

export interface PrivateServerOptions {
  /** `trust` (the default) or `scram-sha-256`: then every login, the superuser's too, needs its password. */
  readonly auth?: 'trust' | 'scram-sha-256';
  /** The superuser's password (`postgres`), required with scram-sha-256. */
  readonly superuserPassword?: string;
}

export const superuserName = 'postgres';

/** initdb + pg_ctl start in a fresh folder on a free port. */
export async function startPrivateServer(binaries: ServerBinaries, options: PrivateServerOptions = {}): Promise<PrivateServer> {
  const folder = ownedFolder(binaries, 'flow-server-');
  const data = join(folder, 'data');
  const args = ['-D', data, '-U', superuserName, '--no-sync', '-A', options.auth ?? 'trust'];
  if (options.superuserPassword !== undefined) {
    const passwordFile = join(folder, 'password');
    writeFileSync(passwordFile, options.superuserPassword);
    chownToServer(binaries, passwordFile);
    args.push(`--pwfile=${passwordFile}`);
  }
  runServerBinary(binaries, 'initdb', args);
  return startCluster(binaries, folder, options.superuserPassword);
}

/**
 * A streaming replica of `primary` (trust auth): pg_basebackup -R, started on a port of its own.
 * `applyDelayMs` sets `recovery_min_apply_delay`, so the replica receives the primary's log at once
 * but replays each commit that much later: the lag a consumer races against, made visible.
 */
export async function startStreamingReplica(binaries: ServerBinaries, primary: PrivateServer, applyDelayMs = 0): Promise<PrivateServer> {
  const folder = ownedFolder(binaries, 'flow-replica-');
  const data = join(folder, 'data');
  runServerBinary(binaries, 'pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', superuserName, '-D', data, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync']);
  if (applyDelayMs > 0) appendFileSync(join(data, 'postgresql.auto.conf'), `recovery_min_apply_delay = '${applyDelayMs}ms'\n`);
  return startCluster(binaries, folder, undefined);
}

async function startCluster(binaries: ServerBinaries, folder: string, password: string | undefined): Promise<PrivateServer> {
  const data = join(folder, 'data');
  const port = await freePortOnLoopback();
  runServerBinary(binaries, 'pg_ctl', ['-D', data, '-w', '-l', join(folder, 'log'), '-o', `-p ${port} -k ${folder} -h 127.0.0.1 -F`, 'start']);
  let stopped = false;
  return {
    port,
    url: (database = 'postgres', user = superuserName, userPassword = password) =>
      `postgres://${encodeURIComponent(user)}${userPassword === undefined ? '' : `:${encodeURIComponent(userPassword)}`}@127.0.0.1:${port}/${database}`,
    stop() {
      if (stopped) return;
      stopped = true;
      runServerBinary(binaries, 'pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A temporary folder the server's user owns. */
function ownedFolder(binaries: ServerBinaries, prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  chownToServer(binaries, folder);
  return folder;
}

function chownToServer(binaries: ServerBinaries, path: string): void {
  if (binaries.runuser === null) return;
  const id = (flag: string) => Number(execFileSync('id', [flag, superuserName]).toString());
  chownSync(path, id('-u'), id('-g'));
}

function runServerBinary(binaries: ServerBinaries, binary: string, args: readonly string[]): void {
  const path = join(binaries.bindir, binary);
  if (binaries.runuser === null) execFileSync(path, args, { stdio: 'pipe' });
  else execFileSync(binaries.runuser, ['-u', superuserName, '--', path, ...args], { stdio: 'pipe' });
}
