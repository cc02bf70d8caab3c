// Renders the code registry as the Markdown page operators and API consumers read
// (libs/contracts/CODES.md). A test compares the committed page with this rendering, so the page
// can never drift from the registry; `npm run codes:doc` rewrites it after a registry change.
import { apiErrorCodes, authFailureReasons, logCodes, rejectionCodes, validationCodes, type CodeDefinition } from './codes.ts';

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
    '## Posting validation errors (HTTP 400 `validation_failed`, per item and field)',
    '',
    table(validationCodes),
    '',
    '## API errors (`{ code, message, details? }`)',
    '',
    '| code | number | HTTP | message |',
    '| --- | --- | --- | --- |',
    ...Object.entries(apiErrorCodes).map(
      ([code, definition]) => `| \`${code}\` | ${definition.number} | ${definition.httpStatus} | ${definition.message} |`,
    ),
    '',
    '### Why a token was refused (`details.reason` of 401 `unauthorized`)',
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
