// Both OpenAPI documents pass Redocly CLI's `recommended` ruleset (redocly.yaml at the root says
// which rules depart from it, and why) with no error and no warning. The documents are built
// from the contracts, written to a temporary folder and linted by the CLI itself, offline.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildOpenApiDocument, type OpenApiService } from './document.ts';

const repositoryRoot = join(import.meta.dirname, '..', '..', '..', '..');
const redoclyCli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');

interface LintProblem {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly location?: readonly { readonly pointer?: string }[];
}

async function lint(service: OpenApiService): Promise<{ totals: { errors: number; warnings: number }; problems: LintProblem[] }> {
  const folder = mkdtempSync(join(tmpdir(), 'flow-openapi-'));
  try {
    const file = join(folder, `${service}.json`);
    writeFileSync(file, JSON.stringify(buildOpenApiDocument(service), null, 2));
    const args = [redoclyCli, 'lint', file, '--config', join(repositoryRoot, 'redocly.yaml'), '--format', 'json'];
    const environment = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    // The CLI exits 1 when it finds errors; its JSON report says what they are either way.
    const { stdout } = await promisify(execFile)(process.execPath, args, { env: environment, cwd: repositoryRoot, maxBuffer: 16 * 1024 * 1024 })
      .catch((failure: { stdout?: string }) => ({ stdout: failure.stdout ?? '' }));
    return JSON.parse(stdout.slice(stdout.indexOf('{'))) as { totals: { errors: number; warnings: number }; problems: LintProblem[] };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

test.each(['ingest', 'query-api'] as const)('the %s document passes Redocly recommended with no error and no warning', async (service) => {
  const report = await lint(service);
  const described = report.problems.map(({ ruleId, severity, message, location }) => `${severity} ${ruleId} at ${location?.[0]?.pointer ?? '?'}: ${message}`);
  expect(described).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
}, 60_000);
