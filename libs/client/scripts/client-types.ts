// Renders the TypeScript types of one OpenAPI document with openapi-typescript, from the document
// the service serves (built from libs/contracts): `npm run client:types` writes them to
// src/generated/, and types.test.ts compares the committed files with this rendering, so the
// client's types can never drift from the API.
import { buildOpenApiDocument, type OpenApiService } from '@flow/contracts';
import openapiTS, { astToString } from 'openapi-typescript';

export const clientTypeFiles: Readonly<Record<OpenApiService, string>> = {
  ingest: 'ingest.ts',
  'query-api': 'query-api.ts',
};

export async function renderClientTypes(service: OpenApiService): Promise<string> {
  const document = buildOpenApiDocument(service);
  // defaultNonNullable off: a request field with a default (an event's `active`) stays optional.
  const options = { exportType: false, alphabetize: false, defaultNonNullable: false };
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)) as Parameters<typeof openapiTS>[0], options);
  const header = [
    `// Generated from the ${service} OpenAPI document (libs/contracts/src/openapi) by \`npm run client:types\`;`,
    '// do not edit by hand (types.test.ts fails when it drifts).',
    '',
  ].join('\n');
  return `${header}${astToString(ast)}`;
}
