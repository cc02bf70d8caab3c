// `flow_breaker_open{breaker}` follows a circuit breaker's state changes: 1 from `open` until
// `close` (half-open included: calls still fail fast but one probe), 0 while closed.
import type { Breaker } from '../breaker.ts';
import type { Metrics } from './registry.ts';

export function watchBreaker<Arguments extends unknown[], Result>(breaker: Breaker<Arguments, Result>, name: string, metrics: Metrics): void {
  const open = (value: 0 | 1) => () => metrics.set('flow_breaker_open', value, { breaker: name });
  open(breaker.opened || breaker.halfOpen ? 1 : 0)();
  breaker.on('open', open(1));
  breaker.on('halfOpen', open(1));
  breaker.on('close', open(0));
}
