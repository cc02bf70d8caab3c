// Broker envelopes: what ingest encodes the worker decodes, anything else is refused whole, and
// outcome messages stay within the broker's size limit.
import { randomUUID } from 'node:crypto';
import { messageBytesMax } from './limits.ts';
import {
  callbackAttributesBytesMax, decodeBalanceChangeMessage, decodeOutcomeMessage, decodePostingMessage, encodeBalanceChangeMessages,
  encodeCallbackMessages, encodeOutcomeMessages, encodePostingMessage, type BalanceChange, type PostingOutcomeMessage,
} from './messages.ts';
import type { Posting } from './posting.ts';

const posting = (fields: Partial<Posting> = {}): Posting => ({
  id: randomUUID(),
  traceKey: randomUUID(),
  branch: '0001',
  account: '123456',
  amount: '10.00',
  debitCredit: 'C',
  eventCode: 494,
  description: null,
  details: null,
  dateRef: '2026-11-24',
  ...fields,
});

const outcome = (index: number): PostingOutcomeMessage => ({
  id: randomUUID(),
  traceKey: randomUUID(),
  branch: '0001',
  account: `A${index}`,
  dateRef: '2026-11-24',
  status: index % 7 === 0 ? 'rejected' : 'posted',
  reason: index % 7 === 0 ? 'account_blocked' : null,
  replay: false,
});

describe('posting messages', () => {
  test('what ingest encodes the worker decodes to the same postings', () => {
    const postings = [posting(), posting({ details: { pix: 'e2e' }, description: 'Pix' })];
    expect(decodePostingMessage(encodePostingMessage(postings))).toEqual({ ok: true, postings });
  });

  test.each([
    ['not JSON', 'not json', 'not_json'],
    ['not an object', '42', 'not_an_object'],
    ['another kind', JSON.stringify({ kind: 'flow.other', version: 1, postings: [posting()] }), 'kind_unknown'],
    ['another version', JSON.stringify({ kind: 'flow.postings', version: 2, postings: [posting()] }), 'version_unknown'],
    ['no postings', JSON.stringify({ kind: 'flow.postings', version: 1, postings: [] }), 'postings_missing'],
    ['too large', JSON.stringify({ kind: 'flow.postings', version: 1, pad: 'x'.repeat(messageBytesMax) }), 'message_too_large'],
  ])('a message that is %s is refused as a whole', (_label, body, problem) => {
    expect(decodePostingMessage(body)).toMatchObject({ ok: false, problem });
  });

  test('one invalid posting refuses the whole message and says which and why', () => {
    const body = JSON.stringify({ kind: 'flow.postings', version: 1, postings: [posting(), { ...posting(), amount: '1.001' }] });
    expect(decodePostingMessage(body)).toEqual({
      ok: false,
      problem: 'postings_invalid',
      errors: [{ index: 1, errors: [{ field: 'amount', code: 'amount_too_many_decimals' }] }],
    });
  });
});

