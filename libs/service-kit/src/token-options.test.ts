import { parseTokenOptions } from './token-options.ts';

describe('npm run token options', () => {
  test('by default: every scope and every branch', () => {
    expect(parseTokenOptions({})).toEqual({ ok: true, request: { scopes: ['flow:post', 'flow:read', 'flow:admin'], branches: ['*'] } });
  });

  test('--branches and --scopes narrow the token', () => {
    expect(parseTokenOptions({ branches: '0001, 0002', scopes: 'flow:read,flow:post', subject: 'caixa-01' })).toEqual({
      ok: true, request: { scopes: ['flow:read', 'flow:post'], branches: ['0001', '0002'], subject: 'caixa-01' },
    });
  });

  test.each([
    [{ branches: '0001,00-2' }, '--branches: "00-2" is not a branch code (or "*")'],
    [{ scopes: 'flow:read,flow:write' }, '--scopes: "flow:write" is not one of flow:post, flow:read, flow:admin'],
  ])('%j is refused: %s', (values, problem) => {
    expect(parseTokenOptions(values)).toEqual({ ok: false, problem });
  });
});
