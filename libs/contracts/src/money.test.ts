import { formatCents, parseCents } from './money.ts';

describe('money', () => {
  test.each([
    ['0.01', 1n],
    ['8.00', 800n],
    ['-2.00', -200n],
    ['-0.05', -5n],
    ['9999999999999.99', 999999999999999n],
    ['123456789012345678.90', 12345678901234567890n],
  ])('%s is %s cents and back', (text, cents) => {
    expect(parseCents(text)).toBe(cents);
    expect(formatCents(cents)).toBe(text);
  });

  test('formats zero and sub-unit amounts with a leading zero', () => {
    expect(formatCents(0n)).toBe('0.00');
    expect(formatCents(7n)).toBe('0.07');
  });

  test.each(['1', '1.0', '1.000', '', 'abc', '1,00'])('refuses %j, which is not two-decimal', (text) => {
    expect(() => parseCents(text)).toThrow('not a two-decimal amount');
  });
});
