// Lambda loads handlers from .js/.mjs only; Node 24 strips the types of the .ts it imports.
export { handler } from './apps/ledger-worker/src/lambda.ts';
