// Rewrites libs/ledger-core/schema.txt from a freshly migrated in-memory PGlite (`npm run
// schema:dump`), after a migration is added; commit the file with the migration.
import { writeFileSync } from 'node:fs';
import { openPglite } from '../src/database/pglite-adapter.ts';
import { migrate } from '../src/migrations/migrator.ts';
import { dumpSchema, schemaDumpPath } from '../src/migrations/schema-dump.ts';

const database = await openPglite();
try {
  await migrate(database);
  writeFileSync(schemaDumpPath, await dumpSchema(database));
} finally {
  await database.close();
}
