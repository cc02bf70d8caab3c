import fc from 'fast-check';
import { InexactNumber, numberIsExact, parseExactJson, parseExactJsonSlowly, textStorable } from './exact-json.ts';

describe('exact JSON numbers', () => {
  test.each([
    ['0', true], ['-0', true], ['1', true], ['1.0', true], ['1.50', true], ['0.1', true], ['-12.345', true],
    ['1e3', true], ['1E-3', true], ['123456789012345', true], ['9007199254740991', true], ['-9007199254740991', true],
    ['9007199254740992', true], ['9007199254740993', false], ['-9007199254740993', false], ['12345678901234567890', false],
    ['1e400', false], ['-1e400', false], ['1e-400', false], ['0.12345678901234567890', false], ['5e-324', true],
  ])('%s survives a double exactly: %s', (source, exact) => {
    expect(numberIsExact(JSON.parse(source) as number, source)).toBe(exact);
  });

  test('parseExactJson replaces only the inexact numbers, keeping their source text', () => {
    const parsed = parseExactJson('{"a":1.5,"b":[9007199254740993,2],"c":{"d":1e400},"e":"1e400"}') as Record<string, unknown>;
    expect(parsed.a).toBe(1.5);
    expect(parsed.b).toEqual([new InexactNumber('9007199254740993'), 2]);
    expect((parsed.c as Record<string, unknown>).d).toEqual(new InexactNumber('1e400'));
    expect(parsed.e).toBe('1e400');
    expect(JSON.stringify(parsed.b)).toBe('["9007199254740993",2]');
  });

  test('the plain-parse fast path answers what the reviver answers, for every kind of number literal', () => {
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
    const literal = fc.oneof(
      fc.tuple(fc.constantFrom('', '-'), digits(1, 22)).map(([sign, integer]) => `${sign}${integer.replace(/^0+(?=\d)/, '')}`),
      fc.tuple(fc.constantFrom('', '-'), digits(1, 12), digits(1, 12)).map(([sign, integer, fraction]) => `${sign}${integer.replace(/^0+(?=\d)/, '')}.${fraction}`),
      fc.tuple(digits(1, 3), fc.constantFrom('e', 'E', 'e-', 'E+'), digits(1, 3)).map(([mantissa, mark, exponent]) => `${mantissa.replace(/^0+(?=\d)/, '')}${mark}${exponent}`),
    );
    const document = fc.tuple(fc.array(literal, { maxLength: 6 }), literal, fc.constantFrom(' ', '', '\n\t'), fc.string({ maxLength: 30 }))
      .map(([list, single, space, text]) => `{"a":[${list.join(`,${space}`)}],${space}"b":${space}${single},"c":${JSON.stringify(text)},"id":"3f2504e0-4f89-11d3-9a0c-0305e82c3301"}`);
    fc.assert(fc.property(document, (text) => {
      expect(parseExactJson(text)).toEqual(parseExactJsonSlowly(text));
    }), { numRuns: 2_000 });
    expect(parseExactJson('9007199254740993')).toEqual(new InexactNumber('9007199254740993'));
    expect(parseExactJson('[ 1e400]')).toEqual([new InexactNumber('1e400')]);
  });

  test('parseExactJson parses deep nesting without overflowing the stack', () => {
    const depth = 100_000;
    const parsed = parseExactJson(`${'['.repeat(depth)}1${']'.repeat(depth)}`);
    expect(Array.isArray(parsed)).toBe(true);
  });
});

describe('storable text', () => {
  test.each([
    ['plain', true], ['Depósito à vista', true], ['line\u2028separator', true], ['emoji 💸', true], ['', true],
    ['nul \u0000 inside', false], ['\u0000', false], ['lone high \ud800', false], ['x\udc00y', false], ['reversed \udc00\ud800', false],
  ])('%j is storable: %s', (text, storable) => {
    expect(textStorable(text)).toBe(storable);
  });
});