describe('outcome messages', () => {
  test('outcomes are packed in order into messages no larger than the limit', () => {
    const outcomes = Array.from({ length: 2_500 }, (_, index) => outcome(index));
    const bodies = encodeOutcomeMessages(outcomes, 64 * 1024);
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(64 * 1024);
    expect(bodies.flatMap((body) => decodeOutcomeMessage(body).outcomes)).toEqual(outcomes);
  });

  test('a few outcomes make one message', () => {
    const outcomes = [outcome(1), outcome(7)];
    expect(encodeOutcomeMessages(outcomes).map((body) => decodeOutcomeMessage(body))).toEqual([
      { kind: 'flow.outcomes', version: 1, outcomes },
    ]);
  });

  test('callback messages hold one producer each, with routing attributes, in batch order', () => {
    const of = (index: number, producer: string | undefined, branch = '0001') => ({ ...outcome(index), branch, ...(producer ? { producer } : {}) });
    const outcomes = [of(1, 'bank-a'), of(2, 'bank-b', '0002'), of(3, 'bank-a', '0003'), of(4, undefined), of(5, 'bank-b', '0002')];
    const messages = encodeCallbackMessages(outcomes);
    expect(messages.map((message) => [message.attributes, decodeOutcomeMessage(message.body).outcomes])).toEqual([
      [{ kind: 'flow.outcomes', version: '1', producer: 'bank-a' }, [outcomes[0], outcomes[2]]],
      [{ kind: 'flow.outcomes', version: '1', producer: 'bank-b', branch: '0002' }, [outcomes[1], outcomes[4]]],
      [{ kind: 'flow.outcomes', version: '1', branch: '0001' }, [outcomes[3]]],
    ]);
  });

  test('a producer\'s outcomes are split to keep body and attributes under the limit', () => {
    const outcomes = Array.from({ length: 2_000 }, (_, index) => ({ ...outcome(index), producer: 'p'.repeat(200) }));
    const bytesMax = 64 * 1024;
    const messages = encodeCallbackMessages(outcomes, bytesMax);
    expect(messages.length).toBeGreaterThan(1);
    for (const { body, attributes } of messages) {
      const attributeBytes = Object.entries(attributes).reduce((sum, [name, value]) => sum + name.length + 6 + Buffer.byteLength(value ?? ''), 0);
      expect(attributeBytes).toBeLessThan(callbackAttributesBytesMax);
      expect(Buffer.byteLength(body) + callbackAttributesBytesMax).toBeLessThanOrEqual(bytesMax);
    }
    expect(messages.flatMap((message) => decodeOutcomeMessage(message.body).outcomes)).toEqual(outcomes);
  });

  test('a consumer refuses a message of another kind', () => {
    expect(() => decodeOutcomeMessage(encodePostingMessage([posting()]))).toThrow('not a version-1 outcome message');
  });
});

describe('balance-change messages', () => {
  const change = (branch: string, index: number): BalanceChange => ({
    branch, account: `A${index}`, dateRef: '2026-11-24', closingBalanceBefore: '10.00', closingBalanceAfter: `${index}.50`,
  });

  test('one branch a message, with kind, version and branch and never a producer', () => {
    const changes = [change('0001', 1), change('0002', 2), change('0001', 3)];
    const messages = encodeBalanceChangeMessages(changes);
    expect(messages.map((message) => [message.attributes, decodeBalanceChangeMessage(message.body)])).toEqual([
      [{ kind: 'flow.balance-changes', version: '1', branch: '0001' },
        { kind: 'flow.balance-changes', version: 1, branch: '0001', changes: [changes[0], changes[2]] }],
      [{ kind: 'flow.balance-changes', version: '1', branch: '0002' },
        { kind: 'flow.balance-changes', version: 1, branch: '0002', changes: [changes[1]] }],
    ]);
    expect(encodeBalanceChangeMessages([])).toEqual([]);
  });

  test('a branch\'s changes are split to keep body and attributes under the limit, in order', () => {
    const changes = Array.from({ length: 3_000 }, (_, index) => change('0001', index));
    const bytesMax = 32 * 1024;
    const messages = encodeBalanceChangeMessages(changes, bytesMax);
    expect(messages.length).toBeGreaterThan(1);
    for (const { body } of messages) expect(Buffer.byteLength(body) + callbackAttributesBytesMax).toBeLessThanOrEqual(bytesMax);
    expect(messages.flatMap((message) => decodeBalanceChangeMessage(message.body).changes)).toEqual(changes);
  });

  test('an outcome message is not a balance-change message, nor the reverse', () => {
    expect(() => decodeBalanceChangeMessage(encodeOutcomeMessages([outcome(1)])[0]!)).toThrow('not a version-1 balance-change message');
    expect(() => decodeOutcomeMessage(encodeBalanceChangeMessages([change('0001', 1)])[0]!.body)).toThrow('not a version-1 outcome message');
  });
});
