// Rewrites CODES.md from the registry and appends new codes to codes.lock.json.
// Existing lock entries are never changed here: renumbering is refused by the registry test.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeNumbers, renderCodesDocument } from '../src/codes-document.ts';

const root = join(import.meta.dirname, '..');
writeFileSync(join(root, 'CODES.md'), renderCodesDocument());
const lockPath = join(root, 'src', 'codes.lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as Record<string, string>;
for (const [code, number] of Object.entries(codeNumbers())) lock[code] ??= number;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
