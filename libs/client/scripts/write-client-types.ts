// Rewrites src/generated/ from the OpenAPI documents (run after a change to libs/contracts/src/openapi).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientTypeFiles, renderClientTypes } from './client-types.ts';

const folder = join(import.meta.dirname, '..', 'src', 'generated');
for (const [service, file] of Object.entries(clientTypeFiles)) {
  writeFileSync(join(folder, file), await renderClientTypes(service as keyof typeof clientTypeFiles));
}
