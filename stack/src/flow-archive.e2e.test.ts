// The archive round trip beside a running stack, on PGlite and PostgreSQL: archive a past month
// → reconcile (still exact, from the checkpoints) → statements (410 range_archived for the
// archived month, exact balances after it) → an id of the month still answers, marked archived
// → an independent Parquet reader reads the lake's objects and their sums match the manifest
// → restore → reconcile → the month's statement answers again. And the refusals: a month inside
// the retro window (exit 2), a month that does not reconcile (exit 1, nothing touched).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { addDays, businessDate, createLedgerEngine, ledgerRules } from '@flow/ledger-core';
import { databaseTargets, makePosting, type TestDatabase } from '@flow/ledger-core/testing';
import type { Environment } from '@flow/service-kit';
import { demoBranch, demoEventCode } from './demo-catalog.ts';
import { freePortsOnLoopback, startLocalStack, type LocalStack } from './local-stack.ts';
import { call, tokenFor } from './testing/e2e-client.ts';
import { flow } from './testing/flow-cli.ts';
import { sumWithIndependentReader } from './testing/parquet-reader.ts';

const today = businessDate(new Date(), 'America/Sao_Paulo');
/** The first day of the month `back` months before today's. */
function monthStart(back: number): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1 - back, 1)).toISOString().slice(0, 10);
}
const archived = monthStart(3);
const archivedLabel = archived.slice(0, 7);
const after = monthStart(2);
const account = 'ARC1';
const other = 'ARC2';

interface Manifest {
  rowCount: number;
  objects: { key: string; rows: number; sha256: string }[];
  sums: { branch: string; account: string; debitCredit: string; amount: string; count: number }[];
}

