// Configuration parsing: every bad variable reported at once by name, bounds refused rather
// than clamped, defaults for absent values, and a deeply frozen result.
import { ConfigError, configReader } from './config.ts';

describe('config reader', () => {
  test('every bad variable is reported in one error, by name', () => {
    const reader = configReader({ FLOW_PORT: '80a', FLOW_FLAG: 'yes', FLOW_MODE: 'fast', FLOW_URL: 'not a url' });
    reader.integer('FLOW_PORT', 8081, { min: 0, max: 65_535 });
    reader.boolean('FLOW_FLAG', false);
    reader.oneOf('FLOW_MODE', ['slow', 'safe'], 'safe');
    reader.url('FLOW_URL');
    reader.optionalText('FLOW_REQUIRED', true);
    let error: unknown;
    try {
      reader.finish('test', {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'FLOW_PORT must be an integer from 0 to 65535, got "80a"',
      'FLOW_FLAG must be true or false, got "yes"',
      'FLOW_MODE must be one of slow, safe, got "fast"',
      'FLOW_URL must be a URL, got "not a url"',
      'FLOW_REQUIRED is required',
    ]);
  });

  test('integers outside their bounds are refused, not clamped', () => {
    const reader = configReader({ FLOW_SIZE: '0' });
    expect(reader.integer('FLOW_SIZE', 5, { min: 1, max: 10 })).toBe(5);
    expect(() => reader.finish('test', {})).toThrow('FLOW_SIZE must be an integer from 1 to 10, got "0"');
  });

  test('absent and empty variables take the default; the result is deeply frozen', () => {
    const reader = configReader({ FLOW_EMPTY: '  ', FLOW_ON: 'true', FLOW_COUNT: '12' });
    const config = reader.finish('test', {
      empty: reader.text('FLOW_EMPTY', 'fallback'),
      on: reader.boolean('FLOW_ON', false),
      nested: { count: reader.integer('FLOW_COUNT', 1, { min: 1, max: 100 }) },
    });
    expect(config).toEqual({ empty: 'fallback', on: true, nested: { count: 12 } });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.nested)).toBe(true);
  });
});
