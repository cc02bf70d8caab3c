// Renders the code registry as the Markdown page operators and API consumers read
// (libs/contracts/CODES.md). A test compares the committed page with this rendering, so the page
// can never drift from the registry; `npm run codes:doc` rewrites it after a registry change.
import { apiErrorCodes, authFailureReasons, logCodes, rejectionCodes, validationCodes, type CodeDefinition } from './codes.ts';
import { errorItemsMax } from './limits.ts';
import { problemContentType, problemInstancePrefix, problemType, problemTypeBase } from './problems.ts';

export function renderCodesDocument(): string {
  return [
    '# Flow codes',
    '',
    'Generated from `libs/contracts/src/codes.ts` by `npm run codes:doc`; do not edit by hand.',
    'Names say which rule was broken; numbers are for monitoring and are never renumbered or reused.',
    '',
    '## Posting rejections (outcome `rejected`, field `reason`)',
    '',
    table(rejectionCodes),
    '',
    '## Field and parameter errors (`code` of each `errors[]` entry of a 400 problem)',
    '',
    'Each entry is `{ pointer, code, message }`: `pointer` is an RFC 6901 JSON Pointer into the body',
    '(`/transactions/3/amount`, `/amount` for a single posting, empty for the whole body) or, for a query',
    'or path parameter, into the parameters seen as `{ "query": {...}, "path": {...} }` (`/query/limit`,',
    '`/path/branch`). `branch_forbidden` (below) also appears as an entry, pointing at a posting\'s `branch`.',
    '',
    table(validationCodes),
    '',
    `## API errors (RFC 9457 problem details, \`${problemContentType}\`)`,
    '',
    `Every error is \`{ type, title, status, detail, instance, code, message }\`, plus \`errors\` and \`errorsTotal\``,
    `for field and parameter problems (the first ${errorItemsMax} entries, \`errorsTotal\` counts them all) and \`details\``,
    `for what else the occurrence carries. \`type\` is \`${problemTypeBase}<code>\`, an identifier of the code`,
    `(documented here, not fetched); \`instance\` is \`${problemInstancePrefix}<x-request-id>\`; \`code\` and \`message\``,
    'are the registry\'s, as in the first `{ code, message, details }` answers.',
    '',
    '| code | number | HTTP | type | message |',
    '| --- | --- | --- | --- | --- |',
    ...Object.entries(apiErrorCodes).map(
      ([code, definition]) =>
        `| \`${code}\` | ${definition.number} | ${definition.httpStatus} | \`${problemType(code as keyof typeof apiErrorCodes)}\` | ${definition.message} |`,
    ),
    '',
    '### Why a token was refused (`details.reason` of the 401 `unauthorized` problem)',
    '',
    '| reason | meaning |',
    '| --- | --- |',
    ...Object.entries(authFailureReasons).map(([reason, meaning]) => `| \`${reason}\` | ${meaning} |`),
    '',
    '## Log messages (`code` and `number` of every JSON log line)',
    '',
    table(logCodes),
    '',
  ].join('\n');
}

function table(registry: Readonly<Record<string, CodeDefinition>>): string {
  const rows = Object.entries(registry).map(
    ([code, definition]) => `| \`${code}\` | ${definition.number} | ${definition.message} |`,
  );
  return ['| code | number | message |', '| --- | --- | --- |', ...rows].join('\n');
}

/** Every code with its number, as pinned in codes.lock.json. */
export function codeNumbers(): Record<string, string> {
  const all = { ...validationCodes, ...rejectionCodes, ...apiErrorCodes, ...logCodes };
  return Object.fromEntries(Object.entries(all).map(([code, definition]) => [code, definition.number]));
}
