// The benchmark still runs, end to end, on a tiny workload: every scenario on PGlite, and the
// JSON keys other tools read (scenario, appliers, ratioToLimit, scaleOut, drive.postingsPerSecond,
// location) are there. It measures nothing worth reading; it keeps `npm run bench` from rotting
// unseen when the schema or the engine's statements change (a column added to flow.transaction
// once broke the limit scenario's copy of the insert).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');

interface ScenarioJson {
  scenario: string;
  appliers: number;
  ratioToLimit: number | null;
  scaleOut: number | null;
  reconciliationClean: boolean | null;
  location: string | null;
  drive: { postingsPerSecond: number };
}

test('npm run bench runs every scenario on PGlite and writes the stable JSON keys', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'flow-bench-smoke-'));
  try {
    const jsonFile = join(folder, 'run.json');
    await run(process.execPath, [
      'bench/run.ts', '--database-url', 'pglite', '--postings', '300', '--batch-size', '100', '--appliers', '1,2',
      '--accounts', '50', '--realistic-accounts', '500', '--scenarios', 'a,b,c,d', '--no-explain', '--json', jsonFile,
    ], { cwd: root, timeout: 100_000 });
    const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as { scaleOut: { b: number | null }; scenarios: ScenarioJson[] };
    const keys = report.scenarios.map((figure) => `${figure.scenario}${figure.appliers}`);
    expect(keys).toEqual(['a1', 'b1', 'c1', 'd1', 'a2', 'b2', 'c2', 'd2']);
    for (const figure of report.scenarios) {
      expect(figure.drive.postingsPerSecond).toBeGreaterThan(0);
      expect(figure).toHaveProperty('location');
      expect(figure.scaleOut).toBeGreaterThan(0);
      if (figure.scenario === 'a') expect(figure.reconciliationClean).toBeNull();
      else {
        expect(figure.reconciliationClean).toBe(true);
        expect(figure.ratioToLimit).toBeGreaterThan(0);
      }
    }
    expect(report.scaleOut.b).toBeGreaterThan(0);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}, 120_000);

test('npm run bench --routing shard gives each applier one account shard and still applies every posting once', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'flow-bench-smoke-'));
  try {
    const jsonFile = join(folder, 'routed.json');
    await run(process.execPath, [
      'bench/run.ts', '--database-url', 'pglite', '--postings', '300', '--batch-size', '100', '--appliers', '1,2', '--routing', 'shard',
      '--accounts', '50', '--scenarios', 'a,b', '--no-explain', '--json', jsonFile,
    ], { cwd: root, timeout: 100_000 });
    const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as {
      parameters: { routing: string }; scenarios: (ScenarioJson & { drive: { postings: number } })[];
    };
    expect(report.parameters.routing).toBe('shard');
    const routed = report.scenarios.find((figure) => figure.scenario === 'b' && figure.appliers === 2)!;
    // The scenario's own check counted every transaction once; the shard queues hold every posting.
    expect(routed.reconciliationClean).toBe(true);
    expect(routed.drive.postings).toBe(300);
    expect(routed.location).toBeNull();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}, 120_000);
