// An independent Parquet reader for the archive tests, run as its own Node process: @dsnp/parquetjs,
// another implementation than the writer's (hyparquet-writer) and the archive's reader (hyparquet),
// so a file only Flow could read fails here. (Its thrift dependency require()s an ES module, which
// jest's module system refuses; plain Node loads it.) Prints {"rows":N,"cents":{"branch/account/side":"cents"}}.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const parquet = createRequire(import.meta.url)('@dsnp/parquetjs');
const cents = new Map();
let rows = 0;
for (const path of process.argv.slice(2)) {
  const reader = await parquet.ParquetReader.openBuffer(readFileSync(path));
  const cursor = reader.getCursor([['branch'], ['account'], ['debit_credit'], ['amount_cents']]);
  for (let record = await cursor.next(); record !== null; record = await cursor.next()) {
    const key = `${record.branch}/${record.account}/${record.debit_credit}`;
    cents.set(key, (cents.get(key) ?? 0n) + BigInt(record.amount_cents));
    rows += 1;
  }
  await reader.close();
}
process.stdout.write(JSON.stringify({ rows, cents: Object.fromEntries([...cents].map(([key, value]) => [key, String(value)])) }));
