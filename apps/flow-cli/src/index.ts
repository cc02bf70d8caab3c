// @flow/cli: the `flow` operations command. The embedded stack imports its scheduled chores.
export { runFlow, exitCodes } from './program.ts';
export { ensureBucket } from './commands/broker-init.ts';