describe.each(databaseTargets())('flow archive and restore beside a running stack on $name', (target) => {
  let dataDir: string;
  let testDatabase: TestDatabase | undefined;
  let stack: LocalStack;
  let token: string;
  let environment: Environment;
  let archivedIds: string[];
  let archivedPostings: ReturnType<typeof makePosting>[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flow-archive-'));
    testDatabase = target.name === 'postgres' ? await target.create() : undefined;
    stack = await startLocalStack({
      dataDir, ...freePortsOnLoopback, seedDemo: true, ...(testDatabase === undefined ? {} : { database: testDatabase.database }),
      environment: { FLOW_LOG_LEVEL: 'warn' },
    });
    token = await tokenFor(stack);
    environment = { FLOW_DATA_DIR: dataDir, ...(testDatabase?.url ? { FLOW_DATABASE_URL: testDatabase.url } : {}) };
    // The past months, posted as the engine would have posted them then.
    const engineAt = (day: string) => createLedgerEngine({
      database: stack.database, rules: ledgerRules({ autoOpenAccounts: true }), now: () => new Date(`${day}T15:00:00Z`),
    });
    const entry = (fields: { account: string; dateRef: string; amount: string; debitCredit: 'D' | 'C' }) =>
      makePosting({ branch: demoBranch, eventCode: demoEventCode, ...fields });
    const month = [
      entry({ account, dateRef: addDays(archived, 9), amount: '100.00', debitCredit: 'C' }),
      entry({ account, dateRef: addDays(archived, 10), amount: '30.00', debitCredit: 'D' }),
      entry({ account: other, dateRef: addDays(archived, 10), amount: '7.25', debitCredit: 'C' }),
    ];
    archivedIds = month.map((posting) => posting.id);
    archivedPostings = month;
    await engineAt(addDays(archived, 10)).applyBatch(month);
    await engineAt(addDays(after, 4)).applyBatch([entry({ account, dateRef: addDays(after, 4), amount: '5.00', debitCredit: 'C' })]);
  });

  afterAll(async () => {
    await stack?.stop();
    await testDatabase?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const statement = (from: string, to: string) =>
    call(`${stack.queryApiUrl}/v1/accounts/${demoBranch}/${account}/statement?from=${from}&to=${to}`, token);

  test('a month inside the retro window is refused (exit 2)', async () => {
    expect((await flow(environment, 'archive', '--month', today.slice(0, 7))).exitCode).toBe(2);
    expect((await flow(environment, 'archive', '--month', '2026-13')).exitCode).toBe(2);
  });

  test('a month that does not reconcile is refused (exit 1) and stays attached', async () => {
    const corrupt = (delta: string) => stack.database.query(
      `update flow.balance set total_debit = total_debit + ${delta} where branch = $1 and account = $2 and date_ref = $3`,
      [demoBranch, account, addDays(archived, 10)]);
    await corrupt('1');
    try {
      const refused = await flow(environment, 'archive', '--month', archivedLabel, '--json');
      expect(refused.exitCode).toBe(1);
      expect(refused.json()).toMatchObject({ archived: false, reconciliation: { differences: 1 } });
      expect((await statement(archived, addDays(archived, 27))).status).toBe(200);
    } finally {
      await corrupt('-1');
    }
  });

  test('archive → reconcile → statements → lake read independently → restore → reconcile', async () => {
    const archivedRun = await flow(environment, 'archive', '--month', archivedLabel, '--json');
    expect(archivedRun.exitCode).toBe(0);
    const report = archivedRun.json<{ location: string; checkpoints: number; manifest: Manifest }>();
    expect(report.location).toBe(`s3://flow-lake/ledger/${archivedLabel}/`);
    expect(report.checkpoints).toBe(2);
    expect(report.manifest.rowCount).toBe(3);
    expect(report.manifest.sums).toEqual([
      { branch: demoBranch, account, debitCredit: 'C', amount: '100.00', count: 1 },
      { branch: demoBranch, account, debitCredit: 'D', amount: '30.00', count: 1 },
      { branch: demoBranch, account: other, debitCredit: 'C', amount: '7.25', count: 1 },
    ]);
    expect((await flow(environment, 'reconcile')).exitCode).toBe(0);

    const gone = await statement(archived, addDays(archived, 27));
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({ code: 'range_archived' });
    expect(JSON.stringify(gone.body)).toContain(report.location);
    expect((await call(`${stack.queryApiUrl}/v1/transactions?branch=${demoBranch}`, token)).status).toBe(410);
    const later = await statement(addDays(after, 4), addDays(after, 4));
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ openingBalance: '70.00', closingBalance: '75.00' });
    const byId = await call(`${stack.queryApiUrl}/v1/transactions/${archivedIds[0]}`, token);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: archivedIds[0], status: 'posted', archived: { month: archivedLabel, location: report.location } });
    // I1: a re-sent id of the archived month keeps its one outcome (a replay), and nothing is written again.
    const resent = await createLedgerEngine({ database: stack.database, rules: ledgerRules({ autoOpenAccounts: true }) })
      .applyBatch([archivedPostings[0]!]);
    expect(resent.outcomes[0]).toMatchObject({ id: archivedIds[0], status: 'posted' });
    expect((await flow(environment, 'reconcile')).exitCode).toBe(0);

    const s3 = new S3Client({ endpoint: stack.broker.endpoint, region: stack.broker.region, forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      const objects = await Promise.all(report.manifest.objects.map(async (object) =>
        (await s3.send(new GetObjectCommand({ Bucket: 'flow-lake', Key: object.key }))).Body!.transformToByteArray()));
      const independent = await sumWithIndependentReader(objects);
      expect(independent.rows).toBe(report.manifest.rowCount);
      expect(independent.cents).toEqual(Object.fromEntries(report.manifest.sums.map((sum) =>
        [`${sum.branch}/${sum.account}/${sum.debitCredit}`, String(BigInt(sum.amount.replace('.', '')))])));
    } finally {
      s3.destroy();
    }

    const restored = await flow(environment, 'restore', '--month', archivedLabel, '--json');
    expect(restored.exitCode).toBe(0);
    expect(restored.json()).toMatchObject({ rowCount: 3, verified: true });
    expect((await flow(environment, 'reconcile')).exitCode).toBe(0);
    const back = await statement(archived, addDays(archived, 27));
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ openingBalance: '0.00', closingBalance: '70.00' });
    expect((back.body as { lines: unknown[] }).lines).toHaveLength(2);
    expect((await flow(environment, 'restore', '--month', archivedLabel)).exitCode).toBe(2);

    // The schedule's form: every month before the last two, oldest first — here the same month again.
    const scheduled = await flow(environment, 'archive', '--keep-months', '2', '--json');
    expect(scheduled.exitCode).toBe(0);
    expect(scheduled.json()).toMatchObject({ month: archivedLabel, manifest: { rowCount: 3 } });
    expect((await statement(archived, addDays(archived, 27))).status).toBe(410);
    expect((await flow(environment, 'reconcile')).exitCode).toBe(0);
  });
});
