// The image build files keep the rules of issue 4: multi-stage, Node 24 slim, production
// dependencies only, a non-root user, a health check, and an ignore file beside each Dockerfile.
// No Docker engine here, so these read the files; the pipeline's build stage builds them.
import { readdirSync } from 'node:fs';
import { yamlParse } from 'yaml-cfn';
import { infraRoot, readText } from './load.ts';
import { promotionRefusal, summarize } from './evidence.ts';

const apps = ['ingest', 'query-api', 'ledger-worker'];

/** The rules each Dockerfile must keep, as patterns over its text. */
const dockerfileRules: [string, RegExp][] = [
  ['builds from Node 24 slim', /^ARG NODE_IMAGE=node:24-slim$/m],
  ['has a dependencies stage', /^FROM \$\{NODE_IMAGE\} AS dependencies$/m],
  ['installs production dependencies only', /npm ci --omit=dev --workspace apps\/[a-z-]+ --include-workspace-root/],
  ['copies only node_modules out of the install stage', /^COPY --from=dependencies \/app\/node_modules /m],
  ['runs as the unprivileged node user', /^USER node$/m],
  ['checks its health', /^HEALTHCHECK .*\n\s+CMD .*\/health\/live/m],
];

function dockerfileViolations(text: string, app: string): string[] {
  const violations = dockerfileRules.filter(([, pattern]) => !pattern.test(text)).map(([rule]) => rule);
  if (!text.includes(`CMD ["node", "apps/${app}/src/main.ts"]`)) violations.push('starts its own main.ts');
  // The runtime stage (the last one for ECS) must not be the one with the toolchain's cache.
  if (/^USER root$/m.test(text)) violations.push('switches back to root');
  return violations;
}

test.each(apps)('%s Dockerfile keeps the image rules', (app) => {
  expect(dockerfileViolations(readText(`docker/${app}.Dockerfile`), app)).toEqual([]);
});

test('every Dockerfile has the same ignore file beside it, excluding secrets, tests and node_modules', () => {
  const ignoreFiles = readdirSync(`${infraRoot}/docker`).filter((name) => name.endsWith('.Dockerfile.dockerignore'));
  expect(ignoreFiles.sort()).toEqual(apps.map((app) => `${app}.Dockerfile.dockerignore`).sort());
  const texts = ignoreFiles.map((name) => readText(`docker/${name}`));
  expect(new Set(texts).size).toBe(1);
  for (const line of ['**/node_modules', '**/*.test.ts', '**/.env*', '.git']) expect(texts[0]!.split('\n')).toContain(line);
});

test('the rules catch a root image, dev dependencies and a missing health check', () => {
  const text = readText('docker/ingest.Dockerfile')
    .replace('USER node', 'USER root')
    .replace('--omit=dev ', '')
    .replace(/^HEALTHCHECK[^]*?\n(?=CMD)/m, '');
  expect(dockerfileViolations(text, 'ingest')).toEqual([
    'installs production dependencies only',
    'runs as the unprivileged node user',
    'checks its health',
    'switches back to root',
  ]);
});

test.each(['build', 'test', 'deploy', 'verify'])('buildspec %s parses and is version 0.2', (name) => {
  expect(yamlParse(readText(`buildspecs/${name}.yml`)).version).toBe(0.2);
});

describe('test evidence gates a promotion', () => {
  const commit = 'c0ffee';
  const report = { numTotalTests: 120, numPassedTests: 120, numFailedTests: 0, numPendingTests: 0 };
  const at = new Date('2025-01-02T03:04:05Z');
  test('all passed for this commit: promote', () => {
    expect(promotionRefusal(summarize(report, 'test', commit, at), commit)).toBeUndefined();
  });
  test.each([
    ['a failure', { ...report, numPassedTests: 119, numFailedTests: 1 }, commit, '119 of 120 tests passed (1 failed, 0 skipped)'],
    ['a skipped test', { ...report, numPassedTests: 119, numPendingTests: 1 }, commit, '119 of 120 tests passed (0 failed, 1 skipped)'],
    ['no test at all', { ...report, numTotalTests: 0, numPassedTests: 0 }, commit, 'no test ran'],
    ['evidence of another commit', report, 'deadbeef', 'evidence is for c0ffee, not deadbeef'],
  ])('%s: refuse', (_case, given, promoted, refusal) => {
    expect(promotionRefusal(summarize(given, 'test', commit, at), promoted)).toBe(refusal);
  });
});
