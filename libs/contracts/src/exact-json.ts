// JSON that PostgreSQL stores exactly as the client sent it. JavaScript parses every JSON number
// into a binary double, so `1e400` becomes Infinity (stored as null) and 9007199254740993 becomes
// 9007199254740992 before any validator sees them. `parseExactJson` reads each number's source
// text (JSON.parse source text access, Node 24) and replaces a number the double does not hold
// exactly by an `InexactNumber`, which the posting contract refuses with `details_number_inexact`.
// Text is checked too: PostgreSQL's text and jsonb refuse NUL (U+0000) and unpaired UTF-16
// surrogates (or silently replace them), so `textStorable` says whether a string survives.

/** A JSON number whose value a double cannot hold exactly; `source` is its text as sent. */
export class InexactNumber {
  readonly source: string;
  constructor(source: string) {
    this.source = source;
  }
  /** Serialized as its source text in a string, so an error body can quote it. */
  toJSON(): string {
    return this.source;
  }
}

interface ReviverContext {
  readonly source?: string;
}

/** `JSON.parse(text, exactJsonReviver)`; also usable as body-parser's `reviver` option. */
export function exactJsonReviver(this: unknown, _key: string, value: unknown, context?: ReviverContext): unknown {
  if (typeof value !== 'number' || context?.source === undefined) return value;
  return numberIsExact(value, context.source) ? value : new InexactNumber(context.source);
}

/**
 * A number token that might not survive a double: one with an exponent, or with 16 or more digits
 * and points, where JSON puts numbers (at the start, or after `:`, `,` or `[` and whitespace). It
 * matches inside strings too, which only costs the slow path. Where none matches, every number
 * has at most 15 significant digits and no exponent, which a double always holds exactly.
 */
const possiblyInexactNumber = /(?:^|[:,[])\s*-?(?:\d[\d.]{15}|\d[\d.]*[eE])/;

/** Exactly what `parseExactJson` answers, the slow way: the reviver sees every value. */
export function parseExactJsonSlowly(text: string): unknown {
  try {
    return JSON.parse(text, exactJsonReviver);
  } catch (error) {
    if (error instanceof RangeError) return JSON.parse(text);
    throw error;
  }
}

/**
 * Parses JSON text; numbers that would not survive exactly become `InexactNumber`s. A text with
 * no number that could be inexact (nearly every posting) is parsed by plain JSON.parse: the
 * reviver's walk costs ~7× the parse (a 100-posting message: 850 against 130 µs). JSON.parse
 * walks a reviver recursively, so a document nested a few thousand levels deep overflows the
 * stack there: such a document is parsed again without the reviver (parsing itself is
 * iterative). That loses no check: no field of the posting contract accepts nesting that deep
 * (`details` stops at `detailsDepthMax`), so the document is refused whatever its numbers are.
 * A syntax error throws a SyntaxError, as JSON.parse does.
 */
export function parseExactJson(text: string): unknown {
  return possiblyInexactNumber.test(text) ? parseExactJsonSlowly(text) : JSON.parse(text);
}

/** True when `value` (parsed from `source`) is the very decimal number `source` writes. */
export function numberIsExact(value: number, source: string): boolean {
  if (!Number.isFinite(value)) return false;
  return decimalKey(source) === decimalKey(String(value));
}

/** A canonical form of a decimal literal: sign, significant digits, exponent of the last digit. */
function decimalKey(literal: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (match === null) return `?${literal}`;
  const [, sign, integer, fraction = '', exponent = '0'] = match;
  let digits = (integer! + fraction).replace(/^0+/, '');
  if (digits === '') return '0';
  let scale = Number(exponent) - fraction.length;
  const trailing = /0*$/.exec(digits)![0].length;
  digits = digits.slice(0, digits.length - trailing);
  scale += trailing;
  return `${sign}${digits}e${scale}`;
}

/** True when PostgreSQL stores the string unchanged: no NUL and no unpaired surrogate. */
export function textStorable(value: string): boolean {
  return !value.includes('\u0000') && value.isWellFormed();
}
