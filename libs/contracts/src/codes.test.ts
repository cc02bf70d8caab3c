// The code registry stays in step with its lock file, its document and its own numbering rules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiErrorCodes, logCodes, rejectionCodes, validationCodes } from './codes.ts';
import { codeNumbers, renderCodesDocument } from './codes-document.ts';
import codesLock from './codes.lock.json' with { type: 'json' };

const contractsRoot = join(import.meta.dirname, '..');

describe('code registry', () => {
  test('CODES.md is the rendering of the registry (run `npm run codes:doc` after a change)', () => {
    expect(readFileSync(join(contractsRoot, 'CODES.md'), 'utf8')).toBe(renderCodesDocument());
  });

  test('no code ever issued is renumbered or removed (codes.lock.json)', () => {
    const current = codeNumbers();
    for (const [code, number] of Object.entries(codesLock as Record<string, string>)) {
      expect({ code, number: current[code] }).toEqual({ code, number });
    }
    expect(Object.keys(current).sort()).toEqual(Object.keys(codesLock).sort());
  });

  test.each([
    ['V', validationCodes],
    ['R', rejectionCodes],
    ['E', apiErrorCodes],
    ['L', logCodes],
  ] as const)('numbers of family %s are unique, in sequence and carry the family letter', (letter, registry) => {
    const numbers = Object.values(registry).map((definition) => definition.number);
    expect(numbers).toEqual(numbers.map((_, index) => `${letter}${String(index + 1).padStart(3, '0')}`));
  });

  test('code names are snake_case and unique across families', () => {
    const names = [
      ...Object.keys(validationCodes),
      ...Object.keys(rejectionCodes),
      ...Object.keys(apiErrorCodes),
      ...Object.keys(logCodes),
    ];
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });
});
