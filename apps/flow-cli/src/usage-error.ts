// A bad argument of a `flow` command: exit status 2 with its message, and no stack trace.
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
