// `flow migrate`: the numbered migrations, applied as the worker and `npm start` apply them.
import { migrate } from '@flow/ledger-core';
import type { CommandContext } from '../program.ts';
import { openDatabaseTarget } from '../targets.ts';

export async function migrateCommand(context: CommandContext): Promise<number> {
  const target = await openDatabaseTarget(context.config);
  try {
    const applied = await migrate(target.database);
    if (applied.length > 0) context.output.logger.info('migrations_applied', { migrations: applied, database: target.describe });
    context.output.report({ database: target.describe, applied },
      applied.length === 0 ? `${target.describe}: the schema is current` : `${target.describe}: applied ${applied.join(', ')}`);
    return 0;
  } finally {
    await target.close();
  }
}
