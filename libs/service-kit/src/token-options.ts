// The options of `npm run token` and `flow token`, checked: comma-separated branch codes (or `*`) and scopes.
import { branchPattern } from '@flow/contracts';
import { allBranches, scopes, type Scope } from './auth.ts';

export type TokenOptions =
  | { readonly ok: true; readonly request: { scopes: Scope[]; branches: string[]; subject?: string } }
  | { readonly ok: false; readonly problem: string };

export function parseTokenOptions(values: { branches?: string; scopes?: string; subject?: string }): TokenOptions {
  const branches = listOf(values.branches) ?? [allBranches];
  const badBranch = branches.find((branch) => branch !== allBranches && !branchPattern.test(branch));
  if (badBranch !== undefined) return { ok: false, problem: `--branches: "${badBranch}" is not a branch code (or "*")` };
  const requested = listOf(values.scopes) ?? [...scopes];
  const badScope = requested.find((scope) => !(scopes as readonly string[]).includes(scope));
  if (badScope !== undefined) return { ok: false, problem: `--scopes: "${badScope}" is not one of ${scopes.join(', ')}` };
  const subject = values.subject?.trim();
  return { ok: true, request: { scopes: requested as Scope[], branches, ...(subject ? { subject } : {}) } };
}

function listOf(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}
