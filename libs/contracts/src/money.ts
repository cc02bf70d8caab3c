// Money crosses every boundary as a decimal string ("123.45") and is computed as bigint cents.
// Never a JavaScript number: 0.1 + 0.2 is not a ledger operation.

const canonicalAmountPattern = /^-?\d+\.\d{2}$/;

/** Cents of a decimal string with exactly two decimals, as written by `formatCents`/PostgreSQL. */
export function parseCents(decimal: string): bigint {
  if (!canonicalAmountPattern.test(decimal)) {
    throw new Error(`not a two-decimal amount: ${JSON.stringify(decimal)}`);
  }
  const negative = decimal.startsWith('-');
  const digits = (negative ? decimal.slice(1) : decimal).replace('.', '');
  const cents = BigInt(digits);
  return negative ? -cents : cents;
}

/** The decimal string of a cent amount, always with two decimals: 1234n → "12.34". */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, '0');
  const text = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return negative ? `-${text}` : text;
}
