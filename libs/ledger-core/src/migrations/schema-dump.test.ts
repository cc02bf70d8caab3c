// The committed schema.txt is the schema the migrations build, on PGlite and on PostgreSQL: a
// migration without its regenerated dump fails here (run `npm run schema:dump` and commit the
// diff), so every schema change is reviewed as a readable diff.
import { readFileSync } from 'node:fs';
import { databaseTargets, type TestDatabase } from '../testing/index.ts';
import { dumpSchema, schemaDumpPath } from './schema-dump.ts';

describe.each(databaseTargets())('the schema dump on $name', (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await target.create();
  });
  afterAll(() => db.drop());

  test('matches libs/ledger-core/schema.txt (npm run schema:dump rewrites it)', async () => {
    expect(await dumpSchema(db.database)).toBe(readFileSync(schemaDumpPath, 'utf8'));
  });

  test('shows what a reviewer must see: the tables, the security-definer function, the grants', async () => {
    const dump = await dumpSchema(db.database);
    expect(dump).toContain('table flow.transaction (partitioned)');
    expect(dump).not.toMatch(/table flow\.transaction_\d{4}_\d{2}/);
    expect(dump).toMatch(/function flow\.ensure_transaction_partitions\(months date\[\]\) returns integer security definer/);
    expect(dump).toContain('grant SELECT on flow.balance to flow_reader');
  });
});
