// Batch log lines carry the batch's traceKeys: distinct, at most traceKeysLoggedMax, with the
// full count.
import { randomUUID } from 'node:crypto';
import { traceKeysLoggedMax } from '../limits.ts';
import { traceKeyFields } from './apply-entries.ts';

test('traceKeys are distinct, capped, and counted', () => {
  const keys = Array.from({ length: traceKeysLoggedMax + 5 }, () => randomUUID());
  const items = [...keys, ...keys.slice(0, 3)].map((traceKey) => ({ traceKey }));
  expect(traceKeyFields(items)).toEqual({ traceKeys: keys.slice(0, traceKeysLoggedMax), traceKeysCount: keys.length });
  expect(traceKeyFields([{ traceKey: keys[0]! }, { traceKey: keys[0]! }])).toEqual({ traceKeys: [keys[0]], traceKeysCount: 1 });
});
