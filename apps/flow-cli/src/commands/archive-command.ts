// `flow archive` and `flow restore` (see archive.ts and restore.ts for the steps).
import type { CommandContext } from '../program.ts';

export async function archiveCommand(_context: CommandContext): Promise<number> {
  throw new Error('not yet');
}

export async function restoreCommand(_context: CommandContext): Promise<number> {
  throw new Error('not yet');
}
