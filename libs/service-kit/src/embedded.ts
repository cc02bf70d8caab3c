// The embedded stack's local chores shared by `npm start`, `npm run token` and the `flow` command:
// its HS256 secret and cursor key in the data folder, and the options of a local token.
export { cursorKeyFileName, readOrCreateSecret, secretFileName } from './local-secret.ts';
export { parseTokenOptions, type TokenOptions } from './token-options.ts';
export {
  readRunningStack, removeRunningStack, runningStackFileName, runningStackVersion, writeRunningStack, type RunningStack,
} from './running-stack.ts';
