import { brokerNames } from './broker-names.ts';

test('broker names are frozen and complete', () => {
  expect(Object.isFrozen(brokerNames)).toBe(true);
  expect(brokerNames.transactionDeadLetterQueue).toBe(`${brokerNames.transactionQueue}-dlq`);
  expect(Number.isInteger(brokerNames.redriveReceiveCountMax)).toBe(true);
});
