// Every rejection code the ledger can answer has the user's words in both of the console's
// languages, and no text names a code the registry does not have.
import { rejectionCodes } from '@flow/contracts';

// A browser module with no type declarations: typed here by what the test reads.
const modulePath: string = '../web/reasons.js';
const { reasonTexts } = await import(modulePath) as { reasonTexts: Record<string, Record<string, string>> };

describe('the console names every rejection reason', () => {
  const registry = Object.keys(rejectionCodes).sort();

  test.each(Object.keys(reasonTexts))('in %s', (language) => {
    const texts = reasonTexts[language]!;
    expect(Object.keys(texts).sort()).toEqual(registry);
    for (const text of Object.values(texts)) expect(text.trim().length).toBeGreaterThan(3);
  });

  test('in exactly pt-BR and English', () => {
    expect(Object.keys(reasonTexts).sort()).toEqual(['en', 'pt-BR']);
  });
});
