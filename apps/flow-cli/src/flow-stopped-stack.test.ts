// `flow` with the embedded stack stopped: it opens the data folder itself (PGlite, migrated as
// `npm start` would, and fauxqs from its store on a free loopback port) and leaves it closed for
// the next `npm start`. And the bin itself: `npx flow --help` runs under the workspace's Node 24.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Writable } from 'node:stream';
import { runFlow } from './program.ts';

const repositoryRoot = join(import.meta.dirname, '..', '..', '..');

async function flow(dataDir: string, ...args: string[]): Promise<{ exitCode: number; stdout: string }> {
  const chunks: string[] = [];
  const stdout = new Writable({ write(chunk, _encoding, done) {
    chunks.push(String(chunk));
    done();
  } });
  const stderr = new Writable({ write(_chunk, _encoding, done) {
    done();
  } });
  const exitCode = await runFlow(args, { FLOW_DATA_DIR: dataDir, FLOW_LOG_LEVEL: 'error' }, { stdout, stderr });
  return { exitCode, stdout: chunks.join('') };
}

describe('flow with the stack stopped', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'flow-stopped-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('reconcile on a fresh data folder migrates it and reports clean (exit 0)', async () => {
    const run = await flow(dataDir, 'reconcile', '--json');
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ differences: [], run: { status: 'clean', accountsChecked: 0 } });
    expect(existsSync(join(dataDir, 'pglite'))).toBe(true);
    // The run was recorded in the folder's database: a second run is the next id.
    const again = JSON.parse((await flow(dataDir, 'reconcile', '--json')).stdout) as { run: { runId: string } };
    expect(again.run.runId).toBe('2');
  });

  test('broker init and dlq list work on the folder\'s own fauxqs', async () => {
    expect((await flow(dataDir, 'broker', 'init')).exitCode).toBe(0);
    const second = JSON.parse((await flow(dataDir, 'broker', 'init', '--json')).stdout) as { created: string[] };
    expect(second.created).toEqual([]);
    const listed = JSON.parse((await flow(dataDir, 'dlq', 'list', '--json')).stdout) as { visible: number };
    expect(listed.visible).toBe(0);
    expect(existsSync(join(dataDir, 'broker'))).toBe(true);
  });

  test('token prints a JWT for the folder\'s secret; migrate finds the schema current', async () => {
    expect((await flow(dataDir, 'token')).stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(JSON.parse((await flow(dataDir, 'migrate', '--json')).stdout)).toMatchObject({ applied: [] });
  });
});

describe('the flow bin', () => {
  test('npx flow --help and a command\'s --help exit 0 under the workspace\'s Node', async () => {
    const run = promisify(execFile);
    const help = await run('npx', ['--no-install', 'flow', '--help'], { cwd: repositoryRoot });
    expect(help.stdout).toContain('Usage: flow');
    const reconcileHelp = await run('npx', ['--no-install', 'flow', 'reconcile', '--help'], { cwd: repositoryRoot });
    expect(reconcileHelp.stdout).toContain('--branch <branch>');
    await expect(run('npx', ['--no-install', 'flow', 'no-such-command'], { cwd: repositoryRoot })).rejects.toMatchObject({ code: 2 });
  });
});
