// Log lines about many postings carry their traceKeys the same way in every service.
import { randomUUID } from 'node:crypto';
import { logTraceKeysMax, traceKeyFields } from './logger.ts';

test('distinct traceKeys, at most logTraceKeysMax of them, with how many there are in all', () => {
  const keys = Array.from({ length: logTraceKeysMax + 5 }, () => randomUUID());
  const items = [...keys, ...keys].map((traceKey) => ({ traceKey }));
  expect(traceKeyFields(items)).toEqual({ traceKeys: keys.slice(0, logTraceKeysMax), traceKeyCount: keys.length });
  expect(traceKeyFields([{ traceKey: keys[0]! }, { traceKey: keys[0]! }])).toEqual({ traceKeys: [keys[0]], traceKeyCount: 1 });
});
