export { brokerNames, type BrokerNames } from './broker-names.ts';
