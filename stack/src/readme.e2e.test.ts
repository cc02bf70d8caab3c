// The doc-test: the README code blocks that talk to the running stack are run, as written, in
// bash against a real `npm start` (a child process, its own data folder and free ports; the
// blocks' 127.0.0.1:808x and :809x addresses are pointed at those ports, nothing else is changed). Every
// HTTP answer they get must be a success (2xx), or a 404 for a lookup of an example id; an
// example that rots (a date outside the retro window, a wrong event code, a field renamed)
// fails here. The blocks picked are every `sh` block of README.md, README.pt-BR.md and the
// apps' READMEs that calls curl on the stack (`127.0.0.1:8081`, `:8082`, `:8083`, `:8091`, `:8092`, or `$FLOW`), with
// `$TOKEN` and `$ADMIN` a token of every scope and `$FLOW` the query API, as those READMEs say.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { waitFor } from '@flow/service-kit/testing';
import { npmStartEnvironment, type NpmStartPorts } from './testing/npm-start-environment.ts';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const documents = ['README.md', 'README.pt-BR.md', 'apps/ingest/README.md', 'apps/query-api/README.md'];
const statusMarker = '@@status=';

interface Example {
  readonly document: string;
  readonly line: number;
  readonly script: string;
}

/** The `sh` blocks that call curl on the stack, with the line each starts at. */
function stackExamples(document: string, text: string): Example[] {
  const examples: Example[] = [];
  for (const match of text.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    const script = match[1]!;
    if (!/\bcurl\b/.test(script) || !/127\.0\.0\.1:(808[123]|809[12])|\$FLOW\b/.test(script)) continue;
    // A block that starts an app of its own (`node apps/…/main.ts`) is about running it alone.
    if (/\bnode apps\//.test(script)) continue;
    examples.push({ document, line: text.slice(0, match.index).split('\n').length, script });
  }
  return examples;
}

const examples = documents.flatMap((document) => stackExamples(document, readFileSync(join(repositoryRoot, document), 'utf8')));

describe('the README examples against npm start', () => {
  let child: ChildProcess;
  let dataDir: string;
  let ports: NpmStartPorts;
  let environment: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flow-readme-'));
    ({ ports, environment } = await npmStartEnvironment(dataDir));
    child = spawn('npm', ['start'], { cwd: repositoryRoot, env: environment, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${output}`);
      return output.includes('Ctrl-C');
    }, 90_000, 100);
  }, 120_000);

  afterAll(async () => {
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGINT');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  test('there are examples to run: the quick start, ingest\'s and the query API\'s', () => {
    expect(examples.map((example) => example.document)).toEqual(expect.arrayContaining(documents));
  });

  // The issue-13 promise: beside a running `npm start`, `npx flow reconcile` needs nothing but the
  // data folder (stack.json, then PGlite's socket) and prints a clean report, exit 0.
  test('npx flow reconcile beside npm start prints a clean report and exits 0', async () => {
    const { stdout } = await promisify(execFile)('npx', ['--no-install', 'flow', 'reconcile'], { cwd: repositoryRoot, env: environment, timeout: 60_000 });
    expect(stdout).toMatch(/^clean: \d+ account\(s\) checked on postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres/);
  }, 90_000);

  test.each(examples.map((example) => [`${example.document}:${example.line}`, example] as const))('%s', async (_where, example) => {
    const script = [
      'set -euo pipefail',
      // Every curl of the example reports its status on a line of its own.
      `curl() { command curl -sS -w '\\n${statusMarker}%{http_code}\\n' "$@"; }`,
      'TOKEN=$(npm run token --silent)',
      'ADMIN=$TOKEN',
      `FLOW=http://127.0.0.1:${ports.query}`,
      example.script
        .replaceAll('127.0.0.1:8081', `127.0.0.1:${ports.ingest}`)
        .replaceAll('127.0.0.1:8082', `127.0.0.1:${ports.query}`)
        .replaceAll('127.0.0.1:8083', `127.0.0.1:${ports.health}`)
        .replaceAll('127.0.0.1:8091', `127.0.0.1:${ports.ingestMetrics}`)
        .replaceAll('127.0.0.1:8092', `127.0.0.1:${ports.queryMetrics}`),
    ].join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-c', script], { cwd: repositoryRoot, env: environment, timeout: 60_000 });
    const statuses = stdout.split('\n').filter((line) => line.startsWith(statusMarker)).map((line) => Number(line.slice(statusMarker.length)));
    expect(statuses.length).toBeGreaterThan(0);
    const failed = statuses.filter((status) => !(status >= 200 && status < 300) && status !== 404);
    expect({ failed, stdout }).toEqual({ failed: [], stdout: expect.any(String) });
  }, 90_000);
});
