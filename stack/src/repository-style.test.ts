// The house style as tests, over every TypeScript source of the repository: functions stay short
// (a ratchet at 70 lines: no new long function, and none of the few left may grow), process.env
// is read only where configuration enters, libraries never write to the console, and the limits
// keep their relations to each other.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { limits } from '@flow/contracts';
import { batchPostingsMax } from '@flow/ledger-core';
import { batchStatementTimeoutMs, batchTimeoutMs } from '@flow/ledger-worker';
import ts from 'typescript';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const functionLinesMax = 70;
/** Functions longer than the bound when the ratchet was set, with their length then: they may only shrink. */
const longFunctionsAllowed: Record<string, number> = {
  // Factories whose closures share state; each is a candidate for splitting when next touched.
  'apps/ledger-worker/src/consumer/queue-consumers.ts#createQueueConsumers': 100,
  'libs/ledger-core/src/engine/apply-batch.ts#createLedgerEngine': 113,
  'stack/src/local-stack.ts#startLocalStack': 73,
};

function sources(directory = root): string[] {
  const skipped = new Set(['node_modules', '.git', '.nx', 'dist', '.flow', 'coverage']);
  return readdirSync(directory).flatMap((name) => {
    if (skipped.has(name)) return [];
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [relative(root, path)] : [];
  });
}

const production = () => sources().filter((path) => !path.endsWith('.test.ts') && !path.includes('/testing/'));

function longFunctions(path: string): { name: string; lines: number }[] {
  const text = readFileSync(join(root, path), 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      const start = file.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      const name = (node as { name?: ts.Node }).name?.getText() ?? `<anonymous>@${start + 1}`;
      if (lines > functionLinesMax) found.push({ name: `${path}#${name}`, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Where configuration enters a process, and the two places that follow a library's own convention. */
const environmentReaders = new Set([
  'apps/ingest/src/main.ts', 'apps/query-api/src/main.ts', 'apps/ledger-worker/src/main.ts', 'apps/ledger-worker/src/lambda/handler.ts',
  'apps/flow-cli/src/main.ts',
  'apps/query-api/src/start.ts', // runQueryApiFromEnvironment's default argument
  'libs/service-kit/src/aws.ts', // the AWS SDK's own AWS_ACCESS_KEY_ID convention
  'libs/service-kit/src/tracing.ts', // dd-trace reads DD_* from process.env itself
  'stack/src/start.ts', 'stack/src/token.ts', 'stack/src/callbacks.ts', 'stack/src/throughput.ts', 'stack/src/local-stack.ts',
  'infra/cloudformation/scripts/smoke-test.ts',
]);

describe('repository style', () => {
  test(`no function is longer than ${functionLinesMax} lines, beyond the ratchet's list (which may only shrink)`, () => {
    const offenders = production().flatMap(longFunctions)
      .filter(({ name, lines }) => longFunctionsAllowed[name] === undefined || lines > longFunctionsAllowed[name]!);
    expect(offenders).toEqual([]);
  });

  test('process.env is read only where configuration enters', () => {
    const readers = production().filter((path) => /\bprocess\.env\b/.test(readFileSync(join(root, path), 'utf8')));
    expect(readers.filter((path) => !environmentReaders.has(path))).toEqual([]);
  });

  test('libraries never write to the console (they log through the service logger)', () => {
    const writers = production().filter((path) => path.startsWith('libs/') && /\bconsole\.\w+\(/.test(readFileSync(join(root, path), 'utf8')));
    expect(writers).toEqual([]);
  });

  test('the limits keep their relations', () => {
    const largestPostingBytes = 600 + limits.descriptionLengthMax * 3 + limits.detailsBytesMax + limits.producerLengthMax * 3;
    expect(largestPostingBytes).toBeLessThan(limits.messageBytesMax);
    expect(limits.pageLimitDefault).toBeLessThanOrEqual(limits.pageLimitMax);
    expect(limits.errorItemsMax).toBeLessThanOrEqual(limits.requestPostingsMax);
    // One request's postings fit one engine batch, so a request is never split across two.
    expect(limits.requestPostingsMax).toBeLessThanOrEqual(batchPostingsMax);
    // The server cancels a slow batch statement before the worker's breaker gives up on it.
    expect(batchStatementTimeoutMs).toBeLessThan(batchTimeoutMs);
  });
});
