// The embedded secret and cursor key now live in @flow/service-kit/embedded (the `flow` command reads them too).
export { cursorKeyFileName, readOrCreateSecret, secretFileName } from '@flow/service-kit/embedded';
