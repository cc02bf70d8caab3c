// Which code the figures are of: the commit, and any uncommitted change to the measured libraries.
// Figures of a working tree with local edits to the engine are not figures of the commit, and a
// run says so instead of letting them pass as such.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const repositoryRoot = join(import.meta.dirname, '..');
const measuredPaths = ['libs/ledger-core', 'libs/contracts'];

export interface SourceState {
  /** Short commit hash, or null outside a git checkout. */
  readonly commit: string | null;
  /** Changed, added or deleted files under the measured libraries (git status --porcelain lines). */
  readonly uncommitted: readonly string[];
}

function git(args: readonly string[]): string | null {
  try {
    return execFileSync('git', ['-C', repositoryRoot, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

export function readSourceState(): SourceState {
  const commit = git(['rev-parse', '--short', 'HEAD'])?.trim() ?? null;
  const status = git(['status', '--porcelain', '--', ...measuredPaths]) ?? '';
  return { commit, uncommitted: status.split('\n').filter((line) => line.trim() !== '') };
}

export function describeSourceState(state: SourceState): string {
  const commit = state.commit === null ? 'no git commit' : `commit ${state.commit}`;
  if (state.uncommitted.length === 0) return `code: ${commit}, ${measuredPaths.join(' and ')} as committed`;
  return `code: ${commit} WITH UNCOMMITTED CHANGES in ${measuredPaths.join(' / ')} (the figures are of the working tree):\n`
    + state.uncommitted.map((line) => `  ${line}`).join('\n');
}
