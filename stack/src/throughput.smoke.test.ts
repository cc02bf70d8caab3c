// `npm run bench:e2e` still runs end to end on a tiny load and writes the JSON keys the issue and
// the README name: on PGlite with the worker in the stack's process, and on PostgreSQL (when
// FLOW_TEST_DATABASE_URL is set) with two worker processes consuming the one queue. It measures
// nothing worth reading (beyond the CPU accounting adding up); it keeps the benchmark from rotting unseen.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const serverUrl = process.env.FLOW_TEST_DATABASE_URL;

const cases: [string, string, number][] = [['PGlite, worker in process', 'pglite', 1]];
if (serverUrl !== undefined && serverUrl !== '') cases.push(['PostgreSQL, two worker processes', serverUrl, 2]);

test.each(cases)('npm run bench:e2e on %s writes its figures', async (_label, database, workers) => {
  const folder = mkdtempSync(join(tmpdir(), 'flow-e2e-smoke-'));
  try {
    const jsonFile = join(folder, 'e2e.json');
    await run(process.execPath, [
      'stack/src/throughput.ts', '--postings', '400', '--request-size', '50', '--clients', '2', '--accounts', '20',
      '--database', database, '--workers', String(workers), '--json', jsonFile,
    ], { cwd: root, timeout: 100_000 });
    const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, unknown> & {
      acceptToPostedMs: Record<string, number>; halfRate: { acceptToPostedMs: Record<string, number> };
      cpuMsPerThousandPostings: Record<'engineAlone' | 'endToEnd', Record<string, number>>;
    };
    expect(report).toMatchObject({ postings: 400, workers });
    for (const key of ['postingsPerSecond', 'acceptedPerSecond', 'engineAlonePostingsPerSecond', 'ratio']) {
      expect(report[key]).toBeGreaterThan(0);
    }
    // Where the cores went, read from /proc (null elsewhere): the stack and, with worker processes,
    // the workers were seen working, and so was the engine alone.
    if (process.platform === 'linux') {
      const { engineAlone, endToEnd } = report.cpuMsPerThousandPostings;
      expect(Object.keys(endToEnd)).toEqual(['stack', 'workers', 'postgres', 'total']);
      expect(endToEnd.stack).toBeGreaterThan(0);
      if (workers > 1) expect(endToEnd.workers).toBeGreaterThan(0);
      else expect(endToEnd.workers).toBe(0);
      expect(engineAlone.total).toBeGreaterThan(0);
    }
    for (const latency of [report.acceptToPostedMs, report.halfRate.acceptToPostedMs]) {
      expect(Object.keys(latency)).toEqual(['p50', 'p90', 'p99', 'max']);
      expect(latency.max).toBeGreaterThanOrEqual(latency.p50!);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}, 120_000);
