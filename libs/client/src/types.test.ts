// The client's generated types are the rendering of today's OpenAPI documents: a change to the
// API (a route, a field, a registry code) fails here until `npm run client:types` is run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientTypeFiles, renderClientTypes } from '../scripts/client-types.ts';

test.each(Object.entries(clientTypeFiles))('src/generated types of %s match its OpenAPI document (run `npm run client:types`)', async (service, file) => {
  const committed = readFileSync(join(import.meta.dirname, 'generated', file), 'utf8');
  expect(committed).toBe(await renderClientTypes(service as keyof typeof clientTypeFiles));
});
